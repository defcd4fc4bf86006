"""HTML: the same document on screen (inside the portal's layout) and on paper (a standalone
page with the administrative header, the print CSS and the signature block; WeasyPrint turns
that one into the PDF). Cells are formatted here, the Vietnamese way."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone

from khuyencong import formatting
from reports.renderers.document import Document, Table, cell_parts

EMPTY = formatting.EMPTY
_THOUSANDTH = Decimal("0.001")


def million(value) -> str:
    """Đồng as triệu đồng with the decimals the amount needs (at most three): 2.620,
    3.422,2, 5.400,292."""
    amount = (Decimal(value).scaleb(-6)).quantize(_THOUSANDTH, rounding=ROUND_HALF_UP)
    exponent = amount.normalize().as_tuple().exponent
    places = min(3, max(0, -exponent)) if isinstance(exponent, int) else 0
    return formatting.format_decimal(amount, places)


def format_cell(value, kind: str) -> str:
    if value is None or value == "":
        return EMPTY if kind in ("int", "money", "million", "ratio", "percent") else ""
    if kind in ("money", "million"):
        return million(value)
    if kind == "int":
        return formatting.group_thousands(int(value))
    if kind == "ratio":
        return formatting.format_ratio(value, 2)
    if kind == "percent":
        return formatting.format_decimal(value, 2)
    return str(value)


def table_view(table: Table) -> dict:
    """A table with every cell as text, ready for the template."""
    rows = []
    for row in table.rows:
        if row.style == "heading":
            rows.append({"style": "heading", "text": str(row.cells[0]), "cells": []})
            continue
        cells = []
        for value, column in zip(row.cells, table.columns, strict=True):
            value, kind = cell_parts(value, column)
            cells.append(
                {
                    "text": format_cell(value, kind),
                    "num": column.is_number,
                    "code": column.kind == "code",
                }
            )
        rows.append({"style": row.style, "cells": cells})
    return {
        "key": table.key,
        "title": table.title,
        "header_rows": table.header_rows,
        "columns": table.columns,
        "rows": rows,
        "note": table.note,
        "has_money": table.has_money,
        "width": len(table.columns),
    }


def date_line(doc: Document) -> str:
    """ "Cần Thơ, ngày 22 tháng 11 năm 2026"."""
    day = timezone.localtime(doc.meta.generated_at)
    place = doc.meta.agency.place if doc.meta.agency else ""
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def context(doc: Document) -> dict:
    return {
        "doc": doc,
        "meta": doc.meta,
        "tables": [table_view(table) for table in doc.tables],
        "date_line": date_line(doc),
        "generated_at": timezone.localtime(doc.meta.generated_at),
        "words": [
            {"label": label, "amount": million(amount), "words": formatting.amount_in_words(amount)}
            for label, amount in doc.words
        ],
    }


def render_standalone(doc: Document, *, stylesheet: str | None = None) -> str:
    """The printable page: the PDF renderer passes its stylesheet path (relative to the static
    folder); a browser gets the static URL."""
    data = context(doc)
    data["stylesheet"] = stylesheet or static("css/print.css")
    return render_to_string("reports/print.html", data)
