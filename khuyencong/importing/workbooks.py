"""Workbooks the import pages hand out: the template of a kind and the feedback on a file.

Headers and instructions are Vietnamese literals, like the exports': people's spreadsheets rely
on them whatever the interface language.
"""

from __future__ import annotations

import io

from khuyencong.exports import neutralise
from khuyencong.importing import columns as col
from khuyencong.importing.engine import OUTCOME_LABELS, ImportKind
from khuyencong.importing.reading import read_table
from khuyencong.importing.values import NO, YES

DATA_SHEET = "Dữ liệu"
HELP_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
RESULT_HEADER = "Kết quả kiểm tra"
ERROR_HEADER = "Lỗi"


def template_workbook(kind: ImportKind) -> bytes:
    """The data sheet first (the importer reads the first visible sheet): the header row, the
    example rows, a dropdown on every enumeration; then the instructions and the lists."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    data = workbook.active
    data.title = DATA_SHEET
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    help_sheet = workbook.create_sheet(HELP_SHEET)

    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    data.append([spec.header for spec in kind.fields])
    for index, spec in enumerate(kind.fields, start=1):
        cell = data.cell(row=1, column=index)
        cell.font = bold
        if spec.required:
            cell.fill = required_fill
        data.column_dimensions[get_column_letter(index)].width = spec.width
    for example in kind.examples:
        data.append([example.get(spec.key) for spec in kind.fields])
    data.freeze_panes = "A2"

    list_column = 0
    for index, spec in enumerate(kind.fields, start=1):
        options = [YES, NO] if spec.kind == col.BOOL else spec.choices() if spec.choices else None
        if not options:
            continue
        list_column += 1
        letter = get_column_letter(list_column)
        lists.cell(row=1, column=list_column, value=spec.header)
        for row, option in enumerate(options, start=2):
            lists.cell(row=row, column=list_column, value=str(option))
        source = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(options) + 1}"
        validation = DataValidation(
            type="list",
            formula1=source,
            allow_blank=not spec.required,
            showErrorMessage=spec.kind == col.BOOL,
            errorTitle="Giá trị không hợp lệ",
            error="Chọn một giá trị trong danh sách.",
        )
        column_letter = get_column_letter(index)
        validation.add(f"{column_letter}2:{column_letter}20001")
        data.add_data_validation(validation)

    help_sheet.column_dimensions["A"].width = 34
    help_sheet.column_dimensions["B"].width = 100
    help_sheet.append([f"Hướng dẫn nhập dữ liệu: {kind.title}"])
    help_sheet["A1"].font = Font(bold=True, size=13)
    for line in kind.instructions:
        help_sheet.append([line])
    help_sheet.append([])
    help_sheet.append(["Cột", "Cách điền"])
    for cell in help_sheet[help_sheet.max_row]:
        cell.font = bold
    for spec in kind.fields:
        note = ("Bắt buộc. " if spec.required else "") + spec.help
        help_sheet.append([spec.header, note])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def feedback_workbook(data: bytes, result: dict) -> bytes:
    """The file's rows as read, with the outcome and the errors written beside each row (and the
    rows with errors highlighted), for the clerk to fix and upload again."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    table = read_table(data)
    outcomes = {row["n"]: row for row in result.get("rows", [])}
    header_number = result.get("header_number", 0)
    headers = list(result.get("headers") or [])

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Kết quả")
    bold = Font(bold=True)
    red = PatternFill("solid", fgColor="F8D7DA")
    width = max([len(headers)] + [len(cells) for _n, cells in table.rows])
    header_cells = []
    for text in [*headers, *[""] * (width - len(headers)), RESULT_HEADER, ERROR_HEADER]:
        cell = WriteOnlyCell(sheet, value=neutralise(text))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for number, cells in table.rows:
        if number <= header_number:
            continue
        row = outcomes.get(number)
        padded = [neutralise(v) for v in cells] + [None] * (width - len(cells))
        if row is None:
            sheet.append([*padded, "Bỏ qua (dòng mẫu)", None])
            continue
        messages = "; ".join(
            f"{column}: {message}" if column else message
            for column, _value, message in row["problems"]
        )
        label = str(OUTCOME_LABELS.get(row["outcome"], row["outcome"]))
        if messages:
            error_cell = WriteOnlyCell(sheet, value=neutralise(messages))
            error_cell.fill = red
            sheet.append([*padded, label, error_cell])
        else:
            sheet.append([*padded, label, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
