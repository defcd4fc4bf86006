"""The job runner: work too long for a request runs here, the same way for every kind of it.

Who owns what:
- This module owns a job's life (queued → running → done or failed), its progress, its private
  file (MEDIA_ROOT/<model.FILES>/), the download, the expiry (a day) and the clean-up. Besides
  the models, it is the only module that assigns a job's `status`.
- A job kind (`JobKind`) names the model that holds its jobs, the statuses it shows and the
  function that does the work. Each kind is registered where its work is defined: list exports
  in khuyencong.exports, an import's check and write in khuyencong.importing.batches, reports in
  reports.background. The runner imports none of them (the core imports no domain app).
- The django-tasks task `run_job` lives here, beside what it runs, so no task module imports
  back into its caller.

A job is started with `job_create` (a new row) or `job_start` (a row that exists: an uploaded
file, a failed job started again). Either runs it at once in the request (`inline=True`, for small
work) or queues `run_job` after the commit, so the worker sees the row. The worker (or the
request) claims the job for its attempt, runs the kind's `run(job, run)`, and marks it done with
the fields `run` returns, or failed with the error (logged; the page shows a general message).

Liveness: while a job runs, a thread beside it writes `heartbeat_at` (and the progress) every
HEARTBEAT_SECONDS. A running job whose heartbeat is older than LEASE_SECONDS has lost its worker
(killed, the machine restarted, gunicorn's timeout ended the request that ran it inline):
`job_refresh`, called by every page that shows a job, marks it failed with `Job.STOPPED`, which
the page explains in Vietnamese, and `job_start` can start it again. Each start raises `attempt`;
a worker finishes only the attempt it claimed, so a late worker never overwrites a job that was
started again. For an `atomic` kind (the import's write) the work and the mark "done" commit in
one transaction: a killed worker leaves neither rows nor "done", and a worker that lost its lease
rolls its rows back.
"""

from __future__ import annotations

import datetime
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, connections, transaction
from django.db.models import F
from django.http import FileResponse, Http404
from django.utils import timezone
from django_tasks import task

from khuyencong.models import Job

logger = logging.getLogger(__name__)

LIFETIME = datetime.timedelta(days=1)
# A running job writes a heartbeat this often ...
HEARTBEAT_SECONDS = 10
# ... and is declared stopped after this long without one. Generous: on SQLite a heartbeat
# waits while another transaction writes (an import's write holds the database).
LEASE_SECONDS = 120
FAILED = "failed"
DONE = "done"


@dataclass(frozen=True)
class JobKind:
    """A kind of background work. `run(job, run)` does it (reporting progress and asking for a
    private file through `run`) and returns the fields to store on the job when it is done.

    `queued`, `running` and `done` are the statuses the kind's job shows in each stage (an import
    check shows "checking" while queued and running, then "checked"); `done` may be a function
    of the stored fields (an import write that found new errors ends "checked", not "done").
    `atomic`: the work and the mark "done" commit together."""

    name: str
    model: type[Job]
    run: Callable[[Job, JobRun], dict | None]
    queued: str = "queued"
    running: str = "running"
    done: str | Callable[[dict], str] = DONE
    atomic: bool = False

    def done_status(self, fields: dict) -> str:
        return self.done(fields) if callable(self.done) else self.done


_KINDS: dict[str, JobKind] = {}


def register_kind(kind: JobKind) -> JobKind:
    _KINDS[kind.name] = kind
    return kind


def get_kind(name: str) -> JobKind:
    return _KINDS[name]


class JobLost(Exception):
    """The job was declared stopped (or started again) while this worker ran it."""


# --- Files ---------------------------------------------------------------------------------------


def job_dir(model: type[Job]) -> Path:
    return Path(settings.MEDIA_ROOT) / model.FILES


def job_file(job: Job) -> Path | None:
    """The job's private file, when it has one."""
    return job_dir(type(job)) / job.path if job.path else None


def job_file_new(model: type[Job], name: str = "", suffix: str = "") -> tuple[str, Path]:
    """A new private file of the model's jobs: its name (stored in `path`) and where to write."""
    name = name or f"{uuid.uuid4().hex}{suffix}"
    folder = job_dir(model)
    folder.mkdir(parents=True, exist_ok=True)
    return name, folder / name


def job_download(job: Job, *, filename: str) -> FileResponse:
    """The finished job's file as an attachment; 404 while it is not done or once it is gone."""
    path = job_file(job)
    if job.status != DONE or path is None or not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=filename)


