"""Template filters for Vietnamese number, money and date formatting.

Thin wrappers around :mod:`khuyencong.formatting`. Every filter tolerates None and "" (numbers
show "—", words and dates show "") and never raises: input it cannot format is returned
unchanged, as a string. Outputs are plain text and are left to autoescaping.

    {{ amount|dong }}              1.234.567 đ
    {{ amount|million }}           3.422,2 triệu đồng      {{ amount|million:3 }}
    {{ amount|million_number }}    3.422,2  (in a column headed "triệu đồng")
    {{ amount|billion }}           481,407 tỷ đồng         {{ amount|billion:2 }}
    {{ rate|percent }}             12,33%                  {{ rate|percent:1 }}
    {{ part|percent_of:whole }}    12,33%
    {{ value|ratio }}              4,78
    {{ amount|in_words }}          Hai tỷ không trăm mười bốn triệu chín trăm nghìn đồng
    {{ day|vndate }}               25/12/2024
    {{ n|number }}                 1.234.567               {{ x|number:2 }}
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import template

from khuyencong import formatting
from khuyencong.formatting import EMPTY

register = template.Library()

# InvalidOperation and DivisionByZero are ArithmeticErrors.
_FAILURES = (TypeError, ValueError, ArithmeticError)


def _missing(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _decimals(arg, default: int) -> int:
    """The optional decimals argument: an int or a string of digits."""
    if arg is None or arg == "":
        return default
    if isinstance(arg, bool):
        raise TypeError("decimals must be a whole number.")
    decimals = int(arg)
    if decimals < 0:
        raise ValueError("decimals must not be negative.")
    return decimals


def _natural_places(value) -> int:
    """How many decimal places a number carries as written (Decimal("12.50") → 2)."""
    exponent = formatting._to_decimal(value).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


@register.filter
def dong(value):
    """1234567 → "1.234.567 đ"."""
    if _missing(value):
        return EMPTY
    try:
        return formatting.format_dong(value)
    except _FAILURES:
        return str(value)


@register.filter
def million(value, decimals=None):
    """Amount in đồng shown in triệu đồng: 3422200000 → "3.422,2 triệu đồng"."""
    if _missing(value):
        return EMPTY
    try:
        return formatting.format_million(value, _decimals(decimals, 1))
    except _FAILURES:
        return str(value)


@register.filter
def million_number(value, decimals=None):
    """Amount in đồng as a number of triệu, without the unit (tables say it in the header):
    3422200000 → "3.422,2"."""
    if _missing(value):
        return EMPTY
    try:
        return formatting.format_million_number(value, _decimals(decimals, 1))
    except _FAILURES:
        return str(value)


@register.filter
def billion(value, decimals=None):
    """Amount in đồng shown in tỷ đồng: 481407000000 → "481,407 tỷ đồng"."""
    if _missing(value):
        return EMPTY
    try:
        return formatting.format_billion(value, _decimals(decimals, 3))
    except _FAILURES:
        return str(value)


@register.filter
def percent(value, decimals=None):
    """A value that is already a percentage: 12.33 → "12,33%"."""
    if _missing(value):
        return EMPTY
    try:
        return formatting.format_percent(value, _decimals(decimals, 2))
    except _FAILURES:
        return str(value)


@register.filter
def percent_of(value, whole):
    """``{{ part|percent_of:whole }}`` → "12,33%"; "—" when the whole is missing or zero."""
    if _missing(value) or _missing(whole):
        return EMPTY
    try:
        return formatting.percent_of(value, whole)
    except _FAILURES:
        return str(value)


@register.filter
def ratio(value, decimals=None):
    """4.78 → "4,78"."""
    if _missing(value):
        return EMPTY
    try:
        return formatting.format_ratio(value, _decimals(decimals, 2))
    except _FAILURES:
        return str(value)


@register.filter
def in_words(value):
    """A whole amount in đồng in formal words; "" when missing."""
    if _missing(value):
        return ""
    try:
        if isinstance(value, str):
            value = int(value.strip())
        return formatting.amount_in_words(value)
    except _FAILURES:
        return str(value)


@register.filter(expects_localtime=True)
def vndate(value):
    """A date or datetime as "dd/mm/yyyy" (aware datetimes in the current time zone)."""
    if _missing(value):
        return ""
    if not isinstance(value, datetime.date):
        return str(value)
    return formatting.format_date(value)


@register.filter
def number(value, decimals=None):
    """Vietnamese digit grouping: 1234567 → "1.234.567"; 1234.5 → "1.234,5".

    Integers are grouped; other numbers keep the places they carry unless ``decimals`` is given
    (``{{ x|number:2 }}``).
    """
    if _missing(value):
        return EMPTY
    try:
        if decimals is not None and decimals != "":
            return formatting.format_decimal(value, _decimals(decimals, 0))
        if isinstance(value, int) and not isinstance(value, bool):
            return formatting.group_thousands(value)
        if isinstance(value, Decimal | float | str):
            return formatting.format_decimal(value, _natural_places(value))
        return str(value)
    except _FAILURES:
        return str(value)
