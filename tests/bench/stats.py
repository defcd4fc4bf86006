"""The arithmetic of the bench and the shape of bench-results.json: pure functions, no Django.

Every figure is a ratio measured side by side in the same run (a page ÷ a bare page, scale 1 ÷
scale 0,1), so a noisy or slow machine still gives comparable numbers.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase

# metric name pattern (fnmatch) → (comparison, goal); the first matching pattern wins. Metrics
# with no goal are shown for information.
GOALS: list[tuple[str, str, float]] = [
    ("page_p95_ratio.*", "<=", 2.0),
    ("growth.*", "<=", 1.3),
    ("queries.*", "<=", 15),
    ("xlsx_export_ratio", "<=", 1.3),
    ("pdf_overhead.*", "<=", 1.15),
    ("import_ratio", "<=", 3.0),
    ("export.*.peak_mb_ratio", "<=", 1.3),
    ("export.*.max_request_s", "<=", 5.0),
    ("load.errors", "==", 0),
    ("load.unexpected", "==", 0),
    ("load.rows_match", "==", 1),
]
_OPS = {"<=": operator.le, "==": operator.eq, ">=": operator.ge}


def percentile(samples: Sequence[float], pct: float) -> float:
    """The pct-th percentile (0–100) with linear interpolation between closest ranks (the
    definition of numpy's default and of Excel's PERCENTILE.INC)."""
    if not samples:
        raise ValueError("percentile() of no samples")
    if not 0 <= pct <= 100:
        raise ValueError("pct must be within 0..100")
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * pct / 100
    low = math.floor(rank)
    high = math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(samples: Sequence[float]) -> float:
    return percentile(samples, 50)


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator ÷ denominator, or None when either is missing or the denominator is not > 0."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator


def goal_for(metric: str) -> tuple[str, float] | None:
    for pattern, op, target in GOALS:
        if fnmatchcase(metric, pattern):
            return op, target
    return None


def verdict(metric: str, value, extra_ok: bool = True) -> str:
    """ "PASS", "MISS" (goal not met or no value), or "" for metrics without a goal."""
    goal = goal_for(metric)
    if goal is None:
        return ""
    if value is None or isinstance(value, bool | str):
        if isinstance(value, bool):
            value = int(value)
        else:
            return "MISS"
    op, target = goal
    return "PASS" if _OPS[op](value, target) and extra_ok else "MISS"


def format_value(value) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def format_goal(metric: str) -> str:
    goal = goal_for(metric)
    if goal is None:
        return ""
    op, target = goal
    shown = "yes" if metric == "load.rows_match" else format_value(target)
    return f"{op} {shown}"


@dataclass(frozen=True)
class Row:
    metric: str
    value: object
    goal: str
    verdict: str
    note: str = ""


def table_rows(metrics: dict, notes: dict[str, str] | None = None) -> list[Row]:
    """Rows of the printed table, in the metrics' order. A `queries.<page>` metric passes only
    when the count is also equal at the small scale (`notes` carries the small-scale count)."""
    notes = notes or {}
    rows = []
    for metric, value in metrics.items():
        extra_ok = True
        if metric.startswith("queries.") and not metric.endswith(".small"):
            small = metrics.get(f"{metric}.small")
            extra_ok = small == value
        if metric.endswith(".small"):
            continue
        rows.append(
            Row(
                metric,
                value,
                format_goal(metric),
                verdict(metric, value, extra_ok),
                notes.get(metric, ""),
            )
        )
    return rows


def render_table(rows: Iterable[Row]) -> str:
    rows = list(rows)
    header = ("metric", "value", "goal", "", "note")
    cells = [(r.metric, format_value(r.value), r.goal, r.verdict, r.note) for r in rows]
    widths = [
        max(len(header[i]), *(len(c[i]) for c in cells)) if cells else len(header[i])
        for i in range(4)
    ]
    lines = []

    def line(parts):
        text = "  ".join(
            [
                parts[0].ljust(widths[0]),
                parts[1].rjust(widths[1]),
                parts[2].ljust(widths[2]),
                parts[3].ljust(widths[3]),
                parts[4],
            ]
        )
        return text.rstrip()

    lines.append(line(header))
    lines.append("-" * (sum(widths) + 8 + 20))
    lines.extend(line(c) for c in cells)
    passed = sum(1 for r in rows if r.verdict == "PASS")
    missed = sum(1 for r in rows if r.verdict == "MISS")
    lines.append(f"{passed} PASS, {missed} MISS, {len(rows) - passed - missed} without a goal")
    return "\n".join(lines)


RESULT_KEYS = ("machine", "database", "date")


def results_document(metrics: dict, *, machine: dict, database: dict, date: str, **extra) -> dict:
    """bench-results.json: metric → number (or null when it could not be measured), plus the
    machine, the database and the date; `extra` adds context (dataset, scales, duration)."""
    clash = set(metrics) & (set(RESULT_KEYS) | set(extra))
    if clash:
        raise ValueError(f"metric names clash with result keys: {sorted(clash)}")
    for name, value in metrics.items():
        if value is not None and not isinstance(value, int | float):
            raise TypeError(f"metric {name} is {type(value).__name__}, not a number")
    return {**metrics, "machine": machine, "database": database, "date": date, **extra}
