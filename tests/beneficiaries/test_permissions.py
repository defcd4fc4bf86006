"""Every page × every kind of user: another province's record → 404 (no leak), a write without
the right → 403."""

import pytest
from django.urls import reverse

from tests.factories import BeneficiaryFactory

pytestmark = pytest.mark.django_db

USERS = [
    "cantho.center_staff",
    "cantho.center_head",
    "cantho.department_reviewer",
    "phutho.center_staff",
    "phutho.department_reviewer",
    "ministry",
]

# Expected status per page for a Cần Thơ beneficiary, in the order of USERS.
MATRIX = {
    "list": [200, 200, 200, 200, 200, 200],
    "search": [200, 200, 200, 200, 200, 200],
    "create": [200, 200, 403, 200, 403, 403],
    "detail": [200, 200, 200, 404, 404, 200],
    "edit": [200, 200, 403, 404, 404, 403],
}


def _user(world, dotted):
    if dotted == "ministry":
        return world.ministry
    side, role = dotted.split(".")
    return getattr(getattr(world, side), role)


@pytest.mark.parametrize("page", MATRIX)
@pytest.mark.parametrize("who", range(len(USERS)), ids=USERS)
def test_page_answers_each_user_as_the_rules_say(client, world, page, who):
    b = BeneficiaryFactory(province=world.cantho.province)
    url = reverse(f"beneficiaries:{page}", args=[b.pk] if page in {"detail", "edit"} else [])
    client.force_login(_user(world, USERS[who]))
    assert (
        client.get(url, {"q": "co so"} if page == "search" else {}).status_code
        == (MATRIX[page][who])
    )


@pytest.mark.parametrize("page", ["create", "edit"])
@pytest.mark.parametrize("who", ["cantho.department_reviewer", "ministry"])
def test_reviewer_and_ministry_cannot_post(client, world, page, who):
    b = BeneficiaryFactory(province=world.cantho.province, name="Không đổi")
    url = reverse(f"beneficiaries:{page}", args=[b.pk] if page == "edit" else [])
    client.force_login(_user(world, who))
    assert client.post(url, {"name": "Đổi"}).status_code == 403
    b.refresh_from_db()
    assert b.name == "Không đổi"


def test_search_never_returns_another_provinces_rows(client, world):
    BeneficiaryFactory(province=world.cantho.province, name="Cơ sở gốm Cần Thơ")
    client.force_login(world.phutho.center_staff)
    response = client.get(reverse("beneficiaries:search"), {"q": "gom"})
    assert response.json() == {"results": []}


def test_service_refuses_a_reviewer_and_another_province(world):
    from django.core.exceptions import PermissionDenied

    from beneficiaries.services import beneficiary_create

    data = {"name": "X", "kind": "ho_kinh_doanh", "province": world.cantho.province}
    with pytest.raises(PermissionDenied):
        beneficiary_create(user=world.cantho.department_reviewer, data=data)
    with pytest.raises(PermissionDenied):
        beneficiary_create(user=world.phutho.center_staff, data=data)
    assert beneficiary_create(user=world.cantho.center_staff, data=data).pk
