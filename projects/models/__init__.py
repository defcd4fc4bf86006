"""The nouns of plans and đề án, one module each (import them from here):

- sources: the two programmes and the sources of money;
- reference: contents, indicators, reporting activities and rows, centres' yearly facts;
- plans: the annual plan of a province;
(the statuses of plans, đề án and adjustments, and their groups, are projects.workflow's);
- projects: the đề án, its establishments (participations) and its outputs;
- budget: budget lines by source and the support caps;
- review: the steps of a plan's review and each đề án's approved versions;
- adjustments: adjustments of an approved plan and their items;
- documents: the documents of plans and đề án.
"""

from projects.models.adjustments import Adjustment, AdjustmentItem
from projects.models.budget import BudgetLine, SupportCap
from projects.models.documents import Attachment
from projects.models.plans import Plan, authority_name
from projects.models.projects import TOTAL_FIELDS, Participation, Project, ProjectOutput
from projects.models.reference import (
    Activity,
    ActivityContent,
    CentreYearFact,
    Content,
    Indicator,
    ResultsRow,
    default_activity_for,
)
from projects.models.review import PlanEvent, ProjectVersion
from projects.models.sources import PROGRAM_SHORT, PUBLIC_SOURCES, Program, Source, public_source

# The statuses are the workflow's (projects.workflow); the fields' choices are given here too.
from projects.workflow import AdjustmentStatus, PlanStatus, ProjectStatus  # noqa: E402

__all__ = [
    "PROGRAM_SHORT",
    "PUBLIC_SOURCES",
    "TOTAL_FIELDS",
    "Activity",
    "ActivityContent",
    "Adjustment",
    "AdjustmentItem",
    "AdjustmentStatus",
    "Attachment",
    "BudgetLine",
    "CentreYearFact",
    "Content",
    "Indicator",
    "Participation",
    "Plan",
    "PlanEvent",
    "PlanStatus",
    "Program",
    "Project",
    "ProjectOutput",
    "ProjectStatus",
    "ProjectVersion",
    "ResultsRow",
    "Source",
    "SupportCap",
    "authority_name",
    "default_activity_for",
    "public_source",
]
