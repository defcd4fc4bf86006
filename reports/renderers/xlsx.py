"""XLSX through openpyxl: a sheet per table, the form's own column order and labels, numbers
as numbers with number formats (#,##0 for đồng, #,##0.0## for triệu), the generation time as a
date, the header frozen, subtotals and totals as values (no formula), column widths set, and
every text cell neutralised (no formula injection, no control character)."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils import timezone

from khuyencong.exports import neutralise
from reports.renderers.document import Document, Table, cell_parts

FORMATS = {
    "money": "#,##0",
    "million": "#,##0.0##",
    "int": "#,##0",
    "ratio": "0.00",
    "percent": "0.00%",
}
MONEY_NOTE = "Đơn vị: đồng (các cột tiền); triệu đồng khi tiêu đề cột ghi triệu đồng"


def cell_value(value, kind: str):
    """What the workbook stores: exact đồng for money, triệu for a form's triệu column, a
    fraction for a percentage (shown by the % format)."""
    if value is None or value == "":
        return None
    if kind == "money":
        return int(value)
    if kind == "million":
        return float(Decimal(value).scaleb(-6))
    if kind == "int":
        return int(value)
    if kind == "ratio":
        return float(round(Decimal(value), 4))
    if kind == "percent":
        return float(round(Decimal(value) / 100, 6))
    return neutralise(str(value))


def _sheet_title(key: str, taken: set[str]) -> str:
    title = "".join(c for c in key if c not in "[]:*?/\\")[:31] or "Sheet"
    base, n = title, 2
    while title in taken:
        suffix = f" {n}"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title)
    return title


def _write_table(sheet, doc: Document, table: Table) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    thin = Side(style="thin", color="888888")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="EEEEEE")
    meta = doc.meta
    sheet.append([neutralise(meta.title)])
    sheet["A1"].font = Font(bold=True, size=13)
    if meta.subtitle:
        sheet.append([neutralise(meta.subtitle)])
    for label, value in meta.filters:
        sheet.append([neutralise(f"{label}: {value}")])
    sheet.append(["Thời điểm lập", timezone.localtime(meta.generated_at).replace(tzinfo=None)])
    sheet.cell(row=sheet.max_row, column=2).number_format = "DD/MM/YYYY HH:MM"
    if table.has_money:
        sheet.append([MONEY_NOTE])
    sheet.append([neutralise(table.title)])
    sheet.cell(row=sheet.max_row, column=1).font = bold

    header_start = sheet.max_row + 1
    for r_offset, header in enumerate(table.header_rows):
        column_index = 1
        row_number = header_start + r_offset
        for head in header:
            while sheet.cell(row=row_number, column=column_index).coordinate in sheet.merged_cells:
                column_index += 1
            cell = sheet.cell(row=row_number, column=column_index, value=neutralise(head["label"]))
            cell.font, cell.fill, cell.border = bold, fill, border
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if head["colspan"] > 1 or head["rowspan"] > 1:
                sheet.merge_cells(
                    start_row=row_number,
                    start_column=column_index,
                    end_row=row_number + head["rowspan"] - 1,
                    end_column=column_index + head["colspan"] - 1,
                )
            column_index += head["colspan"]
    first_data = header_start + len(table.header_rows)
    sheet.freeze_panes = sheet.cell(row=first_data, column=1).coordinate

    for row in table.rows:
        if row.style == "heading":
            sheet.append([neutralise(str(row.cells[0]))])
            sheet.cell(row=sheet.max_row, column=1).font = bold
            continue
        values = []
        kinds = []
        for raw, column in zip(row.cells, table.columns, strict=True):
            value, kind = cell_parts(raw, column)
            values.append(cell_value(value, kind))
            kinds.append(kind)
        sheet.append(values)
        number = sheet.max_row
        for index, kind in enumerate(kinds, start=1):
            cell = sheet.cell(row=number, column=index)
            cell.border = border
            if kind in FORMATS:
                cell.number_format = FORMATS[kind]
            if row.style in ("subtotal", "total"):
                cell.font = bold
    if table.note:
        sheet.append([neutralise(table.note)])
    for formula in meta.formulas:
        sheet.append([neutralise(formula)])
    for note in meta.notes:
        sheet.append([neutralise(note)])
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width


def render_xlsx(doc: Document) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for table in doc.tables:
        sheet = workbook.create_sheet(_sheet_title(table.key, taken))
        _write_table(sheet, doc, table)
    if doc.words:
        sheet = workbook.create_sheet(_sheet_title("Bằng chữ", taken))
        for label, amount in doc.words:
            from khuyencong.formatting import amount_in_words

            sheet.append([neutralise(label), amount, neutralise(amount_in_words(amount))])
            sheet.cell(row=sheet.max_row, column=2).number_format = "#,##0"
        sheet.column_dimensions["A"].width = 45
        sheet.column_dimensions["B"].width = 20
        sheet.column_dimensions["C"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
