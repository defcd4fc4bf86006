"""`series`: the plan totals year by year over a range (2014–2018 style), with the cumulative
leverage people quote ("1 đồng vốn khuyến công thu hút 4,78 đồng vốn đối ứng")."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from projects.models import Project
from projects.totals import Totals, with_project_money
from projects.workflow import INACTIVE_PROJECT_STATUSES
from reports.builders.common import (
    EXECUTION_FORMULA,
    LEVERAGE_FORMULA,
    NO_DISBURSEMENT_NOTE,
    PLAN_AMOUNT_NOTE,
    ReportMeta,
    implementation_amounts,
    meta,
    percent,
)
from reports.selectors import Area, ReportScope


@dataclass
class YearRow:
    year: int
    count: int = 0
    money: Totals = field(default_factory=Totals)
    disbursed: int | None = None

    @property
    def leverage(self) -> Decimal | None:
        return self.money.leverage

    @property
    def execution(self) -> Decimal | None:
        return percent(self.disbursed, self.money.public)


@dataclass
class SeriesReport:
    meta: ReportMeta
    year_from: int
    year_to: int
    area: str
    rows: list[YearRow]
    total: YearRow
    disbursement_recorded: bool

    @property
    def cumulative_leverage(self) -> Decimal | None:
        return self.total.leverage

    @property
    def money_series(self) -> list[tuple[str, list[int]]]:
        """Money by source per year, for the chart: (source, one amount per year)."""
        return [
            ("KCQG", [row.money.kcqg for row in self.rows]),
            ("KCĐP", [row.money.kcdp for row in self.rows]),
            ("Đối ứng", [row.money.counterpart for row in self.rows]),
        ]


def build(scope: ReportScope, area: Area, *, year_from: int, year_to: int) -> SeriesReport:
    """Two queries: the money and count by year, then the carried-out figures."""
    projects = area.filter(
        Project.objects.filter(plan__year__gte=year_from, plan__year__lte=year_to)
    ).exclude(status__in=INACTIVE_PROJECT_STATUSES)
    by_year = {
        row["plan__year"]: row
        for row in with_project_money(projects.values("plan__year").order_by(), path="").annotate(
            n=Count("pk")
        )
    }
    amounts = implementation_amounts(projects)
    disbursed_by_year: dict[int, int] = {}
    if amounts.disbursement_recorded:
        for pk, year in projects.values_list("pk", "plan__year").order_by():
            disbursed_by_year[year] = (
                disbursed_by_year.get(year, 0) + amounts.of(pk).disbursed.public
            )
    rows = []
    total = YearRow(year=0)
    for year in range(year_from, year_to + 1):
        cell = by_year.get(year)
        row = YearRow(
            year=year,
            count=cell["n"] if cell else 0,
            money=Totals.of(cell) if cell else Totals(),
            disbursed=disbursed_by_year.get(year, 0) if amounts.disbursement_recorded else None,
        )
        rows.append(row)
        total.count += row.count
        total.money = total.money.add(row.money)
        if row.disbursed is not None:
            total.disbursed = (total.disbursed or 0) + row.disbursed
    notes = [PLAN_AMOUNT_NOTE]
    if not amounts.disbursement_recorded:
        notes.append(NO_DISBURSEMENT_NOTE)
    return SeriesReport(
        meta=meta(
            scope,
            name="series",
            title=f"KINH PHÍ KHUYẾN CÔNG GIAI ĐOẠN {year_from}–{year_to}",
            subtitle=area.label,
            filters=[
                ("Từ năm", str(year_from)),
                ("Đến năm", str(year_to)),
                ("Phạm vi", area.label),
            ],
            formulas=[
                LEVERAGE_FORMULA,
                "Hệ số cả giai đoạn = tổng vốn đối ứng ÷ tổng (KCQG + KCĐP) của các năm",
                EXECUTION_FORMULA,
            ],
            notes=notes,
        ),
        year_from=year_from,
        year_to=year_to,
        area=area.label,
        rows=rows,
        total=total,
        disbursement_recorded=amounts.disbursement_recorded,
    )
