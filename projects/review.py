"""The review of a year's plan by the Sở and of its KCQG đề án by the ministry.

Each transition is one function: check the role, lock the plan row (select_for_update), check the
state under the lock, change, write a PlanEvent, notify; all in one transaction. Errors:
- PermissionDenied (403): the wrong role (the views' scoped fetch gives 404 for another province);
- StateChanged (409): the plan or đề án is no longer in the state the user acted on (someone
  else acted first): nothing is changed;
- ValidationError (400): bad input (no comment, a date that is not dd/mm/yyyy, an amount above
  the proposed one); IncompletePlan (400) lists what is missing per đề án.

Rules:
- draft/returned → submitted (centre head) only when plan_completeness finds nothing missing;
- submitted → returned (reviewer, a comment required); submitted → approved (reviewer, a decision
  number and date): KCĐP đề án become approved, KCQG đề án wait for the ministry; every budget
  line without an approved amount is approved at its proposed amount;
- while submitted the reviewer comments on, rejects (with a reason) and sets the approved
  amounts of each đề án (0 ≤ approved ≤ proposed);
- the ministry approves (its decision, approved amounts ≤ proposed) or rejects each KCQG đề án
  awaiting it; a pending adjustment of that đề án (projects.adjustments) takes effect then.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from funding import rules
from funding.caps import caps_of_plan
from funding.models import BudgetLine
from khuyencong.formatting import format_dong
from khuyencong.models import Role
from khuyencong.notifications import notify
from khuyencong.scoping import (
    MINISTRY_ROLES,
    REVIEWER_ROLES,
    can_approve_for_ministry,
    can_review,
    can_submit,
)
from khuyencong.uploads import check_document, private_name
from projects.models import (
    INACTIVE_PROJECT_STATUSES,
    AdjustmentItem,
    Plan,
    PlanEvent,
    PlanStatus,
    Program,
    Project,
    ProjectStatus,
    ProjectVersion,
)
from projects.project_states import project_states
from projects.totals import refresh_project_totals


class StateChanged(Exception):
    """The object is no longer in the state the user acted on (409)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class ProjectGaps:
    project: Project
    missing: list[str] = field(default_factory=list)


class IncompletePlan(Exception):
    """Submit refused: what is missing, for the plan and per đề án."""

    def __init__(self, plan_missing: list[str], projects: list[ProjectGaps]):
        super().__init__("incomplete")
        self.plan_missing = plan_missing
        self.projects = projects


# --- Who is told ---------------------------------------------------------------------------------


def _province_ids(plan: Plan) -> list[int]:
    """The plan's province and the unit that keeps its records now (Cần Thơ for Sóc Trăng)."""
    ids = [plan.province_id]
    if plan.province.successor_id:
        ids.append(plan.province.successor_id)
    return ids


def province_users(plan: Plan, roles):
    return get_user_model().objects.filter(
        membership__role__in=list(roles),
        membership__organisation__province_id__in=_province_ids(plan),
        is_active=True,
    )


def reviewers_of(plan: Plan):
    return province_users(plan, REVIEWER_ROLES)


def centre_of(plan: Plan):
    return province_users(plan, [Role.CENTER_STAFF, Role.CENTER_HEAD])


def ministry_users():
    return get_user_model().objects.filter(membership__role__in=MINISTRY_ROLES, is_active=True)


def plan_url(plan: Plan) -> str:
    return reverse("projects:plan_detail", args=[plan.pk])


def project_url(project: Project) -> str:
    return reverse("projects:detail", args=[project.pk])


# --- Small shared steps --------------------------------------------------------------------------


def authority_name(plan: Plan, approver: str | None = None) -> str:
    """ "Ủy ban nhân dân tỉnh Sóc Trăng": the province's approving authority for its local plan."""
    approver = approver or plan.approving_authority or plan.province.local_plan_approver
    label = dict(Plan._meta.get_field("approving_authority").flatchoices).get(approver, approver)
    if plan.province.is_city_on(plan.first_day):
        unit = pgettext("unit prefix", "city")
    else:
        unit = pgettext("unit prefix", "province")
    return f"{label} {unit} {plan.province.name}"


def lock_plan(pk: int) -> Plan:
    return Plan.objects.select_for_update().select_related("province").get(pk=pk)


