"""The review of a plan (submit, return, approve; comments, rejections and approved amounts per
đề án), the ministry's KCQG approvals, and the decision files.

Every action answers with a redirect and a message, or with the page and the reason it was
refused: 400 bad input (or what is missing), 403 the wrong role, 404 another province, 409 a
state that changed under the user."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyencong.errors import REFUSALS, refusal
from khuyencong.listing import paginate
from khuyencong.scoping import can_approve_for_ministry, can_review
from khuyencong.uploads import serve_private_file
from projects import review, selectors
from projects.models import BudgetLine, authority_name
from projects.review_forms import (
    ApprovedAmountsForm,
    CommentForm,
    DecisionForm,
    MinistryDecisionForm,
    ReasonForm,
)

# --- The plan page --------------------------------------------------------------------------------


def plan_context(request, plan, **extra) -> dict:
    """Everything the plan page shows, for its GET and for an action refused on it."""
    breakdown = selectors.plan_breakdown(plan)
    data = selectors.plan_review(plan, breakdown)
    open_adjustment = next((a for a in data.adjustments if a.is_open), None)
    actions = review.plan_actions(
        request.user, plan, has_open_adjustment=open_adjustment is not None
    )
    from funding.implementation import plan_implementation

    context = {
        "plan": plan,
        "breakdown": breakdown,
        # Issue 9: approved vs disbursed vs accepted vs settled, by đề án, and what is late.
        "plan_implementation": plan_implementation(plan, breakdown),
        "review": data,
        "actions": actions,
        "can_add_project": actions.edit,
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


def _refused_on_plan(request, plan, error, **extra) -> HttpResponse:
    message, status = refusal(error)
    return render_plan(request, plan, status=status, refused=message, **extra)


@login_required
@require_POST
def plan_submit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_review(request.user, pk)
    try:
        review.plan_submit(user=request.user, plan=plan)
    except REFUSALS as error:
        plan.refresh_from_db()
        incomplete = error if isinstance(error, review.IncompletePlan) else None
        return _refused_on_plan(request, plan, error, incomplete=incomplete)
    messages.success(request, _("The plan was submitted to the department for review."))
    return redirect("projects:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_return(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_review(request.user, pk)
    if not can_review(request.user):
        raise PermissionDenied(_("Only the department's reviewer returns a plan."))
    form = CommentForm(request.POST)
    if not form.is_valid():
        return render_plan(
            request,
            plan,
            status=400,
            return_form=form,
            refused=_("Say what the centre must change."),
        )
    try:
        review.plan_return(user=request.user, plan=plan, comment=form.cleaned_data["comment"])
    except REFUSALS as error:
        plan.refresh_from_db()
        return _refused_on_plan(request, plan, error, return_form=form)
    messages.success(request, _("The plan was returned to the centre."))
    return redirect("projects:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_review(request.user, pk)
    if not can_review(request.user):
        raise PermissionDenied(_("Only the department's reviewer approves a plan."))
    form = DecisionForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_plan(
            request,
            plan,
            status=400,
            decision_form=form,
            refused=_("The decision is incomplete: see the fields below."),
        )
    try:
        review.plan_approve(
            user=request.user,
            plan=plan,
            decision_number=form.cleaned_data["decision_number"],
            decision_date=form.cleaned_data["decision_date"],
            decision_file=form.cleaned_data.get("decision_file"),
        )
    except REFUSALS as error:
        plan.refresh_from_db()
        return _refused_on_plan(request, plan, error, decision_form=form)
    messages.success(
        request, _("The plan was approved; it is now locked. KCQG projects await the ministry.")
    )
    return redirect("projects:plan_detail", pk=plan.pk)


@login_required
def plan_decision_file(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    return serve_private_file(plan.decision_file, f"quyet-dinh-{plan.year}-{plan.province.code}")


# --- One đề án under review -------------------------------------------------------------------


def _project_action(request, pk, run, success: str, *, form_class=CommentForm) -> HttpResponse:
    from projects.views.projects import render_project

    project = selectors.get_project_for_user(request.user, pk)
    if not can_review(request.user):
        raise PermissionDenied(_("Only the department's reviewer reviews a project."))
    form = form_class(request.POST)
    if not form.is_valid():
        return render_project(
            request, project, status=400, refused=" ".join(
                str(e) for errors in form.errors.values() for e in errors
            )
        )  # fmt: skip
    try:
        run(project, form.cleaned_data)
    except REFUSALS as error:
        project.refresh_from_db()
        message, status = refusal(error)
        return render_project(request, project, status=status, refused=message)
    messages.success(request, success)
    return redirect("projects:detail", pk=project.pk)


@login_required
@require_POST
def project_comment(request: HttpRequest, pk: int) -> HttpResponse:
    return _project_action(
        request,
        pk,
        lambda project, data: review.project_comment(
            user=request.user, project=project, comment=data["comment"]
        ),
        _("Your comment was added."),
    )


@login_required
@require_POST
def project_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _project_action(
        request,
        pk,
        lambda project, data: review.project_reject(
            user=request.user, project=project, reason=data["reason"]
        ),
        _("The project was rejected; it no longer counts in the plan's totals."),
        form_class=ReasonForm,
    )


def _lines(project) -> list[BudgetLine]:
    return list(BudgetLine.objects.filter(project=project).order_by("pk"))


@login_required
@require_POST
def project_approved_amounts(request: HttpRequest, pk: int) -> HttpResponse:
    from projects.views.projects import render_project

    project = selectors.get_project_for_user(request.user, pk)
    if not can_review(request.user):
        raise PermissionDenied(_("Only the department's reviewer sets approved amounts."))
    form = ApprovedAmountsForm(request.POST, lines=_lines(project))
    if not form.is_valid():
        return render_project(request, project, status=400, amounts_form=form)
    try:
        review.budget_line_set_approved(user=request.user, project=project, amounts=form.amounts())
    except REFUSALS as error:
        project.refresh_from_db()
        message, status = refusal(error)
        return render_project(
            request,
            project,
            status=status,
            refused=message,
            amounts_form=form,
        )
    messages.success(request, _("The approved amounts were saved."))
    return redirect("projects:detail", pk=project.pk)


# --- The ministry ---------------------------------------------------------------------------------


@login_required
def ministry_list(request: HttpRequest) -> HttpResponse:
    """Every KCQG đề án awaiting the ministry, across provinces (filter province, content)."""
    if not (can_approve_for_ministry(request.user) or request.user.is_superuser):
        raise PermissionDenied(_("This page is the ministry's."))
    projects = selectors.awaiting_ministry(user=request.user, params=request.GET)
    page = paginate(request, projects.qs)
    rows = selectors.attach_totals(page)
    for row in rows:
        row.age_days = selectors.age_in_days(row.updated_at)
    return render(
        request,
        "projects/ministry_list.html",
        {"filter": projects, "page_obj": page, "projects": rows},
    )


@login_required
@require_POST
def ministry_approve(request: HttpRequest, pk: int) -> HttpResponse:
    from projects.views.projects import render_project

    project = selectors.get_project_for_user(request.user, pk)
    if not can_approve_for_ministry(request.user):
        raise PermissionDenied(_("Only the ministry approves KCQG projects."))
    form = MinistryDecisionForm(request.POST, lines=_lines(project))
    if not form.is_valid():
        return render_project(request, project, status=400, ministry_form=form)
    try:
        review.ministry_project_approve(
            user=request.user,
            project=project,
            decision_number=form.cleaned_data["decision_number"],
            decision_date=form.cleaned_data["decision_date"],
            amounts=form.amounts(),
        )
    except REFUSALS as error:
        project.refresh_from_db()
        message, status = refusal(error)
        return render_project(
            request,
            project,
            status=status,
            refused=message,
            ministry_form=form,
        )
    messages.success(request, _("Project %(code)s was approved.") % {"code": project.code})
    return redirect("projects:ministry_list")


@login_required
@require_POST
def ministry_reject(request: HttpRequest, pk: int) -> HttpResponse:
    from projects.views.projects import render_project

    project = selectors.get_project_for_user(request.user, pk)
    if not can_approve_for_ministry(request.user):
        raise PermissionDenied(_("Only the ministry rejects KCQG projects."))
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return render_project(
            request, project, status=400, refused=_("Give the reason for rejecting the project.")
        )
    try:
        review.ministry_project_reject(
            user=request.user, project=project, reason=form.cleaned_data["reason"]
        )
    except REFUSALS as error:
        project.refresh_from_db()
        message, status = refusal(error)
        return render_project(request, project, status=status, refused=message)
    messages.success(request, _("Project %(code)s was rejected.") % {"code": project.code})
    return redirect("projects:ministry_list")
