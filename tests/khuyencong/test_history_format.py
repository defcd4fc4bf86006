"""The history on detail pages reads each value the way its field means it: money in đồng, a year
as a year, counts grouped, dates dd/mm/yyyy."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from beneficiaries.models import Beneficiary, Snapshot
from khuyencong.history import history_entries
from projects.models import BudgetLine, Plan
from tests.factories import BeneficiaryFactory, PlanFactory, ProjectFactory, add_budget

pytestmark = pytest.mark.django_db


def _changes(queryset) -> dict[str, tuple[str, str]]:
    """{field label (English): (old, new)} of the newest change in a history."""
    with translation.override("en"):
        changed = [e for e in history_entries(queryset) if e.changes]
        return {c.field: (c.old, c.new) for c in changed[0].changes}


def test_a_year_change_is_not_grouped_like_money(world):
    snapshot = Snapshot.objects.create(
        beneficiary=BeneficiaryFactory(province=world.cantho.province), year=2024
    )
    snapshot.year = 2025
    snapshot.save()

    assert _changes(Snapshot.history.filter(id=snapshot.pk))["year"] == ("2024", "2025")


def test_a_plan_year_and_version_are_plain_numbers(world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    plan.year, plan.version = 2027, 2
    plan.save()

    changes = _changes(Plan.history.filter(id=plan.pk))

    assert changes["year"] == ("2026", "2027")
    assert changes["version"] == ("1", "2")


def test_a_money_change_reads_in_dong(world):
    (line,) = add_budget(ProjectFactory(plan=PlanFactory(province=world.cantho.province)), kcdp=1)
    line.proposed = 1_000_000
    line.approved = 2_500_000_000
    line.save()

    changes = _changes(BudgetLine.history.filter(id=line.pk))

    assert changes["proposed (đồng)"] == ("1 đ", "1.000.000 đ")
    assert changes["approved (đồng)"] == ("—", "2.500.000.000 đ")


def test_a_revenue_change_reads_in_dong_and_employees_as_a_count(world):
    beneficiary = BeneficiaryFactory(
        province=world.cantho.province, employees=12, revenue=800_000_000
    )
    beneficiary.employees, beneficiary.revenue = 1234, 1_200_000_000
    beneficiary.save()

    changes = _changes(Beneficiary.history.filter(id=beneficiary.pk))

    assert changes["employees"] == ("12", "1.234")
    assert changes["annual revenue (đồng)"] == ("800.000.000 đ", "1.200.000.000 đ")


def test_a_date_reads_dd_mm_yyyy_and_a_moment_with_its_local_time(world, settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    plan = PlanFactory(province=world.cantho.province)
    plan.decision_date = datetime.date(2026, 3, 5)
    plan.submitted_at = datetime.datetime(2026, 2, 28, 2, 30, tzinfo=datetime.UTC)
    plan.save()

    changes = _changes(Plan.history.filter(id=plan.pk))

    assert changes["decision date"] == ("—", "05/03/2026")
    with timezone.override("Asia/Ho_Chi_Minh"):
        changes = _changes(Plan.history.filter(id=plan.pk))
    assert changes["submitted at"] == ("—", "28/02/2026 09:30")


def test_the_months_of_a_project_read_mm_yyyy(world):
    project = ProjectFactory(plan=PlanFactory(province=world.cantho.province))
    project.start_month = datetime.date(2026, 4, 1)
    project.save()

    changes = _changes(project.history.filter(id=project.pk))

    assert changes["start month"] == ("—", "04/2026")


def test_the_snapshot_history_on_the_establishment_page_shows_the_year_plainly(client, world):
    beneficiary = BeneficiaryFactory(province=world.cantho.province)
    snapshot = Snapshot.objects.create(beneficiary=beneficiary, year=2023, revenue=5_000_000)
    snapshot.year, snapshot.revenue = 2024, 7_000_000
    snapshot.save()
    client.force_login(world.cantho.center_staff)

    page = client.get(reverse("beneficiaries:detail", args=[beneficiary.pk])).content.decode()

    assert "2023 → 2024" in page
    assert "5.000.000 đ → 7.000.000 đ" in page
    assert "2.023" not in page