def log(plan: Plan, kind: str, user, **fields) -> PlanEvent:
    return PlanEvent.objects.create(plan=plan, kind=kind, actor=user, **fields)


def require_text(value: str, message: str, code: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message, code=code)
    return value


def check_decision(number: str, date) -> str:
    number = require_text(number, _("Give the number of the approval decision."), "decision_number")
    if not isinstance(date, datetime.date):
        raise ValidationError(
            _("Give the date of the decision as dd/mm/yyyy."), code="decision_date"
        )
    if date > timezone.localdate():
        raise ValidationError(_("The decision date cannot be in the future."), code="decision_date")
    return number


def store_decision_file(field_file, upload) -> None:
    """Check an uploaded decision by content and size, and keep it in private storage."""
    if upload is None:
        return
    kind = check_document(upload)
    field_file.save(private_name(kind), upload, save=False)


def snapshot(projects, *, plan_version: int, decision_number: str, decision_date) -> None:
    """Keep the approved state of each đề án in this version of its plan."""
    states = project_states(projects)
    ProjectVersion.objects.bulk_create(
        [
            ProjectVersion(
                project=project,
                plan_version=plan_version,
                data=states[project.pk],
                decision_number=decision_number,
                decision_date=decision_date,
            )
            for project in projects
        ]
    )


def _check_status(plan: Plan, allowed, message: str) -> None:
    if plan.status not in allowed:
        raise StateChanged(
            message
            + " "
            + _("The plan is now %(status)s.") % {"status": plan.get_status_display().lower()}
        )


# --- What the user may do now (asked by the views and templates, the same checks as above) ------


@dataclass(frozen=True)
class PlanActions:
    submit: bool
    review: bool  # return, approve, comment, reject, set approved amounts
    open_adjustment: bool
    edit: bool


def plan_actions(user, plan: Plan, *, has_open_adjustment: bool = False) -> PlanActions:
    from khuyencong.scoping import can_edit

    return PlanActions(
        submit=can_submit(user) and plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED),
        review=can_review(user) and plan.status == PlanStatus.SUBMITTED,
        open_adjustment=can_edit(user)
        and plan.status == PlanStatus.APPROVED
        and not has_open_adjustment,
        edit=can_edit(user) and plan.is_editable,
    )


def ministry_can_decide(user, project: Project) -> bool:
    return can_approve_for_ministry(user) and project.status == ProjectStatus.AWAITING_MINISTRY


# --- Completeness -------------------------------------------------------------------------------


def plan_completeness(plan: Plan) -> tuple[list[str], list[ProjectGaps]]:
    """What keeps the plan from being submitted: the plan's own gaps and each đề án's, with the
    money rules of funding.rules judged on the proposed amounts (caps, sums, the programme's own
    budget line) plus the establishments a content needs and at least one planned output.
    A fixed number of queries whatever the number of đề án."""
    projects = list(
        Project.objects.filter(plan=plan)
        .exclude(status__in=INACTIVE_PROJECT_STATUSES)
        .select_related("content")
        .order_by("program", "sequence")
    )
    if not projects:
        return [_("The plan has no project yet.")], []
    ids = [p.pk for p in projects]
    lines: dict[int, list] = {pk: [] for pk in ids}
    for line in BudgetLine.objects.filter(project_id__in=ids):
        lines[line.project_id].append((line.source, line.proposed))
    establishments: dict[int, list] = {pk: [] for pk in ids}
    from projects.models import Participation, ProjectOutput

    for part in Participation.objects.filter(project_id__in=ids).select_related("beneficiary"):
        establishments[part.project_id].append(
            rules.EstablishmentMoney(
                part.beneficiary.name, part.support_amount, part.counterpart_amount
            )
        )
    with_outputs = set(
        ProjectOutput.objects.filter(project_id__in=ids, planned__gt=0).values_list(
            "project_id", flat=True
        )
    )
    caps = caps_of_plan(plan)
    gaps = []
    for project in projects:
        found, binding = caps(project.program, project.content)
        problems = rules.money_problems(
            program=project.program,
            content=project.content,
            caps=found,
            binding=binding,
            lines=lines[project.pk],
            establishments=establishments[project.pk],
        )
        missing = [p.message for p in problems if p.is_error or p.code == rules.NEEDS_BENEFICIARIES]
        if project.pk not in with_outputs:
            missing.append(_("No planned output: add at least one output with its target."))
        if missing:
            gaps.append(ProjectGaps(project, missing))
    return [], gaps


