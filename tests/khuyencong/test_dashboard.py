"""The dashboard shows each role the figures it may read: the plans in scope with status and money
by source, the đề án by status; the ministry by year for the whole country."""

import ast
import pathlib

import pytest
from django.urls import reverse

from khuyencong.dashboard import Panel, panels_for, register_panel
from khuyencong.models import Role
from projects.dashboard import YEARS_SHOWN, StatusCount
from projects.models import PlanStatus, ProjectStatus
from tests.factories import PlanFactory, ProjectFactory, UserFactory, add_budget

pytestmark = pytest.mark.django_db

CORE = pathlib.Path(__file__).resolve().parents[2] / "khuyencong"
# The dashboard's own modules: the core shows what the apps register, it imports none of them.
DASHBOARD_MODULES = ["dashboard.py", "views.py", "navigation.py", "history.py"]
DOMAIN_APPS = {"projects", "funding", "beneficiaries", "reports"}


@pytest.fixture
def small_world(world):
    """Cần Thơ 2026 (draft, two đề án), Sóc Trăng 2023 (approved, merged into Cần Thơ, one đề án),
    Phú Thọ 2026 (submitted, one đề án)."""
    cantho = PlanFactory(province=world.cantho.province, year=2026, status=PlanStatus.DRAFT)
    soctrang = PlanFactory(province=world.soctrang, year=2023, status=PlanStatus.APPROVED)
    phutho = PlanFactory(province=world.phutho.province, year=2026, status=PlanStatus.SUBMITTED)
    add_budget(ProjectFactory(plan=cantho), kcdp=300_000_000, counterpart=450_000_000)
    add_budget(ProjectFactory(plan=cantho), kcdp=100_000_000, other=50_000_000)
    add_budget(
        ProjectFactory(plan=soctrang, program="kcqg", status=ProjectStatus.ACCEPTED),
        kcqg=900_000_000,
        counterpart=1_114_900_000,
    )
    add_budget(ProjectFactory(plan=phutho), kcdp=200_000_000)
    return world


def _panel(client, user):
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    (panel,) = [p for p in response.context["panels"] if p.template == "projects/_dashboard.html"]
    return panel.context, response.content.decode()


def _counts(counts: list[StatusCount]) -> dict[str, int]:
    return {s.status: s.count for s in counts}


def test_the_dashboard_core_imports_no_domain_app():
    for path in (CORE / name for name in DASHBOARD_MODULES):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in DOMAIN_APPS, f"{path.name} imports {name}"


@pytest.mark.parametrize("role", ["center_staff", "center_head", "department_reviewer"])
def test_a_province_sees_its_plans_and_the_merged_old_provinces(client, small_world, role):
    data, page = _panel(client, small_world.cantho.users[role])

    rows = {(r.plan.province.name, r.plan.year): r for r in data["plan_rows"]}

    assert not data["national"]
    assert set(rows) == {("Cần Thơ", 2026), ("Sóc Trăng", 2023)}
    cantho = rows["Cần Thơ", 2026]
    assert cantho.plan.status == PlanStatus.DRAFT
    assert (cantho.money.kcdp, cantho.money.counterpart, cantho.money.other) == (
        400_000_000,
        450_000_000,
        50_000_000,
    )
    assert cantho.money.total == 900_000_000
    assert _counts(cantho.projects) == {ProjectStatus.PROPOSED: 2}
    soctrang = rows["Sóc Trăng", 2023]
    assert soctrang.money.kcqg == 900_000_000
    assert _counts(soctrang.projects) == {ProjectStatus.ACCEPTED: 1}
    assert "Phú Thọ" not in page


def test_the_province_figures_are_in_trieu_dong(client, small_world):
    _, page = _panel(client, small_world.cantho.center_staff)

    assert "triệu đồng" in page
    assert "2.014,9" in page  # 900.000.000 + 1.114.900.000 đ, the Sóc Trăng 2023 total
    assert "2.014.900.000" not in page


