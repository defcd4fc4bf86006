import pytest

from tests.browser.conftest import login


@pytest.mark.django_db(transaction=True)
def test_centre_user_logs_in_and_sees_organisation_and_role(page, world):
    login(page, "center_staff.cantho")
    who = page.get_by_test_id("who")
    assert "Trung tâm Khuyến công Cần Thơ" in who.inner_text()
    assert "Cán bộ Trung tâm" in who.inner_text()
    assert "Sóc Trăng" in page.get_by_test_id("greeting").locator("..").inner_text()


@pytest.mark.django_db(transaction=True)
def test_wrong_password_shows_a_vietnamese_error_and_keeps_the_username(page, world):
    login(page, "center_head.phutho", password="sai-mat-khau")
    assert page.url.endswith("/accounts/login/")
    assert "mật khẩu" in page.locator(".alert-danger").inner_text().lower()
    assert page.get_by_label("Tên đăng nhập").input_value() == "center_head.phutho"


@pytest.mark.django_db(transaction=True)
def test_user_logs_out_from_the_menu(page, world):
    login(page, "department_reviewer.cantho")
    page.get_by_role("button", name="Nguyễn Văn A").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.goto("/")
    assert "/accounts/login/" in page.url


@pytest.mark.django_db(transaction=True)
def test_pages_load_without_csp_violations(page, world):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    login(page, "ministry")
    page.wait_for_load_state("networkidle")
    assert not [e for e in errors if "Content Security Policy" in e], errors
