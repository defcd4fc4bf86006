"""`funding` (form 2, BÁO CÁO KINH PHÍ KHUYẾN CÔNG): the 24 activity lines × KCĐP | KCQG.

This form puts KCĐP before KCQG (form 1 does the opposite): the builder keeps amounts by name,
the layout puts them in the form's order. Plan money is the money stored on each đề án; the
carried-out money through implementation_amounts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from projects.models import Activity
from projects.totals import Totals
from reports.builders.common import (
    ACCEPTED_NOTE,
    EXECUTION_FORMULA,
    NO_DISBURSEMENT_NOTE,
    PLAN_AMOUNT_NOTE,
    ReportMeta,
    activity_of,
    default_activity_ids,
    implementation_amounts,
    meta,
    report_projects,
)
from reports.selectors import Area, ReportScope

TOTAL_ROW = "Tổng số kinh phí"
UNIT = "Tr. đồng"


@dataclass
class FundingLine:
    code: str
    label: str
    plan: Totals = field(default_factory=Totals)
    accepted: Totals = field(default_factory=Totals)
    disbursed: Totals | None = None
    count: int = 0


@dataclass
class FundingReport:
    meta: ReportMeta
    year: int
    area: str
    total: FundingLine
    lines: list[FundingLine]
    unassigned: FundingLine | None
    disbursement_recorded: bool


def build(scope: ReportScope, area: Area, *, year: int) -> FundingReport:
    """Four queries: activities, content defaults, the đề án with their money, carried out."""
    projects = report_projects(area, year)
    lines = {
        activity.pk: FundingLine(code=activity.code, label=activity.label)
        for activity in Activity.objects.order_by("sort_order", "code")
    }
    defaults = default_activity_ids()
    amounts = implementation_amounts(projects)
    recorded = amounts.disbursement_recorded
    total = FundingLine(code="", label=TOTAL_ROW, disbursed=Totals() if recorded else None)
    unassigned = FundingLine(code="", label="Chưa xác định hoạt động")
    rows = projects.order_by().values_list(
        "pk", "activity_id", "content_id", "kcqg", "kcdp", "counterpart", "other"
    )
    for pk, activity_id, content_id, kcqg, kcdp, counterpart, other in rows:
        line = lines.get(activity_of(activity_id, content_id, defaults), unassigned)
        plan = Totals(kcqg or 0, kcdp or 0, counterpart or 0, other or 0)
        done = amounts.of(pk)
        for target in (line, total):
            target.count += 1
            target.plan = target.plan.add(plan)
            target.accepted = target.accepted.add(done.accepted)
            if recorded:
                target.disbursed = (target.disbursed or Totals()).add(done.disbursed)
    if recorded:
        for line in lines.values():
            line.disbursed = line.disbursed or Totals()
    notes = [PLAN_AMOUNT_NOTE, ACCEPTED_NOTE]
    if not recorded:
        notes.append(NO_DISBURSEMENT_NOTE)
    notes.append("Đề án chưa chọn hoạt động được tính theo hoạt động mặc định của nội dung.")
    return FundingReport(
        meta=meta(
            scope,
            name="funding",
            title="BÁO CÁO KINH PHÍ KHUYẾN CÔNG",
            subtitle=f"Năm {year} · {area.label}",
            filters=[("Năm báo cáo", str(year)), ("Phạm vi", area.label)],
            formulas=[EXECUTION_FORMULA],
            notes=notes,
        ),
        year=year,
        area=area.label,
        total=total,
        lines=list(lines.values()),
        unassigned=unassigned if unassigned.count else None,
        disbursement_recorded=recorded,
    )
