"""Every report page runs the same number of queries whatever the number of đề án."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PlanFactory
from tests.reports.conftest import grow

pytestmark = pytest.mark.django_db

PAGES = [
    ("consolidated", {"year": 2024}),
    ("consolidated", {"year": 2024, "grouping": "historical"}),
    ("implementation", {"year": 2024, "province": "94"}),
    ("series", {"from": 2022, "to": 2024}),
    ("effectiveness", {"year": 2024}),
    ("results", {"year": 2024}),
    ("funding", {"year": 2024}),
    ("project_list", {"year": 2024}),
]


def count_queries(client, path, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(queries)


def grow_world(report_world) -> None:
    grow(report_world.st2024, 6)
    grow(report_world.hb2024, 4)
    grow(report_world.st2023, 3)
    grow(PlanFactory(province=report_world.base.haugiang, year=2024), 3)


@pytest.mark.parametrize("name, params", PAGES)
def test_report_page_runs_constant_queries(client, report_world, name, params):
    client.force_login(report_world.base.ministry)
    path = reverse("reports:report", args=[name])
    small = count_queries(client, path, params)
    grow_world(report_world)
    assert count_queries(client, path, params) == small
    assert small <= 12, small


def test_plan_report_runs_constant_queries(client, report_world):
    client.force_login(report_world.base.cantho.center_staff)
    path = reverse("reports:plan", args=[report_world.st2024.pk])
    small = count_queries(client, path, {})
    grow(report_world.st2024, 8)
    assert count_queries(client, path, {}) == small


def test_index_runs_constant_queries(client, report_world):
    client.force_login(report_world.base.ministry)
    small = count_queries(client, reverse("reports:index"), {})
    grow_world(report_world)
    assert count_queries(client, reverse("reports:index"), {}) == small
