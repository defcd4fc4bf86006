"""Form 3, BÁO CÁO DỰ ÁN KHUYẾN CÔNG: the đề án with the attached list of establishments.
No query here."""

from __future__ import annotations

from reports.builders.project_list import ProjectListReport
from reports.renderers.document import Column, Document, Row, Table


def layout(report: ProjectListReport) -> Document:
    sources, spending = "Nguồn vốn (triệu đồng)", "Kinh phí thực hiện (triệu đồng)"
    columns = [
        Column("STT", "int", width=6),
        Column("Tên đề án", width=50),
        Column("Thời gian thực hiện (năm)", "code", width=12),
        Column("TW", "million", sources),
        Column("Địa phương", "million", sources),
        Column("Tổng kinh phí", "million", spending),
        Column("KP Khuyến công hỗ trợ", "million", spending),
        Column("KP DN đối ứng", "million", spending),
        Column("Đính kèm danh sách doanh nghiệp thụ hưởng", "int", width=14),
    ]

    def years(line) -> str:
        if line.year_start == line.year_end:
            return str(line.year_start)
        return f"{line.year_start}–{line.year_end}"

    rows = [
        Row(
            [
                line.number,
                line.title,
                years(line),
                line.money.kcqg,
                line.money.kcdp,
                line.money.total,
                line.money.public,
                line.money.counterpart,
                line.establishment_count,
            ]
        )
        for line in report.lines
    ]
    total = report.total
    rows.append(
        Row(
            [
                None,
                "Tổng cộng",
                "",
                total.kcqg,
                total.kcdp,
                total.total,
                total.public,
                total.counterpart,
                len(report.establishments),
            ],
            "total",
        )
    )
    establishments = Table(
        key="Doanh nghiệp thụ hưởng",
        title="Danh sách doanh nghiệp thụ hưởng",
        columns=[
            Column("STT đề án", "int", width=8),
            Column("Tên Doanh nghiệp", width=36),
            Column("Mã doanh nghiệp", "code", width=16),
            Column("Địa chỉ", width=40),
            Column("Người đại diện", width=22),
            Column("Ngành nghề kinh doanh", width=30),
        ],
        rows=[
            Row([e.project_number, e.name, e.tax_code, e.address, e.representative, e.sector])
            for e in report.establishments
        ],
    )
    return Document(
        meta=report.meta,
        tables=[
            Table(key="Dự án", title="Danh sách đề án", columns=columns, rows=rows),
            establishments,
        ],
        words=[("Tổng kinh phí khuyến công hỗ trợ", total.public)],
        filename=f"du-an-{report.year}",
    )
