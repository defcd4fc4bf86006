"""The import engine: one path for the web pages, the background task and `import_xlsx`.

read (reading.py) → find the header and the unit (columns.py) → map the columns → parse every
cell by its field's kind (values.py) → the kind validates the rows in batches (new / update /
unchanged / error, each error naming the row, the column and the value) → on confirm, validate
again and write the whole file in one transaction, or nothing.

Domain apps declare their kinds in their own `imports.py` (discovered when the core app is ready)
with `register_kind`: the core imports no domain app.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from khuyencong.importing import columns as col
from khuyencong.importing import reading
from khuyencong.importing import values as val
from khuyencong.importing.reading import MAX_HEADER_ROWS, ImportRefused, Table, read_table

NEW = "new"
UPDATE = "update"
UNCHANGED = "unchanged"
ERROR = "error"
OUTCOMES = (NEW, UPDATE, UNCHANGED, ERROR)
OUTCOME_LABELS = {
    NEW: gettext_lazy("New"),
    UPDATE: gettext_lazy("Update"),
    UNCHANGED: gettext_lazy("Unchanged"),
    ERROR: gettext_lazy("Error"),
}
# Above this many data rows the web pages check and write in a background task.
INLINE_ROWS = 2000


@dataclass
class Problem:
    column: str  # the header of the column in the file ("" for the row as a whole)
    value: str
    message: str

    def text(self, number: int) -> str:
        if self.column:
            return _("Row %(row)s, column “%(column)s” (“%(value)s”): %(message)s") % {
                "row": number,
                "column": self.column,
                "value": self.value,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {"row": number, "message": self.message}


@dataclass
class SourceRow:
    """One data row of the file: parsed values by field key, and what the kind made of it."""

    number: int  # the row number in the sheet, as the user sees it in Excel
    cells: list  # the raw cells of the row, in the file's column order
    values: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)  # field key → the file's header
    problems: list[Problem] = field(default_factory=list)
    outcome: str = ""
    label: str = ""
    payload: Any = None

    def has(self, key: str) -> bool:
        """Whether the file has a column for this field (blank cells are "leave as it is")."""
        return key in self.columns

    def get(self, key: str, default=None):
        value = self.values.get(key)
        return default if value is None else value

    def error(self, key: str | None, message: str) -> None:
        if key is None:
            self.problems.append(Problem("", "", str(message)))
        else:
            self.problems.append(
                Problem(self.columns.get(key, key), val.display(self.raw.get(key)), str(message))
            )

    @property
    def is_error(self) -> bool:
        return bool(self.problems)


@dataclass
class ImportContext:
    user: Any
    filename: str
    today: datetime.date
    writing: bool = False  # validating again under locks, right before the write


class ImportKind:
    """What a domain app declares for one import (establishments, đề án)."""

    name: str = ""
    title = ""
    fields: list[col.FieldSpec] = []
    # Example rows of the template (by field key): a row left exactly as in the template is skipped.
    examples: list[dict[str, Any]] = []
    instructions: list[str] = []

    def check_user(self, user) -> None:
        """Raise PermissionDenied when the user may not import this kind at all."""
        raise NotImplementedError

    def validate(self, rows: list[SourceRow], context: ImportContext) -> None:
        """Set outcome, label and payload of every row (batched lookups), problems on errors."""
        raise NotImplementedError

    def write(self, rows: list[SourceRow], context: ImportContext) -> None:
        """Write the rows (none is an error), inside the engine's transaction."""
        raise NotImplementedError

    def done_url(self, context: ImportContext) -> str:
        return "/"

    def field(self, key: str) -> col.FieldSpec:
        return next(spec for spec in self.fields if spec.key == key)


_KINDS: dict[str, ImportKind] = {}


def register_kind(kind: ImportKind) -> ImportKind:
    _KINDS[kind.name] = kind
    return kind


def get_kind(name: str) -> ImportKind:
    return _KINDS[name]


def kind_names() -> list[str]:
    return sorted(_KINDS)


# --- Preparing: the file's layout and its mapping -------------------------------------------------


