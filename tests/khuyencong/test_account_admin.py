"""The administrator manages organisations and their heads in the admin: each change is an
account event, and accounts are deactivated there, never deleted."""

import pytest

from khuyencong.models import AccountEvent, Membership, Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, world):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def test_appointing_a_head_in_the_admin_is_an_event(admin_client, world):
    membership = Membership.objects.get(user=world.cantho.center_staff)
    response = admin_client.post(
        f"/admin/khuyencong/membership/{membership.pk}/change/",
        {
            "user": membership.user_id,
            "organisation": membership.organisation_id,
            "role": Role.CENTER_HEAD,
        },
    )
    assert response.status_code == 302
    event = AccountEvent.objects.get(kind=AccountEvent.Kind.ADMIN_CHANGED)
    assert event.detail == {"old": "center_staff", "new": "center_head"}
    assert event.actor_label == "Nguyễn Văn A (root)"
    assert event.organisation == world.cantho.centre


def test_a_user_cannot_be_deleted_in_the_admin(admin_client, world):
    pk = world.cantho.center_staff.pk
    assert admin_client.get(f"/admin/auth/user/{pk}/delete/").status_code == 403
    response = admin_client.post(
        "/admin/auth/user/", {"action": "delete_selected", "_selected_action": [pk]}
    )
    assert response.status_code in (200, 302)
    assert Membership.objects.filter(user_id=pk).exists()


def test_deactivating_in_the_admin_is_an_event(admin_client, world):
    user = world.cantho.center_staff
    page = admin_client.get(f"/admin/auth/user/{user.pk}/change/")
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None and key not in ("groups", "user_permissions", "password")
    }
    data.update(
        {
            "is_active": "",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "01/01/2026",
            "date_joined_1": "08:00:00",
        }
    )
    data.pop("last_login", None)
    data.pop("date_joined", None)
    response = admin_client.post(f"/admin/auth/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert not user.is_active
    assert AccountEvent.objects.filter(kind="deactivated", user=user).exists()
