"""The reports by their stable names (users bookmark the URLs; scripts call the command).

Each entry says which parameters the report reads and builds its data from a scope and the
parsed parameters. The pipeline (reports.pipeline) calls `build_report` for the page, the
`render_report` command and the background job alike, so they give the same file. `plan` is
built from a plan (`build_plan`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from reports.builders import (
    consolidated,
    effectiveness,
    funding,
    implementation,
    plan,
    project_list,
    results,
    series,
)
from reports.params import ReportParams
from reports.selectors import ReportScope, resolve_area


@dataclass(frozen=True)
class ReportSpec:
    name: str
    title: object
    description: object
    fields: tuple[str, ...]  # the parameters its form on the index page offers
    build: Callable[[ReportScope, ReportParams], object] | None = None


def _implementation(scope, params):
    area = resolve_area(scope, params.province, params.year)
    return implementation.build(scope, area, year=params.year, period=params.period)


def _consolidated(scope, params):
    return consolidated.build(
        scope, year=params.year, grouping=params.grouping, region=params.region
    )


def _series(scope, params):
    area = resolve_area(scope, params.province, params.year_to)
    return series.build(scope, area, year_from=params.year_from, year_to=params.year_to)


def _by_area(module):
    def build(scope, params):
        area = resolve_area(scope, params.province, params.year)
        return module.build(scope, area, year=params.year)

    return build


REPORTS: dict[str, ReportSpec] = {
    spec.name: spec
    for spec in [
        ReportSpec(
            "plan",
            _("Annual plan of a province"),
            _("The đề án of a plan grouped by content, proposed and approved money."),
            ("plan",),
        ),
        ReportSpec(
            "implementation",
            _("Implementation of the plan"),
            _("Plan, disbursed and accepted money by đề án and source; outputs; statuses."),
            ("year", "province", "period"),
            _implementation,
        ),
        ReportSpec(
            "consolidated",
            _("Consolidated report"),
            _("By province, region, content and programme, with leverage and change."),
            ("year", "grouping", "region"),
            _consolidated,
        ),
        ReportSpec(
            "series",
            _("Multi-year series"),
            _("Money by source year by year and the cumulative leverage."),
            ("from", "to", "province"),
            _series,
        ),
        ReportSpec(
            "effectiveness",
            _("Effectiveness of support"),
            _("Establishments' revenue and jobs before and after support."),
            ("year", "province"),
            _by_area(effectiveness),
        ),
        ReportSpec(
            "results",
            _("Results form (form 1)"),
            _("BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG: the form's rows × KCQG, KCĐP."),
            ("year", "province"),
            _by_area(results),
        ),
        ReportSpec(
            "funding",
            _("Funding form (form 2)"),
            _("BÁO CÁO KINH PHÍ KHUYẾN CÔNG: the 24 activity lines × KCĐP, KCQG."),
            ("year", "province"),
            _by_area(funding),
        ),
        ReportSpec(
            "project_list",
            _("List of đề án (form 3)"),
            _("BÁO CÁO DỰ ÁN KHUYẾN CÔNG with the attached list of establishments."),
            ("year", "province"),
            _by_area(project_list),
        ),
    ]
}


def build_report(name: str, scope: ReportScope, params: ReportParams):
    spec = REPORTS[name]
    if spec.build is None:
        raise KeyError(name)
    return spec.build(scope, params)


def build_plan(scope: ReportScope, plan_object):
    return plan.build(scope, plan_object)
