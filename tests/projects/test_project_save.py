"""projects.services.project_save: codes, versions, all-or-nothing, and what the form hands it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.urls import reverse

from khuyencong.errors import StaleEditError
from projects.models import (
    BudgetLine,
    Indicator,
    Participation,
    PlanStatus,
    Program,
    Project,
    ProjectOutput,
    Source,
    public_source,
)
from projects.services import BudgetLineData, OutputData, ParticipationData, project_save
from tests.factories import (
    BeneficiaryFactory,
    PlanFactory,
    ProjectFactory,
    add_budget,
    add_output,
    commune_of,
    content,
    project_form_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return PlanFactory(province=world.cantho.province, year=2026)


def _new(plan, world, program=Program.KCDP, **kwargs) -> Project:
    return Project(
        plan=plan,
        title="Đề án",
        program=program,
        content=content("3.2"),
        implementing_organisation=world.cantho.centre,
        **kwargs,
    )


def _save(user, project, *, budget=None, participations=(), outputs=(), version=None):
    source = public_source(project.program)
    return project_save(
        user=user,
        project=project,
        budget_lines=budget if budget is not None else [BudgetLineData(source, 100)],
        participations=list(participations),
        outputs=list(outputs),
        expected_version=version,
    )


def _counts():
    return (
        Project.objects.count(),
        BudgetLine.objects.count(),
        Participation.objects.count(),
        ProjectOutput.objects.count(),
    )


def test_codes_are_sequential_per_plan_and_programme(world, plan):
    user = world.cantho.center_staff
    codes = [
        _save(user, _new(plan, world, Program.KCDP)).code,
        _save(user, _new(plan, world, Program.KCDP)).code,
        _save(user, _new(plan, world, Program.KCQG)).code,
    ]
    phutho_plan = PlanFactory(province=world.phutho.province, year=2026)
    phutho_project = _new(phutho_plan, world, Program.KCDP)
    phutho_project.implementing_organisation = world.phutho.centre

    other = _save(world.phutho.center_staff, phutho_project).code

    assert codes == ["KCDP-2026-92-001", "KCDP-2026-92-002", "KCQG-2026-92-001"]
    assert other == "KCDP-2026-25-001"


def test_an_edit_keeps_the_code_and_bumps_the_version(world, plan):
    user = world.cantho.center_staff
    project = _save(user, _new(plan, world))
    project.title = "Tên mới"

    saved = _save(user, project, version=0)

    saved.refresh_from_db()
    assert (saved.code, saved.lock_version, saved.title) == ("KCDP-2026-92-001", 1, "Tên mới")


def test_moving_a_draft_to_the_other_programme_takes_that_programmes_next_number(world, plan):
    user = world.cantho.center_staff
    _save(user, _new(plan, world, Program.KCDP))
    moved = _save(user, _new(plan, world, Program.KCQG))
    moved.program = Program.KCDP

    _save(user, moved, budget=[BudgetLineData(Source.KCDP, 100)], version=0)

    moved.refresh_from_db()
    assert (moved.code, moved.sequence) == ("KCDP-2026-92-002", 2)


def test_an_edit_from_an_old_version_is_refused_and_writes_nothing(world, plan):
    user = world.cantho.center_staff
    project = _save(user, _new(plan, world), budget=[BudgetLineData(Source.KCDP, 100)])
    stale = Project.objects.get(pk=project.pk)
    project.title = "Người thứ nhất"
    _save(user, project, version=0)
    stale.title = "Người thứ hai"
    before = _counts()

    with pytest.raises(StaleEditError):
        _save(
            user,
            stale,
            budget=[BudgetLineData(Source.KCDP, 999), BudgetLineData(Source.COUNTERPART, 5)],
            participations=[ParticipationData(BeneficiaryFactory())],
            version=0,
        )

    assert _counts() == before
    project.refresh_from_db()
    assert project.title == "Người thứ nhất"
    assert BudgetLine.objects.get().proposed == 100


def test_a_failure_half_way_rolls_everything_back(world, plan):
    indicator = Indicator.objects.first()
    before = _counts()

    with pytest.raises(IntegrityError):
        # The budget line and the participation are written before the output fails.
        _save(
            world.cantho.center_staff,
            _new(plan, world),
            participations=[ParticipationData(BeneficiaryFactory(), 100, 0)],
            outputs=[OutputData(indicator, planned=-1)],
        )

    assert _counts() == before


@pytest.mark.parametrize("role", ["department_reviewer"])
def test_only_the_centre_writes(world, plan, role):
    with pytest.raises(PermissionDenied):
        _save(getattr(world.cantho, role), _new(plan, world))


def test_nothing_is_written_to_a_submitted_plan(world):
    plan = PlanFactory(province=world.cantho.province, year=2026, status=PlanStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        _save(world.cantho.center_staff, _new(plan, world))
    assert Project.objects.count() == 0


def test_rows_are_matched_so_history_records_each_change(world, plan):
    user = world.cantho.center_staff
    keep, drop = BeneficiaryFactory.create_batch(2)
    project = _save(
        user,
        _new(plan, world),
        budget=[BudgetLineData(Source.KCDP, 100), BudgetLineData(Source.COUNTERPART, 50)],
        participations=[ParticipationData(keep, 60, 30), ParticipationData(drop, 40, 20)],
    )
    kept_line = project.budget_lines.get(source=Source.KCDP)

    _save(
        user,
        project,
        budget=[BudgetLineData(Source.KCDP, 120)],
        participations=[ParticipationData(keep, 120, 0)],
        version=0,
    )

    assert project.budget_lines.get().pk == kept_line.pk  # updated, not replaced
    assert list(project.participations.values_list("beneficiary_id", "support_amount")) == [
        (keep.pk, 120)
    ]
    assert kept_line.history.count() == 2
    assert Participation.history.filter(history_type="-").count() == 1
    assert kept_line.history.first().history_user == user


def test_the_form_keeps_approved_amounts_and_achieved_outputs_it_does_not_show(client, world, plan):
    """A plan sent back after an adjustment keeps the amounts approved earlier."""
    plan.status = PlanStatus.RETURNED
    plan.save()
    project = ProjectFactory(plan=plan, program=Program.KCDP)
    [line] = add_budget(project, kcdp=100_000_000)
    line.approved = 90_000_000
    line.save()
    indicator = content("3.2").indicators.first()
    add_output(project, indicator, planned=2, actual=1)
    data = project_form_data(
        fields={
            "title": project.title,
            "program": Program.KCDP,
            "content": content("3.2").pk,
            "implementing_organisation": project.implementing_organisation_id,
            "commune": commune_of(world.cantho.province).pk,
            "start_month": "01/2026",
            "end_month": "12/2026",
            "lock_version": "0",
        },
        budget=[{"id": line.pk, "source": Source.KCDP, "proposed": "110.000.000"}],
        outputs=[{"id": project.outputs.get().pk, "indicator": indicator.pk, "planned": "3"}],
        initial={"budget": 1, "outputs": 1},
    )
    client.force_login(world.cantho.center_staff)

    response = client.post(reverse("projects:edit", args=[project.pk]), data)

    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.proposed, line.approved) == (110_000_000, 90_000_000)
    output = project.outputs.get()
    assert (output.planned, output.actual) == (3, 1)