# --- The Sở's review of the plan -----------------------------------------------------------------


def plan_submit(*, user, plan: Plan) -> Plan:
    """Submit the plan for review (centre head), only when nothing is missing."""
    if not can_submit(user):
        raise PermissionDenied(_("Only the centre head submits the plan."))
    with transaction.atomic():
        plan = lock_plan(plan.pk)
        _check_status(
            plan,
            {PlanStatus.DRAFT, PlanStatus.RETURNED},
            _("Only a draft or returned plan can be submitted."),
        )
        # The đề án rows too: an edit that started before this lock has finished and is seen;
        # one that starts after it finds the plan submitted and is refused.
        list(Project.objects.select_for_update().filter(plan=plan).values_list("pk"))
        plan_missing, gaps = plan_completeness(plan)
        if plan_missing or gaps:
            raise IncompletePlan(plan_missing, gaps)
        plan.status = PlanStatus.SUBMITTED
        plan.submitted_by = user
        plan.submitted_at = timezone.now()
        plan._history_user = user
        plan._change_reason = _("Submitted for review")
        plan.save()
        log(plan, PlanEvent.Kind.SUBMITTED, user)
        notify(
            recipients=reviewers_of(plan),
            text=_("%(plan)s was submitted for your review.") % {"plan": plan},
            url=plan_url(plan),
        )
    return plan


def plan_return(*, user, plan: Plan, comment: str) -> Plan:
    """Return a submitted plan to the centre with a comment (Sở reviewer)."""
    if not can_review(user):
        raise PermissionDenied(_("Only the department's reviewer returns a plan."))
    comment = require_text(comment, _("Say what the centre must change."), "comment")
    with transaction.atomic():
        plan = lock_plan(plan.pk)
        _check_status(plan, {PlanStatus.SUBMITTED}, _("Only a submitted plan can be returned."))
        plan.status = PlanStatus.RETURNED
        plan._history_user = user
        plan._change_reason = comment[:100]
        plan.save()
        log(plan, PlanEvent.Kind.RETURNED, user, comment=comment)
        notify(
            recipients=centre_of(plan),
            text=_("%(plan)s was returned for changes: %(comment)s")
            % {"plan": plan, "comment": comment},
            url=plan_url(plan),
        )
    return plan


def plan_approve(
    *, user, plan: Plan, decision_number: str, decision_date, decision_file=None
) -> Plan:
    """Approve a submitted plan with its decision (Sở reviewer, on behalf of the province's
    approving authority). KCĐP đề án are approved; KCQG đề án wait for the ministry."""
    if not can_review(user):
        raise PermissionDenied(_("Only the department's reviewer approves a plan."))
    decision_number = check_decision(decision_number, decision_date)
    with transaction.atomic():
        plan = lock_plan(plan.pk)
        _check_status(plan, {PlanStatus.SUBMITTED}, _("Only a submitted plan can be approved."))
        store_decision_file(plan.decision_file, decision_file)
        projects = list(
            Project.objects.select_for_update()
            .filter(plan=plan)
            .exclude(status__in=INACTIVE_PROJECT_STATUSES)
        )
        ids = [p.pk for p in projects]
        for line in BudgetLine.objects.filter(project_id__in=ids, approved__isnull=True):
            line.approved = line.proposed
            line._history_user = user
            line.save()
        local, national = [], []
        for project in projects:
            if project.program == Program.KCQG:
                project.status = ProjectStatus.AWAITING_MINISTRY
                national.append(project)
            else:
                project.status = ProjectStatus.APPROVED
                local.append(project)
            project._history_user = user
            project.save()
        plan.status = PlanStatus.APPROVED
        plan.approved_by = user
        plan.approved_at = timezone.now()
        plan.decision_number = decision_number
        plan.decision_date = decision_date
        plan.approving_authority = plan.province.local_plan_approver
        plan._history_user = user
        plan._change_reason = _("Approved")
        plan.save()
        snapshot(
            local,
            plan_version=plan.version,
            decision_number=decision_number,
            decision_date=decision_date,
        )
        refresh_project_totals(ids)
        log(
            plan,
            PlanEvent.Kind.APPROVED,
            user,
            decision_number=decision_number,
            decision_date=decision_date,
            authority=authority_name(plan),
        )
        notify(
            recipients=centre_of(plan),
            text=_("%(plan)s was approved (decision %(number)s of %(date)s).")
            % {"plan": plan, "number": decision_number, "date": decision_date.strftime("%d/%m/%Y")},
            url=plan_url(plan),
        )
        if national:
            notify_ministry_awaiting(plan, national)
    return plan


