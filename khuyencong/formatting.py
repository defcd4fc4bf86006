"""Vietnamese number, money and date formatting.

Pure functions with no Django dependency. Vietnamese conventions: "." groups thousands and ","
separates decimals (1.234.567,5). Money is an integer number of đồng; fractional values are
handled with ``Decimal`` and rounded half-up, never through binary floating point.

The units ("đ", "triệu đồng", "tỷ đồng") are Vietnamese by definition of the format and are
therefore literal, not translated.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from vn_numberwords import number_to_words

__all__ = [
    "EMPTY",
    "amount_in_words",
    "format_billion",
    "format_date",
    "format_decimal",
    "format_dong",
    "format_million",
    "format_million_number",
    "format_percent",
    "format_ratio",
    "group_thousands",
    "percent_of",
]

#: Shown in place of a missing number.
EMPTY = "—"

THOUSAND_SEPARATOR = "."
DECIMAL_SEPARATOR = ","

MILLION = 10**6
BILLION = 10**9

# Enough precision for any amount of money and for the quotients computed here; independent of
# the thread's current decimal context.
_CONTEXT = Context(prec=60)

# vn_numberwords converts its argument through float(), so it is exact only below 2**53 and
# raises from 10**16 upwards; amounts are kept well inside that range (one triệu tỷ đồng).
_WORDS_LIMIT = 10**15


def _to_decimal(value) -> Decimal:
    """Convert an int, Decimal, float or numeric string to a finite Decimal.

    Floats go through ``str()`` so 0.1 becomes Decimal("0.1"), not its binary expansion.
    Raises TypeError for other types (including bool) and ValueError for non-numeric text,
    NaN and infinities.
    """
    if isinstance(value, bool):
        raise TypeError("A boolean is not a number.")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float | str):
        try:
            result = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"Not a number: {value!r}") from None
    else:
        raise TypeError(f"Not a number: {value!r}")
    if not result.is_finite():
        raise ValueError(f"Not a finite number: {value!r}")
    return result


def _to_int(value) -> int:
    """Convert an int or an integral Decimal to int; anything else is a TypeError/ValueError."""
    if isinstance(value, bool):
        raise TypeError("A boolean is not a number.")
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise ValueError(f"Not a whole number: {value!r}")
        return int(value)
    raise TypeError(f"Not a whole number: {value!r}")


def _group(digits: str) -> str:
    """Insert thousands separators into a string of digits."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return THOUSAND_SEPARATOR.join(parts)


def _format_rounded(value: Decimal, decimals: int) -> str:
    """Round ``value`` half-up to ``decimals`` places and format it the Vietnamese way."""
    if decimals < 0:
        raise ValueError("decimals must not be negative.")
    quantum = Decimal(1).scaleb(-decimals)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP, context=_CONTEXT)
    # "{:f}" never uses an exponent; abs() drops the sign, including that of -0.
    text = f"{abs(rounded):f}"
    integer, _, fraction = text.partition(".")
    result = _group(integer)
    if decimals:
        result += DECIMAL_SEPARATOR + fraction
    # A value that rounds to zero is shown as 0, not -0.
    if rounded < 0:
        result = "-" + result
    return result


def group_thousands(n: int) -> str:
    """1234567 → "1.234.567"; -1234567 → "-1.234.567"; 0 → "0"."""
    n = _to_int(n)
    sign = "-" if n < 0 else ""
    return sign + _group(str(abs(n)))


def format_dong(amount: int | Decimal | None) -> str:
    """1234567 → "1.234.567 đ"; None → "—". A fractional Decimal is rounded to whole đồng."""
    if amount is None:
        return EMPTY
    return _format_rounded(_to_decimal(amount), 0) + " đ"


def format_decimal(value, decimals: int) -> str:
    """Format an int, Decimal or float with ``decimals`` places: (1234.5, 1) → "1.234,5".

    Rounds half-up in decimal arithmetic (floats are read through ``str()``).
    """
    return _format_rounded(_to_decimal(value), decimals)


def format_million_number(amount, decimals: int = 1) -> str:
    """An amount in đồng as a number of triệu (millions): 3422200000 → "3.422,2"."""
    if amount is None:
        return EMPTY
    return _format_rounded(_to_decimal(amount).scaleb(-6), decimals)


def format_million(amount, decimals: int = 1) -> str:
    """An amount in đồng in triệu đồng: 3422200000 → "3.422,2 triệu đồng"; None → "—"."""
    if amount is None:
        return EMPTY
    return format_million_number(amount, decimals) + " triệu đồng"


def format_billion(amount, decimals: int = 3) -> str:
    """An amount in đồng in tỷ đồng: 481407000000 → "481,407 tỷ đồng"; None → "—"."""
    if amount is None:
        return EMPTY
    return _format_rounded(_to_decimal(amount).scaleb(-9), decimals) + " tỷ đồng"


def format_percent(value, decimals: int = 2) -> str:
    """A number that is already a percentage: 12.33 → "12,33%"; None → "—"."""
    if value is None:
        return EMPTY
    return _format_rounded(_to_decimal(value), decimals) + "%"


def percent_of(part, whole, decimals: int = 2) -> str:
    """``part`` as a percentage of ``whole``: (17322, 140467) → "12,33%".

    "—" when either is None or ``whole`` is zero.
    """
    if part is None or whole is None:
        return EMPTY
    whole_d = _to_decimal(whole)
    if whole_d == 0:
        return EMPTY
    ratio = _CONTEXT.divide(_CONTEXT.multiply(_to_decimal(part), Decimal(100)), whole_d)
    return _format_rounded(ratio, decimals) + "%"


def format_ratio(value, decimals: int = 2) -> str:
    """A plain ratio: 4.78 → "4,78"; None → "—"."""
    if value is None:
        return EMPTY
    return _format_rounded(_to_decimal(value), decimals)


def amount_in_words(amount: int) -> str:
    """An amount in đồng in formal Vietnamese words, as written on financial documents.

    2014900000 → "Hai tỷ không trăm mười bốn triệu chín trăm nghìn đồng"; 0 → "Không đồng";
    -5 → "Âm năm đồng". Accepts int or an integral Decimal below one triệu tỷ (10**15) in
    absolute value.
    """
    amount = _to_int(amount)
    if abs(amount) >= _WORDS_LIMIT:
        raise ValueError("Amounts of 10**15 đồng or more cannot be written in words.")
    # Pass the absolute value as a string and add the sign ourselves, so the result never
    # depends on how the library treats negative numbers.
    words = number_to_words(str(abs(amount)))
    if amount < 0:
        words = "âm " + words
    return words[:1].upper() + words[1:] + " đồng"


def format_date(d: datetime.date | datetime.datetime | None) -> str:
    """A date or datetime as "dd/mm/yyyy"; None → "".

    A datetime is shown in its own time zone; convert aware datetimes to local time first (the
    ``vndate`` template filter does that).
    """
    if d is None:
        return ""
    if not isinstance(d, datetime.date):
        raise TypeError(f"Not a date: {d!r}")
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
