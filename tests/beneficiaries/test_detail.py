"""The detail page: facts, đề án with money, recognitions, figures, history; scope and queries."""

import pytest
from django.urls import reverse

from beneficiaries.models import Recognition, Snapshot
from beneficiaries.services import beneficiary_update
from tests.factories import (
    BeneficiaryFactory,
    PlanFactory,
    ProjectFactory,
    add_participant,
    commune_of,
)

pytestmark = pytest.mark.django_db


def _url(b):
    return reverse("beneficiaries:detail", args=[b.pk])


def test_detail_lists_every_project_with_support_and_counterpart(client, world):
    b = BeneficiaryFactory(name="HTX Bánh pía", tax_code="0100109106", revenue=5_000_000)
    old = ProjectFactory(plan=PlanFactory(province=world.soctrang, year=2023))
    new = ProjectFactory()
    add_participant(old, b, support=900_000_000, counterpart=1_114_900_000)
    add_participant(new, b, support=100_000_000, counterpart=0)
    client.force_login(world.cantho.center_staff)
    response = client.get(_url(b))
    html = response.content.decode()
    assert response.status_code == 200
    assert old.code in html and new.code in html
    assert reverse("projects:detail", args=[old.pk]) in html
    assert "900.000.000 đ" in html
    assert "1.114.900.000 đ" in html
    assert response.context["participations"].support_total == 1_000_000_000
    assert "0100109106" in html
    assert "5.000.000 đ" in html


def test_detail_shows_recognitions_and_yearly_figures(client, world):
    b = BeneficiaryFactory()
    Recognition.objects.create(beneficiary=b, product="Trà mãng cầu", level="quoc_gia", year=2024)
    Snapshot.objects.create(beneficiary=b, year=2023, revenue=750_000_000, employees=14)
    client.force_login(world.cantho.department_reviewer)
    html = client.get(_url(b)).content.decode()
    assert "Trà mãng cầu" in html
    assert "750.000.000 đ" in html
    assert 'data-testid="edit-beneficiary"' not in html  # reviewers read only


def test_other_province_gets_404(client, world):
    b = BeneficiaryFactory(province=world.cantho.province)
    client.force_login(world.phutho.center_staff)
    assert client.get(_url(b)).status_code == 404


def test_ministry_reads_any_province(client, world):
    b = BeneficiaryFactory(province=world.phutho.province)
    client.force_login(world.ministry)
    assert client.get(_url(b)).status_code == 200


def test_centre_of_the_successor_sees_an_old_province_beneficiary(client, world):
    b = BeneficiaryFactory(name="Lò bánh pía Vũng Thơm", province=world.soctrang)
    client.force_login(world.cantho.center_staff)
    response = client.get(_url(b))
    assert response.status_code == 200
    assert "Sóc Trăng" in response.content.decode()
    assert "Lò bánh pía Vũng Thơm" in client.get(reverse("beneficiaries:list")).content.decode()
    client.force_login(world.phutho.center_staff)
    assert client.get(_url(b)).status_code == 404


def test_anonymous_is_sent_to_login(client, world):
    b = BeneficiaryFactory()
    response = client.get(_url(b))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def _fill(b, count):
    for index in range(count):
        add_participant(ProjectFactory(), b, support=1_000_000, counterpart=500_000)
        Recognition.objects.create(
            beneficiary=b, product=f"Sản phẩm {index}", level="tinh", year=2020 + index % 5
        )
    Snapshot.objects.create(beneficiary=b, year=2024, revenue=1, employees=1)


@pytest.mark.parametrize("count", [5, 50])
def test_detail_runs_the_same_queries_at_5_and_50_rows(
    client, world, django_assert_num_queries, count
):
    b = BeneficiaryFactory(province=world.soctrang)
    _fill(b, count)
    user = world.cantho.center_staff
    # An edit, so the history holds changes (with a foreign key changed) too.
    beneficiary_update(
        user=user,
        beneficiary=b,
        expected_version=0,
        data={
            "name": "Tên mới",
            "province": world.cantho.province,
            "commune": commune_of(world.cantho.province),
        },
    )
    client.force_login(user)
    # session, user, membership, province ids, beneficiary, recognitions, snapshots,
    # participations, history of the beneficiary, its recognitions and its figures, the names
    # of the provinces and communes it moved between
    with django_assert_num_queries(13):
        response = client.get(_url(b))
    assert response.status_code == 200
    assert len(response.context["participations"].rows) == count
    assert len(response.context["recognitions"]) == count
    assert len(response.context["history"]) == count + 3  # created, changed, figures, recognitions
