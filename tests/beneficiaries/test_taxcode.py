import itertools

import pytest

from beneficiaries.taxcode import (
    TaxCodeError,
    TaxCodeResult,
    canonical_tax_code,
    check_digit,
    parse_tax_code,
)

# Messages may be English or Vietnamese depending on the active language, so the tests assert on
# error codes and on the digits a message must name, never on the wording.


def reference_check(first9: str) -> int:
    """Independent implementation of the rule: N10 = 10 − (Σ Ni·Wi mod 11)."""
    weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]
    total = 0
    for position in range(9):
        total += int(first9[position]) * weights[position]
    return 10 - total % 11


def make_code(first9: str) -> str:
    """A valid 10-digit code for a prefix whose check digit is an ordinary digit."""
    digit = reference_check(first9)
    assert digit < 10
    return first9 + str(digit)


def wrong_digit(code: str) -> str:
    return code[:9] + str((int(code[9]) + 1) % 10)


# Prefix whose weighted sum is a multiple of 11, so the formula gives 10.
AMBIGUOUS_PREFIX = next(
    prefix
    for prefix in (f"{n:09d}" for n in itertools.count(100000000))
    if reference_check(prefix) == 10
)

# Published codes of large companies (Viettel, Vinamilk, Vietcombank, FPT); all satisfy the rule.
KNOWN_VALID = ["0100109106", "0300588569", "0100112437", "0101248141", "0302035520"]

GENERATED_VALID = [
    make_code(prefix)
    for prefix in ["010000001", "030203552", "420123456", "580098765", "999999990"]
    if reference_check(prefix) < 10
]


# --- check_digit ----------------------------------------------------------------------------


def test_check_digit_of_viettel_is_6():
    assert check_digit("010010910") == 6


@pytest.mark.parametrize("prefix", [f"{n:09d}" for n in range(100000000, 999999999, 7654321)])
def test_check_digit_matches_the_reference_formula(prefix):
    assert check_digit(prefix) == reference_check(prefix)


def test_check_digit_is_10_when_the_weighted_sum_is_a_multiple_of_11():
    assert check_digit(AMBIGUOUS_PREFIX) == 10


@pytest.mark.parametrize("bad", ["01001091", "0100109106", "01001091a", "０１００１０９１０"])
def test_check_digit_needs_nine_ascii_digits(bad):
    with pytest.raises(ValueError):
        check_digit(bad)


# --- enterprise codes -----------------------------------------------------------------------


@pytest.mark.parametrize("code", KNOWN_VALID + GENERATED_VALID)
def test_valid_ten_digit_code_is_an_enterprise(code):
    assert parse_tax_code(code) == TaxCodeResult(code, "enterprise", "")


@pytest.mark.parametrize("code", KNOWN_VALID + GENERATED_VALID)
def test_wrong_check_digit_is_rejected_and_the_message_names_the_right_digit(code):
    with pytest.raises(TaxCodeError) as raised:
        parse_tax_code(wrong_digit(code))
    assert raised.value.code == "invalid_check_digit"
    assert raised.value.params == {"digit": int(code[9])}
    assert f" {code[9]})" in str(raised.value)


def test_viettel_with_a_wrong_last_digit_names_digit_6():
    with pytest.raises(TaxCodeError) as raised:
        parse_tax_code("0100109107")
    assert "6" in str(raised.value)


@pytest.mark.parametrize(
    "raw",
    ["0100 109 106", " 0100109106 ", "0100.109.106", "01 00 10 91 06", "0100\u00a0109\u00a0106"],
)
def test_spaces_and_dots_are_ignored(raw):
    assert parse_tax_code(raw).value == "0100109106"


def test_ambiguous_check_digit_with_last_digit_0_is_accepted_with_a_warning():
    result = parse_tax_code(AMBIGUOUS_PREFIX + "0")
    assert result.value == AMBIGUOUS_PREFIX + "0"
    assert result.kind == "enterprise"
    assert result.warning
    assert "10" in result.warning


@pytest.mark.parametrize("last", "123456789")
def test_ambiguous_check_digit_with_another_last_digit_is_rejected(last):
    with pytest.raises(TaxCodeError) as raised:
        parse_tax_code(AMBIGUOUS_PREFIX + last)
    assert raised.value.code == "invalid_check_digit"
    assert raised.value.params == {"digit": 0}


@pytest.mark.parametrize("code", ["0100000003", "0000000000", "4200000000", "0100000003-001"])
def test_a_zero_sequence_number_is_refused_whatever_the_check_digit(code):
    # Digits 3–9 are the sequence number, issued from 0000001: 0100000003 passes the check-digit
    # formula and 0000000000 gives the ambiguous 10, but neither was ever issued.
    with pytest.raises(TaxCodeError) as raised:
        parse_tax_code(code)
    assert raised.value.code == "invalid_sequence"


