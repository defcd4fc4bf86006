"""Accounts in a real browser: a centre head invites a staff member, who sets a password through
the emailed link, signs in, and is deactivated; a Sở reviewer signs in with a TOTP code from the
authenticator app set up on the spot."""

import base64
import re

import pytest
from django.core import mail
from django_otp.oath import totp

from tests.browser.conftest import login

NEW_PASSWORD = "Mat-khau-moi-2026"


@pytest.mark.django_db(transaction=True)
def test_a_head_invites_a_person_who_sets_a_password_signs_in_and_is_deactivated(
    browser, live_server, page, world
):
    login(page, "center_head.cantho")
    page.get_by_role("navigation").get_by_role("link", name="Nhân sự").click()
    form = page.get_by_test_id("invite-form")
    form.get_by_label("Họ và tên").fill("Lê Thị Mới")
    form.get_by_label("Email").fill("le.thi.moi@example.vn")
    form.get_by_label("Vai trò").select_option("center_staff")
    form.get_by_role("button", name="Gửi lời mời").click()
    assert "Đã gửi lời mời tới le.thi.moi@example.vn" in page.locator(".alert-success").inner_text()
    row = page.locator('tr[data-person="le.thi.moi@example.vn"]')
    assert "Đã mời" in row.inner_text()

    (message,) = mail.outbox
    link = re.search(r"http://[^/\s]+(/accounts/invitation/\S+/)", message.body).group(1)

    invitee = browser.new_context(locale="vi-VN", base_url=live_server.url).new_page()
    invitee.goto(link)
    assert "Chào mừng" in invitee.locator("h1").inner_text()
    invitee.locator("#id_new_password1").fill(NEW_PASSWORD)
    invitee.locator("#id_new_password2").fill(NEW_PASSWORD)
    invitee.get_by_role("button", name="Lưu mật khẩu mới").click()
    assert invitee.url.endswith("/accounts/login/")
    assert "Đã đặt mật khẩu" in invitee.locator(".alert-success").inner_text()
    login(invitee, "le.thi.moi@example.vn", NEW_PASSWORD)
    assert "Cán bộ Trung tâm" in invitee.get_by_test_id("who").inner_text()

    page.reload()
    row = page.locator('tr[data-person="le.thi.moi@example.vn"]')
    assert "Đang hoạt động" in row.inner_text()
    row.get_by_test_id("deactivate").click()
    assert "không còn đăng nhập được nữa" in page.locator(".alert-success").inner_text()
    assert "Đã khóa" in page.locator('tr[data-person="le.thi.moi@example.vn"]').inner_text()
    assert "khóa tài khoản" in page.get_by_test_id("account-events").inner_text()

    invitee.goto("/projects/")
    assert "/accounts/login/" in invitee.url
    login(invitee, "le.thi.moi@example.vn", NEW_PASSWORD)
    assert "/accounts/login/" in invitee.url
    assert "không đúng" in invitee.locator(".alert-danger").inner_text()
    invitee.context.close()


def _code(secret_text: str, steps_ahead: int = 0) -> str:
    secret = secret_text.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key, drift=steps_ahead):06d}"


@pytest.mark.django_db(transaction=True)
def test_a_reviewer_signs_in_with_a_code_from_the_authenticator_app(page, world, settings):
    settings.TWO_FACTOR_REQUIRED = True
    login(page, "department_reviewer.cantho")
    assert "/accounts/two-factor/setup/" in page.url
    assert page.get_by_test_id("qr-code").locator("svg").count() == 1
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.get_by_label("Mã trên ứng dụng xác thực").fill(_code(secret))
    page.get_by_role("button", name="Xác nhận và tiếp tục").click()
    assert "Đã cài đặt ứng dụng xác thực" in page.locator(".alert-success").inner_text()
    assert "Sở Công Thương Cần Thơ" in page.get_by_test_id("who").inner_text()

    page.get_by_role("button", name="Nguyễn Văn A").click()
    page.get_by_role("button", name="Đăng xuất").click()
    login(page, "department_reviewer.cantho")
    assert "/accounts/two-factor/" in page.url
    page.goto("/plans/")
    assert "/accounts/two-factor/" in page.url  # nothing opens before the code
    # The code just used is taken once; the phone's next one is accepted.
    page.get_by_label("Mã trên ứng dụng xác thực").fill(_code(secret, steps_ahead=1))
    page.get_by_role("button", name="Xác nhận", exact=True).click()
    assert page.url.endswith("/plans/")
    assert page.locator("h1").count() >= 1 and "/accounts/" not in page.url
