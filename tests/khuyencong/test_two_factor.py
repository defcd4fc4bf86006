"""Two-factor sign-in for the people who approve money (Sở reviewers and heads, the ministry, the
administrator) when TWO_FACTOR_REQUIRED is on (production), with a Vietnamese set-up page that
draws the QR code itself; and sessions that end after an idle time."""

import time

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from khuyencong.accounts import services
from khuyencong.accounts.middleware import SEEN_KEY
from khuyencong.models import AccountEvent
from tests.khuyencong.test_settings import PRODUCTION_ENV, _manage

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"


def code(device: TOTPDevice, offset: int = 0) -> str:
    """The code the phone shows now (`offset` steps later), from the device's key."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, offset):06d}"


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def _login(client, user):
    return client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})


def test_production_settings_require_two_factor_and_development_does_not(settings):
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED)",
        env=PRODUCTION_ENV,
    )
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr
    assert settings.TWO_FACTOR_REQUIRED is False  # tests and `make run` (DEBUG on)


def test_a_reviewer_sets_up_the_app_then_reaches_the_portal(client, world, required):
    reviewer = world.cantho.department_reviewer
    response = _login(client, reviewer)
    assert response.status_code == 302 and response.url.startswith("/accounts/two-factor/")
    # Nothing else opens before the code.
    blocked = client.get("/plans/")
    assert blocked.status_code == 302 and blocked.url.startswith("/accounts/two-factor/")

    setup = client.get("/accounts/two-factor/setup/")
    html = setup.content.decode()
    assert setup.status_code == 200
    assert "Cài đặt ứng dụng xác thực" in html
    # The QR code is drawn in the page (no image fetched from anywhere), the key shown beside.
    assert '<svg width="' in html and "<img" not in html
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    secret = device.config_url.split("secret=")[1].split("&")[0]
    shown = html.split('data-testid="totp-secret">')[1].split("<")[0]
    assert shown.replace(" ", "") == secret

    wrong = client.post("/accounts/two-factor/setup/", {"token": "000000"})
    assert wrong.status_code == 400
    assert "thử lại sau 1 giây" in wrong.content.decode()
    # After a wrong code django-otp takes the next only after a pause (1 s, then 2, 4...).
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    ok = client.post("/accounts/two-factor/setup/?next=/plans/", {"token": code(device)})
    assert ok.status_code == 302 and ok.url == "/plans/"
    assert client.get("/plans/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AccountEvent.objects.filter(kind="two_factor_enrolled", user=reviewer).exists()


def test_the_next_sign_in_asks_for_a_code(client, world, required):
    reviewer = world.cantho.department_reviewer
    device = TOTPDevice.objects.create(user=reviewer, name="app", confirmed=True)
    response = _login(client, reviewer)
    assert response.url.startswith("/accounts/two-factor/?next=")
    page = client.get(response.url)
    assert "Xác nhận đăng nhập" in page.content.decode()
    assert client.post("/accounts/two-factor/", {"token": "12345"}).status_code == 400
    assert client.post("/accounts/two-factor/", {"token": "abcdef"}).status_code == 400
    done = client.post("/accounts/two-factor/", {"token": code(device)})
    assert done.status_code == 302 and done.url == "/"
    assert client.get("/").status_code == 200


def test_a_code_is_accepted_once(client, world, required):
    reviewer = world.cantho.department_reviewer
    device = TOTPDevice.objects.create(user=reviewer, name="app", confirmed=True)
    _login(client, reviewer)
    token = code(device)
    assert client.post("/accounts/two-factor/", {"token": token}).status_code == 302
    other = Client()
    _login(other, reviewer)
    assert other.post("/accounts/two-factor/", {"token": token}).status_code == 400


def test_the_ministry_and_the_administrator_need_it_centres_do_not(client, world, required):
    from tests.factories import UserFactory

    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    for user in (world.ministry, admin):
        c = Client()
        assert _login(c, user).url.startswith("/accounts/two-factor/")
        assert c.get("/admin/").url.startswith("/accounts/two-factor/")
    for user in (world.cantho.center_staff, world.cantho.center_head):
        c = Client()
        assert _login(c, user).url == "/"
        assert c.get("/plans/").status_code == 200


def test_without_the_setting_reviewers_sign_in_with_the_password(client, world):
    assert _login(client, world.cantho.department_reviewer).url == "/"
    assert client.get("/plans/").status_code == 200


def test_removing_the_app_ends_the_confirmation(client, world, required):
    from tests.factories import MembershipFactory, UserFactory

    head = MembershipFactory(
        user=UserFactory(username="giamdocso.cantho"),
        organisation=world.cantho.department,
        role="department_head",
    ).user
    reviewer = world.cantho.department_reviewer
    device = TOTPDevice.objects.create(user=reviewer, name="app", confirmed=True)
    _login(client, reviewer)
    client.post("/accounts/two-factor/", {"token": code(device)})
    assert client.get("/plans/").status_code == 200

    assert services.account_two_factor_reset(head=head, person=reviewer) == 1
    response = client.get("/plans/")
    assert response.status_code == 302 and "/accounts/two-factor/" in response.url
    assert AccountEvent.objects.filter(kind="two_factor_reset", user=reviewer).exists()


def test_an_idle_session_ends(client, world, settings):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(world.cantho.center_staff)
    assert client.get("/").status_code == 200
    session = client.session
    session[SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/plans/")
    assert response.status_code == 302 and response.url == "/accounts/login/?next=/plans/"
    page = client.get(response.url).content.decode()
    assert "sau 30 phút không thao tác" in page
    assert client.get("/plans/").status_code == 302


def test_an_active_session_goes_on(client, world, settings):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(world.cantho.center_staff)
    session = client.session
    session[SEEN_KEY] = int(time.time()) - 29 * 60
    session.save()
    assert client.get("/plans/").status_code == 200
    assert client.session[SEEN_KEY] >= int(time.time()) - 5  # the clock restarted
