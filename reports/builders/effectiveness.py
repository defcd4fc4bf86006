"""`effectiveness`: the establishments supported by a year's đề án, their revenue and jobs the
year before the plan year against the year after (the registry's yearly figures)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from beneficiaries.models import Snapshot
from projects.models import Participation, ProjectStatus
from reports.builders.common import ReportMeta, meta, percent, report_projects
from reports.selectors import Area, ReportScope

# Support actually given: approved onwards, and not stopped.
SUPPORTED = (
    ProjectStatus.APPROVED,
    ProjectStatus.IN_PROGRESS,
    ProjectStatus.ACCEPTED,
    ProjectStatus.SETTLED,
)


def _change(before: int | None, after: int | None) -> Decimal | None:
    if before is None or after is None or not before:
        return None
    return percent(after - before, before)


@dataclass
class EstablishmentRow:
    name: str
    tax_code: str
    projects: list[str]
    revenue_before: int | None
    revenue_after: int | None
    employees_before: int | None
    employees_after: int | None

    @property
    def revenue_change(self) -> Decimal | None:
        return _change(self.revenue_before, self.revenue_after)

    @property
    def employees_change(self) -> Decimal | None:
        return _change(self.employees_before, self.employees_after)


@dataclass
class Summary:
    """Sums over the establishments that have both figures (the others are counted apart)."""

    compared: int = 0
    missing: int = 0
    before: int = 0
    after: int = 0

    @property
    def change(self) -> Decimal | None:
        return _change(self.before, self.after) if self.compared else None


@dataclass
class EffectivenessReport:
    meta: ReportMeta
    year: int
    before_year: int
    after_year: int
    rows: list[EstablishmentRow]
    revenue: Summary = field(default_factory=Summary)
    employees: Summary = field(default_factory=Summary)


def build(scope: ReportScope, area: Area, *, year: int) -> EffectivenessReport:
    """Two queries: the participations with their establishments, then their yearly figures."""
    before_year, after_year = year - 1, year + 1
    projects = report_projects(area, year).filter(status__in=SUPPORTED)
    participations = (
        Participation.objects.filter(project__in=projects)
        .select_related("beneficiary", "project")
        .order_by("beneficiary__name", "beneficiary_id", "project__code")
    )
    rows: dict[int, EstablishmentRow] = {}
    for participation in participations:
        beneficiary = participation.beneficiary
        row = rows.get(beneficiary.pk)
        if row is None:
            row = rows[beneficiary.pk] = EstablishmentRow(
                name=beneficiary.name,
                tax_code=beneficiary.tax_code or "",
                projects=[],
                revenue_before=None,
                revenue_after=None,
                employees_before=None,
                employees_after=None,
            )
        row.projects.append(participation.project.code)
    snapshots = (
        Snapshot.objects.filter(
            beneficiary__participations__project__in=projects, year__in=[before_year, after_year]
        )
        .values_list("beneficiary_id", "year", "revenue", "employees")
        .distinct()
        .order_by()
    )
    for beneficiary_id, snapshot_year, revenue, employees in snapshots:
        row = rows.get(beneficiary_id)
        if row is None:
            continue
        if snapshot_year == before_year:
            row.revenue_before, row.employees_before = revenue, employees
        else:
            row.revenue_after, row.employees_after = revenue, employees
    revenue, employees = Summary(), Summary()
    for row in rows.values():
        for summary, before, after in (
            (revenue, row.revenue_before, row.revenue_after),
            (employees, row.employees_before, row.employees_after),
        ):
            if before is None or after is None:
                summary.missing += 1
            else:
                summary.compared += 1
                summary.before += before
                summary.after += after
    return EffectivenessReport(
        meta=meta(
            scope,
            name="effectiveness",
            title=f"HIỆU QUẢ HỖ TRỢ CÁC CƠ SỞ CNNT — ĐỀ ÁN NĂM {year}",
            subtitle=area.label,
            filters=[
                ("Năm kế hoạch", str(year)),
                ("Phạm vi", area.label),
                ("So sánh", f"năm {before_year} (trước hỗ trợ) với năm {after_year} (sau hỗ trợ)"),
            ],
            formulas=[
                "Tăng trưởng = (số sau − số trước) ÷ số trước",
                "Tổng: chỉ các cơ sở có đủ số liệu cả hai năm",
            ],
            notes=[
                "Số liệu từ số liệu hằng năm của cơ sở trong sổ đăng ký; đề án đã duyệt trở đi, "
                "không kể đề án bị ngừng hoặc từ chối."
            ],
        ),
        year=year,
        before_year=before_year,
        after_year=after_year,
        rows=list(rows.values()),
        revenue=revenue,
        employees=employees,
    )
