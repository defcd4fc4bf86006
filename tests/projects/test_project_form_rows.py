"""The đề án form's row sets against truncated and tampered POSTs: a small hard maximum of rows,
a row deleted only when its Delete box is ticked, and no row of another record accepted."""

import time

import pytest
from django.urls import reverse

from projects.forms import MAX_BUDGET_LINES, MAX_OUTPUTS, MAX_PARTICIPANTS
from projects.models import BudgetLine, Participation, Program, ProjectOutput, Source
from tests.factories import (
    BeneficiaryFactory,
    PlanFactory,
    ProjectFactory,
    add_budget,
    add_output,
    add_participant,
    commune_of,
    content,
    project_form_data,
)

pytestmark = pytest.mark.django_db

MILLION = 1_000_000


@pytest.fixture
def plan(world):
    return PlanFactory(province=world.cantho.province, year=2026)


@pytest.fixture
def staff(client, world):
    client.force_login(world.cantho.center_staff)
    return client


@pytest.fixture
def project(plan):
    """A KCĐP group đề án: KCĐP 100 triệu + counterpart 60 triệu, two establishments, one
    output."""
    project = ProjectFactory(plan=plan, program=Program.KCDP, content=content("3.2"))
    add_budget(project, kcdp=100 * MILLION, counterpart=60 * MILLION)
    add_participant(project, support=60 * MILLION, counterpart=30 * MILLION)
    add_participant(project, support=40 * MILLION, counterpart=30 * MILLION)
    add_output(project, planned=2)
    return project


def _fields(project, world):
    return {
        "title": project.title,
        "program": project.program,
        "content": project.content_id,
        "implementing_organisation": project.implementing_organisation_id,
        "commune": commune_of(world.cantho.province).pk,
        "start_month": "03/2026",
        "end_month": "11/2026",
        "lock_version": str(project.lock_version),
    }


def _rows(project):
    """The rows as the edit page sends them back, each with its id."""
    budget = [
        {"id": line.pk, "source": line.source, "proposed": str(line.proposed)}
        for line in project.budget_lines.order_by("source")
    ]
    participants = [
        {
            "id": p.pk,
            "beneficiary": p.beneficiary_id,
            "beneficiary_name": p.beneficiary.name,
            "support_amount": str(p.support_amount),
            "counterpart_amount": str(p.counterpart_amount),
        }
        for p in project.participations.select_related("beneficiary")
    ]
    outputs = [
        {"id": o.pk, "indicator": o.indicator_id, "planned": str(o.planned)}
        for o in project.outputs.all()
    ]
    return budget, participants, outputs


def _edit_data(project, world, *, budget, participants, outputs, initial=None):
    return project_form_data(
        fields=_fields(project, world),
        budget=budget,
        participants=participants,
        outputs=outputs,
        initial=initial
        or {"budget": len(budget), "participants": len(participants), "outputs": len(outputs)},
    )


def _stored():
    return (
        sorted(BudgetLine.objects.values_list("pk", "source", "proposed")),
        sorted(Participation.objects.values_list("pk", "beneficiary_id", "support_amount")),
        sorted(ProjectOutput.objects.values_list("pk", "indicator_id", "planned")),
    )


def _url(project):
    return reverse("projects:edit", args=[project.pk])


def _non_form_codes(response, formset):
    errors = getattr(response.context["editor"], formset).non_form_errors().as_data()
    return [e.code for e in errors]


# --- What the page sends ----


def test_the_edit_page_carries_each_stored_rows_id(staff, project):
    html = staff.get(_url(project)).content.decode()

    for line in project.budget_lines.all():
        assert f'value="{line.pk}"' in html
    for p in project.participations.all():
        assert f'name="participants-{list(project.participations.all()).index(p)}-id"' in html


def test_the_page_sent_back_as_it_came_saves_and_loses_nothing(staff, world, project):
    budget, participants, outputs = _rows(project)
    before = _stored()

    response = staff.post(
        _url(project),
        _edit_data(project, world, budget=budget, participants=participants, outputs=outputs),
    )

    assert response.status_code == 302
    assert _stored() == before


def test_a_row_with_its_delete_box_ticked_is_deleted(staff, world, project):
    budget, participants, outputs = _rows(project)
    outputs[0]["DELETE"] = "on"

    response = staff.post(
        _url(project),
        _edit_data(project, world, budget=budget, participants=participants, outputs=outputs),
    )

    assert response.status_code == 302
    assert ProjectOutput.objects.count() == 0
    assert Participation.objects.count() == 2


# --- Row counts: a small hard maximum ----


@pytest.mark.parametrize(
    ("prefix", "limit"),
    [("participants", MAX_PARTICIPANTS), ("outputs", MAX_OUTPUTS), ("budget", MAX_BUDGET_LINES)],
)
def test_a_huge_row_count_is_refused_quickly_with_a_vietnamese_message(
    staff, world, plan, prefix, limit
):
    data = project_form_data(
        fields={
            "title": "Đề án",
            "program": Program.KCDP,
            "content": content("3.2").pk,
            "implementing_organisation": world.cantho.centre.pk,
            "start_month": "03/2026",
            "end_month": "11/2026",
        },
        budget=[{"source": Source.KCDP, "proposed": "100.000.000"}],
    )
    data[f"{prefix}-TOTAL_FORMS"] = "99999999999"

    started = time.monotonic()
    response = staff.post(f"{reverse('projects:create')}?plan={plan.pk}", data)
    elapsed = time.monotonic() - started

    formset = getattr(response.context["editor"], prefix)
    assert response.status_code == 400
    assert _non_form_codes(response, prefix) == ["too_many_forms"]
    assert f"tối đa {limit} dòng" in response.content.decode()
    assert len(formset.forms) <= limit
    assert elapsed < 5
    assert BudgetLine.objects.count() == 0


