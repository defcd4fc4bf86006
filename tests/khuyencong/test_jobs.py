"""The job runner (khuyencong.jobs): one lifecycle for list exports, reports and imports;
heartbeats and a lease, so a job whose worker died is marked failed and can be started again;
a late worker never overwrites a newer attempt; the house rules that keep it the one owner."""

import ast
import datetime
import importlib
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from khuyencong import jobs
from khuyencong.models import ExportJob, ImportBatch, Job, Notification

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
KIND = "test-kind"


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def register():
    def register(run, **options) -> jobs.JobKind:
        return jobs.register_kind(jobs.JobKind(name=KIND, model=ExportJob, run=run, **options))

    yield register
    jobs._KINDS.pop(KIND, None)


def queued(user, **fields) -> ExportJob:
    """A job queued for the worker (the test runs what the worker would)."""
    return ExportJob.objects.create(user=user, name="x", fmt="xlsx", attempt=1, **fields)


def running(user, *, beat_seconds_ago: int) -> ExportJob:
    beat = timezone.now() - datetime.timedelta(seconds=beat_seconds_ago)
    return queued(user, status="running", started_at=beat, heartbeat_at=beat)


def test_a_job_is_running_while_it_works_then_done_with_its_file_and_progress(world, register):
    seen = {}

    def run(job, work):
        seen["status"] = ExportJob.objects.get(pk=job.pk).status
        work.progress(7)
        work.file(".xlsx").write_bytes(b"PK")
        return {"total_rows": 9}

    register(run)
    job = queued(world.ministry)

    assert jobs.job_execute(KIND, job.pk, job.attempt)

    job.refresh_from_db()
    assert seen["status"] == "running"
    assert (job.status, job.done_rows, job.total_rows) == ("done", 9, 9)
    assert job.finished_at is not None and jobs.job_file(job).read_bytes() == b"PK"
    # The same attempt is never run twice (a task delivered twice).
    assert not jobs.job_execute(KIND, job.pk, job.attempt)


def test_a_failing_job_is_recorded_as_failed_and_leaves_no_file(world, register, caplog):
    def run(job, work):
        work.file(".xlsx").write_bytes(b"half")
        raise RuntimeError("disk full")

    register(run)
    job = queued(world.ministry)

    jobs.job_execute(KIND, job.pk, job.attempt)

    job.refresh_from_db()
    assert job.status == "failed" and job.error == "disk full" and not job.stopped
    assert job.path == "" and list(jobs.job_dir(ExportJob).iterdir()) == []
    assert "disk full" in caplog.text


def test_a_running_job_without_a_heartbeat_for_the_lease_is_marked_stopped(world):
    job = running(world.ministry, beat_seconds_ago=jobs.LEASE_SECONDS + 1)

    jobs.job_refresh(job)

    assert job.status == "failed" and job.stopped and job.finished_at is not None
    job.refresh_from_db()
    assert job.status == "failed" and job.error == Job.STOPPED


def test_a_job_with_a_recent_heartbeat_is_left_running(world, django_assert_num_queries):
    job = running(world.ministry, beat_seconds_ago=jobs.LEASE_SECONDS - 5)
    with django_assert_num_queries(0):
        jobs.job_refresh(job)
    job.refresh_from_db()
    assert job.status == "running"


def test_a_job_waiting_in_the_queue_is_never_declared_stopped(world):
    """The worker may be busy with another job for a long time: only a claimed job has a lease."""
    job = queued(world.ministry)
    ExportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=3)
    )
    job.refresh_from_db()

    jobs.job_refresh(job)

    job.refresh_from_db()
    assert job.status == "queued"


def test_the_heartbeat_keeps_a_long_job_alive(world, register, monkeypatch):
    monkeypatch.setattr(jobs, "HEARTBEAT_SECONDS", 0.05)
    beats = []

    def run(job, work):
        # A long step without progress (WeasyPrint rendering): the heartbeat thread speaks.
        deadline = timezone.now() + datetime.timedelta(seconds=5)
        while len(beats) < 2 and timezone.now() < deadline:
            threading.Event().wait(0.05)
        return {}

    register(run)
    job = queued(world.ministry)
    original = jobs.JobRun._mine

    def mine(self):
        if threading.current_thread() is not threading.main_thread():
            beats.append(timezone.now())
        return original(self)

    monkeypatch.setattr(jobs.JobRun, "_mine", mine)

    jobs.job_execute(KIND, job.pk, job.attempt)

    assert len(beats) >= 2


def test_a_worker_that_lost_its_lease_never_overwrites_the_new_attempt(world, register):
    def run(job, work):
        target = work.file(".xlsx")
        target.write_bytes(b"late")
        # Meanwhile the job was declared stopped and the user started it again.
        later = timezone.now() + datetime.timedelta(seconds=jobs.LEASE_SECONDS + 1)
        stale = ExportJob.objects.get(pk=job.pk)
        jobs.job_refresh(stale, now=later)
        assert jobs.job_start(stale, job_kind=KIND)
        return {"total_rows": 1}

    register(run)
    job = queued(world.ministry)

    jobs.job_execute(KIND, job.pk, job.attempt)

    job.refresh_from_db()
    assert (job.status, job.attempt, job.started_at) == ("queued", 2, None)
    assert list(jobs.job_dir(ExportJob).iterdir()) == []  # the late file was dropped


def test_a_job_is_started_once_when_two_requests_start_it_together(world, register):
    register(lambda job, work: {})
    job = running(world.ministry, beat_seconds_ago=jobs.LEASE_SECONDS + 1)
    jobs.job_refresh(job)
    first, second = ExportJob.objects.get(pk=job.pk), ExportJob.objects.get(pk=job.pk)

    assert jobs.job_start(first, job_kind=KIND)
    assert not jobs.job_start(second, job_kind=KIND)

    job.refresh_from_db()
    assert job.attempt == 2


