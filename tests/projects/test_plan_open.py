"""Opening a year's plan. The view uses the real date: today is 22/11/2026, so a centre may open
2026 and 2027."""

import pytest
from django.urls import reverse

from projects.models import Plan

pytestmark = pytest.mark.django_db

URL = reverse("projects:plan_open")


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_centre_head_opens_the_2027_plan_and_lands_on_it(client, world):
    client.force_login(world.cantho.center_head)

    response = client.post(URL, {"year": 2027})

    plan = Plan.objects.get(province=world.cantho.province, year=2027)
    assert response.status_code == 302
    assert response.url == reverse("projects:plan_detail", args=[plan.pk])
    assert plan.created_by == world.cantho.center_head


def test_opening_the_same_year_twice_gives_a_vietnamese_error(client, world):
    client.force_login(world.cantho.center_head)
    client.post(URL, {"year": 2027})

    response = client.post(URL, {"year": 2027}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("projects:plan_list")
    assert _messages(response) == ["Kế hoạch năm 2027 của Cần Thơ đã có."]
    assert "Kế hoạch năm 2027 của Cần Thơ đã có." in response.content.decode()
    assert Plan.objects.filter(province=world.cantho.province, year=2027).count() == 1


def test_a_past_year_cannot_be_opened(client, world):
    client.force_login(world.cantho.center_staff)

    response = client.post(URL, {"year": 2024}, follow=True)

    assert _messages(response) == ["Chỉ được lập kế hoạch cho năm 2026, 2027."]
    assert not Plan.objects.filter(year=2024).exists()


def test_a_year_that_is_not_a_number_is_refused_with_a_message(client, world):
    client.force_login(world.cantho.center_staff)

    response = client.post(URL, {"year": "hai nghìn"}, follow=True)

    assert response.status_code == 200
    assert _messages(response) == ["Chỉ được lập kế hoạch cho năm 2026, 2027."]
    assert not Plan.objects.exists()


@pytest.mark.parametrize("who", ["department_reviewer", "ministry"])
def test_readers_cannot_open_a_plan(client, world, who):
    user = world.ministry if who == "ministry" else world.cantho.department_reviewer
    client.force_login(user)

    response = client.post(URL, {"year": 2027})

    assert response.status_code == 403
    assert not Plan.objects.exists()


def test_opening_a_plan_is_post_only(client, world):
    client.force_login(world.cantho.center_head)

    assert client.get(URL, {"year": 2027}).status_code == 405
    assert not Plan.objects.exists()


def test_anonymous_user_is_sent_to_login(client, world):
    response = client.post(URL, {"year": 2027})

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_opened_years_are_no_longer_offered(client, world):
    client.force_login(world.cantho.center_head)
    client.post(URL, {"year": 2026})
    client.post(URL, {"year": 2027})

    response = client.get(reverse("projects:plan_list"))

    assert response.context["years_to_open"] == []
