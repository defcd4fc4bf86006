"""The printed shape of a report, shared by the three renderers: tables of typed cells, charts,
totals in words. A layout (reports.renderers.layouts) turns a builder's dataclass into a
`Document`; the HTML/PDF templates and the XLSX writer read only the Document, so the three
formats show the same cells.

Cell kinds:
- "text", "code": shown as they are;
- "int": a count;
- "money": integer đồng, shown in triệu đồng on screen and paper, exact đồng in the XLSX;
- "million": integer đồng of a form whose unit is triệu đồng: triệu in every format;
- "ratio": a Decimal (leverage), two decimals;
- "percent": a Decimal already in %, two decimals.
None is a missing figure: "—" (a blank cell in the XLSX), never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reports.builders.common import ReportMeta

NUMBER_KINDS = frozenset({"int", "money", "million", "ratio", "percent"})


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"
    group: str = ""  # a header over the adjacent columns of the same group
    width: int = 14  # XLSX width, in characters

    @property
    def is_number(self) -> bool:
        return self.kind in NUMBER_KINDS


@dataclass(frozen=True)
class Cell:
    """A cell whose kind differs from its column's (rows 9.a and 10.a of form 1 are money in a
    column of counts)."""

    value: object
    kind: str


def cell_parts(value, column: Column) -> tuple[object, str]:
    """(value, kind) of a cell in `column`."""
    if isinstance(value, Cell):
        return value.value, value.kind
    return value, column.kind


@dataclass
class Row:
    cells: list
    # "" an ordinary row; "heading" a group heading (first cell spans the table); "sub" a
    # sub-row (indented label); "subtotal"; "total".
    style: str = ""


@dataclass
class Table:
    key: str  # the XLSX sheet name and the HTML data-table attribute
    title: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    note: str = ""
    # The XLSX shows "money" columns in đồng; the HTML in triệu đồng.
    has_money: bool = False

    def __post_init__(self):
        self.has_money = any(c.kind == "money" for c in self.columns)

    @property
    def header_rows(self) -> list[list[dict]]:
        """One or two header rows: a grouped column's group above it, an ungrouped column
        spanning both rows."""
        if not any(c.group for c in self.columns):
            return [
                [{"label": c.label, "colspan": 1, "rowspan": 1, "column": c} for c in self.columns]
            ]
        top, bottom = [], []
        index = 0
        while index < len(self.columns):
            column = self.columns[index]
            if not column.group:
                top.append({"label": column.label, "colspan": 1, "rowspan": 2, "column": column})
                index += 1
                continue
            span = 1
            while (
                index + span < len(self.columns)
                and self.columns[index + span].group == column.group
            ):
                span += 1
            top.append({"label": column.group, "colspan": span, "rowspan": 1, "column": None})
            for sub in self.columns[index : index + span]:
                bottom.append({"label": sub.label, "colspan": 1, "rowspan": 1, "column": sub})
            index += span
        return [top, bottom]


@dataclass
class Chart:
    title: str
    svg: str  # markup from reports.charts (labels escaped there)


@dataclass
class Document:
    meta: ReportMeta
    tables: list[Table]
    charts: list[Chart] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)  # sentences above the tables
    words: list[tuple[str, int]] = field(default_factory=list)  # (label, amount in đồng)
    filename: str = "bao-cao"
