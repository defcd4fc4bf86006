"""The 2025 location rule is a warning on the detail and edit pages, never a block."""

import pytest
from django.urls import reverse

from beneficiaries.models import Beneficiary
from khuyencong.models import Commune
from tests.factories import BeneficiaryFactory, beneficiary_form_data, commune_of

pytestmark = pytest.mark.django_db


def _warning(client, beneficiary):
    response = client.get(reverse("beneficiaries:detail", args=[beneficiary.pk]))
    assert response.status_code == 200
    return response.context["location_warning"]


def test_ward_of_a_centrally_run_city_is_warned(client, world):
    ward = commune_of(world.cantho.province, kind=Commune.Kind.WARD)
    beneficiary = BeneficiaryFactory(province=world.cantho.province, commune=ward)
    client.force_login(world.cantho.center_staff)
    warning = _warning(client, beneficiary)
    assert ward.name in warning
    assert (
        'data-testid="location-warning"'
        in client.get(reverse("beneficiaries:detail", args=[beneficiary.pk])).content.decode()
    )


def test_ward_of_a_city_inside_a_craft_village_is_not_warned(client, world):
    ward = commune_of(world.cantho.province, kind=Commune.Kind.WARD)
    beneficiary = BeneficiaryFactory(
        province=world.cantho.province,
        commune=ward,
        craft_village="Làng nghề bánh tráng Thuận Hưng",
    )
    client.force_login(world.cantho.center_staff)
    assert _warning(client, beneficiary) == ""


def test_commune_of_a_city_is_not_warned(client, world):
    beneficiary = BeneficiaryFactory(
        province=world.cantho.province, commune=commune_of(world.cantho.province, kind="xa")
    )
    client.force_login(world.cantho.center_staff)
    assert _warning(client, beneficiary) == ""


def test_ward_of_a_province_is_not_warned(client, world):
    ward = commune_of(world.phutho.province, kind=Commune.Kind.WARD)
    beneficiary = BeneficiaryFactory(province=world.phutho.province, commune=ward)
    client.force_login(world.phutho.center_staff)
    assert _warning(client, beneficiary) == ""


def test_registering_in_a_city_ward_is_allowed_and_warned_after_save(client, world):
    ward = commune_of(world.cantho.province, kind=Commune.Kind.WARD)
    client.force_login(world.cantho.center_staff)
    response = client.post(
        reverse("beneficiaries:create"), beneficiary_form_data(world.cantho.province, ward)
    )
    assert response.status_code == 302
    page = client.get(response.url)
    assert ward.name in page.context["location_warning"]
    edit = client.get(reverse("beneficiaries:edit", args=[Beneficiary.objects.get().pk]))
    assert 'data-testid="location-warning"' in edit.content.decode()


def test_rule_applies_from_decree_235_in_force_15_october_2025(world):
    import datetime

    ward = commune_of(world.cantho.province, kind=Commune.Kind.WARD)
    beneficiary = BeneficiaryFactory(province=world.cantho.province, commune=ward)
    assert beneficiary.location_warning(on=datetime.date(2025, 10, 14)) == ""
    assert ward.name in beneficiary.location_warning(on=datetime.date(2025, 10, 15))


def test_a_province_that_becomes_a_city_turns_its_wards_ineligible_from_that_day(world):
    import datetime

    from tests.factories import current_province

    dong_nai = current_province("75")  # centrally-run city from 30/04/2026
    ward = commune_of(dong_nai, kind=Commune.Kind.WARD)
    beneficiary = BeneficiaryFactory(province=dong_nai, commune=ward)
    assert beneficiary.location_warning(on=datetime.date(2026, 4, 29)) == ""
    assert beneficiary.location_warning(on=datetime.date(2026, 4, 30)) != ""
