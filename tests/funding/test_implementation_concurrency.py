"""Two clerks at once, with real concurrent connections on PostgreSQL (threads): the row lock on
the đề án makes exactly one win. SQLite has no row locks (select_for_update is a no-op there), so
these run on PostgreSQL only."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from funding.models import Acceptance, Disbursement
from funding.services import acceptance_record
from khuyencong.errors import StateChanged
from projects.models import ProjectStatus
from tests.funding.impl_world import acceptance_input, approved_project, contract, disburse
from tests.projects.test_review_concurrency import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks and concurrent connections (SQLite has neither)",
    ),
]


@pytest.mark.parametrize("attempt", range(3))
def test_two_disbursements_at_once_cannot_overshoot_the_approved_amount(world, attempt):
    project = approved_project(world.cantho, kcdp=100_000_000)
    disburse(world.cantho, project, 40_000_000)
    results = run_together(
        lambda: disburse(world.cantho, project, 50_000_000, number="A"),
        lambda: disburse(world.cantho, project, 50_000_000, number="B"),
    )
    outcomes = sorted(kind for kind, _value in results)
    assert outcomes == ["error", "ok"]
    (error,) = [value for kind, value in results if kind == "error"]
    assert isinstance(error, ValidationError)
    assert sum(Disbursement.objects.filter(project=project).values_list("amount", flat=True)) == (
        90_000_000
    )


@pytest.mark.parametrize("attempt", range(3))
def test_two_acceptances_at_once_exactly_one_is_saved(world, attempt):
    project = approved_project(world.cantho)
    contract(world.cantho, project)
    first = acceptance_input(project)
    second = acceptance_input(project, place="Hội trường UBND xã")
    results = run_together(
        lambda: acceptance_record(user=world.cantho.center_staff, project=project, data=first),
        lambda: acceptance_record(user=world.cantho.center_head, project=project, data=second),
    )
    outcomes = sorted(kind for kind, _value in results)
    assert outcomes == ["error", "ok"]
    (error,) = [value for kind, value in results if kind == "error"]
    assert isinstance(error, StateChanged) and error.message
    assert Acceptance.objects.filter(project=project).count() == 1
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACCEPTED
