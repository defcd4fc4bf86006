"""The implementation pages at their stable URLs: who may use them, what a refused POST answers,
the dossier's timeline, read-only after settlement, constant queries."""

import pytest
from django.urls import reverse

from funding.models import Acceptance, Contract, Disbursement, Settlement
from projects.models import ProjectStatus
from tests.funding.impl_world import (
    approved_project,
    carried_out,
    contract,
    disburse,
    pdf,
    settle,
)

pytestmark = pytest.mark.django_db


def disbursement_post(**overrides):
    data = {
        "source": "kcdp",
        "kind": "advance",
        "date": "10/03/2026",
        "amount": "40.000.000",
        "document_number": "UNC-15",
    }
    data.update(overrides)
    return data


def test_the_stable_urls_are_where_scripts_expect_them(world):
    project = approved_project(world.cantho)
    assert (
        reverse("funding:contract_new", args=[project.pk])
        == f"/projects/{project.pk}/contracts/new/"
    )
    assert reverse("funding:disbursement_new", args=[project.pk]) == (
        f"/projects/{project.pk}/disbursements/new/"
    )
    assert reverse("funding:acceptance", args=[project.pk]) == f"/projects/{project.pk}/acceptance/"
    assert reverse("funding:settlement", args=[project.pk]) == f"/projects/{project.pk}/settlement/"
    assert reverse("funding:attachment", args=[7]) == "/attachments/7/"


def test_centre_records_a_disbursement_by_post(client, world):
    project = approved_project(world.cantho)
    client.force_login(world.cantho.center_staff)
    url = f"/projects/{project.pk}/disbursements/new/"
    assert client.get(url).status_code == 200
    response = client.post(url, disbursement_post())
    assert response.status_code == 302
    d = Disbursement.objects.get()
    assert (d.source, d.kind, d.amount, d.document_number) == (
        "kcdp",
        "advance",
        40_000_000,
        "UNC-15",
    )
    assert d.date.isoformat() == "2026-03-10"


def test_a_refused_post_answers_400_with_the_reason_and_writes_nothing(client, world):
    project = approved_project(world.cantho, kcdp=100_000_000)
    client.force_login(world.cantho.center_staff)
    url = f"/projects/{project.pk}/disbursements/new/"
    response = client.post(url, disbursement_post(amount="100.000.001"))
    assert response.status_code == 400
    assert b'data-testid="refused"' in response.content
    assert "100.000.000" in response.content.decode()
    assert not Disbursement.objects.exists()
    response = client.post(url, disbursement_post(date="2026-03-10"))  # not dd/mm/yyyy
    assert response.status_code == 400
    assert not Disbursement.objects.exists()


@pytest.mark.parametrize("role", ["department_reviewer"])
def test_wrong_role_gets_403(client, world, role):
    project = approved_project(world.cantho)
    client.force_login(getattr(world.cantho, role))
    for url in (
        f"/projects/{project.pk}/contracts/new/",
        f"/projects/{project.pk}/disbursements/new/",
        f"/projects/{project.pk}/acceptance/",
        f"/projects/{project.pk}/settlement/",
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, disbursement_post()).status_code == 403
    client.force_login(world.ministry)
    assert (
        client.post(f"/projects/{project.pk}/disbursements/new/", disbursement_post()).status_code
        == 403
    )
    assert not Disbursement.objects.exists()


def test_another_province_gets_404(client, world):
    project = approved_project(world.cantho)
    client.force_login(world.phutho.center_staff)
    for url in (
        f"/projects/{project.pk}/contracts/new/",
        f"/projects/{project.pk}/disbursements/new/",
        f"/projects/{project.pk}/acceptance/",
        f"/projects/{project.pk}/settlement/",
    ):
        assert client.post(url, disbursement_post()).status_code == 404


