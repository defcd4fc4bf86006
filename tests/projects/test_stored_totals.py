"""Each đề án stores the money of its budget lines; every write path keeps it equal to them."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from projects.models import BudgetLine, Source
from projects.services import BudgetLineData, project_save
from projects.totals import project_totals_drift, refresh_project_totals
from tests.factories import PlanFactory, ProjectFactory, add_budget

pytestmark = pytest.mark.django_db


def test_project_save_stores_the_budget_lines_money(world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    project = ProjectFactory.build(plan=plan, implementing_organisation=world.cantho.centre)

    saved = project_save(
        user=world.cantho.center_staff,
        project=project,
        budget_lines=[
            BudgetLineData(source=Source.KCDP, proposed=300_000_000),
            BudgetLineData(source=Source.COUNTERPART, proposed=450_000_000),
            BudgetLineData(source=Source.OTHER, proposed=5_000_000),
        ],
        participations=[],
        outputs=[],
    )

    saved.refresh_from_db()
    assert (saved.kcqg, saved.kcdp, saved.counterpart, saved.other, saved.total) == (
        0,
        300_000_000,
        450_000_000,
        5_000_000,
        755_000_000,
    )
    assert project_totals_drift() == []


def test_an_edit_that_removes_a_line_lowers_the_stored_money(world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    project = ProjectFactory(plan=plan)
    add_budget(project, kcdp=100, counterpart=50)

    project_save(
        user=world.cantho.center_staff,
        project=project,
        budget_lines=[BudgetLineData(source=Source.KCDP, proposed=120)],
        participations=[],
        outputs=[],
        expected_version=project.lock_version,
    )

    project.refresh_from_db()
    assert (project.kcdp, project.counterpart, project.total) == (120, 0, 120)


def test_the_approved_amount_counts_once_set(world):
    project = ProjectFactory(plan=PlanFactory(province=world.cantho.province, year=2026))
    (line,) = add_budget(project, kcdp=100)
    BudgetLine.objects.filter(pk=line.pk).update(approved=80)

    assert refresh_project_totals([project.pk]) == 1

    project.refresh_from_db()
    assert (project.kcdp, project.total) == (80, 80)


def test_check_totals_reports_drift_and_fixes_it(world, capsys):
    project = ProjectFactory(plan=PlanFactory(province=world.cantho.province, year=2026))
    add_budget(project, kcdp=100)
    type(project).objects.filter(pk=project.pk).update(kcdp=7, total=7)

    with pytest.raises(CommandError):
        call_command("check_totals")
    assert f"#{project.pk}" in capsys.readouterr().out

    call_command("check_totals", "--fix")
    call_command("check_totals")  # no drift left: no error
    project.refresh_from_db()
    assert (project.kcdp, project.total) == (100, 100)


def test_a_project_stores_its_plans_year_for_the_lists_index(world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    project = ProjectFactory.build(plan=plan, implementing_organisation=world.cantho.centre)

    saved = project_save(
        user=world.cantho.center_staff,
        project=project,
        budget_lines=[BudgetLineData(source=Source.KCDP, proposed=1)],
        participations=[],
        outputs=[],
    )

    assert type(saved).objects.get(pk=saved.pk).year == 2026
