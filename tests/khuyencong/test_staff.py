"""/accounts/staff/: the head of a centre, a Sở or the ministry manages their own organisation's
people (list, invite, role within the organisation up to their own, deactivate); staff get 403,
another organisation's people never appear and answer 404; every change is an event."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from khuyencong.accounts import services
from khuyencong.models import AccountEvent, Membership, Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

STAFF = "/accounts/staff/"
PASSWORD = "test-password-123"


def _head(org, role, username):
    return MembershipFactory(user=UserFactory(username=username), organisation=org, role=role).user


@pytest.fixture
def heads(world):
    return {
        "centre": world.cantho.center_head,
        "department": _head(world.cantho.department, Role.DEPARTMENT_HEAD, "giamdocso.cantho"),
        "ministry": _head(world.ministry_org, Role.MINISTRY_HEAD, "lanhdao.bo"),
    }


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("cantho.center_head", 200),
        ("cantho.center_staff", 403),
        ("cantho.department_reviewer", 403),
        ("ministry", 403),
        ("head:department", 200),
        ("head:ministry", 200),
    ],
)
def test_only_heads_open_the_staff_page(client, world, heads, who, status):
    if who.startswith("head:"):
        user = heads[who.split(":")[1]]
    elif who == "ministry":
        user = world.ministry
    else:
        side, role = who.split(".")
        user = getattr(getattr(world, side), role)
    client.force_login(user)
    assert client.get(STAFF).status_code == status


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(STAFF)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_the_page_lists_only_the_heads_organisation(client, world, heads):
    client.force_login(world.cantho.center_head)
    html = client.get(STAFF).content.decode()
    people = set(re.findall(r'data-person="([^"]+)"', html))
    assert people == {"center_staff.cantho", "center_head.cantho"}
    client.force_login(heads["department"])
    html = client.get(STAFF).content.decode()
    assert set(re.findall(r'data-person="([^"]+)"', html)) == {
        "department_reviewer.cantho",
        "giamdocso.cantho",
    }


@pytest.mark.parametrize("action", ["role", "deactivate", "reactivate", "two-factor-reset"])
def test_another_organisations_person_is_a_404(client, world, action):
    client.force_login(world.cantho.center_head)
    for stranger in (
        world.phutho.center_staff,  # another province's centre
        world.cantho.department_reviewer,  # the same province's Sở
    ):
        response = client.post(f"/accounts/staff/{stranger.pk}/{action}/", {"role": "center_staff"})
        assert response.status_code == 404
    assert get_user_model().objects.get(pk=world.phutho.center_staff.pk).is_active


def test_staff_cannot_invite_or_deactivate(client, world):
    client.force_login(world.cantho.center_staff)
    response = client.post(
        "/accounts/staff/invite/",
        {"full_name": "Lê Văn Mới", "email": "moi@example.vn", "role": "center_staff"},
    )
    assert response.status_code == 403
    pk = world.cantho.center_head.pk
    assert client.post(f"/accounts/staff/{pk}/deactivate/").status_code == 403
    assert not get_user_model().objects.filter(email="moi@example.vn").exists()


def _invite(client, email="moi@example.vn", role="center_staff", name="Lê Văn Mới"):
    return client.post("/accounts/staff/invite/", {"full_name": name, "email": email, "role": role})


def _link(message) -> str:
    return re.search(r"http://testserver(/accounts/invitation/\S+/)", message.body).group(1)


def test_a_head_invites_by_email_and_the_invitee_sets_a_password(client, world):
    client.force_login(world.cantho.center_head)
    response = _invite(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(username="moi@example.vn")
    assert not user.has_usable_password()
    assert (user.membership.organisation, user.membership.role) == (
        world.cantho.centre,
        Role.CENTER_STAFF,
    )
    (message,) = mail.outbox
    assert message.to == ["moi@example.vn"]
    assert "Tài khoản của anh/chị trên cổng thông tin khuyến công" in message.subject
    assert "Tên đăng nhập: moi@example.vn" in message.body
    client.logout()

    link = _link(message)
    page = client.get(link, follow=True)
    assert "Chào mừng" in page.content.decode()
    new_password = "Mat-khau-moi-2026"
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302 and response.url == "/accounts/login/"
    assert client.login(username="moi@example.vn", password=new_password)
    client.logout()
    # One-time: the link no longer works.
    assert "đã được dùng hoặc đã hết hạn" in client.get(link, follow=True).content.decode()
    kinds = list(AccountEvent.objects.filter(user=user).values_list("kind", flat=True))
    assert sorted(kinds) == ["invitation_accepted", "invited"]


def test_an_invitation_expires(client, world, settings):
    client.force_login(world.cantho.center_head)
    _invite(client)
    settings.INVITATION_TIMEOUT = -1
    client.logout()
    page = client.get(_link(mail.outbox[0]), follow=True)
    assert "đã được dùng hoặc đã hết hạn" in page.content.decode()


def test_a_reset_link_is_not_an_invitation(client, world):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    client.force_login(world.cantho.center_head)
    _invite(client)
    user = get_user_model().objects.get(username="moi@example.vn")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    reset_token = default_token_generator.make_token(user)
    page = client.get(f"/accounts/invitation/{uid}/{reset_token}/", follow=True)
    assert "đã được dùng hoặc đã hết hạn" in page.content.decode()


def test_an_invitation_to_a_known_email_is_refused_with_a_message(client, world):
    client.force_login(world.cantho.center_head)
    response = _invite(client, email=world.phutho.center_staff.email.upper())
    assert response.status_code == 400
    assert "Email này đã có tài khoản" in response.content.decode()
    assert not mail.outbox


def test_a_head_gives_roles_of_their_organisation_never_above_their_own(client, world, heads):
    client.force_login(world.cantho.center_head)
    assert _invite(client, role=Role.DEPARTMENT_REVIEWER).status_code == 400
    assert _invite(client, role=Role.MINISTRY_HEAD, email="x@example.vn").status_code == 400
    staff = world.cantho.center_staff
    response = client.post(f"/accounts/staff/{staff.pk}/role/", {"role": "department_head"})
    assert response.status_code == 400
    assert Membership.objects.get(user=staff).role == Role.CENTER_STAFF

    response = client.post(f"/accounts/staff/{staff.pk}/role/", {"role": "center_head"})
    assert response.status_code == 302
    assert Membership.objects.get(user=staff).role == Role.CENTER_HEAD
    event = AccountEvent.objects.get(kind=AccountEvent.Kind.ROLE_CHANGED)
    assert (event.user, event.actor, event.detail) == (
        staff,
        world.cantho.center_head,
        {"old": "center_staff", "new": "center_head"},
    )
    page = client.get(STAFF).content.decode()
    assert "(Cán bộ Trung tâm → Giám đốc Trung tâm)" in page


def test_a_reviewer_below_the_sos_head_cannot_be_made_a_ministry_role(client, world, heads):
    client.force_login(heads["department"])
    reviewer = world.cantho.department_reviewer
    for role in ("ministry", "center_head"):
        response = client.post(f"/accounts/staff/{reviewer.pk}/role/", {"role": role})
        assert response.status_code == 400
    response = client.post(f"/accounts/staff/{reviewer.pk}/role/", {"role": "department_head"})
    assert response.status_code == 302


def test_the_service_refuses_a_role_above_the_heads_own(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.account_role_change(
            head=world.cantho.center_head,
            person=world.cantho.center_staff,
            role=Role.DEPARTMENT_HEAD,
        )


def test_deactivating_ends_sign_in_and_open_sessions_and_keeps_the_account(client, world):
    from django.test import Client

    staff = world.cantho.center_staff
    theirs = Client()
    assert theirs.login(username=staff.username, password=PASSWORD)
    assert theirs.get("/").status_code == 200

    client.force_login(world.cantho.center_head)
    response = client.post(f"/accounts/staff/{staff.pk}/deactivate/")
    assert response.status_code == 302

    staff.refresh_from_db()
    assert not staff.is_active
    response = theirs.get("/")  # their open session ended
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert not Client().login(username=staff.username, password=PASSWORD)
    page = client.get(STAFF).content.decode()
    assert 'data-person="center_staff.cantho"' in page  # never deleted
    assert "Đã khóa" in page
    event = AccountEvent.objects.get(kind=AccountEvent.Kind.DEACTIVATED)
    assert (event.user, event.actor, event.organisation) == (
        staff,
        world.cantho.center_head,
        world.cantho.centre,
    )

    assert client.post(f"/accounts/staff/{staff.pk}/reactivate/").status_code == 302
    assert Client().login(username=staff.username, password=PASSWORD)


def test_a_deactivated_login_is_refused_in_vietnamese(client, world):
    staff = world.cantho.center_staff
    services.account_set_active(head=world.cantho.center_head, person=staff, active=False)
    response = client.post("/accounts/login/", {"username": staff.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "không đúng" in response.content.decode()  # Vietnamese, and nothing revealed


def test_a_head_cannot_deactivate_themselves(client, world):
    head = world.cantho.center_head
    client.force_login(head)
    response = client.post(f"/accounts/staff/{head.pk}/deactivate/", follow=True)
    assert "nhờ quản trị viên" in response.content.decode()
    head.refresh_from_db()
    assert head.is_active


def test_the_page_shows_the_events_of_the_organisation_only(client, world):
    services.account_set_active(
        head=world.phutho.center_head, person=world.phutho.center_staff, active=False
    )
    services.account_set_active(
        head=world.cantho.center_head, person=world.cantho.center_staff, active=False
    )
    client.force_login(world.cantho.center_head)
    events = client.get(STAFF).context["events"]
    assert [e.user for e in events] == [world.cantho.center_staff]


def test_the_staff_page_costs_the_same_queries_for_few_or_many_people(
    client, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.cantho.center_head)
    client.get(STAFF)
    with CaptureQueriesContext(connection) as few:
        client.get(STAFF)
    for n in range(20):
        MembershipFactory(user=UserFactory(username=f"nv{n}"), organisation=world.cantho.centre)
        services.account_event_record(kind="invited", user=None, organisation=world.cantho.centre)
    with CaptureQueriesContext(connection) as many:
        client.get(STAFF)
    assert len(few) == len(many)


def test_a_mail_server_failure_is_a_message_and_the_invitation_can_be_sent_again(
    client, world, settings
):
    settings.EMAIL_BACKEND = "tests.khuyencong.test_staff.RefusingBackend"
    client.force_login(world.cantho.center_head)
    response = _invite(client)
    assert response.status_code == 302
    page = client.get(STAFF).content.decode()
    assert "chưa gửi được email" in page
    user = get_user_model().objects.get(username="moi@example.vn")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert client.post(f"/accounts/staff/{user.pk}/reinvite/").status_code == 302
    assert len(mail.outbox) == 1


class RefusingBackend:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP down")
