"""The Sở's review of a year's plan: submit, return, approve, and, while the plan is under
review, comments, rejections and approved amounts on each đề án.

Each step is one function in one transaction: ask the workflow whether the user may act
(projects.workflow.require_right: 403), check the input (400), lock the plan (and its đề án),
ask the workflow again under the lock (409 if someone else acted first), change the state
through the workflow (projects.workflow.apply), record the event, notify. Errors: PermissionDenied
(403), StateChanged (409), ValidationError (400), IncompletePlan (400, what is missing per đề án).

Rules:
- draft/returned → submitted (centre head) only when plan_completeness finds nothing missing;
- submitted → returned (reviewer, a comment required); submitted → approved (reviewer, a decision
  number and date): KCĐP đề án become approved, KCQG đề án wait for the ministry
  (projects.ministry); every budget line without an approved amount is approved as proposed;
- while submitted the reviewer comments on, rejects (with a reason) and sets the approved
  amounts of each đề án (0 ≤ approved ≤ proposed).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khuyencong.checks import require_decision, require_text
from khuyencong.errors import DomainError
from khuyencong.notifications import notify
from projects import workflow
from projects.amounts import approve_as_proposed, set_approved_amounts
from projects.caps import caps_of_plan
from projects.documents import store_decision_file
from projects.events import log
from projects.locks import lock_plan, lock_project, lock_projects
from projects.models import (
    BudgetLine,
    Plan,
    PlanEvent,
    Program,
    Project,
    authority_name,
)
from projects.recipients import (
    centre_of,
    notify_ministry_awaiting,
    plan_url,
    project_url,
    reviewers_of,
)
from projects.state import keep_versions, missing, project_states
from projects.totals import refresh_project_totals
from projects.workflow import INACTIVE_PROJECT_STATUSES


@dataclass
class ProjectGaps:
    project: Project
    missing: list[str] = field(default_factory=list)


class IncompletePlan(DomainError):
    """Submit refused: what is missing, for the plan and per đề án (400)."""

    def __init__(self, plan_missing: list[str], projects: list[ProjectGaps]):
        super().__init__(_("The plan cannot be submitted yet: complete what is listed below."))
        self.plan_missing = plan_missing
        self.projects = projects


# --- Completeness -------------------------------------------------------------------------------


def plan_completeness(plan: Plan) -> tuple[list[str], list[ProjectGaps]]:
    """What keeps the plan from being submitted: the plan's own gaps and each đề án's
    (projects.state.missing: the money rules on the proposed amounts, the establishments a
    content needs, a planned output). Five queries whatever the number of đề án."""
    projects = list(
        Project.objects.filter(plan=plan)
        .exclude(status__in=INACTIVE_PROJECT_STATUSES)
        .select_related("content")
        .order_by("program", "sequence")
    )
    if not projects:
        return [_("The plan has no project yet.")], []
    states = project_states(projects, names=True)
    caps = caps_of_plan(plan)
    gaps = []
    for project in projects:
        found = missing(states[project.pk], caps)
        if found:
            gaps.append(ProjectGaps(project, found))
    return [], gaps


# --- The Sở's review of the plan -----------------------------------------------------------------


def plan_submit(*, user, plan: Plan) -> Plan:
    """Submit the plan for review (centre head), only when nothing is missing."""
    workflow.require_right(user, plan, "submit")
    with transaction.atomic():
        plan = lock_plan(plan.pk)
        workflow.require(user, plan, "submit")
        # The đề án rows too: an edit that started before this lock has finished and is seen;
        # one that starts after it finds the plan submitted and is refused.
        lock_projects(plan)
        plan_missing, gaps = plan_completeness(plan)
        if plan_missing or gaps:
            raise IncompletePlan(plan_missing, gaps)
        plan.submitted_by = user
        plan.submitted_at = timezone.now()
        workflow.apply(plan, "submit", user=user, reason=_("Submitted for review"))
        log(plan, PlanEvent.Kind.SUBMITTED, user)
        notify(
            recipients=reviewers_of(plan),
            text=_("%(plan)s was submitted for your review.") % {"plan": plan},
            url=plan_url(plan),
        )
    return plan


def plan_return(*, user, plan: Plan, comment: str) -> Plan:
    """Return a submitted plan to the centre with a comment (Sở reviewer)."""
    workflow.require_right(user, plan, "return")
    comment = require_text(comment, _("Say what the centre must change."), "comment")
    with transaction.atomic():
        plan = lock_plan(plan.pk)
        workflow.require(user, plan, "return")
        workflow.apply(plan, "return", user=user, reason=comment)
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
    workflow.require_right(user, plan, "approve")
    decision_number = require_decision(decision_number, decision_date)
    with transaction.atomic():
        plan = lock_plan(plan.pk)
        workflow.require(user, plan, "approve")
        store_decision_file(plan.decision_file, decision_file)
        projects = lock_projects(plan, leave_out=INACTIVE_PROJECT_STATUSES)
        ids = [p.pk for p in projects]
        approve_as_proposed(
            user, BudgetLine.objects.filter(project_id__in=ids, approved__isnull=True)
        )
        local, national = [], []
        for project in projects:
            if project.program == Program.KCQG:
                workflow.apply(project, "send_to_ministry", user=user)
                national.append(project)
            else:
                workflow.apply(project, "approve", user=user)
                local.append(project)
        plan.approved_by = user
        plan.approved_at = timezone.now()
        plan.decision_number = decision_number
        plan.decision_date = decision_date
        plan.approving_authority = plan.province.local_plan_approver
        workflow.apply(plan, "approve", user=user, reason=_("Approved"))
        keep_versions(
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


# --- One đề án under review -----------------------------------------------------------------------


def _lock_under_review(user, project: Project, action: str) -> tuple[Plan, Project]:
    """The plan, then the đề án, locked; the workflow asked under the lock."""
    plan = lock_plan(project.plan_id)
    project = lock_project(project.pk, plan=plan)
    workflow.require(user, project, action)
    return plan, project


def project_comment(*, user, project: Project, comment: str) -> PlanEvent:
    """A reviewer's comment on a đề án of a submitted plan, kept with author and time."""
    workflow.require_right(user, project, "comment")
    comment = require_text(comment, _("Write the comment."), "comment")
    with transaction.atomic():
        plan, project = _lock_under_review(user, project, "comment")
        return log(plan, PlanEvent.Kind.COMMENTED, user, project=project, comment=comment)


