"""What the layouts share: the documents' fixed words and the short number formats of their
cells (in the documents' own Vietnamese, like the forms' labels)."""

from __future__ import annotations

from khuyencong import formatting

NO_DISBURSEMENT = "Chưa có số liệu giải ngân"
PROGRAM_SHORT = {"kcqg": "KCQG", "kcdp": "KCĐP"}


def million(value) -> str:
    return formatting.format_million_number(value, 1)


def ratio(value) -> str:
    return formatting.format_ratio(value, 2)


def percent(value) -> str:
    return formatting.format_percent(value, 1)


def months(start, end) -> str:
    def month(day):
        return f"{day.month:02d}/{day.year}" if day else ""

    if not start and not end:
        return ""
    return f"{month(start)}–{month(end)}" if end and end != start else month(start)
