import datetime
from decimal import Decimal

import pytest
from django.template import Context, Engine
from django.utils import timezone

from khuyencong import formatting
from khuyencong.formatting import (
    amount_in_words,
    format_billion,
    format_date,
    format_decimal,
    format_dong,
    format_million,
    format_million_number,
    format_percent,
    format_ratio,
    group_thousands,
    percent_of,
)
from khuyencong.templatetags import vn

# --- group_thousands ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, "1.000"),
        (1234567, "1.234.567"),
        (-1234567, "-1.234.567"),
        (-999, "-999"),
        (100000000000, "100.000.000.000"),
        (Decimal("1234567"), "1.234.567"),
    ],
)
def test_group_thousands_uses_dots_between_groups_of_three(n, expected):
    assert group_thousands(n) == expected


@pytest.mark.parametrize("bad", [1.5, Decimal("1.5"), "1234", True, None])
def test_group_thousands_rejects_anything_but_whole_numbers(bad):
    with pytest.raises((TypeError, ValueError)):
        group_thousands(bad)


# --- format_dong ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (1234567, "1.234.567 đ"),
        (0, "0 đ"),
        (-50000, "-50.000 đ"),
        (Decimal("1234567"), "1.234.567 đ"),
        (Decimal("1234567.5"), "1.234.568 đ"),
        # beyond 2**53, where a float would lose the last digits
        (9007199254740993, "9.007.199.254.740.993 đ"),
    ],
)
def test_format_dong_groups_whole_dong(amount, expected):
    assert format_dong(amount) == expected


def test_format_dong_shows_em_dash_for_missing_amount():
    assert format_dong(None) == "—"


# --- million / billion ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "decimals", "expected"),
    [
        (3422200000, 1, "3.422,2 triệu đồng"),
        (1978092000, 3, "1.978,092 triệu đồng"),
        (0, 1, "0,0 triệu đồng"),
        (500000, 1, "0,5 triệu đồng"),
        (1250000, 1, "1,3 triệu đồng"),  # half-up, not half-even (which would give 1,2)
        (1350000, 1, "1,4 triệu đồng"),
        (1249999, 1, "1,2 triệu đồng"),
        (-1250000, 1, "-1,3 triệu đồng"),  # half away from zero
        (3422200000, 0, "3.422 triệu đồng"),
        (Decimal("3422200000"), 1, "3.422,2 triệu đồng"),
    ],
)
def test_format_million_rounds_half_up_to_the_requested_decimals(amount, decimals, expected):
    assert format_million(amount, decimals) == expected


def test_format_million_defaults_to_one_decimal():
    assert format_million(3422200000) == "3.422,2 triệu đồng"


def test_format_million_number_has_no_unit():
    assert format_million_number(3422200000) == "3.422,2"
    assert format_million_number(1978092000, decimals=3) == "1.978,092"


def test_million_formats_show_em_dash_for_missing_amount():
    assert format_million(None) == "—"
    assert format_million_number(None) == "—"


def test_format_million_never_shows_negative_zero():
    assert format_million(-40000) == "0,0 triệu đồng"


@pytest.mark.parametrize(
    ("amount", "decimals", "expected"),
    [
        (481407000000, 3, "481,407 tỷ đồng"),
        (23615149080, 2, "23,62 tỷ đồng"),
        (23615149080, 3, "23,615 tỷ đồng"),
        (1234567890000, 3, "1.234,568 tỷ đồng"),
        (0, 3, "0,000 tỷ đồng"),
        (5000000, 2, "0,01 tỷ đồng"),  # 0,005 rounds up
    ],
)
def test_format_billion_shows_ty_dong(amount, decimals, expected):
    assert format_billion(amount, decimals) == expected


def test_format_billion_defaults_to_three_decimals_and_dash_for_none():
    assert format_billion(481407000000) == "481,407 tỷ đồng"
    assert format_billion(None) == "—"


# --- decimals, percentages, ratios ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.5, 1, "1.234,5"),
        (1234.5, 0, "1.235"),
        (Decimal("1234.5"), 2, "1.234,50"),
        (1234, 2, "1.234,00"),
        (1.005, 2, "1,01"),  # read as Decimal("1.005"); float arithmetic would give 1,00
        (2.675, 2, "2,68"),
        (-0.04, 1, "0,0"),
        (-1234567.891, 2, "-1.234.567,89"),
        (0.1, 3, "0,100"),
    ],
)
def test_format_decimal_uses_comma_and_rounds_half_up_on_the_written_value(
    value, decimals, expected
):
    assert format_decimal(value, decimals) == expected


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), Decimal("NaN"), "abc", None, True])
def test_format_decimal_rejects_non_numbers(bad):
    with pytest.raises((TypeError, ValueError)):
        format_decimal(bad, 2)


