"""Review per đề án while the plan is submitted: comments, rejection with a reason, approved
amounts (never above the proposed ones, the difference shown); proposed vs approved on the plan."""

import pytest

from projects import review
from projects.models import BudgetLine, Plan, PlanEvent, Program, ProjectStatus, Source
from projects.selectors import plans_page_totals
from tests.projects.review_world import approved_plan, complete_plan, submitted_plan

pytestmark = pytest.mark.django_db


def kcdp_of(plan):
    return plan.projects.get(program=Program.KCDP)


def kcqg_of(plan):
    return plan.projects.get(program=Program.KCQG)


def post(client, user, url, data):
    client.force_login(user)
    return client.post(url, data)


# --- comments -------------------------------------------------------------------------------------


def test_reviewer_comments_and_the_comment_shows_on_dossier_and_plan(client, world):
    plan = submitted_plan(world.cantho)
    project = kcdp_of(plan)
    reviewer = world.cantho.department_reviewer
    response = post(
        client, reviewer, f"/projects/{project.pk}/comment/", {"comment": "Làm rõ số học viên."}
    )
    assert response.status_code == 302
    event = PlanEvent.objects.get(project=project, kind=PlanEvent.Kind.COMMENTED)
    assert (event.actor, event.comment) == (reviewer, "Làm rõ số học viên.")
    client.force_login(world.cantho.center_staff)
    assert "Làm rõ số học viên." in client.get(f"/projects/{project.pk}/").content.decode()
    assert "Làm rõ số học viên." in client.get(f"/plans/{plan.pk}/").content.decode()


@pytest.mark.parametrize("role", ["center_staff", "center_head"])
def test_centre_cannot_comment(client, world, role):
    project = kcdp_of(submitted_plan(world.cantho))
    response = post(
        client, getattr(world.cantho, role), f"/projects/{project.pk}/comment/", {"comment": "x"}
    )
    assert response.status_code == 403


def test_other_province_cannot_comment(client, world):
    project = kcdp_of(submitted_plan(world.cantho))
    response = post(
        client,
        world.phutho.department_reviewer,
        f"/projects/{project.pk}/comment/",
        {"comment": "x"},
    )
    assert response.status_code == 404


def test_comment_on_a_draft_plan_answers_409(client, world):
    project = kcdp_of(complete_plan(world.cantho))
    response = post(
        client,
        world.cantho.department_reviewer,
        f"/projects/{project.pk}/comment/",
        {"comment": "x"},
    )
    assert response.status_code == 409


def test_empty_comment_is_400(client, world):
    project = kcdp_of(submitted_plan(world.cantho))
    response = post(
        client,
        world.cantho.department_reviewer,
        f"/projects/{project.pk}/comment/",
        {"comment": ""},
    )
    assert response.status_code == 400


# --- rejection ------------------------------------------------------------------------------------


