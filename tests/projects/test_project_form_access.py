"""The đề án form's gates: two edits from one version (the second gets 409 and keeps what was
typed), who may open the form (roles, provinces, locked plans), and its query budget."""

import pytest
from django.urls import reverse

from funding.models import BudgetLine, Source
from projects.models import Indicator, PlanStatus, Program, ProjectOutput
from tests.factories import (
    BeneficiaryFactory,
    OrganisationFactory,
    PlanFactory,
    ProjectFactory,
    add_budget,
    add_output,
    add_participant,
    project_form_data,
)
from tests.projects.form_data import create_url, edit_url, project_fields, saved_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return PlanFactory(province=world.cantho.province, year=2026)


@pytest.fixture
def staff(client, world):
    client.force_login(world.cantho.center_staff)
    return client


# --- Concurrent edits ----------------------------------------------------------------------------


def _edit_data(world, lock_version, title, kcqg):
    line = BudgetLine.objects.get(source=Source.KCQG)
    return project_form_data(
        fields=project_fields(world.cantho, lock_version=str(lock_version), title=title),
        budget=[{"id": line.pk, "source": Source.KCQG, "proposed": kcqg}],
        initial={"budget": 1},
    )


def test_of_two_edits_from_the_same_version_the_second_gets_409_and_keeps_its_values(
    staff, world, plan
):
    project = ProjectFactory(plan=plan, program=Program.KCQG)
    add_budget(project, kcqg=100_000_000)
    other = type(staff)()
    other.force_login(world.cantho.center_head)

    first = other.post(edit_url(project), _edit_data(world, 0, "Bản của người thứ nhất", "1"))
    second = staff.post(edit_url(project), _edit_data(world, 0, "Bản của tôi", "222.222.222"))

    assert first.status_code == 302
    assert second.status_code == 409
    html = second.content.decode()
    assert 'data-testid="top-error"' in html
    assert 'value="Bản của tôi"' in html
    assert 'value="222.222.222"' in html
    project.refresh_from_db()
    assert project.title == "Bản của người thứ nhất"
    assert project.budget_lines.get().proposed == 1
    # The form now carries the stored version: saving again, on purpose, goes through.
    assert second.context["form"]["lock_version"].value() == "1"
    again = staff.post(edit_url(project), _edit_data(world, 1, "Bản của tôi", "222.222.222"))
    assert again.status_code == 302
    project.refresh_from_db()
    assert project.title == "Bản của tôi"


def test_a_stale_edit_writes_nothing(staff, world, plan):
    project = ProjectFactory(plan=plan, program=Program.KCQG, lock_version=3)
    add_budget(project, kcqg=100_000_000)
    beneficiary = BeneficiaryFactory()
    data = _edit_data(world, 2, "Cũ", "5")
    data.update(
        {
            "participants-TOTAL_FORMS": "1",
            "participants-0-beneficiary": str(beneficiary.pk),
            "participants-0-beneficiary_name": beneficiary.name,
        }
    )
    before = saved_counts()

    assert staff.post(edit_url(project), data).status_code == 409

    assert saved_counts() == before
    assert BudgetLine.objects.get().proposed == 100_000_000


# --- Who may open the form -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("side", "role", "status"),
    [
        ("cantho", "center_staff", 200),
        ("cantho", "center_head", 200),
        ("cantho", "department_reviewer", 403),
        ("phutho", "center_staff", 404),
        ("phutho", "department_reviewer", 404),
        (None, "ministry", 403),
    ],
)
def test_who_may_open_the_form(client, world, plan, side, role, status):
    user = world.ministry if side is None else getattr(getattr(world, side), role)
    project = ProjectFactory(plan=plan)
    client.force_login(user)

    assert client.get(create_url(plan)).status_code == status
    assert client.get(edit_url(project)).status_code == status
    # An empty POST is refused before any validation, or is simply invalid (400) for an editor.
    assert client.post(edit_url(project), {}).status_code == (400 if status == 200 else status)


@pytest.mark.parametrize(
    "status", [PlanStatus.SUBMITTED, PlanStatus.APPROVED, PlanStatus.ADJUSTING]
)
def test_a_locked_plan_cannot_be_changed(staff, world, status):
    plan = PlanFactory(province=world.cantho.province, year=2026, status=status)
    project = ProjectFactory(plan=plan)

    assert staff.get(create_url(plan)).status_code == 403
    assert staff.get(edit_url(project)).status_code == 403
    assert staff.post(create_url(plan), {}).status_code == 403


def test_a_returned_plan_can_be_changed(staff, world):
    plan = PlanFactory(province=world.cantho.province, year=2026, status=PlanStatus.RETURNED)
    assert staff.get(create_url(plan)).status_code == 200


@pytest.mark.parametrize("query", ["", "?plan=", "?plan=abc", "?plan=999999", "?plan=-1"])
def test_a_missing_or_unknown_plan_is_404(staff, query):
    assert staff.get(reverse("projects:create") + query).status_code == 404


def test_anonymous_is_sent_to_login(client, plan):
    response = client.get(create_url(plan))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- A constant number of queries ----------------------------------------------------------------


@pytest.mark.parametrize("rows", [5, 50])
def test_create_page_runs_a_constant_number_of_queries(
    staff, world, plan, rows, django_assert_num_queries
):
    OrganisationFactory.create_batch(rows, province=world.cantho.province)
    BeneficiaryFactory.create_batch(rows)
    # session, user, membership, province ids, plan, contents, organisations, communes,
    # indicators and their contents, activities, the activity rule
    with django_assert_num_queries(12):
        assert staff.get(create_url(plan)).status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
def test_edit_page_runs_a_constant_number_of_queries(
    staff, world, plan, rows, django_assert_num_queries
):
    project = ProjectFactory(plan=plan, program=Program.KCDP)
    add_budget(project, kcdp=rows * 1_000_000, counterpart=rows * 2_000_000, other=rows)
    for _ in range(rows):
        add_participant(project, support=1_000_000, counterpart=2_000_000)
    for indicator in Indicator.objects.all()[: rows // 5]:
        add_output(project, indicator, planned=rows)
    # session, user, membership, province ids, project, contents, organisations, communes,
    # indicators and their contents, activities, the activity rule, budget lines,
    # participations, outputs
    with django_assert_num_queries(15):
        response = staff.get(edit_url(project))
    assert response.status_code == 200
    assert len(response.context["editor"].participants.initial_forms) == rows
    assert ProjectOutput.objects.filter(project=project).count() == rows // 5
