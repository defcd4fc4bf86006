"""The JSON search the đề án form calls as the user types."""

import pytest
from django.urls import reverse

from tests.factories import BeneficiaryFactory, commune_of

pytestmark = pytest.mark.django_db

SEARCH = reverse("beneficiaries:search")


def _results(client, q):
    response = client.get(SEARCH, {"q": q})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()["results"]


@pytest.mark.parametrize("q", ["hoa binh", "Hòa Bình", "Hoà Bình"])
def test_search_finds_the_same_rows_whatever_the_accents(client, world, q):
    BeneficiaryFactory(name="HTX mây tre Hòa Bình")
    BeneficiaryFactory(name="Xưởng gốm Hoà Bình")
    BeneficiaryFactory(name="Cơ sở Bình An")
    client.force_login(world.cantho.center_staff)
    assert sorted(r["name"] for r in _results(client, q)) == [
        "HTX mây tre Hòa Bình",
        "Xưởng gốm Hoà Bình",
    ]


def test_search_for_dak_finds_dak_and_dak_with_accents(client, world):
    BeneficiaryFactory(name="Cà phê Đắk Mil")
    BeneficiaryFactory(name="Dak Nong Food")
    client.force_login(world.cantho.center_staff)
    assert sorted(r["name"] for r in _results(client, "đắk")) == ["Cà phê Đắk Mil", "Dak Nong Food"]


def test_result_shape_is_id_name_tax_code_commune_province(client, world):
    commune = commune_of(world.cantho.province)
    b = BeneficiaryFactory(name="HTX Rau sạch", tax_code="0100109106", commune=commune)
    client.force_login(world.cantho.center_staff)
    assert _results(client, "0100109106") == [
        {
            "id": b.pk,
            "name": "HTX Rau sạch",
            "tax_code": "0100109106",
            "commune": commune.name,
            "province": "Cần Thơ",
        }
    ]


def test_short_query_gives_nothing(client, world):
    BeneficiaryFactory(name="A Cơ sở")
    client.force_login(world.cantho.center_staff)
    assert _results(client, "a") == []
    assert _results(client, " ") == []


def test_search_returns_at_most_20_of_the_users_own(client, world):
    BeneficiaryFactory.create_batch(25, name="Cơ sở gạch ngói")
    BeneficiaryFactory(name="Cơ sở gạch Phú Thọ", province=world.phutho.province)
    client.force_login(world.cantho.center_staff)
    results = _results(client, "gach")
    assert len(results) == 20
    assert all("Phú Thọ" not in r["name"] for r in results)


def test_search_sees_old_province_rows_of_the_merged_units(client, world):
    BeneficiaryFactory(name="Lò bánh pía Sóc Trăng", province=world.soctrang)
    client.force_login(world.cantho.department_reviewer)
    (result,) = _results(client, "banh pia")
    assert result["commune"] == ""
    assert result["province"].startswith("Sóc Trăng")


@pytest.mark.parametrize("count", [5, 50])
def test_search_query_count_does_not_grow(client, world, django_assert_num_queries, count):
    BeneficiaryFactory.create_batch(count, name="Cơ sở cơ khí")
    client.force_login(world.cantho.center_staff)
    # session, user, membership, province ids, the search
    with django_assert_num_queries(5):
        _results(client, "co khi")
