"""Form 2, BÁO CÁO KINH PHÍ KHUYẾN CÔNG: the 24 activity lines × KCĐP | KCQG, this form's order.
No query here."""

from __future__ import annotations

from reports.builders.funding import UNIT as FUNDING_UNIT
from reports.builders.funding import FundingLine, FundingReport
from reports.renderers.document import Column, Document, Row, Table


def layout(report: FundingReport) -> Document:
    plan_group = f"Năm báo cáo {report.year}: kế hoạch"
    columns = [
        Column("TT", "code", width=6),
        Column("Chỉ tiêu", width=60),
        Column("Đơn vị tính", width=10),
        Column("KCĐP", "million", plan_group),
        Column("KCQG", "million", plan_group),
        Column("KCĐP", "million", "Giải ngân"),
        Column("KCQG", "million", "Giải ngân"),
        Column("KCĐP", "million", "Nghiệm thu"),
        Column("KCQG", "million", "Nghiệm thu"),
    ]

    def cells(line: FundingLine) -> list:
        disbursed = line.disbursed
        return [
            line.code,
            line.label,
            FUNDING_UNIT,
            line.plan.kcdp,
            line.plan.kcqg,
            disbursed.kcdp if disbursed else None,
            disbursed.kcqg if disbursed else None,
            line.accepted.kcdp,
            line.accepted.kcqg,
        ]

    rows = [Row(cells(report.total), "total")]
    rows += [Row(cells(line)) for line in report.lines]
    if report.unassigned:
        rows.append(Row(cells(report.unassigned)))
    words = [
        ("Tổng kinh phí KCĐP", report.total.plan.kcdp),
        ("Tổng kinh phí KCQG", report.total.plan.kcqg),
    ]
    return Document(
        meta=report.meta,
        tables=[
            Table(
                key="Kinh phí",
                title="Kinh phí khuyến công theo hoạt động",
                columns=columns,
                rows=rows,
                note="KCQG: Khuyến công quốc gia; KCĐP: Khuyến công địa phương",
            )
        ],
        words=words,
        filename=f"kinh-phi-{report.year}",
    )
