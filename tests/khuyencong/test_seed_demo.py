from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from khuyencong.demo import DEMO_PASSWORD, MINISTRY_NAME
from khuyencong.models import Membership, Organisation, Role

pytestmark = pytest.mark.django_db

DEMO_USERS = {
    "bo": Role.MINISTRY,
    "lanhdao.bo": Role.MINISTRY_HEAD,
    "giamdocso.cantho": Role.DEPARTMENT_HEAD,
    "giamdocso.laocai": Role.DEPARTMENT_HEAD,
    "trungtam.cantho": Role.CENTER_HEAD,
    "canbo.cantho": Role.CENTER_STAFF,
    "so.cantho": Role.DEPARTMENT_REVIEWER,
    "trungtam.phutho": Role.CENTER_HEAD,
    "canbo.phutho": Role.CENTER_STAFF,
    "so.phutho": Role.DEPARTMENT_REVIEWER,
    "trungtam.laocai": Role.CENTER_HEAD,
    "canbo.laocai": Role.CENTER_STAFF,
    "so.laocai": Role.DEPARTMENT_REVIEWER,
}


def test_seed_demo_creates_organisations_and_users(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    assert Organisation.objects.filter(kind=Organisation.Kind.CENTRE).count() == 34
    assert Organisation.objects.filter(kind=Organisation.Kind.DEPARTMENT).count() == 34
    assert Organisation.objects.get(kind=Organisation.Kind.MINISTRY).name == MINISTRY_NAME
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    for username, role in DEMO_USERS.items():
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        assert user.membership.role == role
    assert Membership.objects.get(user__username="so.cantho").organisation.name == (
        "Sở Công Thương thành phố Cần Thơ"
    )
    assert Membership.objects.get(user__username="canbo.laocai").organisation.province.code == "15"


def test_seed_demo_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    counts = (Organisation.objects.count(), get_user_model().objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Organisation.objects.count(), get_user_model().objects.count()) == counts


def test_seed_demo_creates_no_users_when_debug_is_off(settings):
    settings.DEBUG = False
    call_command("seed_demo", stdout=StringIO())
    assert Organisation.objects.count() == 69
    assert not get_user_model().objects.exists()
