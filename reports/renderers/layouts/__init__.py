"""How each report is laid out on paper and in a workbook: a builder's dataclass → a Document,
one module per report (the same names as reports.builders).

The labels are the documents' own, in Vietnamese (like the import templates and the export
headers): the three provinces' forms keep their verbatim column labels and column order (form 1
KCQG | KCĐP, form 2 KCĐP | KCQG). No query here.
"""

from __future__ import annotations

from collections.abc import Callable

from reports.builders.consolidated import ConsolidatedReport
from reports.builders.effectiveness import EffectivenessReport
from reports.builders.funding import FundingReport
from reports.builders.implementation import ImplementationReport
from reports.builders.plan import PlanReport
from reports.builders.project_list import ProjectListReport
from reports.builders.results import ResultsReport
from reports.builders.series import SeriesReport
from reports.renderers.document import Document
from reports.renderers.layouts import (
    consolidated,
    effectiveness,
    funding,
    implementation,
    plan,
    project_list,
    results,
    series,
)

LAYOUTS: dict[type, Callable[..., Document]] = {
    PlanReport: plan.layout,
    ConsolidatedReport: consolidated.layout,
    SeriesReport: series.layout,
    EffectivenessReport: effectiveness.layout,
    ResultsReport: results.layout,
    FundingReport: funding.layout,
    ProjectListReport: project_list.layout,
    ImplementationReport: implementation.layout,
}


def document(report) -> Document:
    if isinstance(report, Document):
        return report
    return LAYOUTS[type(report)](report)
