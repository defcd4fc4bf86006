"""The implementation of a plan: plan, disbursed and accepted money, outputs, statuses.
No query here."""

from __future__ import annotations

from reports.builders.implementation import ImplementationReport
from reports.renderers.document import Column, Document, Row, Table
from reports.renderers.layouts.common import PROGRAM_SHORT


def layout(report: ImplementationReport) -> Document:
    sources = Table(
        key="Theo nguồn",
        title="Theo nguồn kinh phí",
        columns=[
            Column("Nguồn", width=32),
            Column("Kế hoạch", "money"),
            Column("Giải ngân", "money"),
            Column("Nghiệm thu", "money"),
            Column("Tỷ lệ thực hiện (%)", "percent", width=11),
        ],
        rows=[Row([s.label, s.plan, s.disbursed, s.accepted, s.execution]) for s in report.sources],
    )
    statuses = Table(
        key="Theo trạng thái",
        title="Số đề án theo trạng thái",
        columns=[Column("Trạng thái", width=24), Column("Số đề án", "int", width=10)],
        rows=[Row([s.label, s.count]) for s in report.statuses]
        + [Row(["Tổng cộng", sum(s.count for s in report.statuses)], "total")],
    )
    kc = "Kinh phí khuyến công"

    def cells(row) -> list:
        return [
            row.code,
            row.title,
            PROGRAM_SHORT.get(row.program, row.program),
            row.status,
            row.plan.public,
            row.plan.counterpart,
            row.disbursed,
            row.accepted.public,
            row.accepted.counterpart,
            row.execution,
        ]

    projects = Table(
        key="Theo đề án",
        title="Theo đề án",
        columns=[
            Column("Mã đề án", "code", width=18),
            Column("Tên đề án", width=44),
            Column("Chương trình", "code", width=8),
            Column("Trạng thái", width=14),
            Column(kc, "money", "Kế hoạch"),
            Column("Đối ứng", "money", "Kế hoạch"),
            Column(kc, "money", "Giải ngân"),
            Column(kc, "money", "Nghiệm thu"),
            Column("Đối ứng", "money", "Nghiệm thu"),
            Column("Tỷ lệ thực hiện (%)", "percent", width=11),
        ],
        rows=[Row(cells(row)) for row in report.projects] + [Row(cells(report.total), "total")],
    )
    outputs = Table(
        key="Kết quả đầu ra",
        title="Kết quả đầu ra: kế hoạch và đạt được",
        columns=[
            Column("Chỉ tiêu", width=44),
            Column("Đơn vị tính", width=14),
            Column("Kế hoạch", "int", width=11),
            Column("Đạt được", "int", width=11),
        ],
        rows=[Row([o.indicator, o.unit, o.planned, o.achieved]) for o in report.outputs],
    )
    return Document(
        meta=report.meta,
        tables=[sources, statuses, projects, outputs],
        words=[("Tổng kinh phí khuyến công kế hoạch", report.total.plan.public)],
        filename=f"thuc-hien-{report.year}-{report.period}",
    )
