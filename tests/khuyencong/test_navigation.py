"""A navigation link either works or is not shown."""

import pytest
from django.urls import reverse

from khuyencong.models import Role
from khuyencong.navigation import SECTIONS, sections_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = [Role.CENTER_STAFF, Role.CENTER_HEAD, Role.DEPARTMENT_REVIEWER, Role.MINISTRY]


def _user(world, role):
    return world.ministry if role == Role.MINISTRY else world.cantho.users[role.value]


def test_every_section_names_a_route_that_exists():
    for section in SECTIONS:
        assert reverse(section.url_name)


@pytest.mark.parametrize("role", ROLES)
def test_every_nav_link_opens_for_each_role(client, world, role):
    user = _user(world, role)
    client.force_login(user)

    home = client.get(reverse("dashboard"))
    links = [item["url"] for item in home.context["nav_sections"]]

    assert len(links) == len([s for s in SECTIONS if role in s.roles])
    for url in links:
        assert client.get(url).status_code == 200, url


def test_every_nav_link_opens_for_a_superuser(client, world):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)

    links = [item["url"] for item in client.get(reverse("dashboard")).context["nav_sections"]]

    assert len(links) == len([s for s in SECTIONS if s.for_superuser])
    for url in links:
        assert client.get(url).status_code == 200, url


def test_the_current_section_is_marked_active(world):
    items = sections_for(world.cantho.center_staff, Role.CENTER_STAFF, "/projects/?year=2023")

    active = [item["url"] for item in items if item["active"]]

    assert active == [reverse("projects:list")]


def test_a_user_without_organisation_sees_no_section(world):
    assert sections_for(UserFactory(username="nobody"), None, "/") == []


def test_reports_section_links_to_the_reports_index(client, world):
    client.force_login(world.ministry)

    page = client.get(reverse("dashboard")).content.decode()

    assert "reports:index" in [s.url_name for s in SECTIONS]
    assert f'href="{reverse("reports:index")}"' in page