def jobs_purge(model: type[Job], now=None) -> int:
    """Delete the model's jobs older than a day, and their files. A file shared by several jobs
    (a report handed out again) goes with the last of them."""
    now = now or timezone.now()
    expired = list(model.objects.filter(created_at__lt=now - LIFETIME).only("pk", "path"))
    model.objects.filter(pk__in=[job.pk for job in expired]).delete()
    paths = {job.path for job in expired if job.path}
    still_used = set(model.objects.filter(path__in=paths).values_list("path", flat=True))
    for path in paths - still_used:
        (job_dir(model) / path).unlink(missing_ok=True)
    return len(expired)


# --- Starting ------------------------------------------------------------------------------------


def _enqueue(kind: JobKind, pk, attempt: int) -> None:
    """Queue the task after the commit (so the worker sees the job). A queue that refuses it
    fails the job at once, which the user can start again, rather than leaving it queued."""
    pk = str(pk)

    def enqueue() -> None:
        try:
            run_job.enqueue(kind.name, pk, attempt)
        except Exception as error:  # the request's work is committed: no 500 for the queue
            logger.exception("job %s (%s) could not be queued", pk, kind.name)
            kind.model.objects.filter(pk=pk, attempt=attempt, started_at__isnull=True).update(
                status=FAILED, error=f"not queued: {error}"[:1000], finished_at=timezone.now()
            )

    transaction.on_commit(enqueue)


def job_create(*, job_kind: str, inline: bool = False, **fields) -> Job:
    """A new job of the registered kind `job_kind`, with `fields` (user, its parameters,
    total_rows ...): run now when `inline`, else queued."""
    spec = get_kind(job_kind)
    job = spec.model.objects.create(status=spec.queued, attempt=1, **fields)
    if inline:
        job_execute(spec.name, job.pk, job.attempt)
        job.refresh_from_db()
    else:
        _enqueue(spec, job.pk, job.attempt)
    return job


def job_start(job: Job, *, job_kind: str, inline: bool = False, **fields) -> bool:
    """Start an existing job (again) as the registered kind `job_kind`, with `fields` changed
    (total_rows ...); its progress and error are cleared. Run now when `inline`, else queued.
    False when someone else started it first (two clicks, two tabs): that start stands."""
    spec = get_kind(job_kind)
    values = {
        "status": spec.queued,
        "attempt": job.attempt + 1,
        "started_at": None,
        "heartbeat_at": None,
        "finished_at": None,
        "done_rows": 0,
        "error": "",
        **fields,
    }
    started = spec.model.objects.filter(pk=job.pk, attempt=job.attempt).update(**values)
    if not started:
        return False
    for name, value in values.items():
        setattr(job, name, value)
    if inline:
        job_execute(spec.name, job.pk, job.attempt)
        job.refresh_from_db()
    else:
        _enqueue(spec, job.pk, job.attempt)
    return True


def job_share(job: Job, **changes) -> Job:
    """A new job, done at once, that hands out the finished `job`'s file again (another reader
    of the same report): every field copied, `changes` applied. The file is deleted with the
    last job that points to it."""
    model = type(job)
    values = {
        field.attname: getattr(job, field.attname)
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in ("created_at", *changes)
    }
    values.update(changes, status=DONE, finished_at=timezone.now())
    return model.objects.create(**values)


# --- Running -------------------------------------------------------------------------------------


class JobRun:
    """What a kind's `run` is given besides the job: `progress(done)` and `file(suffix)`."""

    def __init__(self, job: Job, kind: JobKind):
        self.job = job
        self.kind = kind
        self.done: int | None = None
        self.path = ""

    def _mine(self):
        return self.kind.model.objects.filter(
            pk=self.job.pk, attempt=self.job.attempt, finished_at__isnull=True
        )

    def progress(self, done: int) -> None:
        """Rows done so far. Inside a transaction (the import's write) the heartbeat writes it:
        a write here would wait for the commit to show, and lock the job's row until then."""
        self.done = done
        if not connection.in_atomic_block:
            self._mine().update(done_rows=done, heartbeat_at=timezone.now())

    def file(self, suffix: str) -> Path:
        """A new private file for the job's result. Its name is stored on the job at once, so the
        part a killed worker wrote is deleted with the job (or when it is started again); the
        file of an earlier attempt that failed is deleted now."""
        previous = job_file(self.job)
        self.path, target = job_file_new(self.kind.model, suffix=suffix)
        self._mine().update(path=self.path)
        if previous is not None:
            previous.unlink(missing_ok=True)
        return target

    def discard_file(self) -> None:
        if self.path:
            (job_dir(self.kind.model) / self.path).unlink(missing_ok=True)
            self._mine().update(path="")


