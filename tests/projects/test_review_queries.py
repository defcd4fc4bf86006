"""The review pages run the same number of queries whatever their size (measured at two sizes)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects import adjustments, review
from projects.models import AdjustmentItem, PlanEvent, Program
from projects.state import stored_states as project_states
from tests.factories import PlanFactory
from tests.projects.review_world import complete_kcdp, complete_kcqg

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 1)


def count(client, url) -> int:
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def approved_plan_of(world, year, size):
    plan = PlanFactory(province=world.cantho.province, year=year)
    for _ in range(size):
        complete_kcdp(plan)
        complete_kcqg(plan)
    review.plan_submit(user=world.cantho.center_head, plan=plan)
    for project in plan.projects.all()[:size]:
        review.project_comment(
            user=world.cantho.department_reviewer, project=project, comment="Ý kiến"
        )
    return review.plan_approve(
        user=world.cantho.department_reviewer, plan=plan, decision_number="1", decision_date=DAY
    )


def test_plan_page_under_review_is_constant(client, world):
    small, large = approved_plan_of(world, 2025, 1), approved_plan_of(world, 2026, 6)
    assert (
        PlanEvent.objects.filter(plan=large).count() > PlanEvent.objects.filter(plan=small).count()
    )
    client.force_login(world.cantho.department_reviewer)
    assert count(client, f"/plans/{small.pk}/") == count(client, f"/plans/{large.pk}/")


def test_ministry_list_is_constant(client, world):
    approved_plan_of(world, 2025, 1)
    client.force_login(world.ministry)
    small = count(client, "/ministry/projects/")
    approved_plan_of(world, 2026, 6)
    assert count(client, "/ministry/projects/") == small


def test_dashboards_with_what_waits_are_constant(client, world):
    approved_plan_of(world, 2024, 1)
    sizes = {}
    for year in (2025, 2026):
        for user in (world.ministry, world.cantho.department_reviewer, world.cantho.center_head):
            client.force_login(user)
            sizes.setdefault(user.username, []).append(count(client, "/"))
        approved_plan_of(world, year, 5)
    for username, (small, large) in sizes.items():
        assert small == large, username


def adjusted(world, year, size):
    plan = approved_plan_of(world, year, size)
    adjustment = adjustments.adjustment_open(
        user=world.cantho.center_staff, plan=plan, reason="Lý do"
    )
    for project in plan.projects.filter(program=Program.KCDP):
        state = project_states([project])[project.pk]
        state["budget"][0]["proposed"] = 90_000_000
        adjustments.adjustment_item_save(
            user=world.cantho.center_staff,
            adjustment=adjustment,
            kind=AdjustmentItem.Kind.CHANGE,
            project=project,
            state=state,
        )
    return adjustment


def test_adjustment_page_is_constant(client, world):
    small, large = adjusted(world, 2025, 1), adjusted(world, 2026, 5)
    client.force_login(world.cantho.department_reviewer)
    assert count(client, f"/adjustments/{small.pk}/") == count(client, f"/adjustments/{large.pk}/")


def test_project_dossier_with_review_is_constant(client, world):
    plan = approved_plan_of(world, 2026, 1)
    project = plan.projects.get(program=Program.KCQG)
    client.force_login(world.ministry)
    small = count(client, f"/projects/{project.pk}/")
    for _ in range(5):
        PlanEvent.objects.create(
            plan=plan, project=project, kind=PlanEvent.Kind.COMMENTED, comment="x"
        )
    assert count(client, f"/projects/{project.pk}/") == small
