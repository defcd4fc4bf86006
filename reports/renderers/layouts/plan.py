"""The annual plan of a province: đề án grouped by content, money by source, proposed and approved.
No query here."""

from __future__ import annotations

from reports.builders.plan import PlanReport
from reports.renderers.document import Column, Document, Row, Table
from reports.renderers.layouts.common import months


def layout(report: PlanReport) -> Document:
    money = [("KCQG", "kcqg"), ("KCĐP", "kcdp"), ("Đối ứng", "counterpart"), ("Khác", "other")]
    columns = [
        Column("Mã đề án", "code", width=18),
        Column("Tên đề án", width=40),
        Column("Cơ sở thụ hưởng", width=30),
        Column("Địa điểm", width=16),
        Column("Thời gian", width=16),
    ]
    for group in ("Đề xuất", "Được duyệt"):
        columns += [Column(label, "money", group) for label, _ in money]
        columns.append(Column("Tổng", "money", group))
    columns += [Column("Hệ số thu hút vốn", "ratio", width=10), Column("Trạng thái", width=14)]

    def amounts(totals) -> list:
        if totals is None:
            return [None] * 5
        return [getattr(totals, name) for _, name in money] + [totals.total]

    rows = []
    for group in report.groups:
        rows.append(Row([f"{group.code}. {group.name}"], "heading"))
        for line in group.rows:
            rows.append(
                Row(
                    [
                        line.code,
                        line.title,
                        "; ".join(line.establishments),
                        line.place,
                        months(line.start, line.end),
                        *amounts(line.proposed),
                        *amounts(line.approved),
                        line.leverage,
                        line.status,
                    ]
                )
            )
        leverage = (group.approved or group.proposed).leverage
        rows.append(
            Row(
                [
                    "",
                    f"Cộng nội dung {group.code} ({len(group.rows)} đề án)",
                    "",
                    "",
                    "",
                    *amounts(group.proposed),
                    *amounts(group.approved),
                    leverage,
                    "",
                ],
                "subtotal",
            )
        )
    grand = report.approved or report.proposed
    rows.append(
        Row(
            [
                "",
                f"Tổng cộng ({report.count} đề án)",
                "",
                "",
                "",
                *amounts(report.proposed),
                *amounts(report.approved),
                grand.leverage,
                "",
            ],
            "total",
        )
    )
    programs = Table(
        key="Theo chương trình",
        title="Theo chương trình",
        columns=[
            Column("Chương trình", width=30),
            Column("Số đề án", "int", width=10),
            Column("Kinh phí khuyến công", "money", "Đề xuất"),
            Column("Tổng", "money", "Đề xuất"),
            Column("Kinh phí khuyến công", "money", "Được duyệt"),
            Column("Tổng", "money", "Được duyệt"),
        ],
        rows=[
            Row(
                [
                    label,
                    count,
                    proposed.public,
                    proposed.total,
                    approved.public if approved else None,
                    approved.total if approved else None,
                ]
            )
            for label, count, proposed, approved in report.by_program
        ],
    )
    words = [
        ("Tổng kinh phí khuyến công (KCQG + KCĐP)", grand.public),
        ("Tổng kinh phí", grand.total),
    ]
    return Document(
        meta=report.meta,
        tables=[
            Table(key="Kế hoạch", title="Danh mục đề án theo nội dung", columns=columns, rows=rows),
            programs,
        ],
        words=words,
        filename=f"ke-hoach-{report.year}",
    )
