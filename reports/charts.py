"""Small server-side SVG charts: horizontal bars (one value per label) and grouped vertical bars
(several series per category). No JavaScript and nothing from a CDN; the same markup is embedded
in the HTML page and in the PDF (WeasyPrint draws inline SVG).

Every label and value text is escaped here; values are formatted by the caller's `formatter`
(Vietnamese numbers). Presentation attributes only, no style attribute: the portal's Content
Security Policy forbids inline styles. A chart with no value draws its `empty_message`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape

Number = int | Decimal | float
PALETTE = ("#1f5f8b", "#e07b39", "#4f9d69", "#8e6c8a", "#c44e52", "#7f7f7f")
FONT = "DejaVu Sans, Arial, sans-serif"


def _text(
    x: float,
    y: float,
    content: str,
    *,
    anchor: str = "start",
    size: int = 11,
    weight: str = "normal",
    fill: str = "#222",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
        f'font-weight="{weight}" fill="{fill}" text-anchor="{anchor}">{escape(content)}</text>'
    )


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _empty(title: str, message: str, width: int) -> str:
    height = 60
    body = [
        f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" fill="#fafafa" '
        f'stroke="#ccc"/>',
        _text(width / 2, 26, title, anchor="middle", weight="bold"),
        _text(width / 2, 46, message, anchor="middle", fill="#666"),
    ]
    return _svg(width, height, title, body)


def _shorten(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def horizontal_bars(
    *,
    title: str,
    labels: Sequence[str],
    values: Sequence[Number | None],
    formatter: Callable[[Number], str],
    empty_message: str,
    width: int = 760,
    color: str = PALETTE[0],
) -> str:
    """One bar per label (provinces down the side): fits 34 or 63 long names."""
    if not labels or all(v is None for v in values):
        return _empty(title, empty_message, width)
    label_width, value_width, row_height, top = 190, 80, 18, 28
    bar_space = width - label_width - value_width
    largest = max((abs(float(v)) for v in values if v is not None), default=0) or 1.0
    height = top + row_height * len(labels) + 10
    body = [_text(width / 2, 16, title, anchor="middle", weight="bold", size=12)]
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + index * row_height
        body.append(_text(label_width - 6, y + 13, _shorten(label, 28), anchor="end"))
        if value is None:
            body.append(_text(label_width + 4, y + 13, "—", fill="#666"))
            continue
        length = max(0.0, float(value)) / largest * bar_space
        body.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row_height - 6}" '
            f'fill="{color}"/>'
        )
        body.append(_text(label_width + length + 4, y + 13, formatter(value)))
    return _svg(width, height, title, body)


def grouped_bars(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[Number | None]]],
    formatter: Callable[[Number], str],
    empty_message: str,
    width: int = 760,
    height: int = 300,
) -> str:
    """Categories along the bottom (years), one bar per series in each, a legend on top."""
    values = [v for _, vs in series for v in vs if v is not None]
    if not categories or not values or not any(values):
        return _empty(title, empty_message, width)
    left, right, top, bottom = 90, 10, 48, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    largest = max(float(v) for v in values) or 1.0
    body = [_text(width / 2, 16, title, anchor="middle", weight="bold", size=12)]
    x = left
    for index, (name, _) in enumerate(series):
        color = PALETTE[index % len(PALETTE)]
        body.append(f'<rect x="{x}" y="26" width="10" height="10" fill="{color}"/>')
        body.append(_text(x + 14, 35, name))
        x += 24 + 7 * len(name) + 16
    for step in range(5):
        value = largest * step / 4
        y = top + plot_h - plot_h * step / 4
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        body.append(_text(left - 4, y + 4, formatter(value), anchor="end", size=10, fill="#555"))
    slot = plot_w / len(categories)
    bar = max(2.0, slot * 0.8 / max(1, len(series)))
    for c_index, category in enumerate(categories):
        x0 = left + c_index * slot + slot * 0.1
        for s_index, (_, series_values) in enumerate(series):
            value = series_values[c_index]
            if value is None:
                continue
            bar_h = max(0.0, float(value)) / largest * plot_h
            body.append(
                f'<rect x="{x0 + s_index * bar:.1f}" y="{top + plot_h - bar_h:.1f}" '
                f'width="{bar - 1:.1f}" height="{bar_h:.1f}" '
                f'fill="{PALETTE[s_index % len(PALETTE)]}"/>'
            )
        body.append(_text(left + c_index * slot + slot / 2, height - 10, category, anchor="middle"))
    body.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        f'stroke="#333"/>'
    )
    return _svg(width, height, title, body)
