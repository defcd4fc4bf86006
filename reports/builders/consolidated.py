"""`consolidated`: the ministry's year by province, region, content and programme.

Aggregated in the database: one grouped query gives every (year, unit, content group,
programme) cell of this year and last year; the four tables and the grand total are sums of
those cells. So the page costs the same few queries for 40 đề án or 30.000.

grouping=current rolls the old units into their successors (Sóc Trăng 2023 counts for Cần Thơ);
grouping=historical keeps the units as they were.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce

from khuyencong.models import Province, Region
from projects.models import Content, Program, Project
from projects.totals import Totals, with_project_money
from projects.workflow import INACTIVE_PROJECT_STATUSES, ProjectStatus
from reports.builders.common import (
    EXECUTION_FORMULA,
    LEVERAGE_FORMULA,
    NO_DISBURSEMENT_NOTE,
    PLAN_AMOUNT_NOTE,
    ReportMeta,
    awaiting_note,
    change_percent,
    implementation_amounts,
    meta,
    percent,
)
from reports.selectors import ReportScope

GROUPING_LABELS = {
    "current": "34 đơn vị hành chính hiện nay (tỉnh cũ gộp vào đơn vị kế thừa)",
    "historical": "đơn vị hành chính tại thời điểm lập kế hoạch",
}


@dataclass
class Row:
    key: str
    label: str
    count: int = 0
    money: Totals = field(default_factory=Totals)
    previous_public: int = 0
    disbursed: int | None = None

    @property
    def leverage(self) -> Decimal | None:
        return self.money.leverage

    @property
    def execution(self) -> Decimal | None:
        """Disbursed ÷ approved khuyến công money, in %; None without disbursement records."""
        return percent(self.disbursed, self.money.public)

    @property
    def change(self) -> Decimal | None:
        """Change of the khuyến công money (KCQG + KCĐP) against last year, in %."""
        return change_percent(self.money.public, self.previous_public)

    def add(self, count: int, money: Totals) -> None:
        self.count += count
        self.money = self.money.add(money)


@dataclass
class ConsolidatedReport:
    meta: ReportMeta
    year: int
    grouping: str
    region: str
    by_province: list[Row]
    by_region: list[Row]
    by_content: list[Row]
    by_program: list[Row]
    total: Row
    disbursement_recorded: bool

    @property
    def leverage_series(self) -> list[tuple[str, Decimal | None]]:
        return [(row.label, row.leverage) for row in self.by_province]

    @property
    def execution_series(self) -> list[tuple[str, Decimal | None]]:
        return [(row.label, row.execution) for row in self.by_province]


def _unit_key(grouping: str):
    if grouping == "historical":
        return F("plan__province_id")
    return Coalesce(F("plan__province__successor_id"), F("plan__province_id"))


def _region_filter(grouping: str, region: str) -> Q:
    if grouping == "historical":
        return Q(plan__province__region=region)
    return Q(plan__province__successor__region=region) | Q(
        plan__province__successor__isnull=True, plan__province__region=region
    )


def build(scope: ReportScope, *, year: int, grouping: str, region: str = "") -> ConsolidatedReport:
    projects = Project.objects.exclude(status__in=INACTIVE_PROJECT_STATUSES)
    if scope.province_ids is not None:
        projects = projects.filter(plan__province__in=scope.province_ids)
    if region:
        projects = projects.filter(_region_filter(grouping, region))
    this_year = projects.filter(plan__year=year)

    cells = with_project_money(
        projects.filter(plan__year__in=[year - 1, year])
        .annotate(unit=_unit_key(grouping), top=Coalesce(F("content__parent_id"), F("content_id")))
        .values("plan__year", "unit", "top", "program", "status")
        .order_by(),
        path="",
    ).annotate(n=Count("pk"))
    cells = list(cells)

    amounts = implementation_amounts(this_year)
    disbursed_by: dict[tuple, int] = defaultdict(int)
    if amounts.disbursement_recorded:
        for pk, unit, top, program in (
            this_year.annotate(
                unit=_unit_key(grouping), top=Coalesce(F("content__parent_id"), F("content_id"))
            )
            .values_list("pk", "unit", "top", "program")
            .order_by()
        ):
            disbursed = amounts.of(pk).disbursed.public
            for key in (("unit", unit), ("top", top), ("program", program), ("all", None)):
                disbursed_by[key] += disbursed

    unit_ids = {cell["unit"] for cell in cells}
    units = {p.pk: p for p in Province.objects.filter(pk__in=unit_ids)}
    tops = {c.pk: c for c in Content.objects.filter(parent__isnull=True)}
    region_labels = dict(Region.choices)
    program_labels = {
        Program.KCQG: "Khuyến công quốc gia (KCQG)",
        Program.KCDP: "Khuyến công địa phương (KCĐP)",
    }

    by_unit: dict[int, Row] = {}
    by_region: dict[str, Row] = {}
    by_top: dict[int, Row] = {}
    by_program: dict[str, Row] = {}
    total = Row(key="", label="Tổng cộng")
    previous: dict[tuple, int] = defaultdict(int)
    awaiting = 0
    for cell in cells:
        unit = units[cell["unit"]]
        money = Totals.of(cell)
        keys = (
            ("unit", unit.pk),
            ("region", unit.region),
            ("top", cell["top"]),
            ("program", cell["program"]),
            ("all", None),
        )
        if cell["plan__year"] != year:
            for key in keys:
                previous[key] += money.public
            continue
        targets = (
            by_unit.setdefault(unit.pk, Row(key=unit.code, label=unit.name)),
            by_region.setdefault(
                unit.region,
                Row(key=unit.region, label=str(region_labels.get(unit.region, unit.region))),
            ),
            by_top.setdefault(
                cell["top"],
                Row(
                    key=tops[cell["top"]].code if cell["top"] in tops else "",
                    label=tops[cell["top"]].name if cell["top"] in tops else "",
                ),
            ),
            by_program.setdefault(
                cell["program"],
                Row(
                    key=cell["program"], label=program_labels.get(cell["program"], cell["program"])
                ),
            ),
            total,
        )
        for row in targets:
            row.add(cell["n"], money)
        if cell["status"] == ProjectStatus.AWAITING_MINISTRY:
            awaiting += cell["n"]

    def finish(rows: dict, kind: str) -> None:
        for ident, row in rows.items():
            row.previous_public = previous.get((kind, ident), 0)
            row.disbursed = (
                disbursed_by.get((kind, ident), 0) if amounts.disbursement_recorded else None
            )

    finish(by_unit, "unit")
    finish(by_region, "region")
    finish(by_top, "top")
    finish(by_program, "program")
    total.previous_public = previous.get(("all", None), 0)
    total.disbursed = disbursed_by.get(("all", None), 0) if amounts.disbursement_recorded else None

    region_order = {value: index for index, value in enumerate(Region.values)}
    province_rows = sorted(by_unit.values(), key=lambda r: (r.key, r.label))
    content_rows = sorted(
        by_top.items(),
        key=lambda item: (
            (tops[item[0]].sort_order, tops[item[0]].code) if item[0] in tops else (999, "")
        ),
    )
    filters = [("Năm", str(year)), ("Nhóm theo", GROUPING_LABELS[grouping])]
    if region:
        filters.append(("Vùng", str(region_labels.get(region, region))))
    if scope.province_ids is not None:
        filters.append(("Phạm vi", scope.home.name if scope.home else ""))
    notes = [PLAN_AMOUNT_NOTE, "Tăng/giảm so với năm trước: kinh phí khuyến công (KCQG + KCĐP)."]
    if awaiting:
        notes.append(awaiting_note(awaiting))
    if not amounts.disbursement_recorded:
        notes.append(NO_DISBURSEMENT_NOTE)
    return ConsolidatedReport(
        meta=meta(
            scope,
            name="consolidated",
            title=f"BÁO CÁO TỔNG HỢP KẾ HOẠCH KHUYẾN CÔNG NĂM {year}",
            subtitle="Theo tỉnh/thành phố, vùng, nội dung và chương trình",
            filters=filters,
            formulas=[LEVERAGE_FORMULA, EXECUTION_FORMULA, "Tổng = KCQG + KCĐP + đối ứng + khác"],
            notes=notes,
        ),
        year=year,
        grouping=grouping,
        region=region,
        by_province=province_rows,
        by_region=sorted(by_region.values(), key=lambda r: region_order.get(r.key, 99)),
        by_content=[row for _, row in content_rows],
        by_program=[by_program[p] for p in Program.values if p in by_program],
        total=total,
        disbursement_recorded=amounts.disbursement_recorded,
    )
