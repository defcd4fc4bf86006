import unicodedata

import pytest

from khuyencong.text import normalize, normalize_tone_style, search_terms

# --- normalize ------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["Hòa Bình", "Hoà Bình", "hoa binh", "HOA BINH", "HÒA BÌNH"])
def test_normalize_makes_all_spellings_of_hoa_binh_equal(spelling):
    assert normalize(spelling) == "hoa binh"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đắk Lắk", "dak lak"),
        ("ĐỒNG THÁP", "dong thap"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("Bà Rịa – Vũng Tàu", "ba ria – vung tau"),
        ("Công ty TNHH Cơ khí Ưu Việt", "cong ty tnhh co khi uu viet"),
        ("Quảng Ngãi", "quang ngai"),
        ("Hồ Chí Minh", "ho chi minh"),
    ],
)
def test_normalize_strips_vietnamese_diacritics_and_maps_d_stroke(text, expected):
    assert normalize(text) == expected


def test_normalize_treats_decomposed_and_composed_input_alike():
    composed = "Nguyễn Thị Hường"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert normalize(decomposed) == normalize(composed) == "nguyen thi huong"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Hòa   Bình  ", "hoa binh"),
        ("Hòa\tBình\nTỉnh", "hoa binh tinh"),
        ("Hòa\u00a0Bình", "hoa binh"),  # no-break space
    ],
)
def test_normalize_collapses_whitespace_and_strips_the_ends(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KC-2025/01", "kc-2025/01"),
        ("Sở Công Thương (Hà Nội).", "so cong thuong (ha noi)."),
        ("Đề án số 12, năm 2025", "de an so 12, nam 2025"),
    ],
)
def test_normalize_keeps_punctuation_and_digits(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_normalize_of_nothing_is_empty(empty):
    assert normalize(empty) == ""


def test_normalize_is_idempotent():
    once = normalize("  Đắk  Lắk – Buôn Ma Thuột ")
    assert normalize(once) == once


# --- normalize_tone_style -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("Hoà Bình", "Hòa Bình"),
        ("khoẻ", "khỏe"),
        ("thuỷ", "thủy"),
        ("Thuỵ Khuê", "Thụy Khuê"),
        ("uỷ ban", "ủy ban"),
        ("oà", "òa"),
        ("xoè", "xòe"),
        ("loã", "lõa"),
        ("tuỳ", "tùy"),
        ("HOÀ", "HÒA"),
        ("THUỶ", "THỦY"),
        ("Hoà.", "Hòa."),
        ("hoà-bình", "hòa-bình"),
    ],
)
def test_normalize_tone_style_moves_the_mark_to_the_first_vowel(old, new):
    assert normalize_tone_style(old) == new


@pytest.mark.parametrize(
    "word",
    [
        "hoàng",  # final consonant: the mark is on a in both styles
        "hoặc",  # ă only occurs before a final consonant
        "toán",
        "khoèo",
        "ngoài",  # triphthong: mark on the middle vowel in both styles
        "xoáy",
        "khuya",
        "quý",  # qu is the consonant, y is the vowel
        "Quỳnh",
        "QUỲ",
        "hòa",  # already new style
        "thủy",
        "Hà Nội",
    ],
)
def test_normalize_tone_style_leaves_other_words_alone(word):
    assert normalize_tone_style(word) == word


def test_normalize_tone_style_makes_old_and_new_spellings_compare_equal():
    assert normalize_tone_style("Nguyễn Thị Thuỷ, Hoà Bình") == normalize_tone_style(
        "Nguyễn Thị Thủy, Hòa Bình"
    )


def test_normalize_tone_style_keeps_diacritics_that_distinguish_names():
    assert normalize_tone_style("Hòa") != normalize_tone_style("Hóa")
    assert normalize_tone_style("Thủy") != normalize_tone_style("Thúy")


def test_normalize_tone_style_returns_nfc():
    decomposed = unicodedata.normalize("NFD", "Hoà Bình")
    result = normalize_tone_style(decomposed)
    assert result == "Hòa Bình"
    assert unicodedata.is_normalized("NFC", result)


def test_normalize_tone_style_of_nothing_is_empty():
    assert normalize_tone_style(None) == ""
    assert normalize_tone_style("") == ""


def test_normalize_tone_style_agrees_with_normalize():
    text = "Công ty Thuỷ sản Hoà Bình"
    assert normalize(normalize_tone_style(text)) == normalize(text)


# --- search_terms ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (" Hoà  Bình ", ["hoa", "binh"]),
        ("Đắk Lắk", ["dak", "lak"]),
        ("KC-2025", ["kc-2025"]),
        ("", []),
        ("   ", []),
        (None, []),
    ],
)
def test_search_terms_are_normalized_words(query, expected):
    assert search_terms(query) == expected


def test_control_characters_become_spaces_in_a_search_key():
    # PostgreSQL refuses NUL in a query: /beneficiaries/search/?q=%00 answered 500.
    assert normalize("Hòa\x00Bình\x0b\x1f") == "hoa binh"
