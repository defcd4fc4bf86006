"""One archive holds everything the portal would lose with its machine: the database and the
private files (MEDIA_ROOT: decisions, minutes, attachments). `manage.py backup FILE` writes it;
`manage.py restore FILE` puts it back into an empty database and checks that every row, every
money total and every file came back.

The archive is a .tar.gz with:
- manifest.json: the engine, when, the row count of every table, the sum of every money column
  (every BigIntegerField holds integer đồng, DESIGN.md "Money"), and each file's size and SHA-256;
- database.sqlite3 (SQLite's online backup API: a consistent copy while the portal runs) or
  database.pgdump (pg_dump's custom format, taken in the same snapshot as the manifest's counts);
- media/…: the files.

The core imports no domain app: tables and money columns are found through the app registry.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import connections, models

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PGDUMP_MEMBER = "database.pgdump"
MEDIA_PREFIX = "media/"


class BackupError(Exception):
    """Something the operator must see: the command stops with this message."""


@dataclass
class Summary:
    """What a database and its files hold, to compare a restore with its backup."""

    tables: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    files: dict[str, dict] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"tables": self.tables, "totals": self.totals, "files": self.files}

    def differences(self, other: Summary) -> list[str]:
        problems = []
        for label, mine, theirs in (
            ("table", self.tables, other.tables),
            ("total", self.totals, other.totals),
            ("file", self.files, other.files),
        ):
            for key in sorted(set(mine) | set(theirs)):
                if mine.get(key) != theirs.get(key):
                    problems.append(f"{label} {key}: {mine.get(key)} ≠ {theirs.get(key)}")
        return problems


def money_columns() -> list[tuple[str, str, str]]:
    """(label, table, column) of every money column of the installed models."""
    columns = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.BigIntegerField) and not model_field.primary_key:
                if isinstance(model_field, models.BigAutoField) or model_field.is_relation:
                    continue
                columns.append(
                    (
                        f"{model._meta.label}.{model_field.name}",
                        model._meta.db_table,
                        model_field.column,
                    )
                )
    return sorted(columns)


def database_summary(cursor, table_names, quote) -> Summary:
    """Row counts and money totals, read through a DB-API cursor."""
    summary = Summary()
    for table in sorted(table_names):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608  names from the schema
        summary.tables[table] = int(cursor.fetchone()[0])
    present = set(table_names)
    for label, table, column in money_columns():
        if table in present:
            cursor.execute(f"SELECT COALESCE(SUM({quote(column)}), 0) FROM {quote(table)}")  # noqa: S608
            summary.totals[label] = int(cursor.fetchone()[0])
    return summary


def media_files(root: Path) -> dict[str, dict]:
    """Every file under MEDIA_ROOT: relative path → size and SHA-256."""
    files = {}
    if not root.is_dir():
        return files
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                digest.update(chunk)
        files[path.relative_to(root).as_posix()] = {
            "size": path.stat().st_size,
            "sha256": digest.hexdigest(),
        }
    return files


def _vendor(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def pg_environment(alias: str) -> dict[str, str]:
    """libpq's variables for the database `alias`: no password on a command line."""
    config = connections[alias].settings_dict
    env = {**os.environ, "PGDATABASE": config["NAME"]}
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if config.get(key):
            env[variable] = str(config[key])
    return env


def _run(command: list[str], env: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client)."
        )
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def _sqlite_summary(path: Path) -> Summary:
    with sqlite3.connect(path) as db:
        names = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return database_summary(db.cursor(), names, lambda n: '"' + n.replace('"', '""') + '"')


def _dump_sqlite(alias: str, workdir: Path) -> tuple[Path, Summary]:
    target = workdir / SQLITE_MEMBER
    connection = connections[alias]
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()
    return target, _sqlite_summary(target)


def _dump_postgresql(alias: str, workdir: Path) -> tuple[Path, Summary]:
    """pg_dump in the snapshot the counts are read in: the manifest describes the dump exactly,
    even while people keep working."""
    target = workdir / PGDUMP_MEMBER
    connection = connections[alias]
    with connection.cursor() as cursor:
        connection.set_autocommit(False)
        try:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            names = connection.introspection.table_names(cursor)
            summary = database_summary(cursor, names, connection.ops.quote_name)
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                ],
                pg_environment(alias),
            )
        finally:
            connection.rollback()
            connection.set_autocommit(True)
    return target, summary


def backup_write(path: Path, *, alias: str = "default") -> dict:
    """Write the archive to `path` (written beside it, then renamed: never half a backup)."""
    vendor = _vendor(alias)
    media_root = Path(settings.MEDIA_ROOT)
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="kc-backup-") as tmp:
        workdir = Path(tmp)
        dump, summary = (_dump_sqlite if vendor == "sqlite" else _dump_postgresql)(alias, workdir)
        summary.files = media_files(media_root)
        manifest = {
            "format": FORMAT,
            "engine": vendor,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            **summary.as_dict(),
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
            for name in summary.files:
                archive.add(media_root / name, arcname=MEDIA_PREFIX + name)
        partial.replace(path)
    return manifest


# --- Restore -------------------------------------------------------------------------------------


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError, AttributeError) as error:
        raise BackupError("This file is not a backup of the portal (no manifest).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def _media_target(root: Path, name: str) -> Path:
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise BackupError(f"Refused a file outside MEDIA_ROOT: {name!r}.")
    return root.joinpath(*relative.parts)


def current_summary(alias: str = "default") -> Summary:
    connection = connections[alias]
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        summary = database_summary(cursor, names, connection.ops.quote_name)
    summary.files = media_files(Path(settings.MEDIA_ROOT))
    return summary


def _require_empty(alias: str) -> None:
    connection = connections[alias]
    with connection.cursor() as cursor:
        if connection.introspection.table_names(cursor):
            raise BackupError(
                "The database is not empty: restore only into a new, empty database "
                "(nothing is overwritten)."
            )


def restore_read(path: Path, *, alias: str = "default") -> Summary:
    """Put the archive back into the empty database `alias` and MEDIA_ROOT, then compare what is
    there with the manifest. Returns the summary; raises BackupError on any difference."""
    vendor = _vendor(alias)
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as tmp:
        manifest = _read_manifest(archive)
        if manifest["engine"] != vendor:
            raise BackupError(
                f"This backup is of a {manifest['engine']} database; the target is {vendor}."
            )
        _require_empty(alias)
        for name in manifest["files"]:
            target = _media_target(media_root, name)
            if target.exists():
                raise BackupError(f"MEDIA_ROOT already has {name}: restore into an empty folder.")
        member = SQLITE_MEMBER if vendor == "sqlite" else PGDUMP_MEMBER
        archive.extract(member, tmp, filter="data")
        dump = Path(tmp) / member
        if vendor == "sqlite":
            connection = connections[alias]
            connection.ensure_connection()
            with sqlite3.connect(dump) as source:
                source.backup(connection.connection)
            source.close()
        else:
            connections[alias].close()
            _run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    f"--dbname={connections[alias].settings_dict['NAME']}",
                    str(dump),
                ],
                pg_environment(alias),
            )
        for name in manifest["files"]:
            target = _media_target(media_root, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(MEDIA_PREFIX + name)
            with target.open("wb") as handle:
                shutil.copyfileobj(source, handle)
    expected = Summary(manifest["tables"], manifest["totals"], manifest["files"])
    found = current_summary(alias)
    problems = expected.differences(found)
    if problems:
        raise BackupError("The restore differs from the backup:\n" + "\n".join(problems[:50]))
    return found
