"""The row locks every state change takes before it checks the state (lock, then re-check, then
change): of two people acting at once the second waits, sees the first one's change, and is
refused with a 409 instead of acting on what it read before.

Always the plan first, then its đề án or adjustment, so two steps never wait on each other.
"""

from projects.models import Adjustment, Plan, Project


def lock_plan(pk: int) -> Plan:
    """The plan row, locked for the rest of the transaction (with its province)."""
    return Plan.objects.select_for_update().select_related("province").get(pk=pk)


def lock_project(pk: int, *, plan: Plan | None = None) -> Project:
    """The đề án row, locked. Given the plan already locked by the caller, the đề án carries
    that instance; otherwise its plan (and province) rows are locked with it in one query."""
    if plan is not None:
        project = Project.objects.select_for_update().get(pk=pk)
        project.plan = plan
        return project
    return Project.objects.select_for_update().select_related("plan__province").get(pk=pk)


def lock_projects(plan: Plan, *, ids=None, leave_out=()) -> list[Project]:
    """Đề án of a locked plan (all of them, or those of `ids`; statuses in `leave_out` left
    out), locked in one query."""
    projects = Project.objects.select_for_update().filter(plan=plan)
    if ids is not None:
        projects = projects.filter(pk__in=list(ids))
    if leave_out:
        projects = projects.exclude(status__in=list(leave_out))
    return list(projects)


def lock_adjustment(pk: int) -> tuple[Plan, Adjustment]:
    """The adjustment's plan, then the adjustment, locked."""
    adjustment = Adjustment.objects.get(pk=pk)
    plan = lock_plan(adjustment.plan_id)
    adjustment = Adjustment.objects.select_for_update().select_related("plan__province").get(pk=pk)
    return plan, adjustment
