import pytest
from django.urls import reverse

from projects.models import PlanStatus, Program
from tests.factories import PlanFactory, ProjectFactory, add_budget, content

pytestmark = pytest.mark.django_db

MILLION = 1_000_000


def _plan_row(response, plan):
    return next(p for p in response.context["plans"] if p.pk == plan.pk)


def test_plan_list_shows_totals_by_source_and_leverage(client, world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    add_budget(ProjectFactory(plan=plan), kcdp=100 * MILLION, counterpart=150 * MILLION)
    add_budget(
        ProjectFactory(plan=plan, program=Program.KCQG),
        kcqg=200 * MILLION,
        counterpart=300 * MILLION,
        other=10 * MILLION,
    )
    client.force_login(world.cantho.center_staff)

    response = client.get(reverse("projects:plan_list"))

    money = _plan_row(response, plan).money
    assert (money.kcqg, money.kcdp, money.counterpart, money.other, money.total) == (
        200 * MILLION,
        100 * MILLION,
        450 * MILLION,
        10 * MILLION,
        760 * MILLION,
    )
    html = response.content.decode()
    assert "760,0" in html  # in triệu đồng, the unit in the header
    assert "Kinh phí (triệu đồng)" in html
    assert "1,50" in html  # leverage 450 / (200 + 100)


def test_plan_list_project_count_is_not_multiplied_by_budget_lines(client, world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    for _ in range(3):
        add_budget(ProjectFactory(plan=plan), kcdp=1, counterpart=2, other=3)
    ProjectFactory(plan=plan)  # no budget lines at all: still a đề án
    client.force_login(world.cantho.center_staff)

    row = _plan_row(client.get(reverse("projects:plan_list")), plan)

    assert row.project_count == 4
    assert row.money.total == 18


def test_plan_list_is_newest_year_first_and_scoped(client, world):
    old = PlanFactory(province=world.soctrang, year=2023)
    new = PlanFactory(province=world.cantho.province, year=2026)
    PlanFactory(province=world.phutho.province, year=2026)
    client.force_login(world.cantho.department_reviewer)

    plans = list(client.get(reverse("projects:plan_list")).context["plans"])

    assert [p.pk for p in plans] == [new.pk, old.pk]


def test_plan_list_filters_by_year_and_province(client, world):
    soctrang = PlanFactory(province=world.soctrang, year=2023)
    cantho = PlanFactory(province=world.cantho.province, year=2026)
    client.force_login(world.cantho.center_staff)
    url = reverse("projects:plan_list")

    by_year = client.get(url, {"year": 2023}).context["plans"]
    by_province = client.get(url, {"province": world.cantho.province.pk}).context["plans"]

    assert [p.pk for p in by_year] == [soctrang.pk]
    assert [p.pk for p in by_province] == [cantho.pk]


def test_centre_user_is_offered_the_years_without_a_plan(client, world):
    PlanFactory(province=world.cantho.province, year=2026)
    client.force_login(world.cantho.center_staff)

    response = client.get(reverse("projects:plan_list"))

    assert response.context["years_to_open"] == [2027]
    assert "Lập kế hoạch năm 2027" in response.content.decode()


@pytest.mark.parametrize("who", ["department_reviewer", "ministry"])
def test_readers_are_not_offered_to_open_a_plan(client, world, who):
    user = world.ministry if who == "ministry" else world.cantho.department_reviewer
    client.force_login(user)

    response = client.get(reverse("projects:plan_list"))

    assert response.context["years_to_open"] == []
    assert 'data-testid="plan-open"' not in response.content.decode()


@pytest.mark.parametrize("rows", [5, 50])
def test_plan_list_runs_a_constant_number_of_queries(
    client, world, django_assert_num_queries, rows
):
    for year in range(2000, 2000 + rows):
        plan = PlanFactory(province=world.cantho.province, year=year)
        add_budget(ProjectFactory(plan=plan), kcdp=1, counterpart=1)
    client.force_login(world.cantho.center_staff)
    # session, user, membership, province ids, count, page rows, the page's money, open-year
    # check, province choices of the filter
    with django_assert_num_queries(9):
        assert client.get(reverse("projects:plan_list")).status_code == 200


# --- Plan detail --------------------------------------------------------------------------------


def test_plan_detail_groups_projects_by_content_group_with_subtotals(client, world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    model = ProjectFactory(plan=plan, content=content("3.1"))
    machinery = ProjectFactory(plan=plan, content=content("3.2"))
    training = ProjectFactory(plan=plan, content=content("1"))
    add_budget(model, kcdp=100, counterpart=200)
    add_budget(machinery, kcdp=10, counterpart=20, other=5)
    add_budget(training, kcdp=7)
    client.force_login(world.cantho.center_staff)

    response = client.get(reverse("projects:plan_detail", args=[plan.pk]))

    breakdown = response.context["breakdown"]
    assert [g.content.code for g in breakdown.groups] == ["1", "3"]
    group_3 = breakdown.groups[1]
    assert {p.pk for p in group_3.projects} == {model.pk, machinery.pk}
    assert (group_3.totals.kcdp, group_3.totals.counterpart, group_3.totals.other) == (110, 220, 5)
    assert group_3.totals.total == 335
    assert breakdown.totals.total == 342
    html = response.content.decode()
    assert html.count('data-testid="subtotal"') == 2
    assert 'data-group="3"' in html
    assert 'data-group="3.1"' not in html


def test_plan_detail_totals_by_program_in_million(client, world):
    """Sóc Trăng 2023: KCQG 2 đề án, support 2.620 triệu, counterpart 3.422,2 triệu; KCĐP 16 đề
    án, support 2.250 triệu, counterpart 1.978,092 triệu."""
    plan = PlanFactory(province=world.soctrang, year=2023, status=PlanStatus.APPROVED)
    add_budget(
        ProjectFactory(plan=plan, program=Program.KCQG, content=content("3.2")),
        kcqg=900 * MILLION,
        counterpart=1_114_900_000,
    )
    add_budget(
        ProjectFactory(plan=plan, program=Program.KCQG, content=content("4.2")),
        kcqg=1_720 * MILLION,
        counterpart=2_307_300_000,
    )
    for n in range(16):
        add_budget(
            ProjectFactory(plan=plan, program=Program.KCDP, content=content("1")),
            kcdp=2_250 * MILLION // 16 + (2_250 * MILLION % 16 if n == 0 else 0),
            counterpart=1_978_092_000 // 16 + (1_978_092_000 % 16 if n == 0 else 0),
        )
    client.force_login(world.cantho.center_staff)

    response = client.get(reverse("projects:plan_detail", args=[plan.pk]))

    programs = {s.program: s for s in response.context["breakdown"].programs}
    assert programs[Program.KCQG].count == 2
    assert programs[Program.KCDP].count == 16
    html = response.content.decode()
    for figure in ("2.620,000 triệu đồng", "3.422,200 triệu đồng"):
        assert figure in html
    for figure in ("2.250,000 triệu đồng", "1.978,092 triệu đồng"):
        assert figure in html


def test_cantho_staff_see_the_soctrang_2023_plan(client, world):
    plan = PlanFactory(province=world.soctrang, year=2023)
    client.force_login(world.cantho.center_staff)

    response = client.get(reverse("projects:plan_detail", args=[plan.pk]))

    assert response.status_code == 200
    assert "Sóc Trăng" in response.content.decode()


def test_other_province_gets_404_on_plan_detail(client, world):
    plan = PlanFactory(province=world.soctrang, year=2023)
    client.force_login(world.phutho.center_staff)

    assert client.get(reverse("projects:plan_detail", args=[plan.pk])).status_code == 404


def test_add_project_button_only_for_centre_staff_on_an_editable_plan(client, world):
    draft = PlanFactory(province=world.cantho.province, year=2026)
    approved = PlanFactory(province=world.soctrang, year=2023, status=PlanStatus.APPROVED)
    create_url = f"{reverse('projects:create')}?plan={draft.pk}"

    client.force_login(world.cantho.center_staff)
    staff_draft = client.get(reverse("projects:plan_detail", args=[draft.pk]))
    staff_approved = client.get(reverse("projects:plan_detail", args=[approved.pk]))
    client.force_login(world.cantho.department_reviewer)
    reviewer_draft = client.get(reverse("projects:plan_detail", args=[draft.pk]))

    assert staff_draft.context["can_add_project"] is True
    assert create_url in staff_draft.content.decode()
    assert staff_approved.context["can_add_project"] is False
    assert reviewer_draft.context["can_add_project"] is False
    assert create_url not in reviewer_draft.content.decode()


def test_plan_detail_shows_its_history(client, world):
    client.force_login(world.cantho.center_head)
    opened = client.post(reverse("projects:plan_open"), {"year": 2027}, follow=True)

    history = opened.context["history"]

    assert len(history) == 1
    assert history[0].who == world.cantho.center_head.get_full_name()
    assert 'id="history-heading"' in opened.content.decode()


@pytest.mark.parametrize("rows", [5, 50])
def test_plan_detail_runs_a_constant_number_of_queries(
    client, world, django_assert_num_queries, rows
):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    codes = ["1", "3.1", "3.2", "4.2", "6"]
    for n in range(rows):
        add_budget(
            ProjectFactory(plan=plan, content=content(codes[n % len(codes)])), kcdp=1, other=2
        )
    client.force_login(world.cantho.center_staff)
    # session, user, membership, province ids, plan, projects with totals, plan history
    with django_assert_num_queries(7 + 3):  # + the review: budget lines, review steps, adjustments
        assert client.get(reverse("projects:plan_detail", args=[plan.pk])).status_code == 200
