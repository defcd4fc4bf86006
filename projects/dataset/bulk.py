"""How the generator writes and deletes rows in bulk: batches that fit PostgreSQL's parameter
limit, timestamps it chooses itself, and deletes that load no row and send no signal."""

from __future__ import annotations

import contextlib

from simple_history.utils import get_history_model_for_model

from projects.dataset.options import BATCH_SIZE


def batch_size(model) -> int:
    """2.000 rows a batch, fewer for wide tables (PostgreSQL takes at most 65.535 parameters
    a query; the history table adds five columns)."""
    return min(BATCH_SIZE, 60_000 // (len(model._meta.concrete_fields) + 5))


@contextlib.contextmanager
def given_timestamps(*models):
    """Let bulk_create keep the created_at / updated_at the generator sets (dates in the plan's
    year) instead of auto_now(_add)'s "now". Only for this command's process."""
    saved = []
    for model in models:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def delete_rows(model, condition) -> None:
    """DELETE ... WHERE `condition` from the model's history table, then from its table, without
    loading rows or sending signals (simple-history would write a "deleted" history row for
    each of hundreds of thousands of rows, one query each)."""
    if hasattr(model, "history"):
        _raw_delete(get_history_model_for_model(model).objects.filter(condition))
    _raw_delete(model.objects.filter(condition))


def _raw_delete(qs) -> int:
    return qs._raw_delete(qs.db)