@dataclass
class Preview:
    """What an import would do (or did): every row with its outcome, or why the file is refused."""

    kind: str
    filename: str
    rows: list[SourceRow] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    header_number: int = 0
    unit: int = 1
    mapping: dict[int, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # template headers of unmapped required
    refused: str = ""
    refused_code: str = ""
    written: bool = False

    @property
    def counts(self) -> dict[str, int]:
        counter = Counter(row.outcome for row in self.rows)
        return {outcome: counter.get(outcome, 0) for outcome in OUTCOMES}

    @property
    def error_rows(self) -> list[SourceRow]:
        return [row for row in self.rows if row.is_error]

    @property
    def is_refused(self) -> bool:
        return bool(self.refused)

    @property
    def can_confirm(self) -> bool:
        return not self.refused and not self.error_rows and bool(self.rows)

    def messages(self) -> list[str]:
        if self.refused:
            return [self.refused]
        return [p.text(row.number) for row in self.error_rows for p in row.problems]

    def to_json(self) -> dict:
        """What the preview page shows, stored on the batch (no payloads)."""
        return {
            "filename": self.filename,
            "headers": self.headers,
            "header_number": self.header_number,
            "unit": self.unit,
            "mapping": {str(k): v for k, v in self.mapping.items()},
            "missing": self.missing,
            "refused": self.refused,
            "refused_code": self.refused_code,
            "written": self.written,
            "counts": self.counts,
            "rows": [
                {
                    "n": row.number,
                    "outcome": row.outcome,
                    "label": row.label,
                    "problems": [[p.column, p.value, p.message] for p in row.problems],
                }
                for row in self.rows
            ],
        }


def _refuse(preview: Preview, error: ImportRefused) -> Preview:
    preview.refused = error.message
    preview.refused_code = error.code
    return preview


def _remembered(user, kind: ImportKind) -> dict[str, str]:
    from khuyencong.models import ImportMapping

    if not getattr(user, "pk", None):
        return {}
    row = ImportMapping.objects.filter(user_id=user.pk, kind=kind.name).first()
    return dict(row.mapping) if row else {}


def remember_mapping(user, kind: ImportKind, headers: list[str], mapping: dict[int, str]) -> None:
    """Keep the user's choice for each header of this file, for their next file."""
    from khuyencong.models import ImportMapping

    remembered = _remembered(user, kind)
    for index, target in mapping.items():
        if 0 <= index < len(headers) and (key := col.header_key(headers[index])):
            remembered[key] = target
    ImportMapping.objects.update_or_create(
        user=user, kind=kind.name, defaults={"mapping": remembered}
    )


def _parse_cell(spec: col.FieldSpec, raw, unit: int):
    if spec.kind == col.AMOUNT:
        return val.parse_amount(raw, unit)
    if spec.kind == col.INT:
        return val.parse_int(raw)
    if spec.kind == col.DATE:
        return val.parse_date(raw)
    if spec.kind == col.BOOL:
        return val.parse_bool(raw)
    if spec.kind == col.YEAR:
        return val.parse_year(raw)
    text = val.clean_text(raw)
    return text or None


def _is_example(kind: ImportKind, values: dict[str, Any]) -> bool:
    for example in kind.examples:
        if all(
            val.clean_text(values.get(key)) == val.clean_text(value)
            for key, value in example.items()
        ):
            return True
    return False


def parse_rows(
    kind: ImportKind,
    table: Table,
    layout: col.Layout,
    mapping: dict[int, str],
    progress: Callable[[int], None] | None = None,
) -> list[SourceRow]:
    specs = {spec.key: spec for spec in kind.fields}
    used = [(index, specs[key]) for index, key in sorted(mapping.items()) if key in specs]
    headers = {spec.key: layout.headers[index] or spec.header for index, spec in used}
    rows = []
    for position, (number, cells) in enumerate(table.rows[layout.first_data_index :], 1):
        row = SourceRow(number=number, cells=cells, columns=headers)
        for index, spec in used:
            raw = cells[index] if index < len(cells) else None
            row.raw[spec.key] = raw
            try:
                row.values[spec.key] = _parse_cell(spec, raw, layout.units.get(index, layout.unit))
            except val.CellError as error:
                row.error(spec.key, error.message)
        if not row.problems and _is_example(kind, row.raw):
            continue
        rows.append(row)
        if progress and position % 500 == 0:
            progress(position)
    return rows


def prepare(
    kind: ImportKind, table: Table, *, user, mapping: dict[int, str] | None
) -> tuple[col.Layout, dict[int, str]]:
    """The layout of the sheet and the mapping (given, else guessed from the user's memory and
    the synonyms). Raises ImportRefused when no header row can be found."""
    layout = col.find_layout(table.rows, kind.fields, MAX_HEADER_ROWS)
    if layout is None:
        raise ImportRefused(
            _(
                "No header row was found in the first %(rows)s rows: the columns should be "
                "named as in the template (%(headers)s)."
            )
            % {
                "rows": MAX_HEADER_ROWS,
                "headers": ", ".join(spec.header for spec in kind.fields if spec.required),
            },
            "no_header",
        )
    if mapping is None:
        mapping = col.guess_mapping(layout.headers, kind.fields, _remembered(user, kind))
    else:
        valid = {spec.key for spec in kind.fields}
        seen: set[str] = set()
        clean = {}
        for index, key in mapping.items():
            key = key if key in valid and key not in seen else col.IGNORE
            if 0 <= index < len(layout.headers):
                clean[index] = key
                seen.add(key)
        mapping = clean
    return layout, mapping


def build_preview(
    kind: ImportKind,
    data: bytes,
    *,
    user,
    filename: str,
    mapping: dict[int, str] | None = None,
    writing: bool = False,
    today: datetime.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[Preview, ImportContext]:
    preview = Preview(kind=kind.name, filename=filename)
    context = ImportContext(
        user=user, filename=filename, today=today or datetime.date.today(), writing=writing
    )
    try:
        table = read_table(data)
        layout, mapping = prepare(kind, table, user=user, mapping=mapping)
    except ImportRefused as error:
        return _refuse(preview, error), context
    preview.headers = layout.headers
    preview.header_number = layout.header_number
    preview.unit = layout.unit
    preview.mapping = mapping
    missing = col.missing_required(mapping, kind.fields)
    if missing:
        preview.missing = [spec.header for spec in missing]
        return _refuse(
            preview,
            ImportRefused(
                _("Required columns are missing: %(columns)s. Map them to columns of the file.")
                % {"columns": ", ".join(f"“{h}”" for h in preview.missing)},
                "missing_columns",
            ),
        ), context
    if len(table.rows) - layout.first_data_index > reading.MAX_ROWS:
        return _refuse(preview, reading._too_many_rows()), context
    rows = parse_rows(kind, table, layout, mapping, progress)
    if not rows:
        return _refuse(
            preview, ImportRefused(_("The sheet has no data rows below its header."), "empty")
        ), context
    kind.validate(rows, context)
    for row in rows:
        if row.problems:
            row.outcome = ERROR
    preview.rows = rows
    return preview, context


class _Rollback(Exception):
    pass


def run_import(
    kind: ImportKind,
    data: bytes,
    *,
    user,
    filename: str,
    mapping: dict[int, str] | None = None,
    dry_run: bool = False,
    today: datetime.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> Preview:
    """Check the file and, unless `dry_run` or any row is wrong, write it: everything in one
    transaction (the rows are checked again under the locks the kind takes), or nothing."""
    kind.check_user(user)
    if dry_run:
        return build_preview(
            kind,
            data,
            user=user,
            filename=filename,
            mapping=mapping,
            today=today,
            progress=progress,
        )[0]
    result: Preview | None = None
    try:
        with transaction.atomic():
            result, context = build_preview(
                kind,
                data,
                user=user,
                filename=filename,
                mapping=mapping,
                writing=True,
                today=today,
                progress=progress,
            )
            if not result.can_confirm:
                raise _Rollback
            kind.write(result.rows, context)
            result.written = True
    except _Rollback:
        pass
    except IntegrityError:
        # Someone else saved a conflicting row (a tax code) between the check and the write.
        result = Preview(kind=kind.name, filename=filename)
        result.refused = _(
            "Someone else changed the same records while the file was being imported; nothing "
            "was written. Check the file again."
        )
        result.refused_code = "conflict"
    return result
