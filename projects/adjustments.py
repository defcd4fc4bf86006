"""Adjustments of an approved plan (điều chỉnh, bổ sung, ngừng triển khai đề án).

Rules:
- The centre opens an adjustment on an approved plan with a required reason; only one is open
  per plan at a time (checked under the plan lock and by a database constraint). The plan is
  "being adjusted" meanwhile and stays locked: the approved state stays in force.
- Items: change a đề án (its proposed state, through the đề án form), add one, stop one (with a
  reason). The proposed state is kept as JSON (`project_state`'s shape) and judged by the money
  rules of projects.rules like a đề án's save.
- The centre head submits it; the Sở reviewer returns it with a comment or approves it with a
  decision. On approval KCĐP items take effect (amounts approved as proposed), the plan's version
  goes up, and each changed đề án keeps its approved version (ProjectVersion). KCQG items wait for
  the ministry (projects.review.ministry_project_approve applies them).
- A stopped đề án keeps its record, its reason and date, and leaves the active totals.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from khuyencong.checks import require_decision, require_text
from khuyencong.children import sync_children
from khuyencong.errors import StateChanged
from khuyencong.notifications import notify
from khuyencong.scoping import can_edit, can_review, can_submit
from projects import rules
from projects.caps import caps_of_plan
from projects.documents import store_decision_file
from projects.events import log
from projects.locks import lock_adjustment, lock_plan
from projects.models import (
    INACTIVE_PROJECT_STATUSES,
    OPEN_ADJUSTMENT_STATUSES,
    Adjustment,
    AdjustmentItem,
    AdjustmentStatus,
    BudgetLine,
    Content,
    Indicator,
    Participation,
    Plan,
    PlanEvent,
    PlanStatus,
    Program,
    Project,
    ProjectOutput,
    ProjectStatus,
    authority_name,
)
from projects.project_states import (
    FIELDS,
    FOREIGN_KEYS,
    MONTHS,
    adjustment_review,
    state_problems,
)
from projects.recipients import (
    adjustment_url,
    centre_of,
    notify_ministry_awaiting,
    reviewers_of,
)
from projects.services import _number, apply_activity_rule
from projects.totals import refresh_project_totals
from projects.versions import snapshot

# --- The services ---------------------------------------------------------------------------------


def _require_editable(adjustment: Adjustment) -> None:
    if not adjustment.is_editable:
        raise StateChanged(
            _("The adjustment is %(status)s: it can be changed only while prepared or returned.")
            % {"status": adjustment.get_status_display().lower()}
        )


def adjustment_open(*, user, plan: Plan, reason: str) -> Adjustment:
    """Open an adjustment of an approved plan (centre), with a reason; one open at a time."""
    if not can_edit(user):
        raise PermissionDenied(_("Only the centre asks for an adjustment."))
    reason = require_text(reason, _("Give the reason for the adjustment."), "reason")
    try:
        with transaction.atomic():
            plan = lock_plan(plan.pk)
            if plan.adjustments.filter(status__in=list(OPEN_ADJUSTMENT_STATUSES)).exists():
                raise StateChanged(_("This plan already has an open adjustment."))
            if plan.status != PlanStatus.APPROVED:
                raise StateChanged(
                    _("Only an approved plan can be adjusted; this one is %(status)s.")
                    % {"status": plan.get_status_display().lower()}
                )
            adjustment = Adjustment.objects.create(
                plan=plan, number=plan.version + 1, reason=reason, opened_by=user
            )
            plan.status = PlanStatus.ADJUSTING
            plan._history_user = user
            plan._change_reason = reason[:100]
            plan.save()
            log(plan, PlanEvent.Kind.ADJUSTMENT_OPENED, user, adjustment=adjustment, comment=reason)
    except IntegrityError:  # the constraint caught a second open adjustment
        raise StateChanged(_("This plan already has an open adjustment.")) from None
    return adjustment


def _check_item_project(adjustment: Adjustment, project: Project) -> None:
    if project.plan_id != adjustment.plan_id:
        raise PermissionDenied
    if project.status in INACTIVE_PROJECT_STATUSES or project.status == ProjectStatus.SETTLED:
        raise ValidationError(
            _("Project %(code)s is %(status)s: it cannot be adjusted.")
            % {"code": project.code, "status": project.get_status_display().lower()}
        )
    if project.status == ProjectStatus.AWAITING_MINISTRY:
        raise ValidationError(
            _("Project %(code)s awaits the ministry: adjust it once the ministry has decided.")
            % {"code": project.code}
        )


def adjustment_item_save(
    *,
    user,
    adjustment: Adjustment,
    kind: str,
    project: Project | None = None,
    state: dict | None = None,
    reason: str = "",
    item: AdjustmentItem | None = None,
) -> AdjustmentItem:
    """Add or replace one item: a đề án's proposed state (change / add) or a stop with reason."""
    if not can_edit(user):
        raise PermissionDenied(_("Only the centre prepares an adjustment."))
    if kind == AdjustmentItem.Kind.STOP:
        reason = require_text(reason, _("Give the reason for stopping the project."), "reason")
    elif not state:
        raise ValidationError(_("The project's proposed state is missing."))
    with transaction.atomic():
        plan, adjustment = lock_adjustment(adjustment.pk)
        _require_editable(adjustment)
        if kind != AdjustmentItem.Kind.ADD:
            if project is None:
                raise ValidationError(_("Choose the project."))
            project = Project.objects.select_for_update().get(pk=project.pk)
            _check_item_project(adjustment, project)
            if kind == AdjustmentItem.Kind.CHANGE and state["fields"]["program"] != project.program:
                raise ValidationError(
                    _("An adjustment keeps a project's program: stop it and add a new one.")
                )
            item = item or adjustment.items.filter(project=project).first()
        if state is not None:
            errors = rules.errors_of(
                rules.money_problems(
                    program=state["fields"]["program"],
                    content=Content.objects.get(pk=state["fields"]["content"]),
                    caps=[],
                    binding=True,
                    lines=[(r["source"], r["proposed"]) for r in state["budget"]],
                    establishments=[
                        rules.EstablishmentMoney("", p["support_amount"], p["counterpart_amount"])
                        for p in state["participants"]
                    ],
                )
            )
            if errors:
                raise ValidationError([e.message for e in errors])
        if item is None:
            item = AdjustmentItem(adjustment=adjustment, kind=kind, project=project)
        item.kind = kind
        item.proposed = state or {}
        item.reason = reason
        if state:
            item.program = state["fields"]["program"]
            item.title = state["fields"]["title"]
        else:
            item.program, item.title = project.program, project.title
        item.save()
    return item


