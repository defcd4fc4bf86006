"""One shape of a đề án's state (projects.state): built from the stored rows in a fixed number
of queries, kept as JSON in versions and adjustment items (rows written before a field existed
still read), judged by one `problems`, written by one writer."""

import datetime

import pytest

from projects.caps import Caps
from projects.models import Program, Project, ProjectOutput, ProjectVersion, Source
from projects.state import (
    BudgetLineData,
    ProjectState,
    keep_versions,
    missing,
    problems,
    project_states,
    write_state,
)
from tests.factories import (
    PlanFactory,
    ProjectFactory,
    add_budget,
    add_output,
    add_participant,
    content,
)


@pytest.fixture
def plan(world):
    return PlanFactory(province=world.cantho.province, year=2026)


def _project(world, plan, **fields):
    project = ProjectFactory(
        plan=plan,
        program=Program.KCDP,
        implementing_organisation=world.cantho.centre,
        start_month=datetime.date(2026, 3, 1),
        **fields,
    )
    add_budget(project, kcdp=60, counterpart=40)
    add_participant(project, support=60, counterpart=40)
    add_output(project, planned=5)
    return project


def test_a_state_read_from_json_gives_back_the_same_json(world, plan):
    project = _project(world, plan)
    data = project_states([project])[project.pk].to_json()
    assert ProjectState.from_json(data).to_json() == data
    assert data["budget"] == [
        {"source": Source.KCDP, "proposed": 60, "approved": None},
        {"source": Source.COUNTERPART, "proposed": 40, "approved": None},
    ]
    assert data["fields"]["start_month"] == "2026-03-01"


def test_a_row_saved_before_a_field_existed_still_reads_and_keeps_the_stored_value(world, plan):
    project = _project(world, plan, title="Trước")
    old = {
        "fields": {"title": "Sau", "program": Program.KCDP, "content": project.content_id},
        "budget": [{"source": Source.KCDP, "proposed": 70}],
        "participants": [{"beneficiary": 1}],
        "outputs": [{"indicator": 2, "planned": 3}],
    }
    state = ProjectState.from_json(old)
    assert state.budget == [BudgetLineData(Source.KCDP, 70, None)]
    assert state.status is None and state.outputs[0].actual is None
    state.apply_fields(project)
    assert project.title == "Sau"
    assert project.start_month == datetime.date(2026, 3, 1)  # not in the old row: kept


def test_states_are_built_in_three_queries_whatever_the_number_of_projects(
    world, plan, django_assert_num_queries
):
    few = [_project(world, plan) for _ in range(2)]
    with django_assert_num_queries(3):
        states = project_states(few, names=True)
    many = few + [_project(world, plan) for _ in range(4)]
    with django_assert_num_queries(3):
        states = project_states(many, names=True)
    assert all(len(states[p.pk].participants) == 1 for p in many)


def test_missing_names_every_gap_of_a_proposal(world, plan):
    project = _project(world, plan)
    ProjectOutput.objects.filter(project=project).delete()
    state = project_states(
        [Project.objects.select_related("content").get(pk=project.pk)], names=True
    )[project.pk]
    state.budget = [BudgetLineData(Source.COUNTERPART, 40)]
    gaps = missing(state, Caps(plan, []))
    assert any("KCĐP" in gap for gap in gaps)  # no line of its own programme
    assert any("output" in gap.lower() or "đầu ra" in gap.lower() for gap in gaps)


def test_problems_judge_proposed_amounts_or_the_amounts_in_force(world, plan):
    state = ProjectState(
        fields={"program": Program.KCDP, "content": content("3.1").pk},
        budget=[BudgetLineData(Source.KCDP, 100, approved=0)],
        content=content("3.1"),
    )
    caps = Caps(plan, [])
    assert not [p for p in problems(state, caps) if p.is_error]
    assert [p.code for p in problems(state, caps, in_force=True) if p.is_error] == [
        "programme_source"
    ]


def test_the_writer_makes_the_stored_rows_equal_the_state(world, plan):
    project = _project(world, plan)
    state = project_states([project])[project.pk]
    state.budget = [BudgetLineData(Source.KCDP, 90, 80)]
    state.participants = []
    state.fields["title"] = "Đã đổi"
    write_state(user=world.cantho.center_staff, project=project, state=state)
    stored = project_states([Project.objects.get(pk=project.pk)])[project.pk]
    assert stored.budget == [BudgetLineData(Source.KCDP, 90, 80)]
    assert stored.participants == [] and stored.title == "Đã đổi"
    assert project.budget_lines.get().history.first().history_user == world.cantho.center_staff


def test_an_approved_version_keeps_the_state_as_json(world, plan):
    project = _project(world, plan)
    keep_versions([project], plan_version=1, decision_number="1", decision_date=None)
    version = ProjectVersion.objects.get(project=project)
    assert ProjectState.from_json(version.data).budget[0].proposed == 60
    assert version.total == 100
