"""Change history for detail pages, from django-simple-history records.

`history_entries` takes the historical querysets of an object and its children (a đề án, its
budget lines, participations and outputs) and turns them into rows "who, when, what: old → new".
It runs one query per historical table, whatever the number of changes, and diffs consecutive
records of each object in Python (simple-history's `prev_record` would cost a query per row).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from khuyencong.formatting import format_date, format_decimal, format_dong, group_thousands

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
MAX_ENTRIES = 200


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: object
    who: str
    action: str
    subject: str
    reason: str
    changes: list[Change] = field(default_factory=list)


# How a changed value reads, decided by the kind of model field (never by the value's type: a
# year and an amount are both ints):
# - money: every BigIntegerField / PositiveBigIntegerField holds integer đồng (the rule of the
#   whole data model, DESIGN.md "Money"), shown "1.000.000 đ";
# - numbers that name something rather than count it (a year, a plan's version) are never grouped:
#   "2024", not "2.024";
# - other integers are counts (employees, planned outputs) and are grouped: "1.234";
# - dates dd/mm/yyyy, the month fields of a đề án mm/yyyy, date-times dd/mm/yyyy HH:MM local time.
PLAIN_NUMBER_FIELDS = frozenset({"year", "version"})
MONTH_FIELD_SUFFIX = "_month"


def _display_number(model_field, value) -> str:
    if isinstance(model_field, models.BigIntegerField):
        return format_dong(value)
    if isinstance(model_field, models.DecimalField | models.FloatField):
        return format_decimal(value, max(0, -Decimal(str(value)).as_tuple().exponent))
    if model_field.name in PLAIN_NUMBER_FIELDS:
        return str(value)
    return group_thousands(value)


def _display_date(model_field, value) -> str:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return f"{format_date(value)} {value:%H:%M}"
    if model_field.name.endswith(MONTH_FIELD_SUFFIX):
        return f"{value.month:02d}/{value.year:04d}"
    return format_date(value)


def _display(record, model_field, related: dict) -> str:
    value = getattr(record, model_field.attname)
    if value is None or value == "":
        return "—"
    if model_field.is_relation:
        return str(related.get(model_field.name, {}).get(value, value))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, int | Decimal | float):
        return _display_number(model_field, value)
    if isinstance(value, datetime.date):
        return _display_date(model_field, value)
    return str(value)


def _tracked_fields(history_model):
    skip = {"history_id", "history_date", "history_change_reason", "history_type", "history_user"}
    return [
        f
        for f in history_model._meta.fields
        if f.name not in skip and f.name != "id" and not f.name.startswith("history_")
    ]


def record_name(record) -> str:
    """ "Đề án", "Dòng kinh phí"...: the verbose name of the model a history record is about."""
    return capfirst(record.instance_type._meta.verbose_name)


def _related_objects(records, fields) -> dict:
    """Names of the objects foreign keys point to: one query per foreign-key field that changed
    at least once, not one per row."""
    related = {}
    for f in fields:
        if not f.is_relation:
            continue
        values = {getattr(r, f.attname) for r in records}
        if len(values) > 1:
            related[f.name] = f.related_model._default_manager.in_bulk(
                [v for v in values if v is not None]
            )
    return related


def history_entries(*querysets: QuerySet, subject=None, limit: int = MAX_ENTRIES):
    """Newest first. `subject(record)` names what a row is about (default: the model's name)."""
    entries = []
    for qs in querysets:
        records = list(
            qs.select_related("history_user").order_by("id", "history_date", "history_id")
        )
        if not records:
            continue
        fields = _tracked_fields(records[0].__class__)
        related = _related_objects(records, fields)
        by_object = defaultdict(list)
        for record in records:
            by_object[record.id].append(record)
        for object_records in by_object.values():
            previous = None
            for record in object_records:
                changes = []
                if previous is not None and record.history_type == "~":
                    for f in fields:
                        old, new = _display(previous, f, related), _display(record, f, related)
                        if old != new:
                            changes.append(Change(str(f.verbose_name), old, new))
                    if not changes:
                        previous = record
                        continue
                user = record.history_user
                entries.append(
                    HistoryEntry(
                        when=record.history_date,
                        who=(user.get_full_name() or user.get_username()) if user else "—",
                        action=str(ACTIONS.get(record.history_type, record.history_type)),
                        subject=(subject or record_name)(record),
                        reason=record.history_change_reason or "",
                        changes=changes,
                    )
                )
                previous = record
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
