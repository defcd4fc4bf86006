"""The consolidated report: by province, region, content and programme, with leverage and change.
No query here."""

from __future__ import annotations

from collections.abc import Callable

from reports import charts
from reports.builders.consolidated import ConsolidatedReport
from reports.builders.consolidated import Row as ConsolidatedRow
from reports.renderers.document import Chart, Column, Document, Row, Table
from reports.renderers.layouts.common import NO_DISBURSEMENT, percent, ratio

CONSOLIDATED_MONEY = [
    Column("Số đề án", "int", width=9),
    Column("KCQG", "money"),
    Column("KCĐP", "money"),
    Column("Đối ứng", "money"),
    Column("Tổng", "money", width=16),
    Column("Hệ số thu hút vốn", "ratio", width=10),
    Column("Giải ngân", "money"),
    Column("Tỷ lệ thực hiện (%)", "percent", width=11),
    Column("Tăng/giảm so với năm trước (%)", "percent", width=13),
]


def _consolidated_cells(row: ConsolidatedRow) -> list:
    return [
        row.count,
        row.money.kcqg,
        row.money.kcdp,
        row.money.counterpart,
        row.money.total,
        row.leverage,
        row.disbursed,
        row.execution,
        row.change,
    ]


def layout(report: ConsolidatedReport) -> Document:
    def table(key: str, title: str, heads: list[Column], rows, label: Callable) -> Table:
        body = [Row([*label(row), *_consolidated_cells(row)]) for row in rows]
        blanks = [""] * (len(heads) - 1)
        body.append(Row([*blanks, report.total.label, *_consolidated_cells(report.total)], "total"))
        return Table(key=key, title=title, columns=heads + CONSOLIDATED_MONEY, rows=body)

    tables = [
        table(
            "Theo tỉnh",
            "Theo tỉnh/thành phố",
            [Column("Mã", "code", width=6), Column("Tỉnh/thành phố", width=22)],
            report.by_province,
            lambda row: [row.key, row.label],
        ),
        table(
            "Theo vùng",
            "Theo vùng",
            [Column("Vùng", width=32)],
            report.by_region,
            lambda r: [r.label],
        ),
        table(
            "Theo nội dung",
            "Theo nội dung khuyến công",
            [Column("Nội dung", "code", width=8), Column("Tên nội dung", width=40)],
            report.by_content,
            lambda row: [row.key, row.label],
        ),
        table(
            "Theo chương trình",
            "Theo chương trình",
            [Column("Chương trình", width=32)],
            report.by_program,
            lambda row: [row.label],
        ),
    ]
    labels = [row.label for row in report.by_province]
    chart_list = [
        Chart(
            "Hệ số thu hút vốn theo tỉnh/thành phố",
            charts.horizontal_bars(
                title="Hệ số thu hút vốn theo tỉnh/thành phố (đồng đối ứng / 1 đồng khuyến công)",
                labels=labels,
                values=[row.leverage for row in report.by_province],
                formatter=ratio,
                empty_message="Chưa có kinh phí khuyến công",
            ),
        ),
        Chart(
            "Tỷ lệ thực hiện theo tỉnh/thành phố",
            charts.horizontal_bars(
                title="Tỷ lệ thực hiện kế hoạch theo tỉnh/thành phố (%)",
                labels=labels,
                values=[row.execution for row in report.by_province],
                formatter=percent,
                empty_message=NO_DISBURSEMENT,
                color=charts.PALETTE[2],
            ),
        ),
    ]
    return Document(
        meta=report.meta,
        tables=tables,
        charts=chart_list,
        words=[("Tổng kinh phí khuyến công (KCQG + KCĐP)", report.total.money.public)],
        filename=f"tong-hop-{report.year}-{report.grouping}",
    )
