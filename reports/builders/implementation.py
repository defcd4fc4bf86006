"""`implementation`: a province's year (or first half): plan vs disbursed vs accepted by đề án
and by source, execution, outputs planned vs achieved, đề án by status.

The carried-out figures come from implementation_amounts only; until disbursements are recorded
they show "—".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Sum, Value, When

from projects.models import ProjectOutput, ProjectStatus
from projects.totals import Totals
from projects.workflow import DONE_PROJECT_STATUSES, INACTIVE_PROJECT_STATUSES
from reports.builders.common import (
    ACCEPTED_NOTE,
    EXECUTION_FORMULA,
    LEVERAGE_FORMULA,
    NO_DISBURSEMENT_NOTE,
    PLAN_AMOUNT_NOTE,
    Amounts,
    ReportMeta,
    awaiting_note,
    implementation_amounts,
    meta,
    percent,
    period_end,
    report_projects,
)
from reports.selectors import Area, ReportScope

PERIOD_LABELS = {"h1": "6 tháng đầu năm", "year": "cả năm"}
SOURCE_LABELS = [
    ("kcqg", "Khuyến công quốc gia (KCQG)"),
    ("kcdp", "Khuyến công địa phương (KCĐP)"),
    ("counterpart", "Vốn đối ứng"),
    ("other", "Nguồn khác"),
]


@dataclass
class ProjectRow:
    code: str
    title: str
    program: str
    status: str
    plan: Totals
    disbursed: int | None
    accepted: Totals

    @property
    def execution(self) -> Decimal | None:
        return percent(self.disbursed, self.plan.public)


@dataclass
class SourceRow:
    source: str
    label: str
    plan: int
    disbursed: int | None
    accepted: int

    @property
    def execution(self) -> Decimal | None:
        return percent(self.disbursed, self.plan)


@dataclass
class OutputRow:
    indicator: str
    unit: str
    planned: int
    achieved: int


@dataclass
class StatusCount:
    status: str
    label: str
    count: int


@dataclass
class ImplementationReport:
    meta: ReportMeta
    year: int
    period: str
    area: str
    projects: list[ProjectRow]
    sources: list[SourceRow]
    outputs: list[OutputRow]
    statuses: list[StatusCount]
    total: ProjectRow
    disbursement_recorded: bool


def build(scope: ReportScope, area: Area, *, year: int, period: str) -> ImplementationReport:
    """Three queries: the đề án with their money, the carried-out figures, the outputs."""
    status_labels = dict(ProjectStatus.choices)
    # Stopped đề án are listed (with their status) but count in no total.
    projects = report_projects(area, year, with_stopped=True)
    amounts = implementation_amounts(projects, until=period_end(year, period))
    recorded = amounts.disbursement_recorded
    rows = []
    counts = dict.fromkeys(ProjectStatus.values, 0)
    plan_total, carried = Totals(), Amounts()
    for project in projects.order_by("plan__province__code", "program", "sequence", "pk"):
        done = amounts.of(project.pk)
        plan = Totals.of(project)
        rows.append(
            ProjectRow(
                code=project.code,
                title=project.title,
                program=project.program,
                status=str(status_labels.get(project.status, project.status)),
                plan=plan,
                disbursed=done.disbursed.public if recorded else None,
                accepted=done.accepted,
            )
        )
        counts[project.status] += 1
        if project.status in INACTIVE_PROJECT_STATUSES:
            continue
        plan_total = plan_total.add(plan)
        carried = carried.add(done)
    total = ProjectRow(
        code="",
        title="Tổng cộng",
        program="",
        status="",
        plan=plan_total,
        disbursed=carried.disbursed.public if recorded else None,
        accepted=carried.accepted,
    )
    sources = [
        SourceRow(
            source=name,
            label=label,
            plan=getattr(plan_total, name),
            disbursed=getattr(carried.disbursed, name) if recorded else None,
            accepted=getattr(carried.accepted, name),
        )
        for name, label in SOURCE_LABELS
    ]
    outputs = [
        OutputRow(
            indicator=row["indicator__name"],
            unit=row["indicator__unit"],
            planned=row["planned"] or 0,
            achieved=row["achieved"] or 0,
        )
        for row in ProjectOutput.objects.filter(
            project__in=projects.exclude(status=ProjectStatus.STOPPED)
        )
        .values("indicator__name", "indicator__unit", "indicator__sort_order")
        .annotate(
            planned=Sum("planned"),
            achieved=Sum(
                Case(
                    When(project__status__in=DONE_PROJECT_STATUSES, then="actual"),
                    default=Value(0),
                )
            ),
        )
        .order_by("indicator__sort_order", "indicator__name")
    ]
    statuses = [
        StatusCount(value, str(label), counts[value])
        for value, label in ProjectStatus.choices
        if counts[value]
    ]
    notes = [PLAN_AMOUNT_NOTE, ACCEPTED_NOTE]
    if counts[ProjectStatus.AWAITING_MINISTRY]:
        notes.append(awaiting_note(counts[ProjectStatus.AWAITING_MINISTRY]))
    if counts[ProjectStatus.STOPPED]:
        notes.append("Đề án ngừng triển khai được liệt kê nhưng không cộng vào tổng.")
    if not recorded:
        notes.append(NO_DISBURSEMENT_NOTE)
    notes.append("Số đạt được: của các đề án đã nghiệm thu hoặc quyết toán.")
    return ImplementationReport(
        meta=meta(
            scope,
            name="implementation",
            title=f"BÁO CÁO TÌNH HÌNH THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG NĂM {year}",
            subtitle=f"{PERIOD_LABELS[period].capitalize()} · {area.label}",
            filters=[
                ("Năm", str(year)),
                ("Kỳ báo cáo", PERIOD_LABELS[period]),
                ("Đến ngày", period_end(year, period).strftime("%d/%m/%Y")),
                ("Phạm vi", area.label),
            ],
            formulas=[EXECUTION_FORMULA, LEVERAGE_FORMULA],
            notes=notes,
        ),
        year=year,
        period=period,
        area=area.label,
        projects=rows,
        sources=sources,
        outputs=outputs,
        statuses=statuses,
        total=total,
        disbursement_recorded=recorded,
    )
