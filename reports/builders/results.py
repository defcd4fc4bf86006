"""`results` (form 1, BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG): the form's rows × KCQG | KCĐP.

The first column pair holds what the accepted (or settled) đề án achieved; the second what the
đề án not yet accepted plan, so the form can be sent mid-year. Rows are matched by their stable
code and the indicators mapped to them (never by a substring of a name); rows 9.a and 10.a are
the counterpart and other money of the đề án of activity 9 / 10; row 23 the centres' staff.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, Sum, Value, When

from projects.models import CentreYearFact, Program, ProjectOutput, ProjectStatus, ResultsRow
from projects.totals import with_project_money
from projects.workflow import DONE_PROJECT_STATUSES
from reports.builders.common import (
    ReportMeta,
    activity_of,
    default_activity_ids,
    meta,
    report_projects,
)
from reports.selectors import Area, ReportScope

KCQG, KCDP = Program.KCQG, Program.KCDP
TOTAL_ROW = "Tổng số"

_DONE = Case(
    When(status__in=DONE_PROJECT_STATUSES, then=Value(True)),
    default=Value(False),
    output_field=BooleanField(),
)


@dataclass
class ResultsLine:
    code: str
    label: str
    unit: str
    is_sub: bool
    is_money: bool
    done_kcqg: int | None = 0
    done_kcdp: int | None = 0
    pending_kcqg: int | None = 0
    pending_kcdp: int | None = 0

    @property
    def number(self) -> str:
        """The form's TT column: the row number, blank for a sub-row."""
        return "" if self.is_sub else self.code


@dataclass
class ResultsReport:
    meta: ReportMeta
    year: int
    area: str
    total: ResultsLine
    lines: list[ResultsLine]


def build(scope: ReportScope, area: Area, *, year: int) -> ResultsReport:
    """Six queries: rows, outputs by row, investment money by activity, content defaults, staff,
    đề án counts."""
    projects = report_projects(area, year)
    in_work = projects.exclude(status=ProjectStatus.STOPPED)

    outputs: dict[tuple, int] = defaultdict(int)
    for row in (
        ProjectOutput.objects.filter(project__in=in_work, indicator__results_row__isnull=False)
        .annotate(
            done=Case(
                When(project__status__in=DONE_PROJECT_STATUSES, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .values("indicator__results_row_id", "project__program", "done")
        .annotate(actual=Sum("actual"), planned=Sum("planned"))
        .order_by()
    ):
        key = (row["indicator__results_row_id"], row["project__program"], row["done"])
        outputs[key] += (row["actual"] if row["done"] else row["planned"]) or 0

    defaults = default_activity_ids()
    investment: dict[tuple, int] = defaultdict(int)
    for row in with_project_money(
        in_work.annotate(done=_DONE)
        .values("activity_id", "content_id", "program", "done")
        .order_by(),
        path="",
    ):
        activity_id = activity_of(row["activity_id"], row["content_id"], defaults)
        investment[(activity_id, row["program"], row["done"])] += (row["counterpart"] or 0) + (
            row["other"] or 0
        )

    staff = CentreYearFact.objects.filter(year=year)
    if area.province_ids is not None:
        staff = staff.filter(organisation__province__in=area.province_ids)
    staff_total = staff.aggregate(n=Sum("staff_count"), facts=Count("pk"))

    counts: dict[tuple, int] = defaultdict(int)
    for row in (
        in_work.annotate(done=_DONE).values("program", "done").annotate(n=Count("pk")).order_by()
    ):
        counts[(row["program"], row["done"])] += row["n"]
    total = ResultsLine(
        code="",
        label=TOTAL_ROW,
        unit="Đề án",
        is_sub=False,
        is_money=False,
        done_kcqg=counts[(KCQG, True)],
        done_kcdp=counts[(KCDP, True)],
        pending_kcqg=counts[(KCQG, False)],
        pending_kcdp=counts[(KCDP, False)],
    )

    lines = []
    for form_row in ResultsRow.objects.order_by("sort_order", "code"):
        line = ResultsLine(
            code=form_row.code,
            label=form_row.label,
            unit=form_row.unit,
            is_sub=form_row.parent_id is not None,
            is_money=form_row.source == ResultsRow.Source.INVESTMENT,
        )
        if form_row.source == ResultsRow.Source.CENTRE_STAFF:
            # A fact about the centre, not a đề án output: entered once a year, in the KCĐP
            # column (the centre is the province's); blank when nobody entered it.
            line.done_kcqg = line.pending_kcqg = line.pending_kcdp = None
            line.done_kcdp = staff_total["n"] if staff_total["facts"] else None
        else:
            source = investment if line.is_money else outputs
            ident = form_row.activity_id if line.is_money else form_row.pk
            line.done_kcqg = source.get((ident, KCQG, True), 0)
            line.done_kcdp = source.get((ident, KCDP, True), 0)
            line.pending_kcqg = source.get((ident, KCQG, False), 0)
            line.pending_kcdp = source.get((ident, KCDP, False), 0)
        lines.append(line)

    return ResultsReport(
        meta=meta(
            scope,
            name="results",
            title="BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG",
            subtitle=f"Năm {year} · {area.label}",
            filters=[("Năm báo cáo", str(year)), ("Phạm vi", area.label)],
            formulas=[
                "Đã thực hiện: số đạt được của các đề án đã nghiệm thu hoặc quyết toán",
                "Kế hoạch: số dự kiến của các đề án chưa nghiệm thu (không kể đề án ngừng)",
                "Dòng 9, 10 “vốn đầu tư thu hút được” = vốn đối ứng + vốn khác của các đề án "
                "thuộc hoạt động 9, 10 (triệu đồng)",
            ],
            notes=[
                "KCQG: Khuyến công quốc gia; KCĐP: Khuyến công địa phương",
                "Dòng “Tổng số”: số đề án. Dòng 23: số cán bộ các trung tâm khai báo hằng năm, "
                "ghi ở cột KCĐP.",
            ],
        ),
        year=year,
        area=area.label,
        total=total,
        lines=lines,
    )
