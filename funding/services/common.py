"""What every step of carrying out a đề án shares: the lock and the workflow's check, and the
approved and disbursed money by source."""

from django.db.models import Sum

from funding.models import Disbursement, Settlement
from projects import workflow
from projects.locks import lock_project
from projects.models import BudgetLine, Project
from projects.workflow import ProjectStatus


def is_settled(project: Project) -> bool:
    """A settled đề án (or a stopped one settled for its money) is read-only for everyone."""
    return (
        project.status == ProjectStatus.SETTLED
        or Settlement.objects.filter(project_id=project.pk).exists()
    )


def lock_for_step(user, project: Project, action: str) -> Project:
    """The đề án locked (with its plan), then the workflow's check of `action` under the lock:
    403 for anyone but the centre and on a settled đề án, 409 when the đề án or its plan is no
    longer in a state that allows the step."""
    project = lock_project(project.pk)
    workflow.require(user, project, action)
    return project


def approved_by_source(project: Project) -> dict[str, int]:
    """Approved amount of each budget line (proposed where no approved amount is set)."""
    return {line.source: line.amount for line in BudgetLine.objects.filter(project=project)}


def disbursed_by_source(project: Project) -> dict[str, int]:
    """Net disbursed per source (reversals are negative entries): one query."""
    rows = (
        Disbursement.objects.filter(project=project)
        .values("source")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {row["source"]: int(row["total"] or 0) for row in rows}