def notify_ministry_awaiting(plan: Plan, projects: list[Project]) -> None:
    notify(
        recipients=ministry_users(),
        text=_("%(count)s KCQG project(s) of %(plan)s await the ministry's approval.")
        % {"count": len(projects), "plan": plan},
        url=reverse("projects:ministry_list") + f"?province={plan.province_id}",
    )


def _lock_reviewable_project(user, project: Project, what: str) -> tuple[Plan, Project]:
    if not can_review(user):
        raise PermissionDenied(_("Only the department's reviewer reviews a project."))
    plan = lock_plan(project.plan_id)
    _check_status(plan, {PlanStatus.SUBMITTED}, what)
    project = Project.objects.select_for_update().get(pk=project.pk)
    return plan, project


def project_comment(*, user, project: Project, comment: str) -> PlanEvent:
    """A reviewer's comment on a đề án of a submitted plan, kept with author and time."""
    comment = require_text(comment, _("Write the comment."), "comment")
    with transaction.atomic():
        plan, project = _lock_reviewable_project(
            user, project, _("Comments are made while the plan is under review.")
        )
        return log(plan, PlanEvent.Kind.COMMENTED, user, project=project, comment=comment)


def project_reject(*, user, project: Project, reason: str) -> Project:
    """Reject a đề án of a submitted plan, with a reason: it stays visible and leaves the
    plan's totals."""
    reason = require_text(reason, _("Give the reason for rejecting the project."), "reason")
    with transaction.atomic():
        plan, project = _lock_reviewable_project(
            user, project, _("A project is rejected while the plan is under review.")
        )
        if project.status in INACTIVE_PROJECT_STATUSES:
            raise StateChanged(_("This project is already rejected."))
        project.status = ProjectStatus.REJECTED
        project.status_reason = reason
        project.status_changed_on = timezone.localdate()
        project._history_user = user
        project._change_reason = reason[:100]
        project.save()
        refresh_project_totals([project.pk])
        log(plan, PlanEvent.Kind.PROJECT_REJECTED, user, project=project, comment=reason)
        notify(
            recipients=centre_of(plan),
            text=_("Project %(code)s was rejected: %(reason)s")
            % {"code": project.code, "reason": reason},
            url=project_url(project),
        )
    return project


def _check_amounts(lines: list[BudgetLine], amounts: dict[str, int]) -> None:
    by_source = {line.source: line for line in lines}
    if set(amounts) - set(by_source):
        raise ValidationError(_("An amount names a source this project has no line for."))
    for source, amount in amounts.items():
        line = by_source[source]
        if amount is None or amount < 0:
            raise ValidationError(_("Amounts are whole đồng, 0 or more."), code="amount")
        if amount > line.proposed:
            raise ValidationError(
                _("The approved %(source)s amount cannot be above the proposed one (%(proposed)s).")
                % {
                    "source": line.get_source_display(),
                    "proposed": format_dong(line.proposed),
                },
                code="above_proposed",
            )


def _set_approved(user, lines: list[BudgetLine], amounts: dict[str, int]) -> None:
    for line in lines:
        if line.source in amounts and line.approved != amounts[line.source]:
            line.approved = amounts[line.source]
            line._history_user = user
            line.save()


def budget_line_set_approved(*, user, project: Project, amounts: dict[str, int]) -> Project:
    """Set the approved amount of each of a đề án's budget lines (0 ≤ approved ≤ proposed)."""
    with transaction.atomic():
        plan, project = _lock_reviewable_project(
            user, project, _("Approved amounts are set while the plan is under review.")
        )
        if project.status in INACTIVE_PROJECT_STATUSES:
            raise StateChanged(_("A rejected project has no approved amounts."))
        lines = list(BudgetLine.objects.select_for_update().filter(project=project))
        _check_amounts(lines, amounts)
        _set_approved(user, lines, amounts)
        refresh_project_totals([project.pk])
        log(plan, PlanEvent.Kind.AMOUNTS_SET, user, project=project)
    return project


