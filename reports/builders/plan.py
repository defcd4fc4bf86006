"""`plan`: a province's annual plan, đề án grouped by content with subtotals, proposed and
approved money side by side, and the plan's version."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum

from projects.models import (
    Content,
    Participation,
    Plan,
    PlanStatus,
    Program,
    Project,
    ProjectStatus,
    Source,
)
from projects.totals import Totals
from projects.workflow import INACTIVE_PROJECT_STATUSES, NOT_IN_PLAN_STATUSES
from reports.builders.common import (
    LEVERAGE_FORMULA,
    ReportMeta,
    awaiting_note,
    meta,
)
from reports.selectors import ReportScope

_SOURCES = {
    "kcqg": Source.KCQG,
    "kcdp": Source.KCDP,
    "counterpart": Source.COUNTERPART,
    "other": Source.OTHER,
}


def with_proposed_and_approved(queryset):
    """Proposed (p_kcqg ...) and approved (a_kcqg ...) amounts by source, and how many budget
    lines carry an approved amount. The plan report is the one place both columns are shown;
    every other report reads the money stored on each đề án (projects.totals)."""
    annotations = {
        "approved_lines": Count("budget_lines", filter=Q(budget_lines__approved__isnull=False))
    }
    for name, source in _SOURCES.items():
        condition = Q(budget_lines__source=source)
        annotations[f"p_{name}"] = Sum("budget_lines__proposed", filter=condition)
        annotations[f"a_{name}"] = Sum("budget_lines__approved", filter=condition)
    return queryset.annotate(**annotations)


def _totals(row, prefix: str) -> Totals:
    return Totals(*(getattr(row, f"{prefix}{name}") or 0 for name in _SOURCES))


def adjustment_label(version: int) -> str:
    """Version 1 is the plan as first approved; each approved adjustment raises the version, so
    version 3 is the plan "điều chỉnh lần 2"."""
    return f"điều chỉnh lần {version - 1}" if version > 1 else ""


@dataclass
class PlanRow:
    code: str
    title: str
    program: str
    status: str
    establishments: list[str]
    place: str
    start: datetime.date | None
    end: datetime.date | None
    proposed: Totals
    approved: Totals | None

    @property
    def leverage(self) -> Decimal | None:
        return (self.approved or self.proposed).leverage


@dataclass
class PlanGroup:
    code: str
    name: str
    rows: list[PlanRow] = field(default_factory=list)
    proposed: Totals = field(default_factory=Totals)
    approved: Totals | None = None


@dataclass
class PlanReport:
    meta: ReportMeta
    province: str
    year: int
    status: str
    version: int
    adjustment: str
    decision_number: str
    decision_date: datetime.date | None
    groups: list[PlanGroup]
    proposed: Totals
    approved: Totals | None
    count: int
    by_program: list[tuple[str, int, Totals, Totals | None]]


def _add(total: Totals | None, amount: Totals | None) -> Totals | None:
    if amount is None:
        return total
    return amount if total is None else total.add(amount)


def build(scope: ReportScope, plan: Plan) -> PlanReport:
    """Two queries: the đề án with their money, then their establishments."""
    status_labels = dict(ProjectStatus.choices)
    projects = (
        with_proposed_and_approved(
            Project.objects.filter(plan=plan).exclude(status__in=NOT_IN_PLAN_STATUSES)
        )
        .select_related("content__parent", "commune")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("beneficiary").order_by("pk"),
            )
        )
        .order_by("content__sort_order", "content__code", "program", "sequence", "pk")
    )
    groups: dict[int, PlanGroup] = {}
    programs = {value: [str(label), 0, Totals(), None] for value, label in Program.choices}
    proposed, approved, count, awaiting = Totals(), None, 0, 0
    top_order: dict[int, tuple] = {}
    for project in projects:
        top: Content = project.content.parent or project.content
        top_order[top.pk] = (top.sort_order, top.code)
        group = groups.setdefault(top.pk, PlanGroup(code=top.code, name=top.name))
        row_approved = _totals(project, "a_") if project.approved_lines else None
        row = PlanRow(
            code=project.code,
            title=project.title,
            program=project.program,
            status=str(status_labels.get(project.status, project.status)),
            establishments=[p.beneficiary.name for p in project.participations.all()],
            place=project.commune.name if project.commune else "",
            start=project.start_month,
            end=project.end_month,
            proposed=_totals(project, "p_"),
            approved=row_approved,
        )
        group.rows.append(row)
        awaiting += project.status == ProjectStatus.AWAITING_MINISTRY
        if project.status in INACTIVE_PROJECT_STATUSES:
            continue  # a stopped đề án is listed with its status, in no total
        group.proposed = group.proposed.add(row.proposed)
        group.approved = _add(group.approved, row_approved)
        summary = programs[project.program]
        summary[1] += 1
        summary[2] = summary[2].add(row.proposed)
        summary[3] = _add(summary[3], row_approved)
        proposed = proposed.add(row.proposed)
        approved = _add(approved, row_approved)
        count += 1
    ordered = [groups[pk] for pk in sorted(groups, key=lambda pk: top_order[pk])]
    adjustment = adjustment_label(plan.version)
    title = f"KẾ HOẠCH KHUYẾN CÔNG NĂM {plan.year}"
    plan_status = str(dict(PlanStatus.choices).get(plan.status, plan.status))
    filters = [("Tỉnh/thành phố", plan.province.name), ("Năm", str(plan.year))]
    filters.append(("Phiên bản", f"{plan.version}" + (f" ({adjustment})" if adjustment else "")))
    filters.append(("Trạng thái kế hoạch", plan_status))
    if plan.decision_number:
        filters.append(("Quyết định phê duyệt", plan.decision_number))
    return PlanReport(
        meta=meta(
            scope,
            name="plan",
            title=title,
            subtitle=f"{plan.province.name}" + (f" ({adjustment})" if adjustment else ""),
            filters=filters,
            formulas=[LEVERAGE_FORMULA, "Tổng = KCQG + KCĐP + đối ứng + khác"],
            notes=[
                "Cột “Được duyệt” để trống (—) khi đề án chưa có số được duyệt.",
                "Hệ số thu hút vốn tính theo số được duyệt, hoặc số đề xuất khi chưa duyệt.",
                "Đề án ngừng triển khai được liệt kê nhưng không cộng vào tổng.",
                *filter(None, [awaiting_note(awaiting)]),
            ],
        ),
        province=plan.province.name,
        year=plan.year,
        status=plan_status,
        version=plan.version,
        adjustment=adjustment,
        decision_number=plan.decision_number,
        decision_date=plan.decision_date,
        groups=ordered,
        proposed=proposed,
        approved=approved,
        count=count,
        by_program=[tuple(v) for v in programs.values()],
    )
