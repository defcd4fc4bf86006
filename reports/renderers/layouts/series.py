"""The multi-year series: money by source year by year and the cumulative leverage.
No query here."""

from __future__ import annotations

from khuyencong import formatting
from reports import charts
from reports.builders.series import SeriesReport
from reports.renderers.document import Chart, Column, Document, Row, Table
from reports.renderers.layouts.common import ratio


def layout(report: SeriesReport) -> Document:
    columns = [
        Column("Năm", "code", width=8),
        Column("Số đề án", "int", width=9),
        Column("KCQG", "money"),
        Column("KCĐP", "money"),
        Column("Đối ứng", "money"),
        Column("Khác", "money"),
        Column("Tổng", "money", width=16),
        Column("Hệ số thu hút vốn", "ratio", width=10),
        Column("Giải ngân", "money"),
        Column("Tỷ lệ thực hiện (%)", "percent", width=11),
    ]

    def cells(label, row) -> list:
        money = row.money
        return [
            label,
            row.count,
            money.kcqg,
            money.kcdp,
            money.counterpart,
            money.other,
            money.total,
            row.leverage,
            row.disbursed,
            row.execution,
        ]

    rows = [Row(cells(str(row.year), row)) for row in report.rows]
    rows.append(Row(cells("Cả giai đoạn", report.total), "total"))
    lead = []
    if report.cumulative_leverage is not None:
        lead.append(
            f"Giai đoạn {report.year_from}–{report.year_to}: 1 đồng vốn khuyến công thu hút "
            f"{ratio(report.cumulative_leverage)} đồng vốn đối ứng."
        )
    chart = charts.grouped_bars(
        title="Kinh phí theo nguồn qua các năm (triệu đồng)",
        categories=[str(row.year) for row in report.rows],
        series=report.money_series,
        formatter=lambda v: formatting.format_million_number(v, 0),
        empty_message="Không có đề án trong giai đoạn",
    )
    return Document(
        meta=report.meta,
        tables=[Table(key="Theo năm", title="Theo năm", columns=columns, rows=rows)],
        charts=[Chart("Kinh phí theo nguồn qua các năm", chart)],
        lead=lead,
        words=[("Tổng kinh phí khuyến công cả giai đoạn", report.total.money.public)],
        filename=f"chuoi-{report.year_from}-{report.year_to}",
    )
