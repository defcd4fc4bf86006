"""Strict ids in URLs and query strings.

An id is 1 to 18 ASCII digits: `str.isdigit()` would take "²" or "٣" (and int() then fails or
finds another row), and a number above 2^63 − 1 overflows the database's integer. Anything else
is not an id, so the page answers 404, never 500.
"""

import re

from django.urls import register_converter

ID_PATTERN = "[0-9]{1,18}"
_ID = re.compile(ID_PATTERN)


class IdConverter:
    regex = ID_PATTERN

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


def parse_id(value) -> int | None:
    """The id in a query-string value, or None when it is not one (callers answer 404 / ignore)."""
    if isinstance(value, str) and _ID.fullmatch(value):
        return int(value)
    return None


# Imported by every app's urls.py ("<id:pk>"), so it is registered before any pattern is built.
register_converter(IdConverter, "id")
