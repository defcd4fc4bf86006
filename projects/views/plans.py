"""Annual plans: the list with totals, opening a year's plan, and a plan's page (its đề án by
content, its review, and the sections later apps add)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from khuyencong.converters import parse_year
from khuyencong.listing import paginate
from khuyencong.scoping import can_edit
from projects import selectors, services, workflow
from projects.forms.review import CommentForm, DecisionForm, ReasonForm
from projects.models import authority_name
from projects.sections import plan_sections


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = selectors.plan_list(user=request.user, params=request.GET)
    page = paginate(request, plans.qs)
    return render(
        request,
        "projects/plan_list.html",
        {
            "filter": plans,
            "page_obj": page,
            "plans": selectors.plans_page_totals(page),
            "years_to_open": selectors.plan_years_to_open(request.user),
            "can_import": can_edit(request.user),
        },
    )


@login_required
@require_POST
def plan_open(request: HttpRequest) -> HttpResponse:
    """POST year: the service refuses a reviewer (403), a year already opened or out of range."""
    # Not a year: 0, refused by the service with the years that can be opened.
    year = parse_year(request.POST.get("year")) or 0
    try:
        plan = services.plan_open(user=request.user, year=year)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("projects:plan_list")
    return redirect("projects:plan_detail", pk=plan.pk)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    return render_plan(request, plan)


def plan_context(request, plan, **extra) -> dict:
    """Everything the plan page shows, for its GET and for an action refused on it. The buttons
    are the workflow's answer for this user (projects.workflow.available)."""
    breakdown = selectors.plan_breakdown(plan)
    data = selectors.plan_review(plan, breakdown)
    open_adjustment = next((a for a in data.adjustments if a.is_open), None)
    actions = workflow.available(request.user, plan, open_adjustment=open_adjustment is not None)
    context = {
        "plan": plan,
        "breakdown": breakdown,
        "sections": plan_sections(request, plan, breakdown),
        "review": data,
        "actions": actions,
        "can_add_project": "edit" in actions,
        "open_adjustment": open_adjustment,
        "authority": authority_name(plan),
        "history": selectors.plan_history(plan),
        "decision_form": DecisionForm(),
        "return_form": CommentForm(),
        "adjustment_form": ReasonForm(),
    }
    context.update(extra)
    return context


def render_plan(request, plan, *, status: int = 200, **extra) -> HttpResponse:
    return render(
        request, "projects/plan_detail.html", plan_context(request, plan, **extra), status=status
    )
