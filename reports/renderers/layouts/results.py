"""Form 1, BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG: the form's rows × KCQG | KCĐP, its labels verbatim.
No query here."""

from __future__ import annotations

from reports.builders.results import ResultsLine, ResultsReport
from reports.renderers.document import Cell, Column, Document, Row, Table


def layout(report: ResultsReport) -> Document:
    done = f"Năm báo cáo {report.year}"
    pending = "Kế hoạch (đề án chưa nghiệm thu)"
    columns = [
        Column("TT", "code", width=6),
        Column("Chỉ tiêu", width=60),
        Column("Đơn vị tính", width=14),
        Column("KCQG", "int", done, width=11),
        Column("KCĐP", "int", done, width=11),
        Column("KCQG", "int", pending, width=11),
        Column("KCĐP", "int", pending, width=11),
    ]

    def cells(line: ResultsLine) -> list:
        values = [line.done_kcqg, line.done_kcdp, line.pending_kcqg, line.pending_kcdp]
        if line.is_money:
            values = [Cell(value, "million") for value in values]
        # An en dash marks a sub-row as the form's "-" does; a hyphen would start a formula in
        # a spreadsheet (and be neutralised with a visible apostrophe).
        label = f"– {line.label}" if line.is_sub else line.label
        return [line.number, label, line.unit, *values]

    rows = [Row(cells(report.total), "total")]
    rows += [Row(cells(line), "sub" if line.is_sub else "") for line in report.lines]
    return Document(
        meta=report.meta,
        tables=[
            Table(
                key="Kết quả",
                title="Kết quả công tác khuyến công",
                columns=columns,
                rows=rows,
                note="KCQG: Khuyến công quốc gia; KCĐP: Khuyến công địa phương",
            )
        ],
        filename=f"ket-qua-{report.year}",
    )
