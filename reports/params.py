"""The parameters of a report URL (or of the `render_report` command), checked once.

Bad input is a `ReportParamError` with a message for the user (the view answers 400), never a
500. Everything is read from a mapping of strings, so a QueryDict and the command's options go
through the same checks.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from khuyencong.converters import parse_year

FORMATS = ("html", "pdf", "xlsx")
PERIODS = ("h1", "year")
GROUPINGS = ("current", "historical")
FIRST_YEAR = 2000
LAST_YEAR = 2100
MAX_SERIES_YEARS = 30


class ReportParamError(ValueError):
    """A report parameter the user got wrong; its message is shown with a 400."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ReportParams:
    year: int
    province: str = ""
    period: str = "year"
    grouping: str = "current"
    region: str = ""
    year_from: int = 0
    year_to: int = 0
    fmt: str = "html"


def _year(value: str | None, label: str, default: int | None) -> int:
    text = (value or "").strip()
    if not text:
        if default is None:
            raise ReportParamError(_("Choose a %(what)s.") % {"what": label})
        return default
    year = parse_year(text, first=0, last=9999)
    if year is None:
        raise ReportParamError(_("“%(value)s” is not a year.") % {"value": text[:20]})
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ReportParamError(
            _("The year must be between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return year


def _choice(value: str | None, allowed: tuple[str, ...], default: str, label: str) -> str:
    text = (value or "").strip() or default
    if text not in allowed:
        raise ReportParamError(
            _("%(label)s must be one of: %(allowed)s.")
            % {"label": label, "allowed": ", ".join(allowed)}
        )
    return text


def parse_params(data: Mapping[str, str], *, today: datetime.date | None = None) -> ReportParams:
    """Read every parameter a report may take; each report uses the ones it needs."""
    from khuyencong.models import Region

    today = today or datetime.date.today()
    year = _year(data.get("year"), _("year"), today.year)
    region = (data.get("region") or "").strip()
    if region and region not in Region.values:
        raise ReportParamError(
            _("Unknown region “%(value)s”; use one of: %(allowed)s.")
            % {"value": region[:30], "allowed": ", ".join(Region.values)}
        )
    year_to = _year(data.get("to"), _("last year"), year)
    year_from = _year(data.get("from"), _("first year"), year_to - 4)
    if year_from > year_to:
        raise ReportParamError(_("The first year must not come after the last year."))
    if year_to - year_from + 1 > MAX_SERIES_YEARS:
        raise ReportParamError(_("A series covers at most %(n)s years.") % {"n": MAX_SERIES_YEARS})
    return ReportParams(
        year=year,
        province=(data.get("province") or "").strip(),
        period=_choice(data.get("period"), PERIODS, "year", _("The period")),
        grouping=_choice(data.get("grouping"), GROUPINGS, "current", _("The grouping")),
        region=region,
        year_from=year_from,
        year_to=year_to,
        fmt=_choice(data.get("format"), FORMATS, "html", _("The format")),
    )
