"""The implementation panel of the dashboard (registered in FundingConfig.ready()).

Approved vs disbursed vs accepted vs settled money by source, the execution % (disbursed ÷
approved) and what is late, for the year being carried out (the latest year with an approved
plan, up to this year):
- a centre or a Sở: its province (with the old provinces merged into it), one row per đề án;
- the ministry (and a superuser): one row per province, aggregated in the database.
A constant number of queries whatever the data size.
"""

from dataclasses import dataclass

from django.utils import timezone

from funding.implementation import (
    Late,
    Progress,
    late_projects,
    progress_by,
)
from khuyencong.dashboard import Panel
from khuyencong.models import Province
from khuyencong.scoping import membership_of, sees_all_provinces
from projects.models import Project
from projects.selectors import plan_queryset_for_user, project_queryset_for_user
from projects.workflow import APPROVED_PROJECT_STATUSES, IMPLEMENTABLE_PLAN_STATUSES

TEMPLATE = "funding/_dashboard.html"
ROWS_SHOWN = 50


@dataclass
class Row:
    label: str
    progress: Progress
    pk: int | None = None
    code: str = ""


@dataclass
class ImplementationPanel:
    year: int
    total: Progress
    rows: list[Row]
    by_province: bool
    late: Late
    more: int = 0


def implementation_year(user, today=None) -> int | None:
    """The latest year with an approved plan the user can see, up to this year (one query)."""
    today = today or timezone.localdate()
    return (
        plan_queryset_for_user(user)
        .filter(status__in=IMPLEMENTABLE_PLAN_STATUSES, year__lte=today.year)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


def implementation_panel_data(user, year: int, today=None) -> ImplementationPanel:
    projects = project_queryset_for_user(user).filter(year=year)
    total = progress_by(projects, None).get(None) or Progress()
    late = late_projects(projects, today=today)
    if sees_all_provinces(user):
        by = progress_by(projects, "plan__province_id")
        names = dict(Province.objects.filter(pk__in=list(by)).values_list("pk", "name"))
        rows = sorted(
            (Row(names.get(pk, ""), p, pk) for pk, p in by.items()),
            key=lambda r: r.label,
        )
        return ImplementationPanel(year, total, rows, True, late)
    carried = projects.filter(status__in=APPROVED_PROJECT_STATUSES).order_by(
        "program", "sequence", "pk"
    )
    shown = list(carried.values_list("pk", "code", "title")[:ROWS_SHOWN])
    by = progress_by(Project.objects.filter(pk__in=[pk for pk, _c, _t in shown]), "pk")
    rows = [Row(title, by.get(pk) or Progress(), pk, code) for pk, code, title in shown]
    # Counted always (not only when the list is full): the same queries whatever the data.
    more = max(0, carried.count() - ROWS_SHOWN)
    return ImplementationPanel(year, total, rows, False, late, more)


def implementation_panel(request) -> Panel | None:
    user = request.user
    if not user.is_authenticated or (membership_of(user) is None and not user.is_superuser):
        return None
    year = implementation_year(user)
    if year is None:
        return None
    return Panel(TEMPLATE, {"implementation": implementation_panel_data(user, year)})