# --- The ministry --------------------------------------------------------------------------------


def _lock_awaiting(user, project: Project) -> tuple[Plan, Project, AdjustmentItem | None]:
    if not can_approve_for_ministry(user):
        raise PermissionDenied(_("Only the ministry approves KCQG projects."))
    plan = lock_plan(project.plan_id)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status != ProjectStatus.AWAITING_MINISTRY:
        raise StateChanged(
            _("This project no longer awaits the ministry: it is now %(status)s.")
            % {"status": project.get_status_display().lower()}
        )
    item = (
        AdjustmentItem.objects.select_for_update()
        .select_related("adjustment")
        .filter(project=project, status=AdjustmentItem.Status.AWAITING_MINISTRY)
        .first()
    )
    return plan, project, item


def ministry_project_approve(
    *, user, project: Project, decision_number: str, decision_date, amounts: dict[str, int]
) -> Project:
    """The ministry approves a KCQG đề án awaiting it, with its decision and the approved
    amounts (≤ proposed). A pending adjustment of the đề án takes effect now."""
    from projects.adjustments import apply_item

    decision_number = check_decision(decision_number, decision_date)
    with transaction.atomic():
        plan, project, item = _lock_awaiting(user, project)
        version = plan.version
        if item is not None:
            apply_item(user, item, project, approved=False)
            project.refresh_from_db()
            item.status = AdjustmentItem.Status.APPLIED
            item.save(update_fields=["status"])
            version = item.adjustment.number
        if project.status == ProjectStatus.AWAITING_MINISTRY:
            project.status = ProjectStatus.APPROVED
        project.ministry_decision_number = decision_number
        project.ministry_decision_date = decision_date
        project._history_user = user
        project._change_reason = _("Approved by the ministry")
        project.save()
        lines = list(BudgetLine.objects.select_for_update().filter(project=project))
        _check_amounts(lines, amounts)
        _set_approved(user, lines, amounts)
        for line in lines:
            if line.approved is None:
                line.approved = line.proposed
                line._history_user = user
                line.save()
        snapshot(
            [project],
            plan_version=version,
            decision_number=decision_number,
            decision_date=decision_date,
        )
        refresh_project_totals([project.pk])
        log(
            plan,
            PlanEvent.Kind.MINISTRY_APPROVED,
            user,
            project=project,
            decision_number=decision_number,
            decision_date=decision_date,
            authority=str(_("Ministry of Industry and Trade")),
        )
        notify(
            recipients=centre_of(plan),
            text=_("The ministry approved project %(code)s (decision %(number)s of %(date)s).")
            % {
                "code": project.code,
                "number": decision_number,
                "date": decision_date.strftime("%d/%m/%Y"),
            },
            url=project_url(project),
        )
    return project


def ministry_project_reject(*, user, project: Project, reason: str) -> Project:
    """The ministry refuses a KCQG đề án awaiting it (a new one is rejected; a change asked by
    an adjustment is dropped and the đề án goes back to its approved state)."""
    reason = require_text(reason, _("Give the reason for rejecting the project."), "reason")
    with transaction.atomic():
        plan, project, item = _lock_awaiting(user, project)
        if item is not None and item.kind != AdjustmentItem.Kind.ADD:
            project.status = item.previous_status or ProjectStatus.APPROVED
        else:
            project.status = ProjectStatus.REJECTED
            project.status_reason = reason
            project.status_changed_on = timezone.localdate()
        if item is not None:
            item.status = AdjustmentItem.Status.REJECTED
            item.save(update_fields=["status"])
        project._history_user = user
        project._change_reason = reason[:100]
        project.save()
        refresh_project_totals([project.pk])
        log(plan, PlanEvent.Kind.MINISTRY_REJECTED, user, project=project, comment=reason)
        notify(
            recipients=centre_of(plan),
            text=_("The ministry rejected project %(code)s: %(reason)s")
            % {"code": project.code, "reason": reason},
            url=project_url(project),
        )
    return project


__all__ = [
    "IncompletePlan",
    "StateChanged",
    "budget_line_set_approved",
    "ministry_project_approve",
    "ministry_project_reject",
    "plan_approve",
    "plan_completeness",
    "plan_return",
    "plan_submit",
    "project_comment",
    "project_reject",
]