def test_more_participants_than_the_maximum_are_refused(staff, world, project):
    budget, participants, outputs = _rows(project)
    extra = [{"beneficiary_name": f"Cơ sở {n}"} for n in range(MAX_PARTICIPANTS)]
    before = _stored()

    response = staff.post(
        _url(project),
        _edit_data(
            project,
            world,
            budget=budget,
            participants=participants + extra,
            outputs=outputs,
            initial={"budget": 2, "participants": 2, "outputs": 1},
        ),
    )

    assert response.status_code == 400
    assert _non_form_codes(response, "participants") == ["too_many_forms"]
    assert _stored() == before


# --- A truncated or tampered form loses nothing ----


def test_a_lowered_row_count_is_refused_and_deletes_nothing(staff, world, project):
    budget, participants, outputs = _rows(project)
    before = _stored()
    # The second establishment's row is cut off (TOTAL_FORMS and INITIAL_FORMS say 1), its
    # support moved to the first so the sums still agree.
    participants[0]["support_amount"] = str(100 * MILLION)
    participants[0]["counterpart_amount"] = str(60 * MILLION)

    response = staff.post(
        _url(project),
        _edit_data(project, world, budget=budget, participants=participants[:1], outputs=outputs),
    )

    assert response.status_code == 400
    assert _non_form_codes(response, "participants") == ["missing_rows"]
    assert "chỉ bị xóa khi" in response.content.decode()
    assert _stored() == before


def test_a_lowered_initial_count_with_all_rows_sent_is_refused(staff, world, project):
    budget, participants, outputs = _rows(project)
    before = _stored()

    response = staff.post(
        _url(project),
        _edit_data(
            project,
            world,
            budget=budget,
            participants=participants,
            outputs=outputs,
            initial={"budget": 2, "participants": 0, "outputs": 1},
        ),
    )

    assert response.status_code == 400
    assert _non_form_codes(response, "participants") == ["missing_rows"]
    assert _stored() == before


def test_a_stored_row_sent_without_its_id_is_refused(staff, world, project):
    budget, participants, outputs = _rows(project)
    del outputs[0]["id"]
    outputs[0]["planned"] = "5"
    before = _stored()

    response = staff.post(
        _url(project),
        _edit_data(project, world, budget=budget, participants=participants, outputs=outputs),
    )

    assert response.status_code == 400
    assert _non_form_codes(response, "outputs") == ["missing_rows"]
    assert _stored() == before


def test_another_projects_row_id_is_refused(staff, world, plan, project):
    other = ProjectFactory(plan=plan, program=Program.KCDP)
    theirs = add_participant(other, support=0)
    budget, participants, outputs = _rows(project)
    participants[1]["id"] = theirs.pk
    before = _stored()

    response = staff.post(
        _url(project),
        _edit_data(project, world, budget=budget, participants=participants, outputs=outputs),
    )

    assert response.status_code == 400
    assert _non_form_codes(response, "participants") == ["foreign_row"]
    assert "không thuộc đề án này" in response.content.decode()
    assert _stored() == before


@pytest.mark.parametrize("bad_id", ["abc", "0", "-3", "²", "9" * 30])
def test_a_malformed_row_id_is_refused_without_error(staff, world, project, bad_id):
    budget, participants, outputs = _rows(project)
    budget[0]["id"] = bad_id
    before = _stored()

    response = staff.post(
        _url(project),
        _edit_data(project, world, budget=budget, participants=participants, outputs=outputs),
    )

    assert response.status_code == 400
    assert _non_form_codes(response, "budget") == ["foreign_row"]
    assert _stored() == before


def test_the_same_row_id_twice_is_refused(staff, world, project):
    budget, participants, outputs = _rows(project)
    replacement = BeneficiaryFactory()
    participants.append(
        {
            "id": participants[0]["id"],
            "beneficiary": replacement.pk,
            "beneficiary_name": replacement.name,
        }
    )
    before = _stored()

    response = staff.post(
        _url(project),
        _edit_data(
            project,
            world,
            budget=budget,
            participants=participants,
            outputs=outputs,
            initial={"budget": 2, "participants": 2, "outputs": 1},
        ),
    )

    assert response.status_code == 400
    assert _non_form_codes(response, "participants") == ["foreign_row"]
    assert _stored() == before


def test_a_new_project_takes_no_row_id(staff, world, plan, project):
    line = project.budget_lines.first()
    data = project_form_data(
        fields={
            "title": "Đề án mới",
            "program": Program.KCDP,
            "content": content("3.2").pk,
            "implementing_organisation": world.cantho.centre.pk,
            "start_month": "03/2026",
            "end_month": "11/2026",
        },
        budget=[{"id": line.pk, "source": Source.KCDP, "proposed": "100.000.000"}],
    )
    before = _stored()

    response = staff.post(f"{reverse('projects:create')}?plan={plan.pk}", data)

    assert response.status_code == 400
    assert _non_form_codes(response, "budget") == ["foreign_row"]
    assert _stored() == before