@pytest.mark.django_db(transaction=True)
def test_an_atomic_job_that_lost_its_lease_keeps_none_of_its_work(world, register):
    """The import's write: its rows and the mark "done" commit together, so a worker declared
    stopped while it wrote (its heartbeat held up) rolls its rows back when it finishes."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite admits one writer: nobody can stop a job while its write is open")

    def run(job, work):
        Notification.objects.create(recipient=world.ministry, text="a written row")
        later = timezone.now() + datetime.timedelta(seconds=jobs.LEASE_SECONDS + 1)
        # Another request, on its own connection, declares the worker dead meanwhile.
        other = threading.Thread(
            target=lambda: (
                jobs.job_refresh(ExportJob.objects.get(pk=job.pk), now=later),
                connection.close(),
            )
        )
        other.start()
        other.join()
        return {}

    register(run, atomic=True)
    job = queued(world.ministry)

    jobs.job_execute(KIND, job.pk, job.attempt)

    assert not Notification.objects.filter(text="a written row").exists()
    job.refresh_from_db()
    assert job.status == "failed" and job.stopped


def test_a_job_the_queue_refuses_is_failed_and_can_be_started_again(
    client, world, register, monkeypatch, django_capture_on_commit_callbacks
):
    register(lambda job, work: {"total_rows": 1})

    def refuse(*args):
        raise ConnectionError("queue down")

    monkeypatch.setattr(jobs, "run_job", SimpleNamespace(enqueue=refuse))
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_create(job_kind=KIND, kind=KIND, user=world.ministry, name="x", fmt="xlsx")
    job.refresh_from_db()
    assert job.status == "failed" and "queue down" in job.error

    monkeypatch.undo()
    client.force_login(world.ministry)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("export_job", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.status == "done" and job.attempt == 2


def test_a_double_confirm_of_an_import_writes_it_once(client, world, settings):
    from beneficiaries.models import Beneficiary
    from khuyencong.importing import batches
    from tests.imports.helpers import xlsx
    from tests.imports.test_beneficiary_import import template_rows

    client.force_login(world.cantho.center_staff)
    upload = SimpleUploadedFile("co-so.xlsx", xlsx(template_rows()))
    client.post("/beneficiaries/import/", {"file": upload})
    first, second = ImportBatch.objects.get(), ImportBatch.objects.get()  # two tabs

    batches.batch_start(first, batches.WRITE)
    batches.batch_start(second, batches.WRITE)

    assert Beneficiary.objects.count() == 2
    assert ImportBatch.objects.get().attempt == 2  # the check, then one write


def test_a_job_that_has_not_failed_cannot_be_started_again_409(client, world):
    job = running(world.ministry, beat_seconds_ago=1)
    client.force_login(world.ministry)

    assert client.post(reverse("export_job", args=[job.pk])).status_code == 409

    job.refresh_from_db()
    assert job.attempt == 1


def test_someone_elses_job_cannot_be_started_again(client, world):
    job = running(world.ministry, beat_seconds_ago=jobs.LEASE_SECONDS + 1)
    client.force_login(world.cantho.center_head)

    assert client.post(reverse("export_job", args=[job.pk])).status_code == 404

    job.refresh_from_db()
    assert job.attempt == 1 and job.status == "running"


def test_jobs_left_unfinished_before_the_runner_are_stopped_once_the_lease_passes(world):
    """Their tasks were queued under names that no longer exist: no worker will finish them."""
    migration = importlib.import_module("khuyencong.migrations.1400_job_runner")
    old = ExportJob.objects.create(user=world.ministry, name="x", fmt="xlsx", status="running")
    waiting = ImportBatch.objects.create(
        user=world.ministry, kind="beneficiaries", filename="a.xlsx", status="writing"
    )
    done = ExportJob.objects.create(user=world.ministry, name="x", fmt="xlsx", status="done")

    migration.mark_unfinished_as_started(apps, None)

    later = timezone.now() + datetime.timedelta(seconds=jobs.LEASE_SECONDS + 1)
    for job in (old, waiting, done):
        job.refresh_from_db()
        jobs.job_refresh(job, now=later)
    assert old.stopped and waiting.stopped
    assert done.status == "done"


# --- The house: one owner of a job's life, no module cycle ----------------------------------------


def _modules(*apps_):
    for app in apps_:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def _module_name(path: Path) -> str:
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return name.removesuffix(".__init__")


def _imported(path: Path, known: set[str]) -> set[str]:
    """The known modules a file imports, inside functions too."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        for imported in names:
            while imported and imported not in known:
                imported = imported.rpartition(".")[0]
            if imported:
                found.add(imported)
    return found - {name}


@pytest.mark.parametrize("app", ["khuyencong", "reports"])
def test_no_two_modules_of_the_app_import_each_other_even_around_a_loop(app):
    paths = {_module_name(path): path for path in _modules(app)}
    graph = {name: _imported(path, set(paths)) for name, path in paths.items()}

    def reaches(start, target, seen):
        for nxt in graph[start]:
            if nxt == target:
                return True
            if nxt not in seen:
                seen.add(nxt)
                if reaches(nxt, target, seen):
                    return True
        return False

    assert sorted(name for name in graph if reaches(name, name, set())) == []


WRITES = {"create", "update", "update_or_create", "get_or_create", "ExportJob", "ImportBatch"}


def _status_writes(path: Path) -> list[int]:
    """Lines that assign `status`: `x.status = ...`, or `status=` given to a create or an update
    of rows, or to a job built by hand."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Attribute) and t.attr == "status" for t in targets):
                lines.append(node.lineno)
        elif isinstance(node, ast.Call) and any(k.arg == "status" for k in node.keywords):
            function = node.func
            called = function.attr if isinstance(function, ast.Attribute) else function.id
            if called in WRITES:
                lines.append(node.lineno)
    return lines


def test_only_the_runner_and_the_models_assign_a_jobs_status():
    owners = {ROOT / "khuyencong" / "jobs.py", ROOT / "khuyencong" / "models.py"}
    wrong = {
        str(path.relative_to(ROOT)): lines
        for path in _modules("khuyencong", "reports")
        if path not in owners and (lines := _status_writes(path))
    }
    assert wrong == {}
