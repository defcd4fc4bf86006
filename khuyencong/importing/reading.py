"""Reading an uploaded spreadsheet into plain rows of cell values, or refusing it with a reason.

What is checked before any parser touches the bytes (a parser is where a hostile file does harm):
- the size (MAX_BYTES) and the magic bytes: a zip container (.xlsx, also as saved by LibreOffice
  Calc or WPS) or an OLE compound file (.xls, Excel 97–2003); the file's name is not trusted, so
  a text file or a picture renamed to .xlsx is refused;
- an OLE file holding an "EncryptedPackage" stream is an .xlsx protected by a password (Office
  wraps encrypted workbooks in OLE); an encrypted .xls is refused by xlrd;
- for a zip, the uncompressed sizes in its central directory (a zip bomb declares gigabytes), the
  parts an .xlsx must have, and the ratio of each part.
Then the first worksheet is read in openpyxl's read-only mode (or xlrd for .xls), at most
MAX_ROWS non-empty rows below a header block, numbers as int when whole, dates as dates.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from khuyencong.formatting import group_thousands

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# Rows above the header (title block, unit line) that are read before the data.
MAX_HEADER_ROWS = 30
# Uncompressed limits of an .xlsx: a real 20.000-row sheet is some tens of MB of XML.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200  # a part compressing better than 1:200 above 1 MB is a bomb, not a sheet
MAX_COLUMNS = 200

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ImportRefused(Exception):
    """The file cannot be imported at all; ``str(error)`` is the translated reason."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class Table:
    """The first worksheet: (sheet row number, cell values) for every non-empty row."""

    rows: list[tuple[int, list]]
    fmt: str  # "xlsx" or "xls"
    sheet: str = ""


def _too_big() -> ImportRefused:
    return ImportRefused(
        _("The file is larger than %(size)s MB: split it into smaller files.")
        % {"size": MAX_BYTES // (1024 * 1024)},
        "too_large",
    )


def _too_many_rows() -> ImportRefused:
    return ImportRefused(
        _("The sheet has more than %(rows)s rows: split it into smaller files.")
        % {"rows": group_thousands(MAX_ROWS)},
        "too_many_rows",
    )


def not_a_spreadsheet() -> ImportRefused:
    return ImportRefused(
        _(
            "This file is not an Excel spreadsheet (.xlsx or .xls). Open it in Excel or "
            "LibreOffice and save it as “Excel Workbook (.xlsx)”."
        ),
        "not_spreadsheet",
    )


def _password_protected() -> ImportRefused:
    return ImportRefused(
        _(
            "The file is protected by a password. Open it, remove the password (File › Info › "
            "Protect Workbook) and save it again before importing."
        ),
        "password",
    )


def _empty() -> ImportRefused:
    return ImportRefused(_("The first sheet of the file is empty."), "empty")


def read_table(data: bytes) -> Table:
    """The first worksheet's non-empty rows. Raises ImportRefused."""
    if len(data) > MAX_BYTES:
        raise _too_big()
    if data.startswith(ZIP_MAGIC):
        return _read_xlsx(data)
    if data.startswith(OLE_MAGIC):
        return _read_ole(data)
    raise not_a_spreadsheet()


# --- .xlsx ---------------------------------------------------------------------------------------


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise not_a_spreadsheet() from error
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or not any(
        name.startswith("xl/") and name.endswith("workbook.xml") for name in names
    ):
        # A .docx, an .ods or any zip renamed to .xlsx.
        raise not_a_spreadsheet()
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNCOMPRESSED or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise ImportRefused(
                _("The file's compressed content is abnormally large: it was refused."),
                "zip_bomb",
            )


def _cell_value(value):
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time(0) else value
    if isinstance(value, str):
        return value if value.strip() else None
    return value


def _is_empty(values: list) -> bool:
    return all(value is None for value in values)


def _collect(rows_iter) -> list[tuple[int, list]]:
    """Non-empty rows with their sheet numbers, refusing a sheet over MAX_ROWS data rows."""
    rows = []
    for number, raw in rows_iter:
        values = [_cell_value(value) for value in raw[:MAX_COLUMNS]]
        while values and values[-1] is None:
            values.pop()
        if _is_empty(values):
            continue
        rows.append((number, values))
        if len(rows) > MAX_ROWS + MAX_HEADER_ROWS:
            raise _too_many_rows()
    if not rows:
        raise _empty()
    return rows


def _read_xlsx(data: bytes) -> Table:
    _check_zip(data)
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except Exception as error:  # any parser error means the file is not a readable workbook
        raise not_a_spreadsheet() from error
    try:
        sheets = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
        if not sheets:
            raise _empty()
        sheet = sheets[0]
        # LibreOffice and WPS sometimes write a wrong (or no) dimension: read every row there is.
        sheet.reset_dimensions()

        def numbered():
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(row)

        try:
            rows = _collect(numbered())
        except ImportRefused:
            raise
        except Exception as error:
            raise not_a_spreadsheet() from error
        return Table(rows=rows, fmt="xlsx", sheet=sheet.title)
    finally:
        workbook.close()


# --- .xls (and encrypted .xlsx, which Office wraps in an OLE file) --------------------------------


def _ole_streams(data: bytes) -> set[str]:
    from xlrd.compdoc import CompDoc, CompDocError

    try:
        doc = CompDoc(data, logfile=io.StringIO())
    except (CompDocError, IndexError, ValueError, AssertionError) as error:
        raise not_a_spreadsheet() from error
    return {entry.name for entry in doc.dirlist}


def _read_ole(data: bytes) -> Table:
    streams = _ole_streams(data)
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        raise _password_protected()
    if not streams & {"Workbook", "Book"}:
        raise not_a_spreadsheet()  # a Word 97 document renamed, for instance
    import xlrd

    try:
        book = xlrd.open_workbook(
            file_contents=data,
            on_demand=True,
            logfile=io.StringIO(),
            ignore_workbook_corruption=True,
        )
    except xlrd.XLRDError as error:
        if "encrypted" in str(error).lower():
            raise _password_protected() from error
        raise not_a_spreadsheet() from error
    except Exception as error:
        raise not_a_spreadsheet() from error
    try:
        if book.nsheets == 0:
            raise _empty()
        sheet = book.sheet_by_index(0)
        if sheet.nrows > MAX_ROWS + MAX_HEADER_ROWS * 10:
            raise _too_many_rows()

        def value(cell):
            if cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
                except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                    return cell.value
            if cell.ctype == xlrd.XL_CELL_BOOLEAN:
                return bool(cell.value)
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                return None
            return cell.value

        def numbered():
            for index in range(sheet.nrows):
                yield index + 1, [value(cell) for cell in sheet.row(index)]

        return Table(rows=_collect(numbered()), fmt="xls", sheet=sheet.name)
    finally:
        book.release_resources()
