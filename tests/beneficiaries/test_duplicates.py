"""Possible duplicates are shown before saving, and saving them needs a confirmation."""

import pytest
from django.urls import reverse

from beneficiaries.models import Beneficiary
from khuyencong.models import Commune
from tests.factories import BeneficiaryFactory, beneficiary_form_data, commune_of

pytestmark = pytest.mark.django_db

CREATE = reverse("beneficiaries:create")


def _two_communes(province):
    first, second = Commune.objects.filter(province=province, kind="xa").order_by("code")[:2]
    return first, second


@pytest.mark.parametrize(
    "typed",
    [
        "Cơ sở mây tre đan Hòa Bình",  # the same
        "Cơ sở mây tre đan Hoà Bình",  # old tone-mark style
        "CƠ SỞ MÂY TRE ĐAN HÒA BÌNH",  # case
        "  Cơ sở  mây tre   đan Hòa Bình ",  # spaces
        "Co so may tre dan Hoa Binh",  # without diacritics
    ],
)
def test_same_name_in_the_same_commune_is_listed_before_saving(client, world, typed):
    commune, _other = _two_communes(world.cantho.province)
    existing = BeneficiaryFactory(name="Cơ sở mây tre đan Hòa Bình", commune=commune)
    client.force_login(world.cantho.center_staff)
    data = beneficiary_form_data(world.cantho.province, commune, name=typed, products="Giỏ mây")
    response = client.post(CREATE, data)
    assert response.status_code == 200
    assert response.context["duplicates"] == [existing]
    html = response.content.decode()
    assert reverse("beneficiaries:detail", args=[existing.pk]) in html
    assert 'name="confirm_not_duplicate"' in html
    assert "Giỏ mây" in html  # the typed values are kept
    assert Beneficiary.objects.count() == 1


def test_same_name_in_another_commune_is_not_a_duplicate(client, world):
    commune, other = _two_communes(world.cantho.province)
    BeneficiaryFactory(name="Cơ sở mây tre đan Hòa Bình", commune=other)
    client.force_login(world.cantho.center_staff)
    response = client.post(CREATE, beneficiary_form_data(world.cantho.province, commune))
    assert response.status_code == 302
    assert Beneficiary.objects.count() == 2


def test_confirming_a_different_establishment_saves_it(client, world):
    commune, _other = _two_communes(world.cantho.province)
    BeneficiaryFactory(name="Cơ sở mây tre đan Hòa Bình", commune=commune)
    client.force_login(world.cantho.center_staff)
    data = beneficiary_form_data(world.cantho.province, commune, confirm_not_duplicate="on")
    response = client.post(CREATE, data)
    assert response.status_code == 302
    assert Beneficiary.objects.filter(name_key="co so may tre dan hoa binh").count() == 2


def test_duplicate_lookup_is_one_query(world, django_assert_num_queries):
    from beneficiaries.selectors import possible_duplicates

    user = world.cantho.center_staff
    commune = commune_of(world.cantho.province)
    BeneficiaryFactory.create_batch(3, name="Xưởng mộc Tân Phú", commune=commune)
    possible_duplicates(  # warm the user's province scope, fetched once per request
        user, name="x", province=world.cantho.province, commune=commune, tax_code=None
    )
    with django_assert_num_queries(1):
        found = possible_duplicates(
            user,
            name="xuong moc tan phu",
            province=world.cantho.province,
            commune=commune,
            tax_code="0100109106",
        )
    assert len(found) == 3
