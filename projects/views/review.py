"""The review of a plan (submit, return, approve; comments, rejections and approved amounts per
đề án) and its decision file.

Every action answers with a redirect and a message, or with the page and the reason it was
refused (khuyencong.errors.refusal): 400 bad input (or what is missing), 403 the wrong role (the
workflow's answer, asked before the form is read), 404 another province, 409 a state that
changed under the user."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyencong.errors import REFUSALS, refusal
from khuyencong.uploads import serve_private_file
from projects import review, selectors, workflow
from projects.forms.review import ApprovedAmountsForm, CommentForm, DecisionForm, ReasonForm
from projects.models import BudgetLine
from projects.views.plans import render_plan
from projects.views.projects import render_project


def _refused_on_plan(request, plan, error, **extra) -> HttpResponse:
    plan.refresh_from_db()
    message, status = refusal(error)
    return render_plan(request, plan, status=status, refused=message, **extra)


@login_required
@require_POST
def plan_submit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_review(request.user, pk)
    try:
        review.plan_submit(user=request.user, plan=plan)
    except REFUSALS as error:
        incomplete = error if isinstance(error, review.IncompletePlan) else None
        return _refused_on_plan(request, plan, error, incomplete=incomplete)
    messages.success(request, _("The plan was submitted to the department for review."))
    return redirect("projects:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_return(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_review(request.user, pk)
    workflow.require_right(request.user, plan, "return")
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
        return _refused_on_plan(request, plan, error, return_form=form)
    messages.success(request, _("The plan was returned to the centre."))
    return redirect("projects:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_review(request.user, pk)
    workflow.require_right(request.user, plan, "approve")
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


def refused_on_project(request, project, error, **extra) -> HttpResponse:
    project.refresh_from_db()
    message, status = refusal(error)
    return render_project(request, project, status=status, refused=message, **extra)


def _project_action(
    request, pk, action: str, run, success: str, *, form_class=CommentForm
) -> HttpResponse:
    project = selectors.get_project_for_user(request.user, pk)
    workflow.require_right(request.user, project, action)
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
        return refused_on_project(request, project, error)
    messages.success(request, success)
    return redirect("projects:detail", pk=project.pk)


@login_required
@require_POST
def project_comment(request: HttpRequest, pk: int) -> HttpResponse:
    return _project_action(
        request,
        pk,
        "comment",
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
        "reject",
        lambda project, data: review.project_reject(
            user=request.user, project=project, reason=data["reason"]
        ),
        _("The project was rejected; it no longer counts in the plan's totals."),
        form_class=ReasonForm,
    )


def budget_lines_of(project) -> list[BudgetLine]:
    return list(BudgetLine.objects.filter(project=project).order_by("pk"))


@login_required
@require_POST
def project_approved_amounts(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for_user(request.user, pk)
    workflow.require_right(request.user, project, "set_amounts")
    form = ApprovedAmountsForm(request.POST, lines=budget_lines_of(project))
    if not form.is_valid():
        return render_project(request, project, status=400, amounts_form=form)
    try:
        review.budget_line_set_approved(user=request.user, project=project, amounts=form.amounts())
    except REFUSALS as error:
        return refused_on_project(request, project, error, amounts_form=form)
    messages.success(request, _("The approved amounts were saved."))
    return redirect("projects:detail", pk=project.pk)
