"""The Django admin keeps the registry's rules: canonical tax codes, a new version per save."""

import pytest
from django.urls import reverse

from beneficiaries.models import Beneficiary
from tests.factories import BeneficiaryFactory, UserFactory, valid_tax_code

pytestmark = pytest.mark.django_db


def test_admin_save_stores_the_canonical_tax_code_and_bumps_the_version(client, world):
    b = BeneficiaryFactory(name="Hòa Bình")
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    code = valid_tax_code("010010910")
    data = {
        "name": "Hòa Bình 2",
        "kind": b.kind,
        "tax_code": f"{code}001",
        "province": b.province_id,
        "commune": b.commune_id,
        "recognitions-TOTAL_FORMS": 0,
        "recognitions-INITIAL_FORMS": 0,
        "snapshots-TOTAL_FORMS": 0,
        "snapshots-INITIAL_FORMS": 0,
    }
    url = reverse("admin:beneficiaries_beneficiary_change", args=[b.pk])
    assert client.post(url, data).status_code == 302
    assert Beneficiary.objects.values_list("name", "tax_code", "lock_version").get() == (
        "Hòa Bình 2",
        f"{code}-001",
        1,
    )


def test_admin_search_ignores_accents(client, world):
    BeneficiaryFactory(name="Xưởng gốm Hoà Bình")
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    response = client.get(reverse("admin:beneficiaries_beneficiary_changelist"), {"q": "hoa binh"})
    assert response.context["cl"].result_count == 1
