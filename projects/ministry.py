"""The ministry's decision on each KCQG đề án awaiting it: approve (with its decision and the
approved amounts, ≤ proposed) or reject (with a reason).

A KCQG đề án awaits the ministry once its plan is approved (projects.review) or once an
adjustment that adds, changes or stops it is approved (projects.adjustments); the pending item of
that adjustment takes effect when the ministry approves, and is dropped when it refuses (the đề
án goes back to the status it had before). Same shape as every step: the workflow asked before
the input and under the locks, one transaction, an event, a notification.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khuyencong.checks import require_decision, require_text
from khuyencong.notifications import notify
from projects import workflow
from projects.adjustments import apply_item
from projects.amounts import approve_as_proposed, set_approved_amounts
from projects.events import log
from projects.locks import lock_plan, lock_project
from projects.models import AdjustmentItem, BudgetLine, PlanEvent, Project
from projects.recipients import centre_of, project_url
from projects.state import keep_versions
from projects.totals import refresh_project_totals
from projects.workflow import AdjustmentItemStatus, ProjectStatus


def _lock_awaiting(user, project: Project, action: str):
    """The plan, the đề án and its pending adjustment item (if any), locked."""
    plan = lock_plan(project.plan_id)
    project = lock_project(project.pk, plan=plan)
    workflow.require(user, project, action)
    item = (
        AdjustmentItem.objects.select_for_update()
        .select_related("adjustment")
        .filter(project=project, status=AdjustmentItemStatus.AWAITING_MINISTRY)
        .first()
    )
    return plan, project, item


def ministry_project_approve(
    *, user, project: Project, decision_number: str, decision_date, amounts: dict[str, int]
) -> Project:
    """The ministry approves a KCQG đề án awaiting it, with its decision and the approved
    amounts (≤ proposed). A pending adjustment of the đề án takes effect now."""
    workflow.require_right(user, project, "ministry_approve")
    decision_number = require_decision(decision_number, decision_date)
    with transaction.atomic():
        plan, project, item = _lock_awaiting(user, project, "ministry_approve")
        version = plan.version
        if item is not None:
            apply_item(user, item, project, approved=False)
            project.refresh_from_db()
            project.plan = plan
            workflow.apply(item, "apply", user=user)
            version = item.adjustment.number
        project.ministry_decision_number = decision_number
        project.ministry_decision_date = decision_date
        reason = _("Approved by the ministry")
        if project.status == ProjectStatus.AWAITING_MINISTRY:
            workflow.apply(project, "ministry_approve", user=user, reason=reason)
        else:  # a stop or a change that took effect above: only the decision is recorded
            project._history_user = user
            project._change_reason = reason
            project.save()
        lines = list(BudgetLine.objects.select_for_update().filter(project=project))
        set_approved_amounts(user, lines, amounts)
        approve_as_proposed(user, lines)
        keep_versions(
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
    an adjustment is dropped and the đề án goes back to the status it had before)."""
    workflow.require_right(user, project, "ministry_reject")
    reason = require_text(reason, _("Give the reason for rejecting the project."), "reason")
    with transaction.atomic():
        plan, project, item = _lock_awaiting(user, project, "ministry_reject")
        if item is not None and item.kind != AdjustmentItem.Kind.ADD:
            workflow.apply(
                project,
                "ministry_restore",
                user=user,
                reason=reason,
                previous_status=item.previous_status,
            )
        else:
            project.status_reason = reason
            project.status_changed_on = timezone.localdate()
            workflow.apply(project, "ministry_reject", user=user, reason=reason)
        if item is not None:
            workflow.apply(item, "ministry_reject", user=user)
        refresh_project_totals([project.pk])
        log(plan, PlanEvent.Kind.MINISTRY_REJECTED, user, project=project, comment=reason)
        notify(
            recipients=centre_of(plan),
            text=_("The ministry rejected project %(code)s: %(reason)s")
            % {"code": project.code, "reason": reason},
            url=project_url(project),
        )
    return project


__all__ = ["ministry_project_approve", "ministry_project_reject"]
