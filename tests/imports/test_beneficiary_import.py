"""Establishments from spreadsheets: exact rows from every messy form, idempotent re-import,
corrections in place, and refused files that write nothing."""

import io
import re
import unicodedata
import zipfile

import pytest

from beneficiaries.models import Beneficiary, BeneficiaryKind, ProductGroup
from khuyencong.importing import reading
from khuyencong.importing.engine import get_kind, run_import
from tests.factories import BeneficiaryFactory, valid_tax_code
from tests.imports.helpers import BENEFICIARY_HEADERS, encrypted_ooxml, snapshot, xls, xlsx

KIND = "beneficiaries"
TAX_A = valid_tax_code("220012345")
TAX_B = valid_tax_code("220054321")


def run(world, data, user=None, **kwargs):
    return run_import(
        get_kind(KIND),
        data,
        user=user or world.cantho.center_staff,
        filename="co-so.xlsx",
        **kwargs,
    )


def template_rows():
    return [
        list(BENEFICIARY_HEADERS),
        [
            "Cơ sở bánh pía Tân Huê Viên",
            "Doanh nghiệp nhỏ và vừa",
            TAX_A,
            "Trần Thị Huê",
            "0299 3 822 222",
            "Cần Thơ",
            "Phường Ninh Kiều",
            "Số 1 đường 30/4",
            "Chế biến nông, lâm, thủy sản",
            "Bánh pía",
            25,
            "",
        ],
        [
            "Hộ đan lát Ba Lan",
            "Hộ kinh doanh",
            "",
            "Lê Văn Ba",
            "",
            "Cần Thơ",
            "Ninh Kiều",
            "",
            "Thủ công mỹ nghệ",
            "Giỏ lục bình",
            "1.200",
            "Làng nghề đan lát Ba Lan",
        ],
    ]


def stored():
    return list(
        Beneficiary.objects.order_by("name").values_list(
            "name", "kind", "tax_code", "commune__name", "province__code", "employees"
        )
    )


EXPECTED = [
    ("Cơ sở bánh pía Tân Huê Viên", "dnnvv", TAX_A, "Phường Ninh Kiều", "92", 25),
    ("Hộ đan lát Ba Lan", "ho_kinh_doanh", None, "Phường Ninh Kiều", "92", 1200),
]


def test_template_file_imports_exact_rows_with_history_saying_import(world):
    result = run(world, xlsx(template_rows()))
    assert result.written and result.counts["new"] == 2
    assert stored() == EXPECTED
    tan_hue = Beneficiary.objects.get(tax_code=TAX_A)
    assert tan_hue.product_group == ProductGroup.FOOD
    assert tan_hue.name_key == "co so banh pia tan hue vien"
    assert tan_hue.created_by == world.cantho.center_staff
    record = tan_hue.history.get()
    assert record.history_change_reason == "import: co-so.xlsx"
    assert record.history_user == world.cantho.center_staff


def test_reimport_of_the_same_file_changes_nothing(world):
    data = xlsx(template_rows())
    run(world, data)
    before = snapshot()
    again = run(world, data)
    assert again.counts == {"new": 0, "update": 0, "unchanged": 2, "error": 0}
    assert snapshot() == before


def test_corrected_file_updates_in_place(world):
    run(world, xlsx(template_rows()))
    rows = template_rows()
    rows[1][10] = 30  # employees of the establishment with a tax code
    rows[2][3] = "Lê Thị Ba"  # representative of the one keyed by name and commune
    result = run(world, xlsx(rows))
    assert result.counts == {"new": 0, "update": 2, "unchanged": 0, "error": 0}
    assert Beneficiary.objects.count() == 2
    assert Beneficiary.objects.get(tax_code=TAX_A).employees == 30
    ba_lan = Beneficiary.objects.get(name="Hộ đan lát Ba Lan")
    assert ba_lan.representative == "Lê Thị Ba"
    assert ba_lan.lock_version == 1
    assert ba_lan.history.first().history_change_reason == "import: co-so.xlsx"


def messy_rows():
    """A clerk's own file: other headers, NFD text, old tone marks, stray spaces, blank rows."""
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    return [
        ["STT", "Tên doanh nghiệp", "Loại hình", "MST", "TỈNH / THÀNH PHỐ", "Xã", "Lao động"],
        [
            1,
            nfd("  Cơ sở bánh pía   Tân Huê Viên "),
            "DNNVV",
            f" {TAX_A[:4]} {TAX_A[4:]} ",
            "Cần\u00a0Thơ",
            "P. Ninh Kiều",
            "25",
        ],
        [None] * 7,
        [2, "Hộ đan lát Ba Lan", "hộ kinh doanh", None, "cần thơ", nfd("Ninh Kiều"), 1200.0],
    ]


def test_messy_file_with_title_block_and_unit_line_imports_the_same_rows(world):
    data = xlsx(
        messy_rows(),
        above=[
            ["ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"],
            ["DANH SÁCH CƠ SỞ CÔNG NGHIỆP NÔNG THÔN"],
            [None, None, None, None, None, None, "Đơn vị: triệu đồng"],
        ],
        merge="A1:G1",
    )
    result = run(world, data)
    assert result.header_number == 4
    assert result.written, result.messages()
    assert stored() == EXPECTED


def test_legacy_xls_file_imports_the_same_rows(world):
    result = run(world, xls(template_rows(), above=[["DANH SÁCH CƠ SỞ"]]))
    assert result.written, result.messages()
    assert stored() == EXPECTED


