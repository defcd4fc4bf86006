"""The rules of carrying out a đề án, enforced by funding.services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from funding import services
from funding.models import Acceptance, Contract, Disbursement, Settlement
from khuyencong.errors import StateChanged
from projects.models import PlanEvent, ProjectStatus
from tests.factories import PlanFactory, ProjectFactory, add_budget
from tests.funding.impl_world import (
    accept,
    approved_project,
    carried_out,
    contract,
    disburse,
    settle,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages are read in English here (the catalogue's Vietnamese is tested elsewhere)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def test_first_contract_moves_an_approved_project_to_in_progress(world):
    project = approved_project(world.cantho)
    contract(world.cantho, project)
    project.refresh_from_db()
    assert project.status == ProjectStatus.IN_PROGRESS
    contract(world.cantho, project)  # a second contract keeps it there
    project.refresh_from_db()
    assert project.status == ProjectStatus.IN_PROGRESS
    assert Contract.objects.filter(project=project).count() == 2
    assert PlanEvent.objects.filter(project=project, comment__contains="01/HĐ").exists()


def test_nothing_is_recorded_on_a_project_of_a_plan_not_approved(world):
    plan = PlanFactory(province=world.cantho.province)
    project = ProjectFactory(plan=plan)
    add_budget(project, kcdp=100_000_000)
    with pytest.raises(StateChanged):
        disburse(world.cantho, project, 1_000_000)
    with pytest.raises(StateChanged):
        contract(world.cantho, project)
    assert not Disbursement.objects.exists()
    assert not Contract.objects.exists()


def test_reviewer_and_ministry_cannot_record_a_disbursement(world):
    project = approved_project(world.cantho)
    for user in (world.cantho.department_reviewer, world.ministry):
        with pytest.raises(PermissionDenied):
            services.disbursement_record(
                user=user,
                project=project,
                source="kcdp",
                kind="advance",
                date=project.plan.decision_date,
                amount=1,
                document_number="X",
            )


def test_disbursed_sum_per_source_never_exceeds_the_approved_amount(world):
    project = approved_project(world.cantho, kcdp=100_000_000)
    disburse(world.cantho, project, 60_000_000, kind="advance")
    with pytest.raises(ValidationError) as error:
        disburse(world.cantho, project, 40_000_001)
    assert "40.000.000" in " ".join(error.value.messages)  # at most what is left
    disburse(world.cantho, project, 40_000_000)
    assert services.disbursed_by_source(project) == {"kcdp": 100_000_000}


def test_a_source_without_an_approved_line_takes_no_money(world):
    project = approved_project(world.cantho)
    with pytest.raises(ValidationError):
        disburse(world.cantho, project, 1_000, source="kcqg")


def test_amounts_must_be_positive_and_dates_not_in_the_future(world):
    import datetime

    project = approved_project(world.cantho)
    with pytest.raises(ValidationError):
        disburse(world.cantho, project, 0)
    with pytest.raises(ValidationError):
        services.disbursement_record(
            user=world.cantho.center_staff,
            project=project,
            source="kcdp",
            kind="payment",
            date=datetime.date.today() + datetime.timedelta(days=1),
            amount=1,
            document_number="X",
        )


def test_a_mistake_is_corrected_by_a_reversal_with_a_reason_never_an_edit(world):
    project = approved_project(world.cantho, kcdp=100_000_000)
    wrong = disburse(world.cantho, project, 100_000_000)
    with pytest.raises(ValidationError):
        services.disbursement_reverse(user=world.cantho.center_staff, disbursement=wrong, reason="")
    reversal = services.disbursement_reverse(
        user=world.cantho.center_staff, disbursement=wrong, reason="Nhập nhầm số tiền"
    )
    assert reversal.amount == -100_000_000 and reversal.reverses == wrong
    assert services.disbursed_by_source(project) == {"kcdp": 0}
    with pytest.raises(StateChanged):
        services.disbursement_reverse(
            user=world.cantho.center_staff, disbursement=wrong, reason="lần hai"
        )
    with pytest.raises(ValidationError):
        services.disbursement_reverse(
            user=world.cantho.center_staff, disbursement=reversal, reason="đảo của đảo"
        )
    wrong.refresh_from_db()
    assert wrong.amount == 100_000_000  # the original stays as recorded
    disburse(world.cantho, project, 90_000_000)  # the money is available again


def test_a_passed_acceptance_accepts_the_project_and_records_the_actual_outputs(world):
    project = approved_project(world.cantho)
    contract(world.cantho, project)
    disburse(world.cantho, project, project.kcdp)
    output = project.outputs.get()
    acceptance = accept(world.cantho, project, outputs={output.pk: 3})
    project.refresh_from_db()
    output.refresh_from_db()
    assert project.status == ProjectStatus.ACCEPTED
    assert output.actual == 3
    assert acceptance.minutes.kind == "minutes"
    assert acceptance.blockers == [] and acceptance.override_reason == ""
    assert acceptance.establishments.count() == 1


def test_a_failed_acceptance_records_what_to_redo_and_keeps_the_project_open(world):
    project = approved_project(world.cantho)
    contract(world.cantho, project)
    with pytest.raises(ValidationError):
        accept(world.cantho, project, result="failed", redo="")
    accept(world.cantho, project, result="failed", redo="Lắp đặt lại máy sấy")
    project.refresh_from_db()
    assert project.status == ProjectStatus.IN_PROGRESS
    accept(world.cantho, project)  # accepted at the second attempt
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACCEPTED
    assert Acceptance.objects.filter(project=project).count() == 2


@pytest.mark.parametrize(
    ("overrides", "blocker"),
    [
        ({"minutes": None}, "minutes"),
        ({"outputs": {}}, "no actual figure"),
        ({"actual_kcdp": 100_000_001}, "above the approved"),
        ({"establishments": {}}, None),  # no rows given: nothing to add up
    ],
)
def test_acceptance_blockers_refuse_it_without_a_written_reason(world, overrides, blocker):
    project = approved_project(world.cantho)
    contract(world.cantho, project)
    if blocker is None:
        accept(world.cantho, project, **overrides)
        return
    with pytest.raises(services.Blocked) as error:
        accept(world.cantho, project, **overrides)
    assert any(blocker in text for text in error.value.blockers)
    assert not Acceptance.objects.exists()
    project.refresh_from_db()
    assert project.status == ProjectStatus.IN_PROGRESS


def test_establishments_actuals_that_do_not_add_up_block_the_acceptance(world):
    project = approved_project(world.cantho)
    part = project.participations.get()
    with pytest.raises(services.Blocked) as error:
        accept(world.cantho, project, establishments={part.pk: (1, 2)})
    assert any("do not add up" in text for text in error.value.blockers)


def test_a_blocker_overridden_with_a_reason_stays_on_the_record(world):
    project = approved_project(world.cantho)
    acceptance = accept(
        world.cantho, project, minutes=None, override_reason="Biên bản gửi bổ sung sau"
    )
    assert acceptance.override_reason == "Biên bản gửi bổ sung sau"
    assert any("minutes" in b for b in acceptance.blockers)
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACCEPTED


def test_settled_amount_is_at_most_what_was_disbursed(world):
    project = carried_out(world.cantho)
    with pytest.raises(ValidationError):
        settle(world.cantho, project, project.kcdp + 1)
    settle(world.cantho, project, project.kcdp - 5_000_000)
    project.refresh_from_db()
    assert project.status == ProjectStatus.SETTLED


def test_a_project_is_settled_only_once_accepted(world):
    project = approved_project(world.cantho)
    contract(world.cantho, project)
    with pytest.raises(StateChanged):
        settle(world.cantho, project, 0)


def test_after_settlement_nothing_more_is_recorded_even_by_the_centre(world):
    project = carried_out(world.cantho)
    settle(world.cantho, project, project.kcdp)
    with pytest.raises(PermissionDenied):
        disburse(world.cantho, project, 1)
    with pytest.raises(PermissionDenied):
        contract(world.cantho, project)
    with pytest.raises(PermissionDenied):
        settle(world.cantho, project, 1)
    assert Settlement.objects.filter(project=project).count() == 1


def test_a_stopped_project_keeps_its_disbursements_and_is_settled_for_the_money_spent(world):
    from projects.models import Project

    project = approved_project(world.cantho)
    contract(world.cantho, project)
    disburse(world.cantho, project, 30_000_000)
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.STOPPED)
    project.refresh_from_db()
    with pytest.raises(StateChanged):
        disburse(world.cantho, project, 1)  # no new money on a stopped đề án
    assert services.disbursed_by_source(project) == {"kcdp": 30_000_000}
    with pytest.raises(ValidationError):
        settle(world.cantho, project, 30_000_001)
    settle(world.cantho, project, 30_000_000)
    project.refresh_from_db()
    assert project.status == ProjectStatus.STOPPED  # stays stopped, now read-only
    assert services.is_settled(project)
    with pytest.raises(PermissionDenied):
        services.disbursement_reverse(
            user=world.cantho.center_staff,
            disbursement=Disbursement.objects.get(project=project),
            reason="x",
        )
