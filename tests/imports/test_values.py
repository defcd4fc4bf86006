"""Cells as clerks type them: amounts, dates, Có/Không, headers and unit lines."""

import datetime
import unicodedata

import pytest

from khuyencong.importing import columns as col
from khuyencong.importing.values import CellError, parse_amount, parse_bool, parse_date


@pytest.mark.parametrize(
    "raw",
    [
        3422200000,
        3422200000.0,
        "3422200000",
        "3.422.200.000",
        "3 422 200 000",
        "3\u00a0422\u00a0200\u00a0000",
        "3.422.200.000 đ",
        "3.422.200.000đ",
        "3.422.200.000 đồng",
        "3,422,200,000",
        " 3.422.200.000 VNĐ ",
    ],
)
def test_amounts_in_dong_in_every_usual_spelling(raw):
    assert parse_amount(raw) == 3_422_200_000


def test_amounts_in_trieu_when_the_sheet_says_so():
    million = 1_000_000
    assert parse_amount(3422.2, million) == 3_422_200_000
    assert parse_amount("3.422,2", million) == 3_422_200_000
    assert parse_amount("412,5", million) == 412_500_000
    # Text that names đồng is đồng whatever the sheet's unit.
    assert parse_amount("412.500.000 đ", million) == 412_500_000


@pytest.mark.parametrize(
    "raw", ["abc", "-5", "1.5", "12,34,5", "1" * 40, "9" * 5000, True, "3..4", float("nan")]
)
def test_amounts_that_are_not_whole_dong_are_refused(raw):
    with pytest.raises(CellError):
        parse_amount(raw)


def test_blank_amounts_are_none():
    assert parse_amount(None) is None
    assert parse_amount("  ") is None


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        (datetime.datetime(2024, 3, 15), datetime.date(2024, 3, 15)),
        (datetime.date(2024, 3, 15), datetime.date(2024, 3, 15)),
        ("15/03/2024", datetime.date(2024, 3, 15)),
        ("5/3/2024", datetime.date(2024, 3, 5)),
        ("03/2024", datetime.date(2024, 3, 1)),
        ("3/2024", datetime.date(2024, 3, 1)),
        ("tháng 3/2024", datetime.date(2024, 3, 1)),
        ("2024-03-15", datetime.date(2024, 3, 15)),
        (45366, datetime.date(2024, 3, 15)),
    ],
)
def test_dates_as_excel_dates_text_or_months(raw, day):
    assert parse_date(raw) == day


@pytest.mark.parametrize("raw", ["31/02/2024", "13/2024", "next year"])
def test_impossible_dates_are_refused(raw):
    with pytest.raises(CellError):
        parse_date(raw)


def test_yes_and_no():
    assert parse_bool("Có") is True
    assert parse_bool(unicodedata.normalize("NFD", "Có")) is True
    assert parse_bool("KHÔNG") is False
    assert parse_bool("x") is True
    assert parse_bool(None) is None
    with pytest.raises(CellError):
        parse_bool("maybe")


def test_headers_match_whatever_case_spacing_unicode_form_and_tone_style():
    variants = [
        "Tỉnh/Thành phố",
        "TỈNH / THÀNH PHỐ",
        " tỉnh/thành\u00a0phố ",
        unicodedata.normalize("NFD", "Tỉnh/Thành phố"),
    ]
    assert {col.header_key(v) for v in variants} == {"tinhthanhpho"}
    assert col.header_key("Hoà Bình") == col.header_key("Hòa Bình")
    assert col.header_key("KCQG (đồng)") == "kcqg"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Đơn vị: triệu đồng", 1_000_000),
        ("ĐVT: Triệu đồng", 1_000_000),
        ("(Đơn vị tính: đồng)", 1),
        ("Đơn vị: nghìn đồng", 1_000),
    ],
)
def test_unit_lines(text, unit):
    assert col._unit_line([None, text]) == unit