def project_reject(*, user, project: Project, reason: str) -> Project:
    """Reject a đề án of a submitted plan, with a reason: it stays visible and leaves the
    plan's totals."""
    workflow.require_right(user, project, "reject")
    reason = require_text(reason, _("Give the reason for rejecting the project."), "reason")
    with transaction.atomic():
        plan, project = _lock_under_review(user, project, "reject")
        project.status_reason = reason
        project.status_changed_on = timezone.localdate()
        workflow.apply(project, "reject", user=user, reason=reason)
        refresh_project_totals([project.pk])
        log(plan, PlanEvent.Kind.PROJECT_REJECTED, user, project=project, comment=reason)
        notify(
            recipients=centre_of(plan),
            text=_("Project %(code)s was rejected: %(reason)s")
            % {"code": project.code, "reason": reason},
            url=project_url(project),
        )
    return project


def budget_line_set_approved(*, user, project: Project, amounts: dict[str, int]) -> Project:
    """Set the approved amount of each of a đề án's budget lines (0 ≤ approved ≤ proposed)."""
    workflow.require_right(user, project, "set_amounts")
    with transaction.atomic():
        plan, project = _lock_under_review(user, project, "set_amounts")
        lines = list(BudgetLine.objects.select_for_update().filter(project=project))
        set_approved_amounts(user, lines, amounts)
        refresh_project_totals([project.pk])
        log(plan, PlanEvent.Kind.AMOUNTS_SET, user, project=project)
    return project


__all__ = [
    "IncompletePlan",
    "budget_line_set_approved",
    "plan_approve",
    "plan_completeness",
    "plan_return",
    "plan_submit",
    "project_comment",
    "project_reject",
]
