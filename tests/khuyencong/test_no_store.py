"""Offices share computers: what a signed-in user saw is never kept in a browser's cache."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import BeneficiaryFactory, PlanFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    return "no-store" in response.headers.get("Cache-Control", "")


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/beneficiaries/",
        "/beneficiaries/?format=xlsx",
        "/beneficiaries/?format=csv",
        "/plans/",
        "/projects/",
        "/projects/?format=xlsx",
        "/accounts/password_change/",
    ],
)
def test_signed_in_pages_and_exports_are_not_stored(client, world, url):
    client.force_login(world.cantho.center_staff)
    BeneficiaryFactory()
    response = client.get(url)
    assert response.status_code == 200
    assert _no_store(response)


def test_detail_pages_and_refusals_are_not_stored_either(client, world):
    project = ProjectFactory(plan=PlanFactory(province=world.cantho.province))
    client.force_login(world.cantho.center_staff)
    assert _no_store(client.get(reverse("projects:detail", args=[project.pk])))
    client.force_login(world.phutho.center_staff)
    assert _no_store(client.get(reverse("projects:detail", args=[project.pk])))  # 404


def test_static_files_stay_cacheable(client, world, settings):
    settings.WHITENOISE_USE_FINDERS = True  # serve from the source tree, as in development
    client.force_login(world.cantho.center_staff)
    assert finders.find("js/beneficiaries.js")
    response = client.get(f"{settings.STATIC_URL}js/beneficiaries.js")
    assert response.status_code == 200
    assert not _no_store(response)
