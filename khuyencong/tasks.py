"""Background tasks of the core (django-tasks: the database queue and `db_worker` in production,
run at once in development)."""

from django_tasks import task


@task()
def run_export(job_id: int) -> None:
    from khuyencong.exports import export_job_run

    export_job_run(job_id)


@task()
def run_import_batch(batch_id: str, action: str) -> None:
    from khuyencong.importing.batches import batch_run

    batch_run(batch_id, action)
