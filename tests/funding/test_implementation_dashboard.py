"""The implementation figures of the dashboard and the plan page on a small hand-computed world:
Cần Thơ has one đề án of 100 triệu KCĐP, disbursed 60 + 40, accepted and settled at 90; and one
of 200 triệu KCĐP with 50 disbursed, past its end month. Phú Thọ has one of 80 triệu KCĐP,
approved long ago with no contract."""

import datetime
from decimal import Decimal

import pytest

from funding.dashboard import implementation_panel_data
from funding.implementation import late_projects, progress_total
from projects.models import Plan, Project
from tests.funding.impl_world import (
    approved_project,
    carried_out,
    contract,
    disburse,
    settle,
)

pytestmark = pytest.mark.django_db
M = 1_000_000
TODAY = datetime.date(2026, 11, 20)


@pytest.fixture
def small_world(world):
    done = carried_out(world.cantho, kcdp=100 * M, counterpart=0)
    settle(world.cantho, done, 90 * M)
    running = approved_project(world.cantho, kcdp=200 * M, counterpart=0)
    contract(world.cantho, running)
    disburse(world.cantho, running, 50 * M)
    Project.objects.filter(pk=running.pk).update(end_month=datetime.date(2026, 9, 1))
    idle = approved_project(world.phutho, kcdp=80 * M, counterpart=0)
    Plan.objects.filter(pk=idle.plan_id).update(decision_date=datetime.date(2026, 2, 20))
    return world, done, running, idle


def test_centre_sees_its_province_by_project(small_world):
    world, done, running, _idle = small_world
    data = implementation_panel_data(world.cantho.center_staff, 2026, today=TODAY)
    assert data.total.approved.kcdp == 300 * M
    assert data.total.disbursed.kcdp == 150 * M
    assert data.total.accepted.kcdp == 100 * M
    assert data.total.settled == 90 * M
    assert data.total.execution == Decimal(50)
    rows = {row.pk: row.progress for row in data.rows}
    assert set(rows) == {done.pk, running.pk}
    assert rows[done.pk].execution == Decimal(100)
    assert rows[running.pk].execution == Decimal(25)
    assert [p["pk"] for p in data.late.past_end] == [running.pk]
    assert data.late.no_contract_count == 0


def test_reviewer_sees_the_same_for_the_province(small_world):
    world, *_ = small_world
    data = implementation_panel_data(world.cantho.department_reviewer, 2026, today=TODAY)
    assert data.total.disbursed.kcdp == 150 * M and len(data.rows) == 2


def test_ministry_sees_every_province_aggregated(small_world):
    world, _done, _running, idle = small_world
    data = implementation_panel_data(world.ministry, 2026, today=TODAY)
    assert data.by_province
    by_label = {row.label: row.progress for row in data.rows}
    assert by_label["Cần Thơ"].approved.kcdp == 300 * M
    assert by_label["Phú Thọ"].approved.kcdp == 80 * M
    assert by_label["Phú Thọ"].execution == Decimal(0)
    assert data.total.approved.kcdp == 380 * M
    assert [p["pk"] for p in data.late.no_contract] == [idle.pk]


def test_no_contract_counts_from_sixty_days_after_approval(small_world):
    world, _done, _running, idle = small_world
    projects = Project.objects.filter(pk=idle.pk)
    assert late_projects(projects, today=datetime.date(2026, 4, 20)).no_contract_count == 0
    assert late_projects(projects, today=datetime.date(2026, 4, 21)).no_contract_count == 1
    assert progress_total(projects).execution == Decimal(0)


def test_dashboard_and_plan_page_show_the_panel(client, small_world):
    world, done, running, _idle = small_world
    client.force_login(world.cantho.center_head)
    text = client.get("/").content.decode()
    assert 'data-testid="implementation-panel"' in text
    assert "150.000.000" in text
    text = client.get(f"/plans/{running.plan_id}/").content.decode()
    assert 'data-testid="plan-implementation"' in text


def _grow(world, n):
    for _ in range(n):
        project = approved_project(world.cantho, kcdp=10 * M, counterpart=0)
        contract(world.cantho, project)
        disburse(world.cantho, project, 5 * M)


@pytest.mark.parametrize("role", ["center_staff", "department_reviewer", "ministry"])
@pytest.mark.parametrize("size", [1, 5])
def test_the_dashboard_panel_runs_a_constant_number_of_queries(
    client, world, django_assert_num_queries, role, size
):
    _grow(world, size)
    user = world.ministry if role == "ministry" else getattr(world.cantho, role)
    client.force_login(user)
    client.get("/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get("/")
    _grow(world, 3)
    with django_assert_num_queries(len(first.captured_queries)):
        assert client.get("/").status_code == 200


def test_the_panel_runs_the_same_queries_below_and_above_its_row_limit(
    client, world, django_assert_num_queries, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from funding import dashboard

    monkeypatch.setattr(dashboard, "ROWS_SHOWN", 2)
    _grow(world, 1)
    client.force_login(world.cantho.center_staff)
    client.get("/")
    with CaptureQueriesContext(connection) as below:
        client.get("/")
    _grow(world, 4)  # now more carried đề án than the panel lists
    with django_assert_num_queries(len(below.captured_queries)):
        assert client.get("/").status_code == 200
