"""Funding's sections of the projects' pages (registered in FundingConfig.ready(), through
projects.sections: projects never imports funding):
- the dossier of a đề án: how it is carried out (money, timeline, documents) and the steps the
  user may take now (projects.workflow.available, told whether the đề án is settled);
- the plan page: approved vs disbursed vs accepted vs settled by đề án, and what is late.
"""

from funding.forms import AttachmentForm
from funding.implementation import plan_implementation, project_implementation
from khuyencong.dashboard import Panel
from projects import workflow


def implementation_section(request, project, dossier) -> Panel:
    """Six queries (project_implementation); the steps ask none (the settlement is known)."""
    implementation = project_implementation(project, dossier.budget_lines)
    return Panel(
        "funding/_implementation.html",
        {
            "implementation": implementation,
            "steps": workflow.available(request.user, project, settled=implementation.settled),
            "attachment_form": AttachmentForm(),
        },
    )


def plan_implementation_section(request, plan, breakdown) -> Panel:
    return Panel(
        "funding/_plan_implementation.html",
        {"plan_implementation": plan_implementation(plan, breakdown)},
    )
