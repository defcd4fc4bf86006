"""Nothing lost: `manage.py backup FILE` then `manage.py restore FILE` into an empty database gives
back every row of every table, every money total and every file's bytes, on SQLite and on
PostgreSQL (restored into a second database by a separate process, as an operator would)."""

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from funding import services as funding_services
from khuyencong.backup import BackupError, money_columns
from khuyencong.models import Notification
from tests.factories import BeneficiaryFactory, add_participant
from tests.funding.impl_world import approved_project, pdf, xlsx
from tests.projects.review_world import complete_plan

ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def records(transactional_db, world, media):
    """Plans, đề án with money, establishments, documents in private storage, a notification."""
    complete_plan(world.phutho)
    project = approved_project(world.cantho, kcdp=123_456_789, counterpart=98_765_432)
    add_participant(project, BeneficiaryFactory(province=world.cantho.province), support=1_000)
    for upload in (pdf("quyết định.pdf"), xlsx("dự toán.xlsx")):
        funding_services.attachment_add(
            user=world.cantho.center_staff, project=project, kind="estimate", upload=upload
        )
    Notification.objects.create(recipient=world.cantho.center_head, text="Kế hoạch đã duyệt")
    return project


def _counts(cursor, tables, quote) -> dict:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _totals(cursor, tables, quote) -> dict:
    totals = {}
    for label, table, column in money_columns():
        if table in tables:
            cursor.execute(f"SELECT COALESCE(SUM({quote(column)}), 0) FROM {quote(table)}")
            totals[label] = int(cursor.fetchone()[0])
    return totals


def _source_state():
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        quote = connection.ops.quote_name
        return tables, _counts(cursor, tables, quote), _totals(cursor, tables, quote)


def _files(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _restore(archive: Path, database_url: str, media_root: Path) -> subprocess.CompletedProcess:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def _assert_same(tables, counts, totals, restored_counts, restored_totals, media, restored_media):
    assert restored_counts == counts
    assert sum(counts.values()) > 4000  # communes, provinces, the records above...
    assert restored_totals == totals
    assert totals["projects.Project.total"] > 0 and totals["projects.BudgetLine.proposed"] > 0
    source_files = _files(media)
    assert len(source_files) == 2
    assert _files(restored_media) == source_files


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run")
def test_backup_then_restore_on_sqlite_gives_back_every_row_total_and_file(
    records, media, tmp_path
):
    archive = tmp_path / "kc.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    tables, counts, totals = _source_state()

    restored_db = tmp_path / "restored.sqlite3"
    restored_media = tmp_path / "restored-media"
    result = _restore(archive, f"sqlite:///{restored_db}", restored_media)
    assert result.returncode == 0, result.stderr
    assert "Restored and checked" in result.stdout

    import sqlite3

    with sqlite3.connect(restored_db) as db:

        def quote(name):
            return '"' + name + '"'

        restored = (_counts(db.cursor(), tables, quote), _totals(db.cursor(), tables, quote))
    _assert_same(tables, counts, totals, *restored, media, restored_media)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL run")
def test_backup_then_restore_on_postgresql_gives_back_every_row_total_and_file(
    records, media, tmp_path
):
    archive = tmp_path / "kc.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    tables, counts, totals = _source_state()

    config = connection.settings_dict
    target = f"{config['NAME']}_restored"
    auth = config["USER"] + (f":{config['PASSWORD']}" if config.get("PASSWORD") else "")
    server = f"{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
        cursor.execute(f'CREATE DATABASE "{target}"')
    try:
        restored_media = tmp_path / "restored-media"
        result = _restore(archive, f"postgres://{auth}@{server}/{target}", restored_media)
        assert result.returncode == 0, result.stderr
        with psycopg.connect(
            host=server.split(":")[0],
            port=server.split(":")[1],
            user=config["USER"],
            password=config.get("PASSWORD") or None,
            dbname=target,
        ) as restored_db:
            cursor = restored_db.cursor()
            quote = connection.ops.quote_name
            restored = (_counts(cursor, tables, quote), _totals(cursor, tables, quote))
            # The sequences came back too: a new row takes a fresh id.
            cursor.execute(
                "INSERT INTO khuyencong_notification (recipient_id, text, url, created_at) "
                "SELECT recipient_id, 'sau khôi phục', '', now() FROM khuyencong_notification "
                "LIMIT 1 RETURNING id"
            )
            assert cursor.fetchone()[0] > max(Notification.objects.values_list("pk", flat=True))
            restored_db.rollback()
        _assert_same(tables, counts, totals, *restored, media, restored_media)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


def test_restore_refuses_a_database_that_is_not_empty(records, tmp_path):
    archive = tmp_path / "kc.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive), stdout=io.StringIO())


def test_the_manifest_lists_tables_totals_and_files(records, media, tmp_path):
    archive = tmp_path / "kc.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()
    assert manifest["engine"] == connection.vendor
    assert manifest["tables"]["projects_project"] >= 3
    assert manifest["totals"]["projects.BudgetLine.proposed"] > 0
    assert len(manifest["files"]) == 2
    assert all(f"media/{name}" in names for name in manifest["files"])
    assert not Path(str(archive) + ".partial").exists()


def _tampered(tmp_path, archive, *, rename=None, content=None) -> Path:
    out = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(out, "w:gz") as target:
        manifest = json.load(source.extractfile("manifest.json"))
        for member in source.getmembers():
            data = source.extractfile(member).read()
            name = member.name
            if name.startswith("media/") and content is not None:
                data = content
            if name.startswith("media/") and rename is not None:
                manifest["files"] = {rename: next(iter(manifest["files"].values()))}
                name = "media/" + rename
            if name == "manifest.json":
                continue
            info = tarfile.TarInfo(name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        target.addfile(info, io.BytesIO(data))
    return out


@pytest.mark.skipif(connection.vendor != "sqlite", reason="restored into a SQLite file")
def test_a_damaged_file_in_the_archive_is_reported(records, tmp_path):
    archive = tmp_path / "kc.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    damaged = _tampered(tmp_path, archive, content=b"%PDF-1.7 changed")
    result = _restore(damaged, f"sqlite:///{tmp_path / 'r.sqlite3'}", tmp_path / "r-media")
    assert result.returncode != 0
    assert "differs from the backup" in result.stderr


def test_a_file_outside_media_root_is_refused(records, tmp_path, settings):
    archive = tmp_path / "kc.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    evil = _tampered(tmp_path, archive, rename="../../outside.pdf")
    from khuyencong.backup import _media_target

    with pytest.raises(BackupError, match="outside MEDIA_ROOT"):
        _media_target(Path(settings.MEDIA_ROOT), "../../outside.pdf")
    result = _restore(evil, f"sqlite:///{tmp_path / 'r.sqlite3'}", tmp_path / "r-media")
    assert result.returncode != 0
    assert not (tmp_path / "outside.pdf").exists()