class _Heartbeat:
    """A thread that says the job is alive while it runs, on its own database connection."""

    def __init__(self, run: JobRun):
        self.run = run
        self.stopping = threading.Event()
        self.thread = threading.Thread(
            target=self._beat, name=f"job-heartbeat-{run.job.pk}", daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join(timeout=5)

    def _beat(self) -> None:
        try:
            while not self.stopping.wait(HEARTBEAT_SECONDS):
                fields = {"heartbeat_at": timezone.now()}
                if self.run.done is not None:
                    fields["done_rows"] = self.run.done
                try:
                    self.run._mine().update(**fields)
                except DatabaseError:  # the database is busy (SQLite's writer): next beat
                    logger.warning("heartbeat of job %s missed", self.run.job.pk, exc_info=True)
        finally:
            connections.close_all()  # this thread's connections only


def _finish(run: JobRun, fields: dict) -> None:
    values = {
        "status": run.kind.done_status(fields),
        "finished_at": timezone.now(),
        "heartbeat_at": timezone.now(),
        **fields,
    }
    if run.path:
        values["path"] = run.path
    values.setdefault("done_rows", values.get("total_rows", F("total_rows")))
    if not run._mine().filter(status=run.kind.running).update(**values):
        raise JobLost


def job_execute(kind: str, pk, attempt: int) -> bool:
    """Claim the job's attempt, do the work, mark it done or failed; what the worker runs (and
    the request, for small work). False when there was nothing to do: the attempt was already
    claimed, started again or deleted."""
    spec = get_kind(kind)
    now = timezone.now()
    claimed = spec.model.objects.filter(
        pk=pk, attempt=attempt, status=spec.queued, started_at__isnull=True
    ).update(status=spec.running, started_at=now, heartbeat_at=now)
    if not claimed:
        return False
    job = spec.model.objects.select_related("user").get(pk=pk)
    run = JobRun(job, spec)
    with _Heartbeat(run):
        try:
            if spec.atomic:
                with transaction.atomic():
                    _finish(run, spec.run(job, run) or {})
            else:
                _finish(run, spec.run(job, run) or {})
        except JobLost:
            logger.warning("job %s (%s) was stopped while it ran: its result is dropped", pk, kind)
            run.discard_file()
        except Exception as error:  # recorded on the job and logged: the user sees "failed"
            logger.exception("job %s (%s) failed", pk, kind)
            run.discard_file()
            run._mine().update(status=FAILED, error=str(error)[:1000], finished_at=timezone.now())
    return True


@task()
def run_job(kind: str, pk: str, attempt: int) -> None:
    """The background task of every job kind (django-tasks: the database queue and `db_worker`
    in production, run at once in development)."""
    job_execute(kind, pk, attempt)


# --- Watching ------------------------------------------------------------------------------------


def job_is_running(job: Job) -> bool:
    """Claimed by a worker (or a request) and not finished."""
    return job.started_at is not None and job.finished_at is None


def job_refresh(job: Job, now=None) -> Job:
    """Mark the job failed (`Job.STOPPED`) when it runs without a heartbeat for LEASE_SECONDS: its
    worker died. Costs no query while the job is healthy."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=LEASE_SECONDS)
    if not job_is_running(job) or (job.heartbeat_at and job.heartbeat_at >= cutoff):
        return job
    values = {"status": FAILED, "error": Job.STOPPED, "finished_at": now}
    try:
        with transaction.atomic():
            stopped = (
                type(job)
                .objects.filter(
                    pk=job.pk,
                    attempt=job.attempt,
                    finished_at__isnull=True,
                    heartbeat_at__lt=cutoff,
                )
                .update(**values)
            )
    except DatabaseError:  # SQLite: a writer holds the database, so the job is most likely alive
        logger.warning("could not check job %s", job.pk, exc_info=True)
        return job
    if stopped:
        logger.warning("job %s stopped without finishing (no heartbeat since %s)", job.pk, cutoff)
        for name, value in values.items():
            setattr(job, name, value)
    else:
        job.refresh_from_db()
    return job