def test_a_sequence_number_of_one_is_valid():
    assert parse_tax_code(make_code("010000001")).kind == "enterprise"


# --- branches -------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["001", "012", "999"])
def test_branch_with_hyphen_is_accepted(suffix):
    result = parse_tax_code(f"0100109106-{suffix}")
    assert result == TaxCodeResult(f"0100109106-{suffix}", "branch", "")


@pytest.mark.parametrize("raw", ["0100109106001", "0100109106 - 001", " 0100.109.106-001 "])
def test_branch_is_stored_in_the_hyphenated_form(raw):
    assert parse_tax_code(raw) == TaxCodeResult("0100109106-001", "branch", "")


@pytest.mark.parametrize("raw", ["0100109107-001", "0100109107001"])
def test_branch_with_an_invalid_base_is_rejected(raw):
    with pytest.raises(TaxCodeError) as raised:
        parse_tax_code(raw)
    assert raised.value.code == "invalid_branch_base"
    assert raised.value.params == {"digit": 6}
    assert "6" in str(raised.value)


@pytest.mark.parametrize("raw", ["0100109106-000", "0100109106000"])
def test_branch_suffix_000_is_rejected(raw):
    with pytest.raises(TaxCodeError) as raised:
        parse_tax_code(raw)
    assert raised.value.code == "invalid_branch_suffix"


def test_branch_of_an_ambiguous_base_keeps_the_warning():
    result = parse_tax_code(AMBIGUOUS_PREFIX + "0-002")
    assert result.kind == "branch"
    assert result.value == AMBIGUOUS_PREFIX + "0-002"
    assert result.warning


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("010010910-6001", "invalid_hyphen"),
        ("0100109106-00-1", "invalid_hyphen"),
        ("-0100109106", "invalid_hyphen"),
        ("0100109106-01", "invalid_length"),
        ("0100109106-0001", "invalid_length"),
        ("0100109106-", "invalid_length"),
    ],
)
def test_misplaced_hyphen_or_short_suffix_is_rejected(raw, code):
    with pytest.raises(TaxCodeError) as raised:
        parse_tax_code(raw)
    assert raised.value.code == code


# --- personal identification numbers -------------------------------------------------------


@pytest.mark.parametrize("raw", ["001099012345", "096185000123", "079 200 123 456"])
def test_twelve_digit_identification_number_is_personal(raw):
    result = parse_tax_code(raw)
    assert result.kind == "personal"
    assert result.value == raw.replace(" ", "")
    assert result.warning == ""


def test_twelve_digit_number_starting_with_000_is_rejected():
    with pytest.raises(TaxCodeError) as raised:
        parse_tax_code("000099012345")
    assert raised.value.code == "invalid_personal_number"
    assert "000" in str(raised.value)


# --- garbage --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["01001091061", "010010910", "1", "01001091060011", "00109901234567", "0" * 20]
)
def test_other_lengths_are_rejected(raw):
    with pytest.raises(TaxCodeError) as raised:
        parse_tax_code(raw)
    assert raised.value.code == "invalid_length"
    assert "10" in str(raised.value)
    assert "12" in str(raised.value)
    assert "13" in str(raised.value)


@pytest.mark.parametrize(
    "raw",
    [
        "ABC123",
        "0100109106A",
        "MST 0100109106",
        "0100/109/106",
        "0100,109,106",
        "０１００１０９１０６",  # full-width digits
        "0100109106\u2013001",  # en dash instead of hyphen
    ],
)
def test_characters_other_than_digits_and_hyphen_are_rejected(raw):
    with pytest.raises(TaxCodeError) as raised:
        parse_tax_code(raw)
    assert raised.value.code == "invalid_characters"


@pytest.mark.parametrize("raw", ["", "   ", " . ", None])
def test_empty_input_is_rejected(raw):
    with pytest.raises(TaxCodeError) as raised:
        parse_tax_code(raw)
    assert raised.value.code == "required"
    assert str(raised.value)


def test_tax_code_error_is_a_value_error():
    assert issubclass(TaxCodeError, ValueError)


def test_non_string_input_is_a_type_error():
    with pytest.raises(TypeError):
        parse_tax_code(100109106)


# --- The one normaliser used by the form, the admin and the service --------------------------


@pytest.mark.parametrize("value", [None, "", "   "])
def test_a_blank_tax_code_is_none(value):
    assert canonical_tax_code(value) is None


def test_the_normaliser_strips_and_gives_the_canonical_form():
    assert canonical_tax_code(" 0100109106001 ").value == "0100109106-001"


def test_the_normaliser_raises_the_parsers_error():
    with pytest.raises(TaxCodeError) as raised:
        canonical_tax_code("0100109107")
    assert raised.value.code == "invalid_check_digit"
