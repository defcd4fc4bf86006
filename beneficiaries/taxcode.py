"""Vietnamese tax codes (mã số thuế): validation and canonical form.

Accepted forms:

* enterprise / cooperative: 10 digits, the 10th a check digit over the first nine;
* branch (dependent unit): the parent's 10-digit code, a hyphen and a 3-digit suffix 001–999
  ("0100109106-001"); the same 13 digits without the hyphen are accepted and stored hyphenated;
* household business / individual: the 12-digit personal identification number (số định danh
  cá nhân), the tax code of individuals since 1 July 2025.

Spaces and dots are ignored ("0100 109 106", "0100.109.106"); anything else except digits and
the hyphen is an error.

Messages are English msgids translated with ``gettext`` when an error is raised; their
Vietnamese translations are in ``locale_fragments/taxcode.po``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

__all__ = [
    "KIND_BRANCH",
    "KIND_ENTERPRISE",
    "KIND_PERSONAL",
    "TaxCodeError",
    "TaxCodeResult",
    "check_digit",
    "canonical_tax_code",
    "parse_tax_code",
]

KIND_ENTERPRISE = "enterprise"
KIND_BRANCH = "branch"
KIND_PERSONAL = "personal"

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)

# Only ASCII digits: str.isdigit() would also accept "²" or Arabic-Indic digits.
_DIGITS = re.compile(r"[0-9]+")
_ALLOWED = re.compile(r"[0-9-]*")
_IGNORED = re.compile(r"[\s.]+")


@dataclass(frozen=True)
class TaxCodeResult:
    value: str  # canonical form: "0100109106", "0100109106-001" or the 12 digits
    kind: str  # KIND_ENTERPRISE | KIND_BRANCH | KIND_PERSONAL
    warning: str = ""  # translated warning, empty if none


class TaxCodeError(ValueError):
    """An invalid tax code. ``str(error)`` is the translated message.

    ``code`` names the rule that failed ("required", "invalid_characters", "invalid_length",
    "invalid_hyphen", "invalid_sequence", "invalid_check_digit", "invalid_branch_base",
    "invalid_branch_suffix", "invalid_personal_number") and ``params`` holds the values
    interpolated into the message.
    """

    def __init__(self, message: str, code: str, params: dict | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.params = params or {}


def check_digit(first9: str) -> int:
    """The check digit the formula gives for the first nine digits: 0..10.

    N10 = 10 − (Σ Ni·Wi mod 11) with W = 31, 29, 23, 19, 17, 13, 7, 5, 3. The result is 10 when
    the sum is a multiple of 11, a case no single digit can express (see ``parse_tax_code``).
    """
    if len(first9) != 9 or not _DIGITS.fullmatch(first9):
        raise ValueError("check_digit() needs exactly 9 ASCII digits.")
    total = sum(int(digit) * weight for digit, weight in zip(first9, WEIGHTS, strict=True))
    return 10 - total % 11


def _length_error() -> TaxCodeError:
    return TaxCodeError(
        _(
            "A tax code has 10 digits, 13 digits (branch: NNNNNNNNNN-NNN) or 12 digits "
            "(personal identification number)."
        ),
        "invalid_length",
    )


def _check_base(base: str, *, branch: bool) -> str:
    """Check the 10-digit code ``base``; return the warning text (empty if none).

    Digits 1–2 are the province range that issued the code, digits 3–9 a sequence number from
    0000001 to 9999999 and digit 10 the check digit (Circular 105/2020/TT-BTC, art. 5): a zero
    sequence (so also 0000000000) is never issued, whatever the check digit says."""
    if base[2:9] == "0000000":
        raise TaxCodeError(
            _(
                "Digits 3 to 9 of a tax code are its sequence number, from 0000001 to 9999999: "
                "they cannot all be 0."
            ),
            "invalid_sequence",
        )
    expected = check_digit(base[:9])
    actual = int(base[9])
    if expected == 10:
        # The formula gives 10, which is not a digit. Implementations disagree on what the
        # authority issues here; accept a 10th digit of 0 and ask for a manual check.
        if actual == 0:
            return _(
                "The check digit of this tax code cannot be verified (the formula gives 10). "
                "Please compare the tax code with the registration certificate."
            )
        expected = 0
    if actual == expected:
        return ""
    params = {"digit": expected}
    if branch:
        raise TaxCodeError(
            _(
                "The first 10 digits of the branch tax code are not a valid tax code: the check "
                "digit is wrong (the 10th digit should be %(digit)s)."
            )
            % params,
            "invalid_branch_base",
            params,
        )
    raise TaxCodeError(
        _("The check digit of the tax code is wrong (the 10th digit should be %(digit)s).")
        % params,
        "invalid_check_digit",
        params,
    )


def _parse_branch(base: str, suffix: str) -> TaxCodeResult:
    warning = _check_base(base, branch=True)
    if suffix == "000":
        raise TaxCodeError(
            _("The branch number (the 3 digits after the hyphen) must be between 001 and 999."),
            "invalid_branch_suffix",
        )
    return TaxCodeResult(f"{base}-{suffix}", KIND_BRANCH, warning)


def parse_tax_code(raw: str) -> TaxCodeResult:
    """Validate a tax code and return its canonical form and kind.

    Raises ``TaxCodeError`` with a translated message naming what is wrong.
    """
    if raw is None:
        raw = ""
    if not isinstance(raw, str):
        raise TypeError("parse_tax_code() needs a string.")
    code = _IGNORED.sub("", raw)
    if not code:
        raise TaxCodeError(_("Please enter a tax code."), "required")
    if not _ALLOWED.fullmatch(code):
        raise TaxCodeError(
            _("A tax code may contain only digits and a hyphen."), "invalid_characters"
        )

    if "-" in code:
        base, _sep, suffix = code.partition("-")
        if len(base) != 10 or "-" in suffix:
            raise TaxCodeError(
                _("The hyphen must come right after the 10th digit (NNNNNNNNNN-NNN)."),
                "invalid_hyphen",
            )
        if len(suffix) != 3:
            raise _length_error()
        return _parse_branch(base, suffix)

    if len(code) == 10:
        warning = _check_base(code, branch=False)
        return TaxCodeResult(code, KIND_ENTERPRISE, warning)
    if len(code) == 13:
        return _parse_branch(code[:10], code[10:])
    if len(code) == 12:
        # The first three digits are the province (001–096) or, for citizens whose birth was
        # registered abroad, a country code; only 000 is certainly wrong.
        if code.startswith("000"):
            raise TaxCodeError(
                _(
                    "A 12-digit personal identification number cannot start with 000: the "
                    "first 3 digits are the province code."
                ),
                "invalid_personal_number",
            )
        return TaxCodeResult(code, KIND_PERSONAL)
    raise _length_error()


def canonical_tax_code(raw: str | None) -> TaxCodeResult | None:
    """The one normaliser of a tax code as typed (form, admin, service): None when blank,
    else ``parse_tax_code`` of it. Raises ``TaxCodeError``."""
    raw = (raw or "").strip()
    return parse_tax_code(raw) if raw else None
