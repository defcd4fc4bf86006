"""`project_list` (form 3, BÁO CÁO DỰ ÁN KHUYẾN CÔNG): the đề án with their money by source
(TW = KCQG, Địa phương = KCĐP) and by use, and the attached list of establishments."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from beneficiaries.models import ProductGroup
from projects.models import Participation
from projects.totals import Totals
from projects.workflow import ProjectStatus
from reports.builders.common import (
    PLAN_AMOUNT_NOTE,
    ReportMeta,
    awaiting_note,
    meta,
    report_projects,
)
from reports.selectors import Area, ReportScope


@dataclass
class Establishment:
    project_number: int
    name: str
    tax_code: str
    address: str
    representative: str
    sector: str


@dataclass
class ProjectLine:
    number: int
    code: str
    title: str
    year_start: int
    year_end: int
    money: Totals
    establishment_count: int


@dataclass
class ProjectListReport:
    meta: ReportMeta
    year: int
    area: str
    lines: list[ProjectLine]
    total: Totals
    establishments: list[Establishment]


def _address(beneficiary) -> str:
    parts = [beneficiary.street_address]
    if beneficiary.commune is not None:
        parts.append(beneficiary.commune.name)
    parts.append(beneficiary.province.name)
    current = ", ".join(part for part in parts if part)
    return current or beneficiary.old_address


def build(scope: ReportScope, area: Area, *, year: int) -> ProjectListReport:
    """Two queries: the đề án with their money, then their establishments."""
    sectors = {value: str(label) for value, label in ProductGroup.choices}
    projects = (
        report_projects(area, year)
        .select_related("plan")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related(
                    "beneficiary__commune", "beneficiary__province"
                ).order_by("pk"),
            )
        )
        .order_by("plan__province__code", "program", "sequence", "pk")
    )
    lines, establishments, total, awaiting = [], [], Totals(), 0
    for number, project in enumerate(projects, start=1):
        money = Totals.of(project)
        awaiting += project.status == ProjectStatus.AWAITING_MINISTRY
        participations = list(project.participations.all())
        lines.append(
            ProjectLine(
                number=number,
                code=project.code,
                title=project.title,
                year_start=project.start_month.year if project.start_month else project.plan.year,
                year_end=project.end_month.year if project.end_month else project.plan.year,
                money=money,
                establishment_count=len(participations),
            )
        )
        total = total.add(money)
        for participation in participations:
            beneficiary = participation.beneficiary
            establishments.append(
                Establishment(
                    project_number=number,
                    name=beneficiary.name,
                    tax_code=beneficiary.tax_code or "",
                    address=_address(beneficiary),
                    representative=beneficiary.representative,
                    sector=sectors.get(beneficiary.product_group, "") or beneficiary.products,
                )
            )
    return ProjectListReport(
        meta=meta(
            scope,
            name="project_list",
            title="BÁO CÁO DỰ ÁN KHUYẾN CÔNG",
            subtitle=f"Năm {year} · {area.label}",
            filters=[("Năm", str(year)), ("Phạm vi", area.label)],
            formulas=[
                "KP Khuyến công hỗ trợ = TW (KCQG) + Địa phương (KCĐP)",
                "Tổng kinh phí = KP khuyến công hỗ trợ + KP DN đối ứng + nguồn khác",
            ],
            notes=[
                PLAN_AMOUNT_NOTE,
                "TW: Khuyến công quốc gia (KCQG); Địa phương: KCĐP.",
                *filter(None, [awaiting_note(awaiting)]),
            ],
        ),
        year=year,
        area=area.label,
        lines=lines,
        total=total,
        establishments=establishments,
    )
