"""KCQG đề án wait for the ministry after the Sở's approval; the ministry approves (its decision,
approved amounts ≤ proposed) or rejects each one, from a page listing them across provinces."""

import datetime

import pytest

from projects.models import BudgetLine, PlanEvent, Program, ProjectStatus, ProjectVersion, Source
from tests.factories import content
from tests.projects.review_world import approved_plan, submitted_plan

pytestmark = pytest.mark.django_db

DECISION = {"decision_number": "1234/QĐ-BCT", "decision_date": "01/03/2026"}


def kcqg_of(plan):
    return plan.projects.get(program=Program.KCQG)


def post(client, user, url, data):
    client.force_login(user)
    return client.post(url, data)


def test_ministry_lists_kcqg_projects_awaiting_it_across_provinces(client, world):
    a = kcqg_of(approved_plan(world.cantho))
    b = kcqg_of(approved_plan(world.phutho))
    kcqg_of(submitted_plan(world.cantho, year=2027))  # not yet approved by its Sở
    client.force_login(world.ministry)
    response = client.get("/ministry/projects/")
    assert response.status_code == 200
    assert {p.pk for p in response.context["projects"]} == {a.pk, b.pk}
    filtered = client.get(f"/ministry/projects/?province={world.phutho.province.pk}")
    assert [p.pk for p in filtered.context["projects"]] == [b.pk]
    by_content = client.get(f"/ministry/projects/?content={content('3').pk}")
    assert {p.pk for p in by_content.context["projects"]} == {a.pk, b.pk}
    none = client.get(f"/ministry/projects/?content={content('1').pk}")
    assert list(none.context["projects"]) == []


@pytest.mark.parametrize("role", ["center_staff", "center_head", "department_reviewer"])
def test_only_the_ministry_opens_its_list(client, world, role):
    client.force_login(getattr(world.cantho, role))
    assert client.get("/ministry/projects/").status_code == 403


def test_ministry_approves_with_its_decision_and_approved_amounts(client, world):
    project = kcqg_of(approved_plan(world.cantho))
    response = post(
        client,
        world.ministry,
        f"/projects/{project.pk}/ministry-approve/",
        {**DECISION, "approved_kcqg": "150.000.000", "approved_counterpart": "300.000.000"},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPROVED
    assert project.ministry_decision_number == "1234/QĐ-BCT"
    assert project.ministry_decision_date == datetime.date(2026, 3, 1)
    assert BudgetLine.objects.get(project=project, source=Source.KCQG).approved == 150_000_000
    assert ProjectVersion.objects.filter(project=project).count() == 1
    assert PlanEvent.objects.filter(project=project, kind=PlanEvent.Kind.MINISTRY_APPROVED).exists()


def test_ministry_cannot_approve_above_the_proposed_amount(client, world):
    project = kcqg_of(approved_plan(world.cantho))
    response = post(
        client,
        world.ministry,
        f"/projects/{project.pk}/ministry-approve/",
        {**DECISION, "approved_kcqg": "250.000.000", "approved_counterpart": "300.000.000"},
    )
    assert response.status_code == 400
    project.refresh_from_db()
    assert project.status == ProjectStatus.AWAITING_MINISTRY


def test_ministry_rejects_with_a_reason(client, world):
    plan = approved_plan(world.cantho)
    project = kcqg_of(plan)
    response = post(
        client,
        world.ministry,
        f"/projects/{project.pk}/ministry-reject/",
        {"reason": "Vượt định mức."},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.status, project.status_reason) == (ProjectStatus.REJECTED, "Vượt định mức.")


@pytest.mark.parametrize("role", ["center_staff", "center_head", "department_reviewer"])
def test_province_users_cannot_decide_for_the_ministry(client, world, role):
    project = kcqg_of(approved_plan(world.cantho))
    user = getattr(world.cantho, role)
    data = {**DECISION, "approved_kcqg": "1", "approved_counterpart": "1"}
    assert post(client, user, f"/projects/{project.pk}/ministry-approve/", data).status_code == 403
    assert (
        post(client, user, f"/projects/{project.pk}/ministry-reject/", {"reason": "x"}).status_code
        == 403
    )


def test_deciding_twice_answers_409(client, world):
    project = kcqg_of(approved_plan(world.cantho))
    data = {**DECISION, "approved_kcqg": "200.000.000", "approved_counterpart": "300.000.000"}
    assert (
        post(client, world.ministry, f"/projects/{project.pk}/ministry-approve/", data).status_code
        == 302
    )
    assert (
        post(client, world.ministry, f"/projects/{project.pk}/ministry-approve/", data).status_code
        == 409
    )
    assert (
        post(
            client, world.ministry, f"/projects/{project.pk}/ministry-reject/", {"reason": "x"}
        ).status_code
        == 409
    )


def test_ministry_sees_the_decision_form_only_on_awaiting_projects(client, world):
    plan = approved_plan(world.cantho)
    client.force_login(world.ministry)
    awaiting = client.get(f"/projects/{kcqg_of(plan).pk}/").content.decode()
    assert 'data-testid="ministry-approve-form"' in awaiting
    local = client.get(f"/projects/{plan.projects.get(program=Program.KCDP).pk}/").content.decode()
    assert 'data-testid="ministry-approve-form"' not in local