def test_format_decimal_rejects_negative_decimals():
    with pytest.raises(ValueError):
        format_decimal(1, -1)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (12.33, 2, "12,33%"),
        (-3.14, 2, "-3,14%"),
        (Decimal("12.3349"), 2, "12,33%"),
        (12.335, 2, "12,34%"),
        (100, 0, "100%"),
        (0, 2, "0,00%"),
    ],
)
def test_format_percent_formats_a_percentage_number(value, decimals, expected):
    assert format_percent(value, decimals) == expected


def test_format_percent_shows_em_dash_for_none():
    assert format_percent(None) == "—"


@pytest.mark.parametrize(
    ("part", "whole", "decimals", "expected"),
    [
        (17322, 140467, 2, "12,33%"),
        (1, 3, 2, "33,33%"),
        (2, 3, 1, "66,7%"),
        (1, 8, 2, "12,50%"),
        (1, 800, 1, "0,1%"),  # 0,125 → 0,1 ; 0,125 rounds to 0,13 with 2 decimals
        (1, 800, 2, "0,13%"),
        (3, 2, 0, "150%"),
        (0, 5, 2, "0,00%"),
    ],
)
def test_percent_of_divides_and_rounds_half_up(part, whole, decimals, expected):
    assert percent_of(part, whole, decimals) == expected


@pytest.mark.parametrize(("part", "whole"), [(5, 0), (5, None), (None, 5), (0, 0)])
def test_percent_of_shows_em_dash_without_a_whole(part, whole):
    assert percent_of(part, whole) == "—"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(4.78, "4,78"), (Decimal("4.785"), "4,79"), (1234.5, "1.234,50"), (None, "—")],
)
def test_format_ratio(value, expected):
    assert format_ratio(value) == expected


# --- amount_in_words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (2014900000, "Hai tỷ không trăm mười bốn triệu chín trăm nghìn đồng"),
        (1014, "Một nghìn không trăm mười bốn đồng"),
        (1000005, "Một triệu không trăm linh năm đồng"),
        (1000000001, "Một tỷ không trăm linh một đồng"),
    ],
)
def test_amount_in_words_keeps_khong_tram(amount, expected):
    assert amount_in_words(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (105, "Một trăm linh năm đồng"),
        (1005, "Một nghìn không trăm linh năm đồng"),
    ],
)
def test_amount_in_words_uses_linh_for_a_missing_tens_digit(amount, expected):
    assert amount_in_words(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "Không đồng"),
        (5, "Năm đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (24, "Hai mươi bốn đồng"),
        (25, "Hai mươi lăm đồng"),
        (110, "Một trăm mười đồng"),
        (1000000000, "Một tỷ đồng"),
        (1000000000000, "Một nghìn tỷ đồng"),
        (
            23615149080,
            "Hai mươi ba tỷ sáu trăm mười lăm triệu một trăm bốn mươi chín nghìn "
            "không trăm tám mươi đồng",
        ),
        (
            999_999_999_999_999,
            "Chín trăm chín mươi chín nghìn tỷ chín trăm chín mươi chín tỷ chín trăm chín "
            "mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng",
        ),
    ],
)
def test_amount_in_words_is_formal_and_capitalised(amount, expected):
    assert amount_in_words(amount) == expected


def test_amount_in_words_prefixes_am_for_negative_amounts():
    assert amount_in_words(-2014900000) == (
        "Âm hai tỷ không trăm mười bốn triệu chín trăm nghìn đồng"
    )
    assert amount_in_words(-5) == "Âm năm đồng"


def test_amount_in_words_accepts_a_whole_decimal():
    assert amount_in_words(Decimal("105")) == "Một trăm linh năm đồng"


@pytest.mark.parametrize("bad", [1.5, Decimal("1.5"), "105", None, True])
def test_amount_in_words_rejects_anything_but_whole_amounts(bad):
    with pytest.raises((TypeError, ValueError)):
        amount_in_words(bad)


def test_amount_in_words_refuses_amounts_the_word_library_cannot_spell_exactly():
    # vn_numberwords goes through float(): wrong digits past 2**53, an error from 10**16.
    with pytest.raises(ValueError):
        amount_in_words(10**15)
    with pytest.raises(ValueError):
        amount_in_words(-(10**15))


# --- format_date ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2024, 12, 25), "25/12/2024"),
        (datetime.date(2025, 1, 5), "05/01/2025"),
        (datetime.datetime(2025, 7, 1, 23, 59), "01/07/2025"),
        (datetime.date(999, 3, 4), "04/03/0999"),
        (None, ""),
    ],
)
def test_format_date_is_day_month_year(value, expected):
    assert format_date(value) == expected


def test_format_date_rejects_strings():
    with pytest.raises(TypeError):
        format_date("2024-12-25")


def test_em_dash_constant_is_the_em_dash():
    assert formatting.EMPTY == "\u2014"


# --- template filters -----------------------------------------------------------------------


