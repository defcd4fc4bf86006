"""The columns of an import: the fields a kind knows, finding the header row in a sheet, and which
column of the file holds which field (guessed, remembered per user, or chosen in the preview)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from khuyencong.importing.values import clean_text
from khuyencong.text import normalize

IGNORE = ""  # a column mapped to nothing

# Field kinds: how the engine parses the cell before the domain sees it.
TEXT = "text"
AMOUNT = "amount"
INT = "int"
DATE = "date"
BOOL = "bool"
YEAR = "year"
CHOICE = "choice"  # text the domain matches against `choices`

_UNIT_IN_HEADER = re.compile(r"\(([^)]*)\)")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class FieldSpec:
    key: str
    header: str  # the exact header of the template (Vietnamese, never translated)
    kind: str = TEXT
    required: bool = False
    synonyms: tuple[str, ...] = ()
    # For CHOICE fields: the labels offered in the template's dropdown (called when needed).
    choices: Callable[[], list[str]] | None = None
    width: int = 16
    help: str = ""  # the instructions sheet's line about the column (Vietnamese)


def header_key(text) -> str:
    """ "Tỉnh / thành phố", "TỈNH/THÀNH PHỐ" and "Tinh/Thanh pho" → "tinhthanhpho". A unit in
    brackets ("KCQG (đồng)") and a required-marker "*" are left out."""
    text = _UNIT_IN_HEADER.sub(" ", clean_text(text))
    return _NOT_ALNUM.sub("", normalize(text))


def header_unit(text) -> int | None:
    """The unit a header names in brackets: "Kinh phí KCQG (triệu đồng)" → 1.000.000."""
    for inside in _UNIT_IN_HEADER.findall(clean_text(text)):
        unit = unit_of(inside)
        if unit:
            return unit
    return None


def unit_of(text) -> int | None:
    """The multiplier a unit text names: "triệu đồng" → 1.000.000, "nghìn đồng" → 1.000,
    "đồng" → 1; None when it names no money unit."""
    key = normalize(clean_text(text))
    if re.search(r"\bty\b", key) and "dong" in key:
        return 1_000_000_000
    if re.search(r"\btrieu\b", key):
        return 1_000_000
    if re.search(r"\b(nghin|ngan)\b", key) and "dong" in key:
        return 1_000
    if re.search(r"\b(dong|vnd)\b", key):
        return 1
    return None


def _unit_line(values: list) -> int | None:
    """A unit line above the header: "Đơn vị: triệu đồng", "ĐVT: triệu đồng", "(Đơn vị tính:
    đồng)". A cell of its own or the text after the colon."""
    for value in values:
        if not isinstance(value, str):
            continue
        key = normalize(clean_text(value))
        if "don vi" in key or key.startswith(("dvt", "(dvt")):
            tail = key.split(":", 1)[1] if ":" in key else key
            unit = unit_of(tail)
            if unit:
                return unit
    return None


@dataclass
class Layout:
    """Where the data is: the header row and its cells, the sheet's money unit, and the index of
    the first data row in the table."""

    header_number: int
    headers: list[str]
    unit: int
    first_data_index: int
    units: dict[int, int] = field(default_factory=dict)  # column index → unit from its header


def _keys_of(fields: list[FieldSpec]) -> dict[str, str]:
    keys = {}
    for spec in fields:
        for text in (spec.header, *spec.synonyms):
            keys.setdefault(header_key(text), spec.key)
    return keys


def find_layout(rows: list[tuple[int, list]], fields: list[FieldSpec], scan: int) -> Layout | None:
    """The header is the row, among the first `scan`, whose cells name the most known fields (a
    title block, merged cells and notes above it are skipped). None when no row names two."""
    known = _keys_of(fields)
    best, best_score = None, 1
    for index, (_number, values) in enumerate(rows[:scan]):
        keys = {header_key(v) for v in values if isinstance(v, str)}
        score = len({known[k] for k in keys if k in known})
        if score > best_score:
            best, best_score = index, score
    if best is None:
        return None
    number, values = rows[best]
    unit = 1
    for _n, above in rows[:best]:
        unit = _unit_line(above) or unit
    headers = [clean_text(v) for v in values]
    units = {i: u for i, h in enumerate(headers) if (u := header_unit(h)) is not None}
    return Layout(
        header_number=number, headers=headers, unit=unit, first_data_index=best + 1, units=units
    )


def guess_mapping(
    headers: list[str], fields: list[FieldSpec], remembered: dict[str, str] | None = None
) -> dict[int, str]:
    """Column index → field key: the user's remembered choice for that header first, then the
    template header and its synonyms. Each field goes to one column (the first that names it)."""
    known = _keys_of(fields)
    field_keys = {spec.key for spec in fields}
    remembered = remembered or {}
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        key = header_key(header)
        if not key:
            continue
        if key in remembered and (remembered[key] in field_keys or remembered[key] == IGNORE):
            target = remembered[key]
        else:
            target = known.get(key, IGNORE)
        if target and target in taken:
            target = IGNORE
        mapping[index] = target
        if target:
            taken.add(target)
    return mapping


def missing_required(mapping: dict[int, str], fields: list[FieldSpec]) -> list[FieldSpec]:
    mapped = set(mapping.values())
    return [spec for spec in fields if spec.required and spec.key not in mapped]