def test_acceptance_page_lists_the_blockers_then_saves_with_the_minutes(client, world):
    project = approved_project(world.cantho)
    contract(world.cantho, project)
    disburse(world.cantho, project, project.kcdp)
    output = project.outputs.get()
    part = project.participations.get()
    client.force_login(world.cantho.center_staff)
    url = f"/projects/{project.pk}/acceptance/"
    assert client.get(url).status_code == 200
    data = {
        "date": "15/03/2026",
        "place": "Xã Phú Tâm",
        "council": "Ông A\nBà B",
        "result": "passed",
        "actual_total": "150.000.000",
        "actual_kcdp": "100.000.000",
        "actual_counterpart": "50.000.000",
        f"support_{part.pk}": "100.000.000",
        f"counterpart_{part.pk}": "50.000.000",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert 'data-testid="blockers"' in text
    assert output.indicator.name in text
    assert not Acceptance.objects.exists()
    data[f"output_{output.pk}"] = "2"
    data["minutes"] = pdf()
    response = client.post(url, data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACCEPTED


def test_the_dossier_shows_the_timeline_with_amounts_and_documents(client, world):
    project = carried_out(world.cantho)
    settle(world.cantho, project, 90_000_000)
    client.force_login(world.cantho.department_reviewer)
    text = client.get(f"/projects/{project.pk}/").content.decode()
    for step in ("approved", "contract", "disbursement", "acceptance", "settlement"):
        assert f'data-step="{step}"' in text
    assert "90.000.000" in text
    assert "bien-ban.pdf" in text
    assert "99/QĐ-TTKC" in text


ROLES = ["center_staff", "center_head", "department_reviewer"]


@pytest.mark.parametrize("role", [*ROLES, "ministry", "admin"])
def test_after_settlement_every_edit_control_is_gone_and_posts_answer_403(
    client, world, role, admin_user
):
    project = carried_out(world.cantho)
    settle(world.cantho, project, project.kcdp)
    user = {"ministry": world.ministry, "admin": admin_user}.get(role) or getattr(
        world.cantho, role
    )
    client.force_login(user)
    text = client.get(f"/projects/{project.pk}/").content.decode()
    assert 'data-testid="settled-read-only"' in text
    for control in (
        "add-contract",
        "add-disbursement",
        "add-acceptance",
        "add-settlement",
        "attachment-form",
        "reverse-disbursement",
        "edit-project",
    ):
        assert f'data-testid="{control}"' not in text
    for url in (
        f"/projects/{project.pk}/contracts/new/",
        f"/projects/{project.pk}/disbursements/new/",
        f"/projects/{project.pk}/acceptance/",
        f"/projects/{project.pk}/settlement/",
        f"/projects/{project.pk}/attachments/new/",
        f"/projects/{project.pk}/edit/",
    ):
        assert client.post(url, disbursement_post()).status_code == 403, url
    assert Disbursement.objects.filter(project=project).count() == 1
    assert Settlement.objects.filter(project=project).count() == 1


@pytest.mark.parametrize(
    "model", ["contract", "disbursement", "acceptance", "settlement", "attachment"]
)
def test_the_admin_shows_implementation_records_read_only(client, world, admin_user, model):
    project = carried_out(world.cantho)
    settle(world.cantho, project, project.kcdp)
    client.force_login(admin_user)
    app = "projects" if model == "attachment" else "funding"
    assert client.get(f"/admin/{app}/{model}/").status_code == 200
    assert client.get(f"/admin/{app}/{model}/add/").status_code == 403
    first = {
        "contract": Contract,
        "disbursement": Disbursement,
        "acceptance": Acceptance,
        "settlement": Settlement,
    }
    if model in first:
        pk = first[model].objects.first().pk
        assert client.post(f"/admin/funding/{model}/{pk}/change/", {}).status_code == 403
        assert (
            client.post(f"/admin/funding/{model}/{pk}/delete/", {"post": "yes"}).status_code == 403
        )
    assert Settlement.objects.count() == 1


def test_admin_cannot_edit_a_settled_project(client, world, admin_user):
    project = carried_out(world.cantho)
    settle(world.cantho, project, project.kcdp)
    client.force_login(admin_user)
    assert client.post(f"/admin/projects/project/{project.pk}/change/", {}).status_code == 403


@pytest.mark.parametrize("size", [1, 6])
def test_the_dossier_runs_a_constant_number_of_queries(
    client, world, django_assert_num_queries, size
):
    project = approved_project(world.cantho, kcdp=100_000_000)
    for n in range(size):
        contract(world.cantho, project, value=1_000)
        disburse(world.cantho, project, 1_000_000, number=f"UNC-{n}")
    from funding import services
    from tests.funding.impl_world import xlsx

    for _n in range(size):
        services.attachment_add(
            user=world.cantho.center_staff, project=project, kind="estimate", upload=xlsx()
        )
    client.force_login(world.cantho.center_staff)
    client.get(f"/projects/{project.pk}/")  # warm caches
    with django_assert_num_queries(19):
        assert client.get(f"/projects/{project.pk}/").status_code == 200


@pytest.mark.parametrize("size", [1, 6])
def test_the_step_forms_run_a_constant_number_of_queries(
    client, world, django_assert_num_queries, size
):
    project = approved_project(world.cantho, kcdp=100_000_000)
    for n in range(size):
        disburse(world.cantho, project, 1_000_000, number=f"UNC-{n}")
    client.force_login(world.cantho.center_staff)
    for url, count in (
        (f"/projects/{project.pk}/disbursements/new/", 8),
        (f"/projects/{project.pk}/acceptance/", 10),
    ):
        client.get(url)
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