def test_filters_format_numbers():
    assert vn.dong(1234567) == "1.234.567 đ"
    assert vn.million(3422200000) == "3.422,2 triệu đồng"
    assert vn.million(1978092000, 3) == "1.978,092 triệu đồng"
    assert vn.million(1978092000, "3") == "1.978,092 triệu đồng"
    assert vn.million_number(3422200000) == "3.422,2"
    assert vn.million_number(1978092000, 3) == "1.978,092"
    assert vn.million_number(50_000) == "0,1"
    assert vn.billion(481407000000) == "481,407 tỷ đồng"
    assert vn.billion(23615149080, 2) == "23,62 tỷ đồng"
    assert vn.percent(12.33) == "12,33%"
    assert vn.percent(12.33, 1) == "12,3%"
    assert vn.percent_of(17322, 140467) == "12,33%"
    assert vn.ratio(4.78) == "4,78"
    assert vn.ratio(Decimal("4.7812"), 3) == "4,781"
    assert vn.in_words(105) == "Một trăm linh năm đồng"
    assert vn.in_words("105") == "Một trăm linh năm đồng"
    assert vn.vndate(datetime.date(2024, 12, 25)) == "25/12/2024"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234567, None, "1.234.567"),
        (-1234567, None, "-1.234.567"),
        (Decimal("1234.50"), None, "1.234,50"),
        (1234.5, None, "1.234,5"),
        (Decimal("1E+3"), None, "1.000"),
        ("1234567", None, "1.234.567"),
        (1234.5, 2, "1.234,50"),
        (1234, "2", "1.234,00"),
        (1234.56, 0, "1.235"),
    ],
)
def test_number_filter_groups_ints_and_keeps_decimals(value, decimals, expected):
    assert vn.number(value, decimals) == expected


@pytest.mark.parametrize(
    "name", ["dong", "million", "million_number", "billion", "percent", "ratio", "number"]
)
@pytest.mark.parametrize("missing", [None, "", "  "])
def test_number_filters_show_em_dash_for_missing_values(name, missing):
    assert getattr(vn, name)(missing) == "—"


@pytest.mark.parametrize("missing", [None, ""])
def test_word_and_date_filters_show_nothing_for_missing_values(missing):
    assert vn.in_words(missing) == ""
    assert vn.vndate(missing) == ""


@pytest.mark.parametrize(
    ("part", "whole"), [(None, 5), ("", 5), (5, None), (5, ""), (5, 0), (5, "0")]
)
def test_percent_of_filter_shows_em_dash_without_both_numbers(part, whole):
    assert vn.percent_of(part, whole) == "—"


@pytest.mark.parametrize(
    ("name", "value", "args"),
    [
        ("dong", "abc", ()),
        ("dong", float("nan"), ()),
        ("dong", [1, 2], ()),
        ("million", "1.234.567", ()),
        ("million", 1000000, ("x",)),
        ("million", 1000000, ("-1",)),
        ("million_number", "3,4 triệu", ()),
        ("billion", object(), ()),
        ("percent", "n/a", ()),
        ("percent_of", "n/a", (5,)),
        ("percent_of", 5, ("n/a",)),
        ("ratio", True, ()),
        ("in_words", 1.5, ()),
        ("in_words", "mười", ()),
        ("in_words", 10**15, ()),
        ("vndate", "2024-12-25", ()),
        ("vndate", 20241225, ()),
        ("number", "abc", ()),
        ("number", 12, ("x",)),
        ("number", [1], ()),
    ],
)
def test_filters_return_bad_input_unchanged_instead_of_raising(name, value, args):
    assert getattr(vn, name)(value, *args) == str(value)


def test_filters_are_registered_in_the_vn_library():
    assert set(vn.register.filters) == {
        "dong",
        "million",
        "million_number",
        "billion",
        "percent",
        "percent_of",
        "ratio",
        "in_words",
        "vndate",
        "number",
    }


def _render(source, **context):
    engine = Engine(libraries={"vn": "khuyencong.templatetags.vn"})
    return engine.from_string("{% load vn %}" + source).render(Context(context))


def test_filters_render_in_a_template():
    rendered = _render(
        "{{ a|dong }}|{{ a|million:3 }}|{{ p|percent_of:w }}|{{ n|number }}|{{ x|number:2 }}",
        a=1978092000,
        p=17322,
        w=140467,
        n=1234567,
        x=Decimal("4.785"),
    )
    assert rendered == "1.978.092.000 đ|1.978,092 triệu đồng|12,33%|1.234.567|4,79"


def test_filters_render_missing_values_in_a_template():
    assert _render("{{ a|dong }}|{{ a|in_words }}|{{ d|vndate }}", a=None, d=None) == "—||"


def test_vndate_shows_aware_datetimes_in_the_current_time_zone():
    moment = datetime.datetime(2024, 12, 31, 20, 0, tzinfo=datetime.UTC)
    with timezone.override("Asia/Ho_Chi_Minh"):
        assert _render("{{ t|vndate }}", t=moment) == "01/01/2025"
    with timezone.override("UTC"):
        assert _render("{{ t|vndate }}", t=moment) == "31/12/2024"
