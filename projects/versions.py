"""The approved versions of each đề án: every approval (of the plan, of an adjustment, of the
ministry) keeps the đề án's state as approved in that version of its plan."""

from projects.models import ProjectVersion
from projects.project_states import project_states


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
