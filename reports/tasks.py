"""Background tasks of the reports (django-tasks: the database queue and `db_worker` in
production, run at once in development)."""

from django_tasks import task


@task()
def run_report(job_id: int) -> None:
    from reports.background import report_job_run

    report_job_run(job_id)
