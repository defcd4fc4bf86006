"""The reporting reference data: each content's default activity line, the data migration that
gives existing đề án theirs, and the admin pages where all of it is edited."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from projects.models import Activity, Project, ProjectStatus, default_activity_for
from tests.factories import PlanFactory, UserFactory, content
from tests.reports.conftest import make_project

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("projects.migrations.0100_report_reference")


@pytest.mark.parametrize(
    "content_code, line",
    [
        ("1", "1"),
        ("2", "5"),
        ("2.1", "3"),
        ("3.1", "9"),
        ("3.2", "10"),
        ("4.1", "12"),
        ("4.2", "13"),
        ("4.3", "13"),
        ("4.5", "15"),
        ("6", "18"),
        ("8", "11"),
        ("10", "23"),
    ],
)
def test_default_activity_of_each_content(content_code, line):
    assert default_activity_for(content(content_code)).code == line


def test_activities_are_offered_within_their_content():
    assert set(content("4.2").activities.values_list("code", flat=True)) == {"13", "14", "24"}


def test_data_migration_maps_existing_projects_to_their_default_line(world):
    plan = PlanFactory(province=world.soctrang, year=2023)
    fair = make_project(plan, "kcdp", "4.2", ProjectStatus.APPROVED, kcdp=10)
    chosen = make_project(plan, "kcdp", "1", ProjectStatus.APPROVED, kcdp=10)
    Project.objects.filter(pk=chosen.pk).update(activity=Activity.objects.get(code="2"))
    MIGRATION.load_report_reference(apps)
    fair.refresh_from_db()
    chosen.refresh_from_db()
    assert fair.activity.code == "13"
    assert chosen.activity.code == "2"  # a choice already made is kept
    assert Activity.objects.count() == 24  # loading again creates nothing new


@pytest.mark.parametrize("model", ["activity", "resultsrow", "centreyearfact", "indicator"])
def test_admin_pages_of_the_reference_data(client, world, model):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    assert client.get(reverse(f"admin:projects_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:projects_{model}_add")).status_code == 200
