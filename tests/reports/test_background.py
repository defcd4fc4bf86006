"""Reports too large for a request: written by a background task (queued, progress, done,
download), reused while the data has not changed, invalidated by a change, and seen only by the
user who asked, with their scope applied by the task."""

import pytest
from django.urls import reverse

from funding.models import Source
from khuyencong import jobs
from khuyencong.models import ExportJob, Membership, Role
from projects.models import Activity, Program, Project
from projects.services import BudgetLineData, project_save
from reports import background
from tests.factories import PlanFactory, UserFactory, content
from tests.reports.reading import pdf_text

pytestmark = pytest.mark.django_db

ANNEX = {"year": 2024, "format": "pdf"}


@pytest.fixture
def small_limits(monkeypatch, settings, tmp_path):
    """Every sized report goes to the background (the test world has a handful of rows)."""
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(background, "INLINE_ROWS", {"html": 1, "pdf": 1, "xlsx": 1})


def ask(client, name="project_list", **params):
    return client.get(reverse("reports:report", args=[name]), params or ANNEX)


def test_a_big_report_is_queued_then_written_then_downloaded(
    client, report_world, small_limits, django_capture_on_commit_callbacks
):
    client.force_login(report_world.base.ministry)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = ask(client)

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("export_job", args=[job.pk])
    assert (job.kind, job.status, job.name, job.fmt) == ("report", "queued", "project_list", "pdf")
    assert job.total_rows == 5  # 4 đề án counted (one rejected left out) + 1 establishment
    page = client.get(response["Location"]).content.decode()
    assert "Đang tạo báo cáo: 0%" in page
    assert 'http-equiv="refresh"' in page
    assert client.get(reverse("export_download", args=[job.pk])).status_code == 404

    for callback in callbacks:  # the worker picks the job up
        callback()

    job.refresh_from_db()
    assert job.status == "done" and job.percent == 100
    page = client.get(response["Location"]).content.decode()
    assert "Báo cáo đã sẵn sàng" in page and 'http-equiv="refresh"' not in page
    download = client.get(reverse("export_download", args=[job.pk]))
    assert download.status_code == 200
    assert job.filename.endswith(".pdf")
    text = pdf_text(b"".join(download.streaming_content))
    assert "Công ty TNHH Hành tím Vĩnh Châu" in text
    assert "BÁO CÁO DỰ ÁN KHUYẾN CÔNG" in text and "Cả nước" in text


def test_a_running_report_shows_its_progress(client, world):
    job = ExportJob.objects.create(
        user=world.ministry,
        kind=ExportJob.Kind.REPORT,
        name="project_list",
        fmt="pdf",
        status=ExportJob.Status.RUNNING,
        total_rows=3000,
        done_rows=1200,
        filename="project_list.pdf",
    )
    client.force_login(world.ministry)
    page = client.get(reverse("export_job", args=[job.pk])).content.decode()
    assert "Đang tạo báo cáo: 40%" in page
    assert client.get(reverse("export_job", args=[job.pk]), {"format": "json"}).json() == {
        "status": "running",
        "percent": 40,
        "done": 1200,
        "total": 3000,
    }


def test_the_same_report_is_reused_while_the_data_has_not_changed(
    client, report_world, small_limits, django_capture_on_commit_callbacks
):
    client.force_login(report_world.base.ministry)
    with django_capture_on_commit_callbacks(execute=True):
        first = ask(client)
    job = ExportJob.objects.get()

    # The same report asked again, with its defaults written out: nothing is rendered again.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = ask(client, year=2024, format="pdf", grouping="current", period="year")
    assert callbacks == []
    assert again["Location"] == first["Location"]
    assert ExportJob.objects.count() == 1

    # Another reader of the ministry gets the same file under a job of their own.
    colleague = UserFactory(username="ministry-2")
    Membership.objects.create(
        user=colleague, organisation=report_world.base.ministry_org, role=Role.MINISTRY
    )
    client.force_login(colleague)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        theirs = ask(client)
    assert callbacks == []
    other = ExportJob.objects.get(user=colleague)
    assert theirs["Location"] == reverse("export_job", args=[other.pk])
    assert other.status == "done" and other.path == job.path
    assert client.get(reverse("export_download", args=[other.pk])).status_code == 200


def test_a_change_to_a_project_through_the_service_invalidates_the_file(
    client, report_world, small_limits, django_capture_on_commit_callbacks
):
    client.force_login(report_world.base.ministry)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client)
    draft = PlanFactory(province=report_world.base.cantho.province, year=2026)
    project_save(
        user=report_world.base.cantho.center_staff,
        project=Project(
            plan=draft,
            title="Đề án mới",
            program=Program.KCDP,
            content=content("1"),
            implementing_organisation=report_world.base.cantho.centre,
        ),
        budget_lines=[BudgetLineData(Source.KCDP, 50_000_000)],
        participations=[],
        outputs=[],
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ask(client)

    assert len(callbacks) == 1
    assert ExportJob.objects.filter(status="done").count() == 2
    assert len(set(ExportJob.objects.values_list("cache_key", flat=True))) == 2


def test_a_change_to_reference_data_forgets_every_finished_report(
    client, report_world, small_limits, django_capture_on_commit_callbacks
):
    client.force_login(report_world.base.ministry)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client)
    line = Activity.objects.get(code="13")
    line.label += " (sửa)"
    line.save()
    assert ExportJob.objects.get().cache_key == ""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ask(client)
    assert len(callbacks) == 1


def test_small_reports_stay_in_the_request(client, report_world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(report_world.base.ministry)
    response = ask(client, year=2024, format="html")
    assert response.status_code == 200
    assert not ExportJob.objects.exists()


def test_only_the_requester_sees_the_report_job(
    client, report_world, small_limits, django_capture_on_commit_callbacks
):
    client.force_login(report_world.base.cantho.center_staff)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, year=2024, province="94", format="pdf")
    job = ExportJob.objects.get()
    for other in (
        report_world.base.cantho.center_head,
        report_world.base.phutho.center_staff,
        report_world.base.ministry,
    ):
        client.force_login(other)
        assert client.get(reverse("export_job", args=[job.pk])).status_code == 404
        assert client.get(reverse("export_download", args=[job.pk])).status_code == 404


def test_the_task_applies_the_requesters_scope_again(report_world, small_limits):
    """A job whose parameters name a province the user may not see (or no longer sees) fails:
    the task never writes a report outside the user's scope."""
    job = ExportJob.objects.create(
        user=report_world.base.phutho.center_staff,
        kind=ExportJob.Kind.REPORT,
        name="project_list",
        query="year=2024&province=94&format=pdf",
        fmt="pdf",
    )
    jobs.job_execute(ExportJob.Kind.REPORT, job.pk, job.attempt)
    job.refresh_from_db()
    assert job.status == "failed" and job.path == ""


def test_the_scope_is_part_of_the_key(report_world):
    from reports.params import parse_params
    from reports.selectors import get_report_scope_for_user

    params = parse_params({"year": "2024", "format": "pdf"})
    query = background.normalised_query(params)
    version = background.data_version()
    keys = {
        background.cache_key("project_list", query, get_report_scope_for_user(user), version)
        for user in (
            report_world.base.ministry,
            report_world.base.cantho.center_staff,
            report_world.base.phutho.center_staff,
        )
    }
    assert len(keys) == 3


def test_the_data_version_moves_with_any_recorded_change(report_world):
    before = background.data_version()
    report_world.st2.title = "Đào tạo nghề (sửa)"
    report_world.st2.save()
    assert background.data_version() != before
