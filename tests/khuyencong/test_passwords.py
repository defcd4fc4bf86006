"""Passwords: "Quên mật khẩu" from the login page (Vietnamese pages and email, one-time links that
expire, a few emails per address an hour), rules in Vietnamese, changes throttled like logins,
and a new password ends the account's other sessions."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from khuyencong.models import AccountEvent

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"
NEW = "Mat-khau-moi-2026"
RESET = "/accounts/password_reset/"


def _reset_link(message) -> str:
    return re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)


def test_the_login_page_offers_a_password_reset_in_vietnamese(client, world):
    html = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/password_reset/"' in html
    assert "Quên mật khẩu?" in html
    page = client.get(RESET).content.decode()
    assert "Nhập địa chỉ email của tài khoản" in page


def test_a_reset_email_in_vietnamese_sets_a_new_password_once(client, world):
    user = world.cantho.center_staff
    response = client.post(RESET, {"email": user.email})
    assert response.status_code == 302 and response.url == "/accounts/password_reset/done/"
    (message,) = mail.outbox
    assert message.subject == "Đặt mật khẩu mới cho cổng thông tin khuyến công"
    assert "Tên đăng nhập: center_staff.cantho" in message.body
    link = _reset_link(message)

    form = client.get(link, follow=True)
    assert "Đặt mật khẩu mới" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    assert Client().login(username=user.username, password=NEW)
    # Used once: the same link is refused.
    again = client.get(link, follow=True).content.decode()
    assert "Đường dẫn này đã được dùng hoặc đã hết hạn" in again
    assert set(AccountEvent.objects.filter(user=user).values_list("kind", flat=True)) == {
        "reset_requested",
        "password_reset",
    }


def test_a_reset_link_expires(client, world, settings):
    user = world.cantho.center_staff

    class Yesterday(PasswordResetTokenGenerator):
        def _now(self):
            return datetime.datetime.now() - datetime.timedelta(hours=3)

    token = Yesterday().make_token(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    page = client.get(f"/accounts/reset/{uid}/{token}/", follow=True).content.decode()
    assert "đã hết hạn" in page
    assert settings.PASSWORD_RESET_TIMEOUT == 2 * 60 * 60


def test_an_unknown_email_gets_the_same_answer_and_no_mail(client, world):
    response = client.post(RESET, {"email": "khong-ai@example.vn"})
    assert response.status_code == 302 and response.url == "/accounts/password_reset/done/"
    assert not mail.outbox


def test_at_most_three_reset_emails_an_hour_to_one_address(client, world):
    email = world.cantho.center_staff.email
    for _ in range(6):
        assert client.post(RESET, {"email": email}).status_code == 302
    assert len(mail.outbox) == 3
    # Another account's address is not held back by it.
    client.post(RESET, {"email": world.cantho.center_head.email})
    assert len(mail.outbox) == 4


def test_one_computer_cannot_ask_for_resets_without_end(client, world):
    for n in range(20):
        client.post(RESET, {"email": f"x{n}@example.vn"}, REMOTE_ADDR="10.0.0.9")
    response = client.post(
        RESET, {"email": world.cantho.center_staff.email}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429
    assert "quá nhiều yêu cầu" in response.content.decode()
    assert not mail.outbox
    assert client.post(RESET, {"email": "y@example.vn"}, REMOTE_ADDR="10.0.0.10").status_code == 302


def test_a_bad_email_is_a_400_with_a_message(client, world):
    response = client.post(RESET, {"email": "not-an-email" + "x" * 300})
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()


# --- Rules in Vietnamese --------------------------------------------------------------------


def test_password_rules_and_refusals_read_in_vietnamese(client, world):
    client.force_login(world.cantho.center_staff)
    page = client.get("/accounts/password_change/").content.decode()
    assert "Mật khẩu phải có ít nhất 8 ký tự." in page
    assert "Mật khẩu hiện tại" in page
    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "1234", "new_password2": "1234"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in html
    assert "Mật khẩu không được chỉ gồm chữ số." in html
    assert "This password" not in html and "Nó phải" not in html


# --- Throttled like logins ------------------------------------------------------------------


def test_five_wrong_old_passwords_pause_the_change_even_for_the_right_one(client, world):
    user = world.cantho.center_staff
    client.force_login(user)
    for _ in range(5):
        response = client.post(
            "/accounts/password_change/",
            {"old_password": "sai", "new_password1": NEW, "new_password2": NEW},
        )
        assert response.status_code == 400
    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 429
    assert "tạm dừng trong 15 phút" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    # The guesses are logged like failed logins, without any password in them.
    attempt = AccessAttempt.objects.get(username=user.username)
    assert attempt.failures_since_start == 5
    assert "sai" not in attempt.post_data and NEW not in attempt.post_data


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(client, world):
    user = world.cantho.center_staff
    other = Client()
    assert other.login(username=user.username, password=PASSWORD)
    assert other.get("/").status_code == 200
    assert client.login(username=user.username, password=PASSWORD)

    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    ended = other.get("/")
    assert ended.status_code == 302 and ended.url.startswith("/accounts/login/")
    assert AccountEvent.objects.filter(kind="password_changed", user=user).count() == 1


def test_a_reset_ends_every_open_session(client, world):
    user = world.cantho.center_staff
    other = Client()
    assert other.login(username=user.username, password=PASSWORD)
    client.post(RESET, {"email": user.email})
    form = client.get(_reset_link(mail.outbox[0]), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert other.get("/").status_code == 302
