"""Submit checks completeness and says exactly what is missing, per đề án, with links; nothing is
submitted while one problem remains."""

import pytest

from projects import review
from projects.models import PlanStatus, Program, ProjectStatus
from tests.factories import (
    PlanFactory,
    ProjectFactory,
    add_budget,
    add_output,
    add_participant,
    content,
)
from tests.projects.review_world import complete_kcdp, complete_kcqg

pytestmark = pytest.mark.django_db


def submit(client, world, plan):
    client.force_login(world.cantho.center_head)
    return client.post(f"/plans/{plan.pk}/submit/")


def missing_of(response, project):
    gaps = {gap.project.pk: gap.missing for gap in response.context["incomplete"].projects}
    return " ".join(gaps.get(project.pk, []))


def test_submit_refuses_a_plan_without_projects(client, world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    response = submit(client, world, plan)
    assert response.status_code == 400
    assert response.context["incomplete"].plan_missing == ["Kế hoạch chưa có đề án nào."]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_submit_lists_a_missing_programme_budget_line_with_a_link(client, world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    complete_kcdp(plan)
    broken = ProjectFactory(plan=plan, program=Program.KCDP, content=content("1"))
    add_budget(broken, counterpart=50_000_000)
    add_output(broken)
    response = submit(client, world, plan)
    assert response.status_code == 400
    assert "KCĐP" in missing_of(response, broken)
    assert f'href="/projects/{broken.pk}/"' in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_submit_lists_a_content_that_needs_establishments_with_none(client, world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    project = ProjectFactory(plan=plan, program=Program.KCDP, content=content("3.2"))
    add_budget(project, kcdp=100_000_000, counterpart=150_000_000)
    add_output(project)
    response = submit(client, world, plan)
    assert response.status_code == 400
    assert "3.2" in missing_of(response, project)


def test_submit_lists_a_project_without_planned_output(client, world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    project = ProjectFactory(plan=plan, program=Program.KCDP, content=content("1"))
    add_budget(project, kcdp=100_000_000)
    response = submit(client, world, plan)
    assert response.status_code == 400
    assert "đầu ra" in missing_of(response, project)


def test_submit_lists_establishment_sums_that_differ_from_the_budget_lines(client, world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    project = complete_kcqg(plan)
    project.participations.update(support_amount=150_000_000)
    response = submit(client, world, plan)
    assert response.status_code == 400
    assert "chênh" in missing_of(response, project)


def test_submit_lists_a_project_over_the_support_cap(client, world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    # KCQG machinery: at most 50 % of the cost and 300 triệu per establishment.
    project = ProjectFactory(plan=plan, program=Program.KCQG, content=content("3.2"))
    add_budget(project, kcqg=400_000_000, counterpart=100_000_000)
    add_participant(project, support=400_000_000, counterpart=100_000_000)
    add_output(project)
    response = submit(client, world, plan)
    assert response.status_code == 400
    assert "trần" in missing_of(response, project) or "%" in missing_of(response, project)


def test_every_gap_of_every_project_is_listed_at_once(world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    a = ProjectFactory(plan=plan, program=Program.KCDP, content=content("1"))
    b = ProjectFactory(plan=plan, program=Program.KCQG, content=content("3.2"))
    plan_missing, gaps = review.plan_completeness(plan)
    assert plan_missing == []
    by_project = {gap.project.pk: gap.missing for gap in gaps}
    assert len(by_project[a.pk]) == 2  # no KCĐP line, no output
    assert len(by_project[b.pk]) == 3  # no KCQG line, no establishment, no output


def test_a_rejected_project_is_not_checked(world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    complete_kcdp(plan)
    ProjectFactory(
        plan=plan, program=Program.KCDP, content=content("1"), status=ProjectStatus.REJECTED
    )
    assert review.plan_completeness(plan) == ([], [])


def test_fixing_what_was_listed_lets_the_plan_go(client, world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    project = ProjectFactory(plan=plan, program=Program.KCDP, content=content("1"))
    add_budget(project, kcdp=100_000_000)
    assert submit(client, world, plan).status_code == 400
    add_output(project)
    assert submit(client, world, plan).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
