"""Who may read which report, and which provinces a report's `province` parameter stands for.

Every report view and the `render_report` command go through `get_report_scope_for_user` (or
`ministry_scope`) and `resolve_area`: no builder filters by province by hand.

- A centre or a Sở sees its province and the old provinces merged into it (khuyencong.scoping);
  another province's code answers 404, like any other object of another province.
- The ministry (and a superuser) sees every province.
- Codes are reused across eras (new Lào Cai took Yên Bái's 15), so a code is resolved to the
  unit valid on 1 January of the report's year; a current unit also covers the old units merged
  into it (Cần Thơ 2026 covers Sóc Trăng's records).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from khuyencong.models import Organisation, Province
from khuyencong.scoping import membership_of, visible_province_ids
from reports.params import ReportParamError

CODE = re.compile(r"^\d{2}$")


@dataclass(frozen=True)
class ReportScope:
    """The reader of a report: their organisation (it heads the document) and the provinces they
    may see (None: the whole country)."""

    organisation: Organisation | None
    province_ids: frozenset[int] | None
    home: Province | None = None

    @property
    def national(self) -> bool:
        return self.province_ids is None

    def sees(self, province_id: int) -> bool:
        return self.province_ids is None or province_id in self.province_ids


def get_report_scope_for_user(user) -> ReportScope:
    membership = membership_of(user)
    organisation = membership.organisation if membership else None
    return ReportScope(
        organisation=organisation,
        province_ids=visible_province_ids(user),
        home=organisation.province if organisation else None,
    )


def ministry_scope() -> ReportScope:
    """The whole country, headed by the ministry (the command line runs as the ministry)."""
    organisation = Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).first()
    return ReportScope(organisation=organisation, province_ids=None)


@dataclass(frozen=True)
class Area:
    """The provinces a report covers: `province_ids` None is the whole country; `unit` is the
    province asked for (None when none was)."""

    province_ids: frozenset[int] | None
    unit: Province | None
    label: str

    def filter(self, queryset, field: str = "plan__province"):
        if self.province_ids is None:
            return queryset
        return queryset.filter(**{f"{field}__in": self.province_ids})


def resolve_area(scope: ReportScope, code: str | None, year: int) -> Area:
    """The area of `code` in `year` as the scope may see it; no code: everything the scope sees.

    A code no unit had on 1 January of the year → ReportParamError (400); a unit outside the
    scope → Http404."""
    code = (code or "").strip()
    if not code:
        if scope.national:
            return Area(None, None, "Cả nước")
        label = scope.home.name if scope.home else ""
        return Area(scope.province_ids, scope.home, label)
    if not CODE.match(code):
        raise ReportParamError(_("The province code must be two digits, e.g. 92."))
    day = datetime.date(year, 1, 1)
    unit = Province.objects.filter(code=code).valid_on(day).order_by("-era").first()
    if unit is None:
        raise ReportParamError(
            _("No province had the code %(code)s on 1 January %(year)s.")
            % {"code": code, "year": year}
        )
    if not scope.sees(unit.pk):
        raise Http404
    ids = frozenset(
        Province.objects.filter(Q(pk=unit.pk) | Q(successor_id=unit.pk)).values_list(
            "pk", flat=True
        )
    )
    if scope.province_ids is not None:
        ids &= scope.province_ids
    return Area(ids, unit, unit.name)
