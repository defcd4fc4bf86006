"""Saving a record's child rows (a đề án's budget lines, an establishment's yearly figures) from
the list a form hands a service. Knows no domain: the caller says how rows match and are built."""

from collections.abc import Callable, Iterable

from khuyencong.errors import StaleEditError


def sync_children(
    *,
    user,
    stored: Iterable,
    rows: Iterable,
    key: str,
    build: Callable,
    fields: Iterable[str],
    unknown_is_stale: bool = False,
) -> None:
    """Make the stored child rows equal `rows`, saving each row on its own so every addition,
    change and deletion lands in the history (with `user` as its author).

    A row matches the stored object whose attribute `key` has the same value: "pk" for rows that
    carry the id of the row they edit, or a natural key ("source", "indicator_id") unique within
    the parent. A row whose key is None, or matches nothing, is new and built by `build(row)`;
    with `unknown_is_stale`, a key that matches nothing means the stored rows changed under the
    form and StaleEditError is raised instead. Stored rows no row matches are deleted, first, so
    a value freed by a deleted row can be taken by a new one in the same save.
    """
    existing = {getattr(obj, key): obj for obj in stored}
    wanted = [(getattr(row, key), row) for row in rows]
    kept = {row_key for row_key, _row in wanted if row_key is not None}
    if unknown_is_stale and kept - existing.keys():
        raise StaleEditError
    for row_key, obj in existing.items():
        if row_key not in kept:
            obj._history_user = user
            obj.delete()
    fields = tuple(fields)
    for row_key, row in wanted:
        obj = existing.get(row_key) if row_key is not None else None
        if obj is None:
            obj = build(row)
        changed = obj.pk is None
        for name in fields:
            if getattr(obj, name) != getattr(row, name):
                setattr(obj, name, getattr(row, name))
                changed = True
        if changed:
            obj._history_user = user
            obj.save()
