"""Provinces and communes named in a spreadsheet, resolved in memory (two queries per import).

A province is a code or a name; the unit is the one valid on the day asked (1 January of a
đề án's year): in 2024 "Hòa Bình", "Hoà Bình" or "17" is the old unit, in 2026 "Phú Thọ" (or
"25") the new one. A name of a unit that no longer existed that day leads to its successor. A
commune is a name within a province, with or without "Xã" / "Phường" / "Đặc khu".
"""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _

from khuyencong.importing.values import clean_text, key_of
from khuyencong.models import Commune, Province

_LEGACY_SUFFIX = re.compile(r"\(\s*trước\s*0?7\s*/\s*2025\s*\)\s*$", re.IGNORECASE)
_PROVINCE_PREFIX = re.compile(r"^(tinh|thanh pho|tp\.?)\s+")
_COMMUNE_PREFIX = re.compile(r"^(xa|phuong|dac khu|thi tran|tt\.?|p\.?)\s+")


class ProvinceResolver:
    def __init__(self):
        self.provinces = list(Province.objects.select_related("successor"))

    def _candidates(self, text) -> tuple[list[Province], bool]:
        raw = clean_text(text)
        legacy_only = bool(_LEGACY_SUFFIX.search(raw))
        raw = _LEGACY_SUFFIX.sub("", raw).strip()
        if isinstance(text, int | float) or raw.isdigit():
            code = f"{int(float(raw)):02d}" if raw else ""
            return [p for p in self.provinces if p.code == code], legacy_only
        key = _PROVINCE_PREFIX.sub("", key_of(raw))
        return [p for p in self.provinces if p.search_name == key], legacy_only

    def resolve(self, text, day: datetime.date) -> Province | None:
        """The unit named by `text` that was valid on `day`, else None."""
        candidates, legacy_only = self._candidates(text)
        if legacy_only:
            candidates = [p for p in candidates if p.era == Province.Era.LEGACY]
        valid = [p for p in candidates if p.is_valid_on(day)]
        if valid:
            return valid[0]
        for province in candidates:
            if legacy_only:
                return province
            successor = province.unit_on(day)
            if successor.is_valid_on(day):
                return successor
        return None

    def resolve_row(self, row, day: datetime.date, visible, unknown: str) -> Province | None:
        """The row's `province` cell as the unit valid on `day`, within the user's provinces
        (`visible`: ids, or None for every province); errors go on the row, named by column."""
        if not row.get("province"):
            row.error("province", _("The province is required."))
            return None
        province = self.resolve(row.get("province"), day)
        if province is None:
            row.error("province", unknown)
            return None
        if visible is not None and province.pk not in visible:
            row.error(
                "province",
                _("This row belongs to another province: you may import only into yours."),
            )
            return None
        return province


class CommuneResolver:
    """Communes of the provinces asked for, loaded once."""

    def __init__(self, province_ids):
        self.by_key: dict[tuple[int, str], list[Commune]] = {}
        for commune in Commune.objects.filter(province_id__in=set(province_ids)):
            for key in {commune.search_name, _COMMUNE_PREFIX.sub("", commune.search_name)}:
                self.by_key.setdefault((commune.province_id, key), []).append(commune)

    def resolve(self, province_id: int, text) -> list[Commune]:
        key = key_of(text)
        found = self.by_key.get((province_id, key))
        if found is None:
            found = self.by_key.get((province_id, _COMMUNE_PREFIX.sub("", key)), [])
        # "Phường An Bình" typed in full matches one; "An Bình" may match a xã and a phường.
        exact = [c for c in found if c.search_name == key]
        return exact or found
