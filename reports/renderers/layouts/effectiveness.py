"""The effectiveness of support: establishments' revenue and jobs before and after.
No query here."""

from __future__ import annotations

from reports.builders.effectiveness import EffectivenessReport
from reports.renderers.document import Column, Document, Row, Table
from reports.renderers.layouts.common import percent


def layout(report: EffectivenessReport) -> Document:
    before, after = report.before_year, report.after_year
    columns = [
        Column("STT", "int", width=6),
        Column("Cơ sở", width=36),
        Column("Mã số thuế", "code", width=14),
        Column("Đề án", width=22),
        Column(f"Năm {before}", "money", "Doanh thu"),
        Column(f"Năm {after}", "money", "Doanh thu"),
        Column("Tăng (%)", "percent", "Doanh thu", width=10),
        Column(f"Năm {before}", "int", "Lao động", width=10),
        Column(f"Năm {after}", "int", "Lao động", width=10),
        Column("Tăng (%)", "percent", "Lao động", width=10),
    ]
    rows = [
        Row(
            [
                index,
                row.name,
                row.tax_code,
                ", ".join(row.projects),
                row.revenue_before,
                row.revenue_after,
                row.revenue_change,
                row.employees_before,
                row.employees_after,
                row.employees_change,
            ]
        )
        for index, row in enumerate(report.rows, start=1)
    ]
    revenue, employees = report.revenue, report.employees
    rows.append(
        Row(
            [
                None,
                f"Tổng ({revenue.compared} cơ sở có đủ số liệu doanh thu)",
                "",
                "",
                revenue.before if revenue.compared else None,
                revenue.after if revenue.compared else None,
                revenue.change,
                employees.before if employees.compared else None,
                employees.after if employees.compared else None,
                employees.change,
            ],
            "total",
        )
    )
    lead = [
        f"{len(report.rows)} cơ sở được hỗ trợ; {revenue.compared} cơ sở có số liệu doanh thu "
        f"cả năm {before} và năm {after}."
    ]
    if revenue.change is not None:
        lead.append(f"Doanh thu sau hỗ trợ thay đổi {percent(revenue.change)} so với trước hỗ trợ.")
    if employees.change is not None:
        lead.append(f"Lao động sau hỗ trợ thay đổi {percent(employees.change)}.")
    return Document(
        meta=report.meta,
        tables=[
            Table(
                key="Hiệu quả",
                title="Doanh thu và lao động trước, sau hỗ trợ",
                columns=columns,
                rows=rows,
            )
        ],
        lead=lead,
        filename=f"hieu-qua-{report.year}",
    )