def adjustment_item_delete(*, user, item: AdjustmentItem) -> None:
    if not can_edit(user):
        raise PermissionDenied(_("Only the centre prepares an adjustment."))
    with transaction.atomic():
        _plan, adjustment = lock_adjustment(item.adjustment_id)
        _require_editable(adjustment)
        AdjustmentItem.objects.filter(pk=item.pk).delete()


def adjustment_problems(adjustment: Adjustment) -> list[str]:
    items = list(adjustment.items.select_related("project").order_by("pk"))
    if not items:
        return [_("The adjustment has no change yet.")]
    caps = caps_of_plan(adjustment.plan)
    missing = []
    for item in items:
        if item.proposed:
            for message in state_problems(adjustment.plan, item.proposed, caps):
                missing.append(f"{item.title}: {message}")
    return missing


def adjustment_submit(*, user, adjustment: Adjustment) -> Adjustment:
    """Submit the adjustment for review (centre head)."""
    if not can_submit(user):
        raise PermissionDenied(_("Only the centre head submits an adjustment."))
    with transaction.atomic():
        plan, adjustment = lock_adjustment(adjustment.pk)
        _require_editable(adjustment)
        missing = adjustment_problems(adjustment)
        if missing:
            raise ValidationError(missing, code="incomplete")
        adjustment.status = AdjustmentStatus.SUBMITTED
        adjustment.submitted_at = timezone.now()
        adjustment.save()
        log(plan, PlanEvent.Kind.ADJUSTMENT_SUBMITTED, user, adjustment=adjustment)
        notify(
            recipients=reviewers_of(plan),
            text=_("%(adjustment)s was submitted for your review.") % {"adjustment": adjustment},
            url=adjustment_url(adjustment),
        )
    return adjustment


