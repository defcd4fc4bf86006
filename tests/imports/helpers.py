"""Spreadsheets written the way clerks' files come: real .xlsx (openpyxl) and .xls (xlwt)."""

import io
import struct

import openpyxl

from beneficiaries.models import Beneficiary
from projects.models import BudgetLine, Participation, Plan, Project

BENEFICIARY_HEADERS = [
    "Tên cơ sở",
    "Loại hình",
    "Mã số thuế",
    "Người đại diện",
    "Điện thoại",
    "Tỉnh/Thành phố",
    "Xã/Phường",
    "Địa chỉ",
    "Ngành nghề",
    "Sản phẩm",
    "Số lao động",
    "Làng nghề",
]
PROJECT_HEADERS = [
    "Mã đề án",
    "Năm",
    "Tỉnh/Thành phố",
    "Chương trình",
    "Nội dung",
    "Tên đề án",
    "Đề án điểm",
    "Mã số thuế cơ sở thụ hưởng",
    "Kinh phí KCQG",
    "Kinh phí KCĐP",
    "Kinh phí đối ứng",
    "Kinh phí khác",
    "Thời gian bắt đầu",
    "Thời gian kết thúc",
    "Trạng thái",
]


def xlsx(rows, *, above=(), merge=None, sheets_before=0) -> bytes:
    """A workbook whose first sheet holds `above` (title block, unit line) then `rows`."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in above:
        sheet.append(list(line))
    for row in rows:
        sheet.append(list(row))
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xls(rows, *, above=()) -> bytes:
    """A legacy Excel 97-2003 workbook (BIFF8) written by xlwt."""
    import datetime

    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for r, row in enumerate([*above, *rows]):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, datetime.date):
                sheet.write(r, c, value, date_style)
            else:
                sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def encrypted_ooxml() -> bytes:
    """A compound (OLE) file holding the streams Office writes for a password-protected .xlsx
    ("EncryptionInfo", "EncryptedPackage"): a minimal but valid CFB version 3 container."""
    sector = 512
    info = b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"\x00" * (4096 - 8)
    package = struct.pack("<Q", 10_000) + b"\x5a" * (8192 - 8)
    # Sectors: 0 = FAT, 1 = directory, then the two streams (regular sectors, >= 4096 bytes).
    info_start, info_count = 2, len(info) // sector
    package_start = info_start + info_count
    package_count = len(package) // sector
    total = package_start + package_count
    fat = [0xFFFFFFFD, 0xFFFFFFFE]  # FAT sector, end of the directory chain
    for start, count in ((info_start, info_count), (package_start, package_count)):
        fat += [start + i + 1 for i in range(count - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (sector // 4 - len(fat))
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)  # one FAT sector
    struct.pack_into("<I", header, 48, 1)  # directory starts at sector 1
    struct.pack_into("<I", header, 56, 4096)  # mini stream cutoff
    struct.pack_into("<I", header, 60, 0xFFFFFFFE)  # no mini FAT
    struct.pack_into("<I", header, 68, 0xFFFFFFFE)  # no DIFAT sectors
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0] = sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, 0xFFFFFFFF)

    def entry(name, kind, child, left, right, start, size):
        raw = bytearray(128)
        encoded = (name + "\x00").encode("utf-16-le")
        raw[0 : len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<iii", raw, 68, left, right, child)
        struct.pack_into("<II", raw, 116, start, size)
        return bytes(raw)

    directory = (
        entry("Root Entry", 5, 1, -1, -1, 0xFFFFFFFE, 0)
        + entry("EncryptionInfo", 2, -1, -1, 2, info_start, len(info))
        + entry("EncryptedPackage", 2, -1, -1, -1, package_start, len(package))
        + entry("", 0, -1, -1, -1, 0, 0)
    )
    body = struct.pack(f"<{sector // 4}I", *fat) + directory + info + package
    assert len(body) == total * sector
    return bytes(header) + body


def snapshot():
    """Row counts and money of everything an import may write: equal before and after a refusal."""
    lines = BudgetLine.objects.all()
    return {
        "beneficiaries": Beneficiary.objects.count(),
        "beneficiary_history": Beneficiary.history.count(),
        "plans": Plan.objects.count(),
        "projects": Project.objects.count(),
        "participations": Participation.objects.count(),
        "lines": lines.count(),
        "proposed": sum(lines.values_list("proposed", flat=True)),
        "approved": sum(a or 0 for a in lines.values_list("approved", flat=True)),
    }