def test_reviewer_rejects_a_project_with_a_reason_and_it_leaves_the_totals(client, world):
    plan = submitted_plan(world.cantho)
    project = kcdp_of(plan)
    response = post(
        client,
        world.cantho.department_reviewer,
        f"/projects/{project.pk}/reject/",
        {"reason": "Trùng với đề án năm trước."},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.REJECTED
    assert project.status_reason == "Trùng với đề án năm trước."
    (totals,) = plans_page_totals([Plan.objects.get(pk=plan.pk)])
    totals = totals.money
    assert totals.kcdp == 0 and totals.kcqg == 200_000_000
    client.force_login(world.cantho.center_staff)
    page = client.get(f"/plans/{plan.pk}/")
    assert "Trùng với đề án năm trước." in page.content.decode()
    assert page.context["review"].proposed.kcdp == 0
    assert page.context["breakdown"].totals.kcdp == 0


def test_reject_needs_a_reason(client, world):
    project = kcdp_of(submitted_plan(world.cantho))
    response = post(
        client, world.cantho.department_reviewer, f"/projects/{project.pk}/reject/", {"reason": ""}
    )
    assert response.status_code == 400
    project.refresh_from_db()
    assert project.status == ProjectStatus.PROPOSED


@pytest.mark.parametrize("role", ["center_staff", "center_head"])
def test_centre_cannot_reject(client, world, role):
    project = kcdp_of(submitted_plan(world.cantho))
    response = post(
        client, getattr(world.cantho, role), f"/projects/{project.pk}/reject/", {"reason": "x"}
    )
    assert response.status_code == 403


def test_other_province_cannot_reject(client, world):
    project = kcdp_of(submitted_plan(world.cantho))
    response = post(
        client, world.phutho.department_reviewer, f"/projects/{project.pk}/reject/", {"reason": "x"}
    )
    assert response.status_code == 404


def test_a_rejected_project_stays_rejected_after_approval(world):
    plan = submitted_plan(world.cantho)
    project = kcdp_of(plan)
    review.project_reject(
        user=world.cantho.department_reviewer, project=project, reason="Không phù hợp."
    )
    review.plan_approve(
        user=world.cantho.department_reviewer,
        plan=plan,
        decision_number="1",
        decision_date=plan.created_at.date(),
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.REJECTED


# --- approved amounts -----------------------------------------------------------------------------


def test_reviewer_lowers_an_approved_amount_and_the_difference_is_shown(client, world):
    plan = submitted_plan(world.cantho)
    project = kcdp_of(plan)
    response = post(
        client,
        world.cantho.department_reviewer,
        f"/projects/{project.pk}/approved-amounts/",
        {"approved_kcdp": "80.000.000"},
    )
    assert response.status_code == 302
    line = BudgetLine.objects.get(project=project, source=Source.KCDP)
    assert (line.proposed, line.approved) == (100_000_000, 80_000_000)
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert "-20.000.000 đ" in page or "−20.000.000 đ" in page
    plan_page = client.get(f"/plans/{plan.pk}/")
    row = next(r for r in plan_page.context["review"].rows if r.project.pk == project.pk)
    assert (row.proposed.total, row.approved.total, row.difference) == (
        100_000_000,
        80_000_000,
        -20_000_000,
    )
    assert plan_page.context["review"].difference == -20_000_000


def test_approved_amount_above_the_proposed_one_is_refused(client, world):
    project = kcdp_of(submitted_plan(world.cantho))
    response = post(
        client,
        world.cantho.department_reviewer,
        f"/projects/{project.pk}/approved-amounts/",
        {"approved_kcdp": "100.000.001"},
    )
    assert response.status_code == 400
    assert BudgetLine.objects.get(project=project).approved is None


def test_approved_amounts_are_kept_at_approval(world):
    plan = submitted_plan(world.cantho)
    project = kcdp_of(plan)
    review.budget_line_set_approved(
        user=world.cantho.department_reviewer, project=project, amounts={"kcdp": 70_000_000}
    )
    review.plan_approve(
        user=world.cantho.department_reviewer,
        plan=plan,
        decision_number="1",
        decision_date=plan.created_at.date(),
    )
    assert BudgetLine.objects.get(project=project).approved == 70_000_000


@pytest.mark.parametrize("role", ["center_staff", "center_head"])
def test_centre_cannot_set_approved_amounts(client, world, role):
    project = kcdp_of(submitted_plan(world.cantho))
    response = post(
        client,
        getattr(world.cantho, role),
        f"/projects/{project.pk}/approved-amounts/",
        {"approved_kcdp": "1"},
    )
    assert response.status_code == 403


def test_other_province_cannot_set_approved_amounts(client, world):
    project = kcdp_of(submitted_plan(world.cantho))
    response = post(
        client,
        world.phutho.department_reviewer,
        f"/projects/{project.pk}/approved-amounts/",
        {"approved_kcdp": "1"},
    )
    assert response.status_code == 404


def test_approved_amounts_cannot_change_after_approval(client, world):
    project = kcdp_of(approved_plan(world.cantho))
    response = post(
        client,
        world.cantho.department_reviewer,
        f"/projects/{project.pk}/approved-amounts/",
        {"approved_kcdp": "1"},
    )
    assert response.status_code == 409
    assert BudgetLine.objects.get(project=project).approved == 100_000_000


def test_plan_page_shows_proposed_and_approved_side_by_side(client, world):
    plan = approved_plan(world.cantho)
    client.force_login(world.ministry)
    page = client.get(f"/plans/{plan.pk}/")
    assert page.status_code == 200
    table = page.content.decode()
    assert 'data-testid="proposed-approved"' in table
    assert page.context["review"].proposed.total == 600_000_000
    assert page.context["review"].approved.total == 600_000_000