def adjustment_return(*, user, adjustment: Adjustment, comment: str) -> Adjustment:
    if not can_review(user):
        raise PermissionDenied(_("Only the department's reviewer returns an adjustment."))
    comment = require_text(comment, _("Say what the centre must change."), "comment")
    with transaction.atomic():
        plan, adjustment = lock_adjustment(adjustment.pk)
        if adjustment.status != AdjustmentStatus.SUBMITTED:
            raise StateChanged(_("Only a submitted adjustment can be returned."))
        adjustment.status = AdjustmentStatus.RETURNED
        adjustment.save()
        log(plan, PlanEvent.Kind.ADJUSTMENT_RETURNED, user, adjustment=adjustment, comment=comment)
        notify(
            recipients=centre_of(plan),
            text=_("%(adjustment)s was returned for changes: %(comment)s")
            % {"adjustment": adjustment, "comment": comment},
            url=adjustment_url(adjustment),
        )
    return adjustment


def _apply_state(user, project: Project, state: dict, *, approved: bool) -> None:
    """Make the stored đề án equal a proposed state (amounts approved as proposed if asked).
    A field the state does not list (a state saved before the field existed) keeps its value;
    the activity then follows the content (projects.services.ActivityRule)."""
    for name in FIELDS:
        if name not in state["fields"]:
            continue
        value = state["fields"][name]
        if name in FOREIGN_KEYS:
            setattr(project, f"{name}_id", value)
        elif name in MONTHS:
            setattr(project, name, datetime.date.fromisoformat(value) if value else None)
        else:
            setattr(project, name, value)
    apply_activity_rule(project)
    project.lock_version += 1
    project._history_user = user
    project.save()
    beneficiaries = Beneficiary.objects.in_bulk([p["beneficiary"] for p in state["participants"]])
    indicators = Indicator.objects.in_bulk([o["indicator"] for o in state["outputs"]])

    @dataclass
    class Row:
        source: str = ""
        proposed: int = 0
        approved: int | None = None
        beneficiary_id: int = 0
        support_amount: int = 0
        counterpart_amount: int = 0
        indicator_id: int = 0
        planned: int = 0
        actual: int | None = None

    sync_children(
        user=user,
        stored=project.budget_lines.all(),
        rows=[
            Row(
                source=r["source"],
                proposed=r["proposed"],
                approved=r["proposed"] if approved else None,
            )
            for r in state["budget"]
        ],
        key="source",
        build=lambda row: BudgetLine(project=project, source=row.source),
        fields=("proposed", "approved"),
    )
    sync_children(
        user=user,
        stored=project.participations.all(),
        rows=[
            Row(
                beneficiary_id=p["beneficiary"],
                support_amount=p["support_amount"],
                counterpart_amount=p["counterpart_amount"],
            )
            for p in state["participants"]
        ],
        key="beneficiary_id",
        build=lambda row: Participation(
            project=project, beneficiary=beneficiaries[row.beneficiary_id]
        ),
        fields=("support_amount", "counterpart_amount"),
    )
    stored_actual = {o.indicator_id: o.actual for o in project.outputs.all()}
    sync_children(
        user=user,
        stored=project.outputs.all(),
        rows=[
            Row(
                indicator_id=o["indicator"],
                planned=o["planned"],
                actual=stored_actual.get(o["indicator"]),
            )
            for o in state["outputs"]
        ],
        key="indicator_id",
        build=lambda row: ProjectOutput(project=project, indicator=indicators[row.indicator_id]),
        fields=("planned", "actual"),
    )


