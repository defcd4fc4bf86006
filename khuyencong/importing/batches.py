"""An uploaded file between preview and confirm (ImportBatch), and its two jobs: the check and
the write.

The file is kept in MEDIA_ROOT/imports/<uuid> (no URL serves it), only its uploader reaches the
batch, and batches older than a day are deleted with their files. The check and the write are
kinds of the job runner (khuyencong.jobs): a file of more than INLINE_ROWS data rows is checked
and written by the worker, the page showing its progress, as the large exports do; a smaller one
in the request. The write is atomic with its mark "done": a worker killed mid-write leaves no row
behind, and the batch, marked failed by the runner, is checked again and confirmed again.
"""

from __future__ import annotations

from pathlib import Path

from khuyencong import jobs
from khuyencong.importing.engine import INLINE_ROWS, Preview, get_kind, run_import
from khuyencong.importing.reading import MAX_BYTES, ImportRefused, _too_big
from khuyencong.models import ImportBatch

CHECK = "check"
WRITE = "write"
# The runner's kinds for the two actions.
JOB_KINDS = {CHECK: "import_check", WRITE: "import_write"}


def batch_path(batch: ImportBatch) -> Path:
    return jobs.job_file(batch)


def batch_data(batch: ImportBatch) -> bytes:
    return batch_path(batch).read_bytes()


def batch_create(*, user, kind: str, upload) -> ImportBatch:
    """Keep an uploaded file privately (refused above MAX_BYTES before it is stored)."""
    get_kind(kind).check_user(user)
    if upload.size > MAX_BYTES:
        raise _too_big()
    jobs.jobs_purge(ImportBatch)
    batch = ImportBatch(user=user, kind=kind, filename=Path(upload.name).name[:255])
    batch.path, target = jobs.job_file_new(ImportBatch, name=batch.pk.hex)
    with target.open("wb") as file:
        for chunk in upload.chunks():
            file.write(chunk)
    batch.save()
    return batch


def _mapping(batch: ImportBatch) -> dict[int, str] | None:
    if not batch.mapping:
        return None
    return {int(index): key for index, key in batch.mapping.items()}


def _count_rows(batch: ImportBatch) -> int:
    """Data rows of the file (read once, cheaply), to choose between the request and a task."""
    from khuyencong.importing.reading import read_table

    try:
        return len(read_table(batch_data(batch)).rows)
    except ImportRefused:
        return 0


def _run(batch: ImportBatch, run: jobs.JobRun, *, action: str) -> dict:
    """Check (CHECK) or write (WRITE) the batch's file; the result is stored on the batch."""
    result: Preview = run_import(
        get_kind(batch.kind),
        batch_data(batch),
        user=batch.user,
        filename=batch.filename,
        mapping=_mapping(batch),
        dry_run=action == CHECK,
        progress=run.progress,
    )
    return {
        "result": result.to_json(),
        "mapping": {str(k): v for k, v in result.mapping.items()} or batch.mapping,
        "total_rows": len(result.rows),
    }


def _check(batch, run):
    return _run(batch, run, action=CHECK)


def _write(batch, run):
    return _run(batch, run, action=WRITE)


jobs.register_kind(
    jobs.JobKind(
        name=JOB_KINDS[CHECK],
        model=ImportBatch,
        run=_check,
        queued=ImportBatch.Status.CHECKING,
        running=ImportBatch.Status.CHECKING,
        done=ImportBatch.Status.CHECKED,
    )
)
jobs.register_kind(
    jobs.JobKind(
        name=JOB_KINDS[WRITE],
        model=ImportBatch,
        run=_write,
        queued=ImportBatch.Status.WRITING,
        running=ImportBatch.Status.WRITING,
        # Rows that changed since the check (someone else's save, a new error): nothing is written
        # and the batch shows the new check, to be confirmed again.
        done=lambda fields: (
            ImportBatch.Status.DONE if fields["result"]["written"] else ImportBatch.Status.CHECKED
        ),
        atomic=True,
    )
)


def batch_start(batch: ImportBatch, action: str) -> bool:
    """Run the check or the write now, or queue it when the file is large; True when queued."""
    rows = _count_rows(batch)
    queued = rows > INLINE_ROWS
    jobs.job_start(batch, job_kind=JOB_KINDS[action], inline=not queued, total_rows=rows)
    return queued
