"""Reports too large to render within a request, written by a background task and reused.

Which: a report whose table has more rows than its format renders quickly (`INLINE_ROWS`: a
PDF over 2.000 rows takes ~8 s and 200 MB in WeasyPrint; the national annex of every đề án of
a year, `project_list` for the whole country, is ~1.500 đề án and ~3.000 establishments at
scale 1). The rows are counted in the database (one query) before anything is built.

How: a job of the runner (khuyencong.jobs) of kind "report", registered here: an `ExportJob`
with the runner's progress page, download, expiry (a day) and restart. The job applies the
requester's scope as it is then and writes the file through the one pipeline
(reports.pipeline.report_file) that the page and `render_report` use. Only the requester sees
the job.

Reuse: the job's `cache_key` hashes the report, its normalised parameters, the reader's scope
(organisation: it heads the document; provinces: what it counts) and `data_version()`. A finished
file with the same key, less than a day old, is handed out again without rendering. The data
version is the highest history id of every model with history in the domain apps (one query):
every service records history for every change of a plan, đề án, budget line, establishment ...
(a deletion too), so any change anywhere gives a new key. That is coarse (a change in one
province invalidates every report) but cheap and never serves stale figures. The reference data
without history (contents, indicators, activities, the results form's rows, organisations)
clears the keys of every report job when saved (`forget_reports`).
"""

from __future__ import annotations

import hashlib

from django.db import connection
from django.db.models import Count
from django.http import QueryDict

from khuyencong import jobs
from khuyencong.models import ExportJob
from reports.params import ReportParams, parse_params
from reports.pipeline import report_file
from reports.selectors import ReportScope, get_report_scope_for_user, resolve_area

# Above this many table rows a report of this format is written in the background.
INLINE_ROWS = {"html": 3000, "pdf": 2000, "xlsx": 20000}
# The reports whose size grows with the đề án, and the formats in which they can outgrow a
# request (the others have a fixed number of rows, or one per province; the implementation page
# of the whole country is ~1.500 rows at national scale, fine as HTML, so it is not counted).
SIZED_REPORTS = {"implementation": ("pdf", "xlsx"), "project_list": ("html", "pdf", "xlsx")}
HISTORY_APPS = ("projects", "funding", "beneficiaries")
# Progress shown while the file is written: the data is built, then the document is rendered.
BUILT_PERCENT = 40


def report_rows(name: str, scope: ReportScope, params: ReportParams) -> int:
    """The number of table rows the report will have (0 for reports of a fixed size)."""
    if params.fmt not in SIZED_REPORTS.get(name, ()):
        return 0
    from reports.builders.common import report_projects

    area = resolve_area(scope, params.province, params.year)
    projects = report_projects(area, params.year).order_by()
    if name == "project_list":
        counts = projects.aggregate(
            projects=Count("pk", distinct=True), establishments=Count("participations")
        )
        return counts["projects"] + counts["establishments"]
    return projects.count()


def runs_in_background(rows: int, fmt: str) -> bool:
    return rows > INLINE_ROWS[fmt]


def normalised_query(params: ReportParams) -> str:
    """The parameters as a query string with every value explicit (the same report asked with
    or without its defaults gives the same string)."""
    query = QueryDict(mutable=True)
    for key, value in (
        ("year", params.year),
        ("province", params.province),
        ("period", params.period),
        ("grouping", params.grouping),
        ("region", params.region),
        ("from", params.year_from),
        ("to", params.year_to),
        ("format", params.fmt),
    ):
        query[key] = str(value)
    return query.urlencode()


def _history_tables() -> list[str]:
    """The history tables of the domain apps (implementation records included once their app
    registers them with simple-history)."""
    from simple_history.models import registered_models
    from simple_history.utils import get_history_model_for_model

    return sorted(
        {
            get_history_model_for_model(model)._meta.db_table
            for model in registered_models.values()
            if model._meta.app_label in HISTORY_APPS
        }
    )


def data_version() -> str:
    """The highest history id of each domain table with history, in one query."""
    quote = connection.ops.quote_name
    tables = _history_tables()
    if not tables:
        return ""
    # Table names from the models' metadata, quoted: no user input reaches this SQL.
    column = quote("history_id")
    columns = ", ".join(f"(SELECT MAX({column}) FROM {quote(t)})" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")  # noqa: S608
        row = cursor.fetchone()
    return ".".join(str(value or 0) for value in row)


def cache_key(name: str, query: str, scope: ReportScope, version: str) -> str:
    provinces = (
        "all" if scope.province_ids is None else ",".join(map(str, sorted(scope.province_ids)))
    )
    organisation = scope.organisation.pk if scope.organisation else 0
    text = f"{name}|{query}|{organisation}|{provinces}|{version}"
    return hashlib.sha256(text.encode()).hexdigest()


def report_job_start(*, user, name: str, scope: ReportScope, params: ReportParams, rows: int):
    """The job that gives the user this report: a job of theirs already under way is returned, a
    finished file of the same key is reused (a new job of the user's, done at once, pointing to
    the same file), else a new job is queued."""
    jobs.jobs_purge(ExportJob)
    query = normalised_query(params)
    key = cache_key(name, query, scope, data_version())
    same = ExportJob.objects.filter(kind=ExportJob.Kind.REPORT, cache_key=key)
    pending = same.filter(user=user, status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING])
    pending = pending.order_by("-created_at").first()
    if pending is not None and jobs.job_refresh(pending).status != ExportJob.Status.FAILED:
        return pending
    done = same.filter(status=ExportJob.Status.DONE).exclude(path="").order_by("-created_at")
    for found in done[:3]:
        if jobs.job_file(found).is_file():
            return found if found.user_id == user.pk else jobs.job_share(found, user=user)
    return jobs.job_create(
        job_kind=ExportJob.Kind.REPORT,
        user=user,
        kind=ExportJob.Kind.REPORT,
        name=name,
        query=query,
        fmt=params.fmt,
        cache_key=key,
        total_rows=rows,
        filename=f"{name}.{params.fmt}",
    )


def _report_run(job: ExportJob, run: jobs.JobRun) -> dict:
    """Build and render a report job into its private file. The scope is the requester's as it
    is now (a user who lost a right gets nothing more); a bad parameter fails the job."""
    params = parse_params(QueryDict(job.query))
    output = report_file(
        name=job.name,
        scope=get_report_scope_for_user(job.user),
        params=params,
        built=lambda: run.progress(job.total_rows * BUILT_PERCENT // 100),
    )
    run.file(f".{params.fmt}").write_bytes(output.content)
    return {"filename": output.filename, "done_rows": job.total_rows}


jobs.register_kind(jobs.JobKind(name=ExportJob.Kind.REPORT, model=ExportJob, run=_report_run))


def forget_reports(**kwargs) -> None:
    """Reference data changed (no history records it): no finished report is reused."""
    ExportJob.objects.filter(kind=ExportJob.Kind.REPORT).exclude(cache_key="").update(cache_key="")
