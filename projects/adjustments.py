"""Adjustments of an approved plan (điều chỉnh, bổ sung, ngừng triển khai đề án).

Rules:
- The centre opens an adjustment on an approved plan with a required reason; only one is open
  per plan at a time (checked under the plan lock and by a database constraint). The plan is
  "being adjusted" meanwhile and stays locked: the approved state stays in force.
- Items: change a đề án (its proposed state, through the đề án form), add one, stop one (with a
  reason). The proposed state is kept as JSON (projects.state.ProjectState) and judged by the
  same rules as a đề án's save (projects.state.problems, the caps in force included).
- The centre head submits it; the Sở reviewer returns it with a comment or approves it with a
  decision. On approval KCĐP items take effect (amounts approved as proposed), the plan's version
  goes up, and each changed đề án keeps its approved version (ProjectVersion). KCQG items wait for
  the ministry (projects.ministry applies them with `apply_item`).
- A stopped đề án keeps its record, its reason and date, and leaves the active totals.
Every status change goes through projects.workflow (require, then apply), like the review's.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khuyencong.checks import require_decision, require_text
from khuyencong.errors import StateChanged
from khuyencong.notifications import notify
from projects import workflow
from projects.caps import caps_of_plan
from projects.documents import store_decision_file
from projects.events import log
from projects.locks import lock_adjustment, lock_plan, lock_projects
from projects.models import (
    Adjustment,
    AdjustmentItem,
    Plan,
    PlanEvent,
    Program,
    Project,
    authority_name,
)
from projects.recipients import (
    adjustment_url,
    centre_of,
    notify_ministry_awaiting,
    reviewers_of,
)
from projects.services import project_number
from projects.state import (
    BudgetLineData,
    OutputData,
    ProjectState,
    keep_versions,
    load_states,
    missing,
    problems,
    write_state,
)
from projects.totals import refresh_project_totals
from projects.workflow import ADJUSTABLE_PROJECT_STATUSES, ProjectStatus


def adjustment_open(*, user, plan: Plan, reason: str) -> Adjustment:
    """Open an adjustment of an approved plan (centre), with a reason; one open at a time."""
    workflow.require_right(user, plan, "open_adjustment")
    reason = require_text(reason, _("Give the reason for the adjustment."), "reason")
    try:
        with transaction.atomic():
            plan = lock_plan(plan.pk)
            workflow.require(user, plan, "open_adjustment")
            adjustment = Adjustment.objects.create(
                plan=plan, number=plan.version + 1, reason=reason, opened_by=user
            )
            workflow.apply(plan, "open_adjustment", user=user, reason=reason)
            log(plan, PlanEvent.Kind.ADJUSTMENT_OPENED, user, adjustment=adjustment, comment=reason)
    except IntegrityError:  # the constraint caught a second open adjustment
        raise StateChanged(_("This plan already has an open adjustment.")) from None
    return adjustment


def _check_item_project(adjustment: Adjustment, project: Project) -> None:
    if project.plan_id != adjustment.plan_id:
        raise PermissionDenied
    if project.status == ProjectStatus.AWAITING_MINISTRY:
        raise ValidationError(
            _("Project %(code)s awaits the ministry: adjust it once the ministry has decided.")
            % {"code": project.code}
        )
    if project.status not in ADJUSTABLE_PROJECT_STATUSES:
        raise ValidationError(
            _("Project %(code)s is %(status)s: it cannot be adjusted.")
            % {"code": project.code, "status": project.get_status_display().lower()}
        )


def adjustment_item_save(
    *,
    user,
    adjustment: Adjustment,
    kind: str,
    project: Project | None = None,
    state: ProjectState | dict | None = None,
    reason: str = "",
    item: AdjustmentItem | None = None,
) -> AdjustmentItem:
    """Add or replace one item: a đề án's proposed state (change / add) or a stop with reason.
    The proposed state is refused (400) when it breaks a money rule."""
    workflow.require_right(user, adjustment, "edit")
    if kind == AdjustmentItem.Kind.STOP:
        reason = require_text(reason, _("Give the reason for stopping the project."), "reason")
    elif not state:
        raise ValidationError(_("The project's proposed state is missing."))
    if state is not None:
        state = ProjectState.coerce(state)
    with transaction.atomic():
        plan, adjustment = lock_adjustment(adjustment.pk)
        workflow.require(user, adjustment, "edit")
        if kind != AdjustmentItem.Kind.ADD:
            if project is None:
                raise ValidationError(_("Choose the project."))
            project = Project.objects.select_for_update().get(pk=project.pk)
            _check_item_project(adjustment, project)
            if kind == AdjustmentItem.Kind.CHANGE and state.program != project.program:
                raise ValidationError(
                    _("An adjustment keeps a project's program: stop it and add a new one.")
                )
            item = item or adjustment.items.filter(project=project).first()
        if state is not None:
            [loaded] = load_states([state])
            errors = [p.message for p in problems(loaded, caps_of_plan(plan)) if p.is_error]
            if errors:
                raise ValidationError(errors)
        if item is None:
            item = AdjustmentItem(adjustment=adjustment, kind=kind, project=project)
        item.kind = kind
        item.proposed = state.to_json() if state else {}
        item.reason = reason
        if state:
            item.program, item.title = state.program, state.title
        else:
            item.program, item.title = project.program, project.title
        item.save()
    return item


def adjustment_item_delete(*, user, item: AdjustmentItem) -> None:
    workflow.require_right(user, item.adjustment, "edit")
    with transaction.atomic():
        _plan, adjustment = lock_adjustment(item.adjustment_id)
        workflow.require(user, adjustment, "edit")
        AdjustmentItem.objects.filter(pk=item.pk).delete()


def adjustment_problems(adjustment: Adjustment) -> list[str]:
    """What keeps the adjustment from being submitted: no item, or an item's proposed state
    missing something (projects.state.missing)."""
    items = list(adjustment.items.select_related("project").order_by("pk"))
    if not items:
        return [_("The adjustment has no change yet.")]
    caps = caps_of_plan(adjustment.plan)
    proposed = [item for item in items if item.proposed]
    states = load_states([ProjectState.from_json(item.proposed) for item in proposed])
    return [
        f"{item.title}: {message}"
        for item, state in zip(proposed, states, strict=True)
        for message in missing(state, caps)
    ]


def adjustment_submit(*, user, adjustment: Adjustment) -> Adjustment:
    """Submit the adjustment for review (centre head)."""
    workflow.require_right(user, adjustment, "submit")
    with transaction.atomic():
        plan, adjustment = lock_adjustment(adjustment.pk)
        workflow.require(user, adjustment, "submit")
        missing_now = adjustment_problems(adjustment)
        if missing_now:
            raise ValidationError(missing_now, code="incomplete")
        adjustment.submitted_at = timezone.now()
        workflow.apply(adjustment, "submit", user=user)
        log(plan, PlanEvent.Kind.ADJUSTMENT_SUBMITTED, user, adjustment=adjustment)
        notify(
            recipients=reviewers_of(plan),
            text=_("%(adjustment)s was submitted for your review.") % {"adjustment": adjustment},
            url=adjustment_url(adjustment),
        )
    return adjustment


def adjustment_return(*, user, adjustment: Adjustment, comment: str) -> Adjustment:
    """Return a submitted adjustment to the centre with a comment (Sở reviewer)."""
    workflow.require_right(user, adjustment, "return")
    comment = require_text(comment, _("Say what the centre must change."), "comment")
    with transaction.atomic():
        plan, adjustment = lock_adjustment(adjustment.pk)
        workflow.require(user, adjustment, "return")
        workflow.apply(adjustment, "return", user=user)
        log(plan, PlanEvent.Kind.ADJUSTMENT_RETURNED, user, adjustment=adjustment, comment=comment)
        notify(
            recipients=centre_of(plan),
            text=_("%(adjustment)s was returned for changes: %(comment)s")
            % {"adjustment": adjustment, "comment": comment},
            url=adjustment_url(adjustment),
        )
    return adjustment


# --- Taking effect --------------------------------------------------------------------------------


def apply_proposed(user, project: Project, proposed: dict, *, approved: bool) -> None:
    """Make the stored đề án equal an item's proposed state (its amounts approved as proposed
    when `approved`, else waiting for their approval); the achieved outputs stay as recorded."""
    state = ProjectState.from_json(proposed)
    actual = {o.indicator_id: o.actual for o in project.outputs.all()} if project.pk else {}
    state.budget = [
        BudgetLineData(row.source, row.proposed, row.proposed if approved else None)
        for row in state.budget
    ]
    state.outputs = [
        OutputData(o.indicator_id, o.planned, actual.get(o.indicator_id)) for o in state.outputs
    ]
    project.lock_version += 1
    write_state(user=user, project=project, state=state)


def apply_item(user, item: AdjustmentItem, project: Project | None, *, approved: bool) -> Project:
    """Let one item take effect on its đề án (the caller holds the plan lock): a stop stops it,
    a change gives it its proposed state (back from the ministry to its status before)."""
    if item.kind == AdjustmentItem.Kind.STOP:
        project.status_reason = item.reason
        project.status_changed_on = timezone.localdate()
        workflow.apply(project, "stop", user=user, reason=item.reason)
        return project
    if item.kind == AdjustmentItem.Kind.CHANGE:
        if project.status == ProjectStatus.AWAITING_MINISTRY:
            workflow.apply(
                project,
                "ministry_restore",
                user=user,
                save=False,
                previous_status=item.previous_status,
            )
        apply_proposed(user, project, item.proposed, approved=approved)
        return project
    return project  # an added đề án was created with its state when the Sở approved


def _create_added(user, plan: Plan, item: AdjustmentItem, *, to_ministry: bool) -> Project:
    """The đề án an item adds, approved (KCĐP) or waiting for the ministry (KCQG)."""
    project = Project(plan=plan, created_by=user)
    ProjectState.from_json(item.proposed).apply_fields(project)
    project_number(project, plan)
    step = "send_to_ministry" if to_ministry else "approve"
    workflow.apply(project, step, user=user, save=False)
    apply_proposed(user, project, item.proposed, approved=not to_ministry)
    item.project = project
    return project


def adjustment_approve(
    *, user, adjustment: Adjustment, decision_number: str, decision_date, decision_file=None
) -> Adjustment:
    """Approve a submitted adjustment with its decision: KCĐP items take effect, KCQG items wait
    for the ministry; the plan's version goes up and each changed đề án keeps its version."""
    workflow.require_right(user, adjustment, "approve")
    decision_number = require_decision(decision_number, decision_date)
    with transaction.atomic():
        plan, adjustment = lock_adjustment(adjustment.pk)
        workflow.require(user, adjustment, "approve")
        store_decision_file(adjustment.decision_file, decision_file)
        items = list(adjustment.items.select_related("project").order_by("pk"))
        locked = {
            p.pk: p for p in lock_projects(plan, ids=[i.project_id for i in items if i.project_id])
        }
        applied, national, touched = [], [], []
        for item in items:
            project = locked.get(item.project_id)
            if item.program == Program.KCQG:
                if item.kind == AdjustmentItem.Kind.ADD:
                    project = _create_added(user, plan, item, to_ministry=True)
                else:
                    item.previous_status = project.status
                    workflow.apply(project, "send_to_ministry", user=user)
                workflow.apply(item, "send_to_ministry", user=user, save=False)
                national.append(project)
            else:
                if item.kind == AdjustmentItem.Kind.ADD:
                    project = _create_added(user, plan, item, to_ministry=False)
                else:
                    apply_item(user, item, project, approved=True)
                workflow.apply(item, "apply", user=user, save=False)
                applied.append(project)
            touched.append(project.pk)
            item.save()
        adjustment.decided_at = timezone.now()
        adjustment.decision_number = decision_number
        adjustment.decision_date = decision_date
        workflow.apply(adjustment, "approve", user=user)
        plan.version = adjustment.number
        workflow.apply(plan, "close_adjustment", user=user, reason=_("Adjustment approved"))
        keep_versions(
            applied,
            plan_version=plan.version,
            decision_number=decision_number,
            decision_date=decision_date,
        )
        refresh_project_totals(touched)
        log(
            plan,
            PlanEvent.Kind.ADJUSTMENT_APPROVED,
            user,
            adjustment=adjustment,
            decision_number=decision_number,
            decision_date=decision_date,
            authority=authority_name(plan),
        )
        for item in items:
            if item.kind == AdjustmentItem.Kind.STOP and item.program != Program.KCQG:
                log(plan, PlanEvent.Kind.PROJECT_STOPPED, user, project=locked[item.project_id],
                    adjustment=adjustment, comment=item.reason)  # fmt: skip
        notify(
            recipients=centre_of(plan),
            text=_("%(adjustment)s was approved (decision %(number)s of %(date)s).")
            % {
                "adjustment": adjustment,
                "number": decision_number,
                "date": decision_date.strftime("%d/%m/%Y"),
            },
            url=adjustment_url(adjustment),
        )
        if national:
            notify_ministry_awaiting(plan, national)
    return adjustment


__all__ = [
    "adjustment_approve",
    "adjustment_item_delete",
    "adjustment_item_save",
    "adjustment_open",
    "adjustment_return",
    "adjustment_submit",
    "apply_item",
    "apply_proposed",
]
