"""Cell values as people type them in Vietnamese spreadsheets, turned into Python values.

Every parser takes the raw cell (str, int, float, date, bool or None) and returns the value, or
raises CellError with a translated message. None and blank text are "empty" (None).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from khuyencong.text import BIDI_CONTROLS, normalize

MAX_AMOUNT = 10**15  # đồng: a thousand trillion, far above any đề án
MAX_DIGITS = 18  # bounded before int(): Python refuses more than 4.300 digits anyway

# Spaces of every kind people paste: normal, non-breaking, narrow, thin, figure, zero width.
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f\u200b\ufeff]+")
_CONTROL = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f{BIDI_CONTROLS}]")
_CURRENCY = re.compile(r"(?:vn[dđ]|đồng|dong|đ|d)\.?$", re.IGNORECASE)
_DATE_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH = re.compile(r"^(?:(?:tháng|thang|th)\s*)?(\d{1,2})\s*[/.\-]\s*(\d{4})$", re.IGNORECASE)
EXCEL_EPOCH = datetime.date(1899, 12, 30)


class CellError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def clean_text(value) -> str:
    """Text in NFC, control characters dropped, runs of any space collapsed, ends stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    text = unicodedata.normalize("NFC", str(value))
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not clean_text(value))


def display(value) -> str:
    """A cell as it reads in a message."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return clean_text(value)[:80]


def _invalid_amount() -> CellError:
    return CellError(_("This is not an amount: write a whole number of đồng, e.g. 3.422.200.000."))


def _to_dong(number: Decimal, multiplier: int) -> int:
    amount = number * multiplier
    if amount < 0:
        raise CellError(_("An amount cannot be negative."))
    if amount != amount.to_integral_value():
        raise CellError(
            _("Amounts are whole đồng: %(value)s has a fraction of a đồng.")
            % {"value": f"{amount:f}"}
        )
    if amount > MAX_AMOUNT:
        raise CellError(_("This amount is too large."))
    return int(amount)


def _number_text(text: str) -> Decimal:
    """A number written with Vietnamese (1.234.567,5) or English (1,234,567.5) separators."""
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:].strip()
    if not text or not re.fullmatch(r"[0-9.,]+", text) or not text[0].isdigit():
        raise _invalid_amount()
    if "." in text and "," in text:
        # Whichever comes last is the decimal mark.
        if text.rfind(",") > text.rfind("."):
            whole, _sep, fraction = text.rpartition(",")
            whole = whole.replace(".", "")
        else:
            whole, _sep, fraction = text.rpartition(".")
            whole = whole.replace(",", "")
    else:
        mark = "." if "." in text else "," if "," in text else ""
        if not mark:
            whole, fraction = text, ""
        else:
            groups = text.split(mark)
            if len(groups) > 2 or (len(groups[-1]) == 3 and len(groups[0]) <= 3):
                # 3.422.200.000 or 412,500: thousands separators.
                if any(len(g) != 3 for g in groups[1:]) or not groups[0]:
                    raise _invalid_amount()
                whole, fraction = "".join(groups), ""
            else:
                whole, fraction = groups  # 3422,2 or 3422.2: a decimal part
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        raise _invalid_amount()
    if len(whole) > MAX_DIGITS or len(fraction) > MAX_DIGITS:
        raise CellError(_("This amount is too large."))
    return Decimal(f"{sign}{whole}.{fraction or 0}")


def parse_amount(value, multiplier: int = 1) -> int | None:
    """An amount in đồng. Numbers, or text such as "3.422.200.000", "3 422 200 000",
    "3.422.200.000 đ" or "412.500.000 đồng". `multiplier` is the sheet's unit (1.000.000 when a
    unit line says "triệu đồng"); text that names đồng itself is taken in đồng."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise _invalid_amount()
    if isinstance(value, int):
        return _to_dong(Decimal(value), multiplier)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _invalid_amount()
        return _to_dong(Decimal(repr(value)), multiplier)
    if isinstance(value, Decimal):
        return _to_dong(value, multiplier)
    text = _SPACES.sub("", clean_text(value))
    if not text or text in ("-", "0đ"):
        return None if not text or text == "-" else 0
    stripped = _CURRENCY.sub("", text)
    if stripped != text:
        multiplier = 1  # "412.500.000 đ" is đồng whatever the sheet's unit
    try:
        number = _number_text(stripped)
    except InvalidOperation as error:
        raise _invalid_amount() from error
    return _to_dong(number, multiplier)


def parse_int(value, *, maximum: int = 10**9) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(_("Enter a whole number."))
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(_("Enter a whole number."))
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = _SPACES.sub("", clean_text(value)).replace(".", "")
        if not text:
            return None
        if not text.isdigit() or not text.isascii() or len(text) > MAX_DIGITS:
            raise CellError(_("Enter a whole number."))
        number = int(text)
    if number < 0 or number > maximum:
        raise CellError(_("The number must be between 0 and %(max)s.") % {"max": maximum})
    return number


def _excel_serial(number: float) -> datetime.date:
    if not 1 <= number < 2958466:
        raise ValueError
    return EXCEL_EPOCH + datetime.timedelta(days=int(number))


def parse_date(value) -> datetime.date | None:
    """A date: an Excel date, an Excel serial number, dd/mm/yyyy or yyyy-mm-dd text, or mm/yyyy
    (the first of the month)."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    message = _("Enter a date as dd/mm/yyyy or a month as mm/yyyy, e.g. 15/03/2024 or 03/2024.")
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _excel_serial(value)
        text = _SPACES.sub("", clean_text(value))
        if not text:
            return None
        if match := _DATE_DMY.match(text):
            day, month, year = map(int, match.groups())
            return datetime.date(year, month, day)
        if match := _DATE_ISO.match(text):
            year, month, day = map(int, match.groups())
            return datetime.date(year, month, day)
        if match := _MONTH.match(text):
            month, year = map(int, match.groups())
            return datetime.date(year, month, 1)
    except (ValueError, OverflowError) as error:
        raise CellError(message) from error
    raise CellError(message)


YES = "Có"
NO = "Không"
_TRUE = {"co", "x", "yes", "y", "true", "1", "dung", "phai"}
_FALSE = {"khong", "no", "n", "false", "0", "sai"}


def parse_bool(value) -> bool | None:
    """Có / Không (also x, yes / no, 1 / 0, TRUE / FALSE); blank is None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
    else:
        key = normalize(clean_text(value))
        if not key:
            return None
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
    raise CellError(_("Write “Có” or “Không”."))


def parse_year(value) -> int | None:
    year = parse_int(value, maximum=2100)
    if year is None:
        return None
    if year < 1990:
        raise CellError(_("The year must be between 1990 and 2100."))
    return year


def key_of(text) -> str:
    """A lookup key: accent-, case-, tone-style- and space-insensitive (khuyencong.text)."""
    return normalize(clean_text(text))
