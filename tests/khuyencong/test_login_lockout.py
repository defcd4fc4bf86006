"""Login resists guessing: 5 failures for a username or 20 from an address within 15 minutes
lock further attempts for 15 minutes, even with the right password; a superuser unlocks."""

import datetime
import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
PASSWORD = "test-password-123"
LOCKED_TEXT = "Đăng nhập sai quá nhiều lần"


def _login(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _fail(client, username, times, address="10.0.0.1"):
    for _ in range(times):
        response = _login(client, username, "sai-mat-khau", address)
        assert response.status_code in (200, 429)


def _logged_in(client) -> bool:
    return SESSION_KEY in client.session


def test_four_failures_then_the_right_password_logs_in(client, world):
    _fail(client, "center_staff.cantho", 4)
    response = _login(client, "center_staff.cantho")
    assert response.status_code == 302
    assert _logged_in(client)


def test_five_failures_lock_the_username_even_for_the_right_password(client, world):
    _fail(client, "center_staff.cantho", 5)
    response = _login(client, "center_staff.cantho")
    assert response.status_code == 429
    assert not _logged_in(client)
    html = response.content.decode()
    assert LOCKED_TEXT in html
    assert "15 phút" in html
    # The login page itself, with the username kept, not a bare text page.
    assert 'name="password"' in html
    assert 'value="center_staff.cantho"' in html


def test_a_locked_username_does_not_lock_another_user(client, world):
    _fail(client, "center_staff.cantho", 5)
    response = _login(client, "center_head.cantho")
    assert response.status_code == 302
    assert _logged_in(client)


def test_the_locked_username_is_refused_from_another_address_too(client, world):
    _fail(client, "center_staff.cantho", 5, address="10.0.0.1")
    assert _login(client, "center_staff.cantho", address="10.9.9.9").status_code == 429


def test_twenty_failures_from_one_address_lock_that_address(client, world):
    users = [UserFactory(username=f"guess{n}") for n in range(6)]
    for n in range(20):  # 4 tries each at 5 usernames: no username reaches its limit
        _fail(client, users[n % 5].username, 1, address="10.0.0.7")
    response = _login(client, users[5].username, address="10.0.0.7")
    assert response.status_code == 429
    assert LOCKED_TEXT in response.content.decode()
    assert _login(client, users[5].username, address="10.0.0.8").status_code == 302


def test_nineteen_failures_from_one_address_do_not_lock_it(client, world):
    users = [UserFactory(username=f"guess{n}") for n in range(6)]
    for n in range(19):
        _fail(client, users[n % 5].username, 1, address="10.0.0.7")
    assert _login(client, users[5].username, address="10.0.0.7").status_code == 302


def test_the_lock_ends_after_fifteen_minutes(client, world):
    _fail(client, "center_staff.cantho", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert _login(client, "center_staff.cantho").status_code == 302


def test_a_login_clears_the_usernames_failures_but_not_the_addresss(client, world):
    _fail(client, "center_staff.cantho", 4)
    _fail(client, "nobody", 4)
    assert _login(client, "center_staff.cantho").status_code == 302
    assert not AccessAttempt.objects.filter(username="center_staff.cantho").exists()
    assert AccessAttempt.objects.get(username="nobody").failures_since_start == 4


def test_a_lockout_is_logged(client, world, caplog):
    with caplog.at_level(logging.WARNING, logger="khuyencong.security"):
        _fail(client, "center_staff.cantho", 5)
        _login(client, "center_staff.cantho")
    records = [r for r in caplog.records if r.name == "khuyencong.security"]
    assert records
    assert "center_staff.cantho" in records[-1].getMessage()
    assert "10.0.0.1" in records[-1].getMessage()


def test_a_superuser_unlocks_in_the_admin(client, world):
    _fail(client, "center_staff.cantho", 5)
    assert _login(client, "center_staff.cantho").status_code == 429
    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client.force_login(admin)
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert "center_staff.cantho" in client.get(changelist).content.decode()
    attempt = AccessAttempt.objects.get(username="center_staff.cantho")
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"}
    )
    assert response.status_code == 302
    client.logout()
    assert _login(client, "center_staff.cantho").status_code == 302


def test_the_test_clients_login_still_works(client, world):
    assert client.login(username="center_staff.cantho", password=PASSWORD)
    assert not client.login(username="center_staff.cantho", password="sai")
