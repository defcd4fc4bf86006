"""List exports: streamed CSV, write-only XLSX, the background path for big lists, and stored
values that would break a spreadsheet."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from khuyencong import exports, jobs
from khuyencong.models import ExportJob
from tests.factories import BeneficiaryFactory, PlanFactory, ProjectFactory, add_budget

pytestmark = pytest.mark.django_db

BENEFICIARIES = reverse("beneficiaries:list")
PROJECTS = reverse("projects:list")


def _xlsx(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def test_csv_export_streams(client, world):
    BeneficiaryFactory(name="Cơ sở A")
    client.force_login(world.cantho.center_staff)

    response = client.get(BENEFICIARIES, {"format": "csv"})

    assert isinstance(response, StreamingHttpResponse)
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][0] == "Cơ sở A"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_stored_control_character_never_breaks_an_export(client, world, fmt):
    # A Word line break (\x0b) pasted into a representative's name once made every xlsx
    # export that included the row answer 500.
    BeneficiaryFactory(name="Cơ sở\x0bdệt", representative="Nguyễn\x0bVăn A\x1f")
    client.force_login(world.ministry)

    response = client.get(BENEFICIARIES, {"format": fmt})

    assert response.status_code == 200
    if fmt == "xlsx":
        sheet = _xlsx(response.content)
        assert sheet.cell(row=2, column=1).value == "Cơ sở dệt"
        assert sheet.cell(row=2, column=4).value == "Nguyễn Văn A "
    else:
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        assert "\x0b" not in text and "\x1f" not in text


def test_xlsx_money_cells_are_numbers_with_a_number_format_and_the_header_is_frozen(client, world):
    project = ProjectFactory(plan=PlanFactory(province=world.cantho.province, year=2026))
    add_budget(project, kcdp=120_000_000, counterpart=10_000_000)
    client.force_login(world.cantho.center_staff)

    response = client.get(PROJECTS, {"format": "xlsx"})

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet.freeze_panes == "A2"
    kcdp = sheet.cell(row=2, column=8)
    assert kcdp.value == 120_000_000
    assert kcdp.number_format == "#,##0"
    assert sheet.cell(row=2, column=11).value == 130_000_000
    assert sheet.column_dimensions["B"].width == 60


@pytest.fixture
def small_inline_limit(monkeypatch):
    monkeypatch.setattr(exports, "INLINE_LIMIT", 3)


def test_a_big_xlsx_export_runs_in_the_background_and_offers_the_file(
    client, world, small_inline_limit, django_capture_on_commit_callbacks
):
    for index in range(5):
        BeneficiaryFactory(name=f"Cơ sở {index}")
    client.force_login(world.cantho.center_staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(BENEFICIARIES, {"format": "xlsx", "sort": "name"})

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("export_job", args=[job.pk])
    page = client.get(response["Location"])
    assert job.total_rows == 5
    assert "Tải về" in page.content.decode() or "Download" in page.content.decode()
    assert client.get(response["Location"], {"format": "json"}).json()["status"] == "done"

    download = client.get(reverse("export_download", args=[job.pk]))

    assert download.status_code == 200
    assert 'filename="co-so-cnnt-' in download["Content-Disposition"]
    sheet = _xlsx(b"".join(download.streaming_content))
    assert [sheet.cell(row=r, column=1).value for r in range(2, 7)] == [
        f"Cơ sở {index}" for index in range(5)
    ]


def test_a_queued_export_shows_its_progress_and_refreshes(client, world):
    job = ExportJob.objects.create(
        user=world.cantho.center_staff,
        name="beneficiaries",
        fmt="xlsx",
        total_rows=10_000,
        done_rows=4_000,
        status=ExportJob.Status.RUNNING,
        filename="x.xlsx",
    )
    client.force_login(world.cantho.center_staff)

    page = client.get(reverse("export_job", args=[job.pk])).content.decode()

    assert 'http-equiv="refresh"' in page
    assert "4.000" in page and "10.000" in page
    assert client.get(reverse("export_download", args=[job.pk])).status_code == 404


def test_someone_elses_export_is_404(
    client, world, small_inline_limit, django_capture_on_commit_callbacks
):
    for index in range(5):
        BeneficiaryFactory(name=f"Cơ sở {index}")
    client.force_login(world.cantho.center_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(BENEFICIARIES, {"format": "xlsx"})
    job = ExportJob.objects.get()

    for other in (world.cantho.center_head, world.ministry, world.phutho.center_staff):
        client.force_login(other)
        assert client.get(reverse("export_job", args=[job.pk])).status_code == 404
        assert client.get(reverse("export_download", args=[job.pk])).status_code == 404


def test_the_background_export_applies_the_users_scope(
    client, world, small_inline_limit, django_capture_on_commit_callbacks
):
    for index in range(4):
        BeneficiaryFactory(name=f"Cần Thơ {index}")
        BeneficiaryFactory(name=f"Phú Thọ {index}", province=world.phutho.province)
    client.force_login(world.phutho.center_staff)

    with django_capture_on_commit_callbacks(execute=True):
        client.get(BENEFICIARIES, {"format": "xlsx"})

    job = ExportJob.objects.get()
    sheet = _xlsx(b"".join(client.get(reverse("export_download", args=[job.pk])).streaming_content))
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == [f"Phú Thọ {index}" for index in range(4)]


def test_exports_older_than_a_day_are_removed_with_their_file(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    jobs.job_dir(ExportJob).mkdir(parents=True)
    (jobs.job_dir(ExportJob) / "old.xlsx").write_bytes(b"x")
    old = ExportJob.objects.create(
        user=world.ministry,
        name="projects",
        fmt="xlsx",
        path="old.xlsx",
        status=ExportJob.Status.DONE,
    )
    ExportJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    fresh = ExportJob.objects.create(user=world.ministry, name="projects", fmt="xlsx")

    assert jobs.jobs_purge(ExportJob) == 1

    assert list(ExportJob.objects.all()) == [fresh]
    assert not (jobs.job_dir(ExportJob) / "old.xlsx").exists()


def test_a_failing_export_is_recorded_not_raised(world):
    job = ExportJob.objects.create(user=world.ministry, name="no-such-list", fmt="xlsx")

    jobs.job_execute(ExportJob.Kind.LIST, job.pk, job.attempt)

    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert job.finished_at is not None


def test_export_files_are_not_served_under_any_public_url(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    jobs.job_dir(ExportJob).mkdir(parents=True)
    (jobs.job_dir(ExportJob) / "secret.xlsx").write_bytes(b"PK")
    client.force_login(world.cantho.center_staff)

    for url in (
        f"{settings.MEDIA_URL}exports/secret.xlsx",
        "/media/exports/secret.xlsx",
        "/static/exports/secret.xlsx",
    ):
        assert client.get(url).status_code == 404
