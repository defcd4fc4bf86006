"""An uploaded file between preview and confirm (ImportBatch), and the background path.

The file is kept in MEDIA_ROOT/imports/<uuid> (no URL serves it), only its uploader reaches the
batch, and batches older than a day are deleted with their files. A file of more than
INLINE_ROWS data rows is checked and written by a background task (django-tasks), the page
showing its progress, as the large exports do.
"""

from __future__ import annotations

import datetime
import logging
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from khuyencong.importing.engine import INLINE_ROWS, Preview, get_kind, run_import
from khuyencong.importing.reading import MAX_BYTES, ImportRefused, _too_big
from khuyencong.models import ImportBatch

LIFETIME = datetime.timedelta(days=1)
CHECK = "check"
WRITE = "write"


def import_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def batch_path(batch: ImportBatch) -> Path:
    return import_dir() / batch.path


def batch_data(batch: ImportBatch) -> bytes:
    return batch_path(batch).read_bytes()


def batches_purge(now=None) -> int:
    now = now or timezone.now()
    expired = list(ImportBatch.objects.filter(created_at__lt=now - LIFETIME))
    for batch in expired:
        if batch.path:
            batch_path(batch).unlink(missing_ok=True)
    ImportBatch.objects.filter(pk__in=[b.pk for b in expired]).delete()
    return len(expired)


def batch_create(*, user, kind: str, upload) -> ImportBatch:
    """Keep an uploaded file privately (refused above MAX_BYTES before it is stored)."""
    get_kind(kind).check_user(user)
    if upload.size > MAX_BYTES:
        raise _too_big()
    batches_purge()
    batch = ImportBatch(user=user, kind=kind, filename=Path(upload.name).name[:255])
    batch.path = batch.pk.hex
    import_dir().mkdir(parents=True, exist_ok=True)
    with batch_path(batch).open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
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


def batch_run(batch_id, action: str) -> None:
    """Check (action CHECK) or write (WRITE) a batch's file and store the result on it."""
    batch = ImportBatch.objects.select_related("user").filter(pk=batch_id).first()
    if batch is None:
        return
    kind = get_kind(batch.kind)

    def progress(done: int) -> None:
        ImportBatch.objects.filter(pk=batch.pk).update(done_rows=done)

    try:
        result: Preview = run_import(
            kind,
            batch_data(batch),
            user=batch.user,
            filename=batch.filename,
            mapping=_mapping(batch),
            dry_run=action == CHECK,
            progress=progress,
        )
    except Exception as error:  # recorded on the batch and logged: the user sees "failed"
        logging.getLogger(__name__).exception("import %s failed", batch.pk)
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.FAILED, error=str(error)[:1000], finished_at=timezone.now()
        )
        return
    batch.result = result.to_json()
    batch.mapping = {str(k): v for k, v in result.mapping.items()} or batch.mapping
    batch.total_rows = len(result.rows)
    batch.done_rows = len(result.rows)
    batch.status = ImportBatch.Status.DONE if result.written else ImportBatch.Status.CHECKED
    batch.finished_at = timezone.now()
    batch.save(
        update_fields=["result", "mapping", "total_rows", "done_rows", "status", "finished_at"]
    )


def batch_start(batch: ImportBatch, action: str) -> bool:
    """Run the check or the write now, or queue it when the file is large; True when queued."""
    from khuyencong.tasks import run_import_batch

    rows = _count_rows(batch)
    busy = ImportBatch.Status.CHECKING if action == CHECK else ImportBatch.Status.WRITING
    ImportBatch.objects.filter(pk=batch.pk).update(status=busy, total_rows=rows, done_rows=0)
    if rows > INLINE_ROWS:
        pk = str(batch.pk)
        transaction.on_commit(lambda: run_import_batch.enqueue(pk, action))
        return True
    batch_run(batch.pk, action)
    return False