def _without_dimension(data: bytes) -> bytes:
    """Some WPS and LibreOffice versions write no (or a wrong) <dimension> in the sheet."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(rb"<dimension[^>]*/>", b'<dimension ref="A1"/>', content)
            target.writestr(item, content)
    return out.getvalue()


def test_file_with_a_wrong_sheet_dimension_is_read_whole(world):
    result = run(world, _without_dimension(xlsx(template_rows())))
    assert result.written
    assert stored() == EXPECTED


def test_old_province_name_means_the_unit_standing_for_it_today(world):
    rows = [
        list(BENEFICIARY_HEADERS),
        ["Cơ sở mây tre", "HTX", "", "", "", "Hoà Bình", "", "", "", "", "", ""],
    ]
    result = run(world, xlsx(rows), user=world.phutho.center_staff)
    assert result.written, result.messages()
    assert Beneficiary.objects.get().province == world.phutho.province


def test_errors_name_row_column_and_value_and_block_everything(world):
    rows = template_rows()
    rows[1][2] = "0100109107"  # wrong check digit
    rows[2][1] = "Tập đoàn"  # unknown kind
    before = snapshot()
    result = run(world, xlsx(rows))
    assert not result.written
    assert snapshot() == before
    assert result.counts["error"] == 2
    messages = result.messages()
    assert messages[0] == (
        "Dòng 2, cột “Mã số thuế” (“0100109107”): Chữ số kiểm tra của mã số thuế không đúng "
        "(chữ số thứ 10 phải là 6)."
    )
    assert messages[1].startswith(
        "Dòng 3, cột “Loại hình” (“Tập đoàn”): Loại hình không có trong danh mục"
    )


def test_row_of_another_province_is_an_error(world):
    rows = template_rows()
    rows[2][5] = "Phú Thọ"
    rows[2][6] = ""
    result = run(world, xlsx(rows))
    assert not result.written
    assert [row.number for row in result.error_rows] == [3]
    assert "thuộc tỉnh/thành phố khác" in result.messages()[0]


def test_tax_code_held_in_another_province_is_an_error(world):
    BeneficiaryFactory(province=world.phutho.province, tax_code=TAX_A)
    result = run(world, xlsx(template_rows()))
    assert not result.written
    assert "đã được đăng ký cho một cơ sở thuộc tỉnh/thành phố khác" in result.messages()[0]


def test_same_tax_code_twice_in_the_file_is_an_error(world):
    rows = template_rows()
    rows[2][2] = TAX_A
    result = run(world, xlsx(rows))
    assert "Mã số thuế này đã có ở dòng 2" in result.messages()[0]


def test_existing_record_without_tax_code_is_recognised_by_name_and_commune(world):
    existing = BeneficiaryFactory(
        name="HỘ ĐAN LÁT BA LAN", kind=BeneficiaryKind.HOUSEHOLD, province=world.cantho.province
    )
    rows = template_rows()
    rows[2][6] = existing.commune.name
    result = run(world, xlsx(rows))
    assert result.counts["update"] == 1 and result.counts["new"] == 1
    existing.refresh_from_db()
    assert existing.employees == 1200


def test_example_row_of_the_template_is_ignored(world):
    from khuyencong.importing.workbooks import template_workbook

    result = run(world, template_workbook(get_kind(KIND)))
    assert result.refused_code == "empty"
    assert Beneficiary.objects.count() == 0


# --- Refused files: a reason, and nothing written ---------------------------------------------


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    return out.getvalue()


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: "Tên cơ sở;Mã số thuế\nA;1\n".encode(), "not_spreadsheet"),
        (lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "not_spreadsheet"),
        (_docx, "not_spreadsheet"),
        (lambda: b"PK\x03\x04 broken", "not_spreadsheet"),
        (encrypted_ooxml, "password"),
        (_zip_bomb, "zip_bomb"),
        (
            lambda: xlsx([["Tên doanh nghiệp", "MST", "Điện thoại"], ["A", TAX_A, "1"]]),
            "missing_columns",
        ),
        (lambda: xlsx([]), "empty"),
        (lambda: xlsx([BENEFICIARY_HEADERS]), "empty"),
        (lambda: b"PK\x03\x04" + b"\0" * (reading.MAX_BYTES + 1), "too_large"),
    ],
    ids=[
        "csv-renamed",
        "picture-renamed",
        "word-file",
        "broken-zip",
        "password",
        "zip-bomb",
        "missing-columns",
        "empty-sheet",
        "header-only",
        "over-10-MB",
    ],
)
def test_refused_files_write_nothing(world, make, code):
    BeneficiaryFactory(province=world.cantho.province)
    before = snapshot()
    result = run(world, make())
    assert result.refused_code == code
    assert result.refused
    assert not result.written
    assert snapshot() == before


def test_missing_columns_are_named(world):
    result = run(world, xlsx([["Tên doanh nghiệp", "MST", "Điện thoại"], ["A", TAX_A, "1"]]))
    assert "“Loại hình”" in result.refused and "“Tỉnh/Thành phố”" in result.refused


def test_more_than_20000_rows_is_refused(world, monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 50)
    rows = [BENEFICIARY_HEADERS] + [[f"Cơ sở {n}", "HTX", "", "", "", "Cần Thơ"] for n in range(60)]
    before = snapshot()
    result = run(world, xlsx(rows))
    assert result.refused_code == "too_many_rows"
    assert snapshot() == before
