import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_request_to_dashboard_redirects_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_login_page_speaks_vietnamese(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đăng nhập" in html
    assert 'lang="vi"' in html


def test_wrong_password_gets_a_vietnamese_message_and_keeps_the_username(client, world):
    response = client.post(
        "/accounts/login/", {"username": "center_staff.cantho", "password": "nope"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "center_staff.cantho" in html
    assert "mật khẩu" in html.lower()


def test_login_then_dashboard_greets_with_organisation_and_role(client, world):
    response = client.post(
        "/accounts/login/",
        {"username": "center_staff.cantho", "password": "test-password-123"},
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trung tâm Khuyến công Cần Thơ" in html
    assert "Cán bộ Trung tâm" in html
    assert "Sóc Trăng" in html  # the merged old province is named


@pytest.mark.parametrize(
    ("who", "role_label"),
    [
        ("center_head", "Giám đốc Trung tâm"),
        ("department_reviewer", "Chuyên viên Sở Công Thương"),
    ],
)
def test_each_role_sees_its_label(client, world, who, role_label):
    client.force_login(getattr(world.phutho, who))
    html = client.get("/").content.decode()
    assert role_label in html
    assert "Phú Thọ" in html


def test_ministry_user_sees_every_province_note(client, world):
    client.force_login(world.ministry)
    html = client.get("/").content.decode()
    assert "Cục Đổi mới sáng tạo" in html
    assert "mọi tỉnh" in html


def test_dashboard_runs_a_constant_number_of_queries(client, world, django_assert_num_queries):
    client.force_login(world.cantho.center_staff)
    # session, user, membership, province ids, the merged provinces named on the page, and the
    # plans panel's years (none yet: no plan to total; tests/khuyencong/test_dashboard.py counts
    # the queries with plans)
    # + the waiting panel; + the implementation panel's year
    with django_assert_num_queries(6 + 4 + 1):
        assert client.get("/").status_code == 200


def test_logout_is_a_post_and_returns_to_login(client, world):
    client.force_login(world.cantho.center_staff)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_password_change_page_is_vietnamese(client, world):
    client.force_login(world.cantho.center_staff)
    html = client.get(reverse("password_change")).content.decode()
    assert "Đổi mật khẩu" in html


def test_unknown_page_gets_the_vietnamese_404(client, world, settings):
    settings.DEBUG = False
    client.force_login(world.cantho.center_staff)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_error_pages_render_in_vietnamese(rf, world):
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = world.cantho.center_staff
    assert "Bạn không có quyền" in render_to_string("403.html", request=request)
    assert "Lỗi hệ thống" in render_to_string("500.html")


def test_responses_carry_a_content_security_policy(client):
    response = client.get("/accounts/login/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy


def test_pages_are_vietnamese_even_for_an_english_browser(client):
    html = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Đăng nhập" in html


def test_english_is_shown_when_the_user_picks_it(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    html = client.get("/accounts/login/").content.decode()
    assert "Log in" in html
    assert 'lang="en"' in html
