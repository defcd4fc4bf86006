"""Strict values from URLs, query strings and forms: ids, years, page numbers and `next`.

The one parser of every number a request carries. An id is 1 to 18 ASCII digits:
`str.isdigit()` would take "²" or "٣" (and int() then fails or finds another row), and a number
above 2^63 − 1 overflows the database's integer. A year is four ASCII digits within the range the
caller allows; a page is 1 to 9 ASCII digits. Anything else is not a number: the caller answers
404 (a path), 400 with a message (a form or a report's parameters) or ignores it (a page number).
"""

import re

from django.urls import register_converter
from django.utils.http import url_has_allowed_host_and_scheme

ID_PATTERN = "[0-9]{1,18}"
_ID = re.compile(ID_PATTERN)
_YEAR = re.compile("[0-9]{4}")
_PAGE = re.compile("[0-9]{1,9}")


class IdConverter:
    regex = ID_PATTERN

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


def parse_id(value) -> int | None:
    """The id in a value, or None when it is not one. Surrounding spaces are not an id either:
    a value is taken as sent. An int (an id already read) is checked against the same range."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value < 10**18 else None
    if isinstance(value, str) and _ID.fullmatch(value):
        number = int(value)
        return number or None
    return None


def parse_ids(values) -> list[int] | None:
    """Every value an id, or None when any one is not (a tampered list is refused whole)."""
    ids = [parse_id(value) for value in values]
    return None if any(pk is None for pk in ids) else ids


def parse_year(value, *, first: int = 1900, last: int = 2100) -> int | None:
    """A year of four ASCII digits between `first` and `last`, or None."""
    if isinstance(value, str) and _YEAR.fullmatch(value.strip()):
        year = int(value)
        if first <= year <= last:
            return year
    return None


def parse_page(value) -> int:
    """A page number: anything that is not 1 to 9 ASCII digits is the first page."""
    if isinstance(value, str) and _PAGE.fullmatch(value.strip()):
        return max(1, int(value))
    return 1


# Imported by every app's urls.py ("<id:pk>"), so it is registered before any pattern is built.
register_converter(IdConverter, "id")


def parse_next_path(request, value) -> str | None:
    """A page of this site to go to next (`next=`), or None. Only an absolute path of this host
    is taken: "//evil.example", "https://…", "\\\\evil" and bare words are not. A bare word is
    never resolved as a URL name either ("logout" would log the user out)."""
    if not isinstance(value, str) or not value.startswith("/") or value.startswith("//"):
        return None
    if "\\" in value or not url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    return value