def test_the_ministry_sees_every_province_by_year(client, small_world):
    data, page = _panel(client, small_world.ministry)

    rows = {r.year: r for r in data["year_rows"]}

    assert data["national"]
    assert "plan_rows" not in data
    assert list(rows) == [2026, 2023]
    assert _counts(rows[2026].plans) == {PlanStatus.DRAFT: 1, PlanStatus.SUBMITTED: 1}
    assert _counts(rows[2026].projects) == {ProjectStatus.PROPOSED: 3}
    assert rows[2026].money.kcdp == 600_000_000
    assert rows[2026].money.total == 1_100_000_000
    assert _counts(rows[2023].plans) == {PlanStatus.APPROVED: 1}
    assert rows[2023].money.total == 2_014_900_000
    assert 'data-year="2026"' in page


def test_the_ministry_sees_only_the_last_few_years(client, world):
    for year in range(2015, 2015 + YEARS_SHOWN + 3):
        PlanFactory(province=world.cantho.province, year=year)

    data, _ = _panel(client, world.ministry)

    assert [r.year for r in data["year_rows"]] == list(range(2022, 2022 - YEARS_SHOWN, -1))


def test_a_year_whose_plans_have_no_money_shows_zero(client, world):
    PlanFactory(province=world.phutho.province, year=2027)

    data, _ = _panel(client, world.ministry)

    (row,) = data["year_rows"]
    assert row.money.total == 0
    assert row.project_count == 0


def test_no_plan_yet_says_so(client, world):
    data, page = _panel(client, world.cantho.center_staff)

    assert data["years"] == []
    assert "Chưa có kế hoạch" in page


def test_a_user_without_organisation_gets_no_panel(client, world):
    client.force_login(UserFactory(username="nobody"))

    response = client.get(reverse("dashboard"))

    assert response.status_code == 200
    assert response.context["panels"] == []


def test_a_superuser_sees_the_national_figures(client, small_world):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)

    data, _ = _panel(client, admin)

    assert data["national"]
    assert sum(r.project_count for r in data["year_rows"]) == 4


def test_a_panel_is_registered_once(rf, world):
    def hello(request):
        return Panel("khuyencong/dashboard.html", {"n": 1})

    from khuyencong import dashboard

    before = list(dashboard._panels)
    try:
        register_panel(hello)
        register_panel(hello)
        request = rf.get("/")
        request.user = world.cantho.center_staff
        assert [p.context for p in panels_for(request)].count({"n": 1}) == 1
    finally:
        dashboard._panels[:] = before


def _grow(world, projects: int):
    """Plans in both provinces over several years, `projects` đề án each with budget lines."""
    for year in (2023, 2024, 2025, 2026):
        for province in (world.cantho.province, world.phutho.province):
            plan = PlanFactory(province=province, year=year)
            for _ in range(projects):
                add_budget(ProjectFactory(plan=plan), kcdp=1_000_000, counterpart=2_000_000)


# Session, user, membership; for a province role its province ids and the merged provinces it is
# told about; the years shown; then the panel's grouped queries: plans with their totals and the
# đề án by plan and status (province), or plans by year and status, đề án by year and status and
# money by year and source (ministry).
# Then the "waiting for you" panel (centre: returned plans, their return comments,
# returned adjustments, their comments; reviewer: submitted plans and adjustments; ministry: KCQG
# đề án awaiting it).
# + the year of the implementation panel (nothing more without an approved plan).
QUERIES = {
    Role.CENTER_STAFF: 8 + 4 + 1,
    Role.CENTER_HEAD: 8 + 4 + 1,
    Role.DEPARTMENT_REVIEWER: 8 + 2 + 1,
    Role.MINISTRY: 7 + 1 + 1,
}


@pytest.mark.parametrize("role", list(QUERIES))
@pytest.mark.parametrize("projects", [1, 6])
def test_the_dashboard_runs_a_constant_number_of_queries(
    client, world, django_assert_num_queries, role, projects
):
    _grow(world, projects)
    user = world.ministry if role == Role.MINISTRY else world.cantho.users[role]
    client.force_login(user)

    with django_assert_num_queries(QUERIES[role]):
        assert client.get(reverse("dashboard")).status_code == 200