def apply_item(user, item: AdjustmentItem, project: Project | None, *, approved: bool) -> Project:
    """Let one item take effect on its đề án (the caller holds the plan lock)."""
    if item.kind == AdjustmentItem.Kind.STOP:
        project.status = ProjectStatus.STOPPED
        project.status_reason = item.reason
        project.status_changed_on = timezone.localdate()
        project._history_user = user
        project._change_reason = item.reason[:100]
        project.save()
        return project
    if item.kind == AdjustmentItem.Kind.CHANGE:
        if project.status == ProjectStatus.AWAITING_MINISTRY:
            project.status = item.previous_status or ProjectStatus.APPROVED
        _apply_state(user, project, item.proposed, approved=approved)
        return project
    return project  # an added đề án was created with its state when the Sở approved


def _create_added(user, plan: Plan, item: AdjustmentItem, *, status: str) -> Project:
    fields = item.proposed["fields"]
    project = Project(
        plan=plan,
        program=fields["program"],
        title=fields["title"],
        content_id=fields["content"],
        implementing_organisation_id=fields["implementing_organisation"],
        status=status,
        created_by=user,
    )
    _number(project, plan)
    project.save()
    _apply_state(user, project, item.proposed, approved=status == ProjectStatus.APPROVED)
    project.status = status
    item.project = project
    return project


def adjustment_approve(
    *, user, adjustment: Adjustment, decision_number: str, decision_date, decision_file=None
) -> Adjustment:
    """Approve a submitted adjustment with its decision: KCĐP items take effect, KCQG items wait
    for the ministry; the plan's version goes up and each changed đề án keeps its version."""
    if not can_review(user):
        raise PermissionDenied(_("Only the department's reviewer approves an adjustment."))
    decision_number = require_decision(decision_number, decision_date)
    with transaction.atomic():
        plan, adjustment = lock_adjustment(adjustment.pk)
        if adjustment.status != AdjustmentStatus.SUBMITTED:
            raise StateChanged(_("Only a submitted adjustment can be approved."))
        store_decision_file(adjustment.decision_file, decision_file)
        items = list(adjustment.items.select_related("project").order_by("pk"))
        locked = {
            p.pk: p
            for p in Project.objects.select_for_update().filter(
                pk__in=[i.project_id for i in items if i.project_id]
            )
        }
        applied, national, touched = [], [], []
        for item in items:
            project = locked.get(item.project_id)
            if item.program == Program.KCQG:
                if item.kind == AdjustmentItem.Kind.ADD:
                    project = _create_added(
                        user, plan, item, status=ProjectStatus.AWAITING_MINISTRY
                    )
                else:
                    item.previous_status = project.status
                    project.status = ProjectStatus.AWAITING_MINISTRY
                    project._history_user = user
                    project.save()
                item.status = AdjustmentItem.Status.AWAITING_MINISTRY
                national.append(project)
            else:
                if item.kind == AdjustmentItem.Kind.ADD:
                    project = _create_added(user, plan, item, status=ProjectStatus.APPROVED)
                else:
                    apply_item(user, item, project, approved=True)
                item.status = AdjustmentItem.Status.APPLIED
                applied.append(project)
            touched.append(project.pk)
            item.save()
        adjustment.status = AdjustmentStatus.APPROVED
        adjustment.decided_at = timezone.now()
        adjustment.decision_number = decision_number
        adjustment.decision_date = decision_date
        adjustment.save()
        plan.version = adjustment.number
        plan.status = PlanStatus.APPROVED
        plan._history_user = user
        plan._change_reason = _("Adjustment approved")
        plan.save()
        snapshot(
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
    "adjustment_review",
    "adjustment_submit",
]


@dataclass(frozen=True)
class AdjustmentActions:
    edit: bool
    submit: bool
    review: bool


def adjustment_actions(user, adjustment: Adjustment) -> AdjustmentActions:
    """What the user may do with the adjustment now: the same checks as the services."""
    return AdjustmentActions(
        edit=can_edit(user) and adjustment.is_editable,
        submit=can_submit(user) and adjustment.is_editable,
        review=can_review(user) and adjustment.status == AdjustmentStatus.SUBMITTED,
    )
