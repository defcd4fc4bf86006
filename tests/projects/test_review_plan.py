"""The Sở's review of a year's plan through its stable endpoints: submit, return, approve; each
for the role allowed, the wrong roles (403) and another province (404); the lock after approval."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from khuyencong.models import PlanApprover
from projects.models import BudgetLine, PlanEvent, PlanStatus, ProjectStatus, ProjectVersion
from tests.factories import PlanFactory
from tests.projects.review_world import (
    approved_plan,
    complete_plan,
    set_status,
    submitted_plan,
)

pytestmark = pytest.mark.django_db

DECISION = {"decision_number": "45/QĐ-UBND", "decision_date": "20/02/2026"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {})


# --- submit ---------------------------------------------------------------------------------------


def test_centre_head_submits_a_complete_plan(client, world):
    plan = complete_plan(world.cantho)
    response = post(client, world.cantho.center_head, f"/plans/{plan.pk}/submit/")
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert plan.submitted_by == world.cantho.center_head
    assert PlanEvent.objects.get(plan=plan).kind == PlanEvent.Kind.SUBMITTED


@pytest.mark.parametrize("role", ["center_staff", "department_reviewer"])
def test_others_in_the_province_cannot_submit(client, world, role):
    plan = complete_plan(world.cantho)
    response = post(client, getattr(world.cantho, role), f"/plans/{plan.pk}/submit/")
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_ministry_cannot_submit(client, world):
    plan = complete_plan(world.cantho)
    assert post(client, world.ministry, f"/plans/{plan.pk}/submit/").status_code == 403


def test_other_province_gets_404_on_submit(client, world):
    plan = complete_plan(world.cantho)
    assert post(client, world.phutho.center_head, f"/plans/{plan.pk}/submit/").status_code == 404


def test_submitting_twice_answers_409(client, world):
    plan = submitted_plan(world.cantho)
    response = post(client, world.cantho.center_head, f"/plans/{plan.pk}/submit/")
    assert response.status_code == 409
    assert "Chỉ kế hoạch" in response.content.decode() or response.context["refused"]


def test_get_is_not_allowed_on_actions(client, world):
    plan = complete_plan(world.cantho)
    client.force_login(world.cantho.center_head)
    assert client.get(f"/plans/{plan.pk}/submit/").status_code == 405


def test_a_returned_plan_can_be_submitted_again(client, world):
    plan = set_status(complete_plan(world.cantho), PlanStatus.RETURNED)
    assert post(client, world.cantho.center_head, f"/plans/{plan.pk}/submit/").status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


# --- return ---------------------------------------------------------------------------------------


def test_reviewer_returns_with_a_comment(client, world):
    plan = submitted_plan(world.cantho)
    response = post(
        client,
        world.cantho.department_reviewer,
        f"/plans/{plan.pk}/return/",
        {"comment": "Bổ sung thuyết minh đề án đào tạo."},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED
    event = PlanEvent.objects.get(plan=plan, kind=PlanEvent.Kind.RETURNED)
    assert event.comment == "Bổ sung thuyết minh đề án đào tạo."
    assert event.actor == world.cantho.department_reviewer


def test_return_without_a_comment_is_400_and_changes_nothing(client, world):
    plan = submitted_plan(world.cantho)
    response = post(
        client, world.cantho.department_reviewer, f"/plans/{plan.pk}/return/", {"comment": "  "}
    )
    assert response.status_code == 400
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


@pytest.mark.parametrize("role", ["center_staff", "center_head"])
def test_centre_cannot_return(client, world, role):
    plan = submitted_plan(world.cantho)
    response = post(
        client, getattr(world.cantho, role), f"/plans/{plan.pk}/return/", {"comment": "x"}
    )
    assert response.status_code == 403


def test_ministry_cannot_return(client, world):
    plan = submitted_plan(world.cantho)
    response = post(client, world.ministry, f"/plans/{plan.pk}/return/", {"comment": "x"})
    assert response.status_code == 403


def test_other_province_reviewer_gets_404_on_return(client, world):
    plan = submitted_plan(world.cantho)
    response = post(
        client, world.phutho.department_reviewer, f"/plans/{plan.pk}/return/", {"comment": "x"}
    )
    assert response.status_code == 404


def test_returning_a_draft_answers_409(client, world):
    plan = complete_plan(world.cantho)
    response = post(
        client, world.cantho.department_reviewer, f"/plans/{plan.pk}/return/", {"comment": "x"}
    )
    assert response.status_code == 409


# --- approve --------------------------------------------------------------------------------------


def test_reviewer_approves_with_a_decision(client, world):
    plan = submitted_plan(world.cantho)
    response = post(
        client, world.cantho.department_reviewer, f"/plans/{plan.pk}/approve/", DECISION
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert (plan.decision_number, plan.decision_date) == ("45/QĐ-UBND", datetime.date(2026, 2, 20))
    assert plan.approving_authority == PlanApprover.PEOPLES_COMMITTEE
    statuses = dict(plan.projects.values_list("program", "status"))
    assert statuses == {"kcdp": ProjectStatus.APPROVED, "kcqg": ProjectStatus.AWAITING_MINISTRY}
    # Every line without an approved amount is approved at its proposed one.
    assert not BudgetLine.objects.filter(project__plan=plan, approved__isnull=True).exists()
    assert ProjectVersion.objects.filter(project__plan=plan, plan_version=1).count() == 1


def test_approval_stores_the_decision_file_privately_and_serves_it_to_the_province(
    client, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    plan = submitted_plan(world.cantho)
    upload = SimpleUploadedFile("qd.pdf", PDF, content_type="application/pdf")
    response = post(
        client,
        world.cantho.department_reviewer,
        f"/plans/{plan.pk}/approve/",
        {**DECISION, "decision_file": upload},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.decision_file.name.startswith("decisions/")
    assert (tmp_path / plan.decision_file.name).read_bytes() == PDF
    client.force_login(world.cantho.center_staff)
    download = client.get(f"/plans/{plan.pk}/decision/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    client.force_login(world.phutho.center_staff)
    assert client.get(f"/plans/{plan.pk}/decision/").status_code == 404


def test_a_decision_file_that_is_not_a_document_is_refused(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    plan = submitted_plan(world.cantho)
    fake = SimpleUploadedFile("qd.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = post(
        client,
        world.cantho.department_reviewer,
        f"/plans/{plan.pk}/approve/",
        {**DECISION, "decision_file": fake},
    )
    assert response.status_code == 400
    assert "PDF, DOCX, JPEG" in response.content.decode() or "PDF" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


@pytest.mark.parametrize("date", ["2026-02-20", "31/02/2026", ""])
def test_approve_needs_a_dd_mm_yyyy_date(client, world, date):
    plan = submitted_plan(world.cantho)
    response = post(
        client,
        world.cantho.department_reviewer,
        f"/plans/{plan.pk}/approve/",
        {"decision_number": "1/QĐ", "decision_date": date},
    )
    assert response.status_code == 400
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_approve_needs_a_decision_number(client, world):
    plan = submitted_plan(world.cantho)
    response = post(
        client,
        world.cantho.department_reviewer,
        f"/plans/{plan.pk}/approve/",
        {"decision_number": "", "decision_date": "20/02/2026"},
    )
    assert response.status_code == 400


@pytest.mark.parametrize("role", ["center_staff", "center_head"])
def test_centre_cannot_approve(client, world, role):
    plan = submitted_plan(world.cantho)
    assert (
        post(
            client, getattr(world.cantho, role), f"/plans/{plan.pk}/approve/", DECISION
        ).status_code
        == 403
    )


def test_ministry_cannot_approve_the_plan(client, world):
    plan = submitted_plan(world.cantho)
    assert post(client, world.ministry, f"/plans/{plan.pk}/approve/", DECISION).status_code == 403


def test_other_province_reviewer_gets_404_on_approve(client, world):
    plan = submitted_plan(world.cantho)
    response = post(
        client, world.phutho.department_reviewer, f"/plans/{plan.pk}/approve/", DECISION
    )
    assert response.status_code == 404


def test_approving_an_approved_plan_answers_409(client, world):
    plan = approved_plan(world.cantho)
    response = post(
        client, world.cantho.department_reviewer, f"/plans/{plan.pk}/approve/", DECISION
    )
    assert response.status_code == 409
    assert response.context["refused"]


def test_the_approving_authority_is_the_province_setting_and_is_printed(client, world):
    world.cantho.province.local_plan_approver = PlanApprover.DEPARTMENT
    world.cantho.province.save()
    plan = approved_plan(world.cantho)
    assert plan.approving_authority == PlanApprover.DEPARTMENT
    client.force_login(world.cantho.center_staff)
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Sở Công Thương thành phố Cần Thơ" in page
    event = PlanEvent.objects.get(plan=plan, kind=PlanEvent.Kind.APPROVED)
    assert event.authority == "Sở Công Thương thành phố Cần Thơ"


def test_default_authority_is_the_peoples_committee(world):
    plan = approved_plan(world.phutho)
    event = PlanEvent.objects.get(plan=plan, kind=PlanEvent.Kind.APPROVED)
    assert event.authority == "Ủy ban nhân dân tỉnh Phú Thọ"


# --- the lock -------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [submitted_plan, approved_plan])
def test_a_plan_under_review_or_approved_cannot_be_edited(client, world, make):
    plan = make(world.cantho)
    project = plan.projects.first()
    client.force_login(world.cantho.center_staff)
    for url in (f"/projects/{project.pk}/edit/", f"/projects/new/?plan={plan.pk}"):
        response = client.get(url)
        assert response.status_code == 403
        assert "chỉ được sửa khi" in response.content.decode()
    assert client.post(f"/projects/{project.pk}/edit/", {}).status_code == 403


def test_edit_controls_disappear_after_approval(client, world):
    plan = approved_plan(world.cantho)
    project = plan.projects.first()
    client.force_login(world.cantho.center_head)
    plan_page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert 'data-testid="add-project"' not in plan_page
    assert 'data-testid="submit-plan"' not in plan_page
    project_page = client.get(f"/projects/{project.pk}/").content.decode()
    assert 'data-testid="edit-project"' not in project_page


def test_draft_shows_submit_to_the_head_only(client, world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    client.force_login(world.cantho.center_head)
    assert 'data-testid="submit-plan"' in client.get(f"/plans/{plan.pk}/").content.decode()
    client.force_login(world.cantho.center_staff)
    assert 'data-testid="submit-plan"' not in client.get(f"/plans/{plan.pk}/").content.decode()


def test_reviewer_sees_approve_and_return_only_while_submitted(client, world):
    plan = complete_plan(world.cantho)
    client.force_login(world.cantho.department_reviewer)
    assert 'data-testid="approve-form"' not in client.get(f"/plans/{plan.pk}/").content.decode()
    submitted_plan(world.cantho)
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert 'data-testid="approve-form"' in page and 'data-testid="return-form"' in page
