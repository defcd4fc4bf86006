"""A worker killed in the middle of a job (SIGKILL: the OOM killer, a redeploy, a pulled plug)
leaves the job marked failed once its lease has passed, never "writing at 0 %" forever; the
user starts it again from its page; a killed import leaves no row behind.

The worker is a real process (tests/job_worker.py) on the same database: PostgreSQL's test
database itself; on SQLite, pytest's in-memory database copied to a file for the worker and
copied back once the worker is dead.
"""

import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from beneficiaries.models import Beneficiary
from khuyencong import jobs
from khuyencong.importing import batches
from khuyencong.models import ExportJob, ImportBatch, Job
from reports import background
from reports.params import parse_params
from reports.selectors import get_report_scope_for_user
from tests.factories import BeneficiaryFactory
from tests.imports.helpers import snapshot, xlsx
from tests.imports.test_beneficiary_import import template_rows

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
WORKER = ROOT / "tests" / "job_worker.py"
STOPPED_VI = "Công việc đã dừng giữa chừng"
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Jobs are queued, not run: the worker process below runs them.
    settings.TASKS = DUMMY_TASKS


@contextmanager
def database_for_a_worker(tmp_path):
    """A DATABASE_URL another process can open, holding what this test wrote."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
        host = f"{settings.get('HOST') or '127.0.0.1'}:{settings.get('PORT') or 5432}"
        yield f"postgres://{settings['USER']}{password}@{host}/{settings['NAME']}"
        return
    file = tmp_path / "worker.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(file) as copy:
        connection.connection.backup(copy)
    yield f"sqlite:///{file}"
    with sqlite3.connect(file) as copy:  # what the dead worker committed, and nothing else
        copy.backup(connection.connection)


def kill_mid_job(tmp_path, settings, job: Job, kind: str) -> None:
    """Run the job in a worker process and SIGKILL it half-way through."""
    with database_for_a_worker(tmp_path) as url:
        environment = {
            **os.environ,
            "DATABASE_URL": url,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "DJANGO_SETTINGS_MODULE": "khuyencong.settings",
        }
        worker = subprocess.Popen(  # noqa: S603 - our own script
            [sys.executable, str(WORKER), kind, str(job.pk), str(job.attempt)],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 180
            line = ""
            while "MIDWAY" not in line:
                left = deadline - time.monotonic()
                ready, _, _ = select.select([worker.stdout], [], [], max(left, 0))
                if not ready or worker.poll() is not None and not line:
                    pytest.fail(f"the worker never got half-way: {worker.stderr.read()[-3000:]}")
                line = worker.stdout.readline()
            worker.send_signal(signal.SIGKILL)
            assert worker.wait(timeout=30) == -signal.SIGKILL
        finally:
            if worker.poll() is None:
                worker.kill()
            worker.stdout.close()
            worker.stderr.close()


def lease_passes(monkeypatch):
    monkeypatch.setattr(jobs, "LEASE_SECONDS", 0)


def test_a_killed_import_writes_nothing_is_marked_failed_and_imports_when_started_again(
    client, world, settings, tmp_path, monkeypatch
):
    staff = world.cantho.center_staff
    client.force_login(staff)
    upload = client.post(
        "/beneficiaries/import/", {"file": SimpleUploadedFile("co-so.xlsx", xlsx(template_rows()))}
    )
    page = upload["Location"]
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.CHECKED
    # The clerk confirms; the write goes to the worker (as a file over INLINE_ROWS would).
    monkeypatch.setattr(batches, "INLINE_ROWS", 0)
    client.post(page, {"action": "confirm"})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.WRITING
    before = snapshot()

    kill_mid_job(tmp_path, settings, batch, "import_write")

    # Every row was written inside the worker's transaction, which died with it.
    assert snapshot() == before and not Beneficiary.objects.exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.WRITING and batch.started_at is not None
    # While the lease runs the page still waits for the worker ...
    assert 'http-equiv="refresh"' in client.get(page).content.decode()

    lease_passes(monkeypatch)
    shown = client.get(page).content.decode()

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED and batch.stopped
    assert STOPPED_VI in shown and "Chưa có dòng nào được ghi" in shown
    assert 'http-equiv="refresh"' not in shown
    assert 'data-testid="import-retry"' in shown

    monkeypatch.setattr(batches, "INLINE_ROWS", 2000)
    assert client.post(page, {"action": "retry"}).status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED and batch.result["counts"]["new"] == 2
    client.post(page, {"action": "confirm"})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert Beneficiary.objects.count() == 2


def test_a_killed_export_is_marked_failed_and_writes_its_file_when_started_again(
    client, world, settings, tmp_path, monkeypatch
):
    staff = world.cantho.center_staff
    for index in range(3):
        BeneficiaryFactory(name=f"Cơ sở {index}")
    job = jobs.job_create(
        job_kind=ExportJob.Kind.LIST,
        kind=ExportJob.Kind.LIST,
        user=staff,
        name="beneficiaries",
        query="sort=name",
        fmt="xlsx",
        total_rows=3,
        filename="co-so-cnnt.xlsx",
    )

    kill_mid_job(tmp_path, settings, job, ExportJob.Kind.LIST)

    job.refresh_from_db()
    half = jobs.job_file(job)
    assert job.status == ExportJob.Status.RUNNING and half.is_file()
    lease_passes(monkeypatch)
    client.force_login(staff)
    url = reverse("export_job", args=[job.pk])
    shown = client.get(url).content.decode()
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED and job.stopped
    assert STOPPED_VI in shown and 'data-testid="export-restart"' in shown
    assert client.get(reverse("export_download", args=[job.pk])).status_code == 404

    settings.TASKS = IMMEDIATE_TASKS
    assert client.post(url).status_code == 302

    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.attempt == 2
    assert not half.exists()  # the half-written file went with its attempt
    download = client.get(reverse("export_download", args=[job.pk]))
    sheet = openpyxl.load_workbook(Path(jobs.job_file(job))).active
    assert download.status_code == 200
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        f"Cơ sở {index}" for index in range(3)
    ]


def test_a_killed_report_is_marked_failed_and_a_new_request_starts_it_again(
    client, world, settings, tmp_path, monkeypatch
):
    ministry = world.ministry
    params = parse_params({"year": "2024", "format": "xlsx"})
    job = background.report_job_start(
        user=ministry,
        name="project_list",
        scope=get_report_scope_for_user(ministry),
        params=params,
        rows=0,
    )
    assert job.status == ExportJob.Status.QUEUED

    kill_mid_job(tmp_path, settings, job, ExportJob.Kind.REPORT)

    lease_passes(monkeypatch)
    # Asking for the same report again does not send the user to the dead job ...
    again = background.report_job_start(
        user=ministry,
        name="project_list",
        scope=get_report_scope_for_user(ministry),
        params=params,
        rows=0,
    )
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED and job.stopped
    assert again.pk != job.pk
    # ... and the dead job's page starts it again.
    settings.TASKS = IMMEDIATE_TASKS
    client.force_login(ministry)
    assert client.post(reverse("export_job", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.filename.endswith(".xlsx")
    assert client.get(reverse("export_download", args=[job.pk])).status_code == 200
