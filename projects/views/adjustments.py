"""Adjustments of an approved plan: open one, prepare its items (the đề án form reused for the
proposed state, a stop with its reason), submit, and the Sở's return or approval with the before /
after of every change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyencong.converters import parse_id
from khuyencong.errors import REFUSALS, StateChanged, refusal
from khuyencong.uploads import serve_private_file
from projects import adjustments, selectors, workflow
from projects.differences import adjustment_review
from projects.forms.review import AdjustmentEditor, CommentForm, DecisionForm, ReasonForm
from projects.models import AdjustmentItem, Project, authority_name
from projects.state import ProjectState
from projects.views.plans import render_plan
from projects.workflow import ADJUSTABLE_PROJECT_STATUSES


@login_required
@require_POST
def adjustment_open(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_review(request.user, pk)
    workflow.require_right(request.user, plan, "open_adjustment")
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return render_plan(
            request,
            plan,
            status=400,
            adjustment_form=form,
            refused=_("Give the reason for the adjustment."),
        )
    try:
        adjustment = adjustments.adjustment_open(
            user=request.user, plan=plan, reason=form.cleaned_data["reason"]
        )
    except REFUSALS as error:
        plan.refresh_from_db()
        message, status = refusal(error)
        return render_plan(request, plan, status=status, refused=message)
    messages.success(request, _("The adjustment is open: add the changes it asks for."))
    return redirect("projects:adjustment_detail", pk=adjustment.pk)


def render_adjustment(request, adjustment, *, status: int = 200, **extra) -> HttpResponse:
    plan = adjustment.plan
    context = {
        "adjustment": adjustment,
        "plan": plan,
        "items": adjustment_review(adjustment),
        "actions": workflow.available(request.user, adjustment),
        "changeable": list(
            Project.objects.filter(plan=plan, status__in=ADJUSTABLE_PROJECT_STATUSES)
            .order_by("program", "sequence")
            .only("pk", "code", "title")
        ),
        "events": list(
            adjustment.events.select_related("actor", "project").order_by("-created_at", "-pk")
        ),
        "authority": authority_name(plan),
        "decision_form": DecisionForm(),
        "return_form": CommentForm(),
        "stop_form": ReasonForm(),
    }
    context.update(extra)
    return render(request, "projects/adjustment_detail.html", context, status=status)


@login_required
def adjustment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    adjustment = selectors.get_adjustment_for_user(request.user, pk)
    return render_adjustment(request, adjustment)


def _refused(request, adjustment, error, **extra) -> HttpResponse:
    adjustment.refresh_from_db()
    message, status = refusal(error)
    return render_adjustment(request, adjustment, status=status, refused=message, **extra)


def _item_form(request, adjustment, *, kind, project=None, item=None) -> HttpResponse:
    # The form is a page, not a race: shown only while the adjustment can be changed (403).
    try:
        workflow.require(request.user, adjustment, "edit")
    except StateChanged as error:
        raise PermissionDenied(error.message) from None
    plan = adjustment.plan
    target = project or Project(plan=plan)
    if project is None:
        target.plan = plan
    is_post = request.method == "POST"
    editor = AdjustmentEditor(
        user=request.user,
        project=target,
        proposal=ProjectState.from_json(item.proposed) if item else None,
        data=request.POST.copy() if is_post else None,
        search_url=reverse("beneficiaries:search"),
    )
    context = {
        "editor": editor,
        "form": editor.form,
        "plan": plan,
        "project": target,
        "adjustment": adjustment,
        "cancel_url": reverse("projects:adjustment_detail", args=[adjustment.pk]),
    }
    if not is_post:
        return render(request, "projects/project_form.html", context)
    if not editor.is_valid():
        return render(request, "projects/project_form.html", context, status=400)
    try:
        adjustments.adjustment_item_save(
            user=request.user,
            adjustment=adjustment,
            kind=kind,
            project=project,
            state=editor.state(),
            item=item,
        )
    except REFUSALS as error:
        context["top_error"], status = refusal(error)
        return render(request, "projects/project_form.html", context, status=status)
    messages.success(request, _("The proposed change was saved in the adjustment."))
    return redirect("projects:adjustment_detail", pk=adjustment.pk)


@login_required
def adjustment_change(request: HttpRequest, pk: int, project_pk: int) -> HttpResponse:
    adjustment = selectors.get_adjustment_for_user(request.user, pk)
    project = Project.objects.filter(pk=project_pk, plan=adjustment.plan).first()
    if project is None:
        raise Http404
    item = adjustment.items.filter(project=project, kind=AdjustmentItem.Kind.CHANGE).first()
    return _item_form(
        request, adjustment, kind=AdjustmentItem.Kind.CHANGE, project=project, item=item
    )


@login_required
def adjustment_add(request: HttpRequest, pk: int) -> HttpResponse:
    adjustment = selectors.get_adjustment_for_user(request.user, pk)
    return _item_form(request, adjustment, kind=AdjustmentItem.Kind.ADD)


@login_required
def adjustment_item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    adjustment = selectors.get_adjustment_for_user(request.user, pk)
    item = selectors.get_adjustment_item_for_user(request.user, adjustment, item_pk)
    if item.kind == AdjustmentItem.Kind.STOP:
        raise Http404
    return _item_form(request, adjustment, kind=item.kind, project=item.project, item=item)


@login_required
@require_POST
def adjustment_item_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    adjustment = selectors.get_adjustment_for_user(request.user, pk)
    item = selectors.get_adjustment_item_for_user(request.user, adjustment, item_pk)
    try:
        adjustments.adjustment_item_delete(user=request.user, item=item)
    except REFUSALS as error:
        return _refused(request, adjustment, error)
    messages.success(request, _("The change was removed from the adjustment."))
    return redirect("projects:adjustment_detail", pk=adjustment.pk)


@login_required
@require_POST
def adjustment_stop(request: HttpRequest, pk: int) -> HttpResponse:
    adjustment = selectors.get_adjustment_for_user(request.user, pk)
    workflow.require_right(request.user, adjustment, "edit")
    project_pk = parse_id(request.POST.get("project"))
    project = (
        Project.objects.filter(pk=project_pk, plan=adjustment.plan).first() if project_pk else None
    )
    form = ReasonForm(request.POST)
    if project is None or not form.is_valid():
        return render_adjustment(
            request,
            adjustment,
            status=400,
            stop_form=form,
            refused=_("Choose the project to stop and give the reason."),
        )
    try:
        adjustments.adjustment_item_save(
            user=request.user,
            adjustment=adjustment,
            kind=AdjustmentItem.Kind.STOP,
            project=project,
            reason=form.cleaned_data["reason"],
        )
    except REFUSALS as error:
        return _refused(request, adjustment, error, stop_form=form)
    messages.success(request, _("Stopping %(code)s was added.") % {"code": project.code})
    return redirect("projects:adjustment_detail", pk=adjustment.pk)


@login_required
@require_POST
def adjustment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    adjustment = selectors.get_adjustment_for_user(request.user, pk)
    try:
        adjustments.adjustment_submit(user=request.user, adjustment=adjustment)
    except REFUSALS as error:
        return _refused(request, adjustment, error)
    messages.success(request, _("The adjustment was submitted to the department."))
    return redirect("projects:adjustment_detail", pk=adjustment.pk)


@login_required
@require_POST
def adjustment_return(request: HttpRequest, pk: int) -> HttpResponse:
    adjustment = selectors.get_adjustment_for_user(request.user, pk)
    workflow.require_right(request.user, adjustment, "return")
    form = CommentForm(request.POST)
    if not form.is_valid():
        return render_adjustment(
            request,
            adjustment,
            status=400,
            return_form=form,
            refused=_("Say what the centre must change."),
        )
    try:
        adjustments.adjustment_return(
            user=request.user, adjustment=adjustment, comment=form.cleaned_data["comment"]
        )
    except REFUSALS as error:
        return _refused(request, adjustment, error, return_form=form)
    messages.success(request, _("The adjustment was returned to the centre."))
    return redirect("projects:adjustment_detail", pk=adjustment.pk)


@login_required
@require_POST
def adjustment_approve(request: HttpRequest, pk: int) -> HttpResponse:
    adjustment = selectors.get_adjustment_for_user(request.user, pk)
    workflow.require_right(request.user, adjustment, "approve")
    form = DecisionForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_adjustment(
            request,
            adjustment,
            status=400,
            decision_form=form,
            refused=_("The decision is incomplete: see the fields below."),
        )
    try:
        adjustments.adjustment_approve(
            user=request.user,
            adjustment=adjustment,
            decision_number=form.cleaned_data["decision_number"],
            decision_date=form.cleaned_data["decision_date"],
            decision_file=form.cleaned_data.get("decision_file"),
        )
    except REFUSALS as error:
        return _refused(request, adjustment, error, decision_form=form)
    messages.success(request, _("The adjustment was approved: the plan's new version is in force."))
    return redirect("projects:plan_detail", pk=adjustment.plan_id)


@login_required
def adjustment_decision_file(request: HttpRequest, pk: int) -> HttpResponse:
    adjustment = selectors.get_adjustment_for_user(request.user, pk)
    return serve_private_file(
        adjustment.decision_file,
        f"quyet-dinh-dieu-chinh-{adjustment.plan.year}-{adjustment.number}",
    )
