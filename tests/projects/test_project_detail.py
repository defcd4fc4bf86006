import pytest
from django.urls import reverse

from funding.models import Source
from projects import services
from projects.models import Indicator, PlanStatus, Program
from tests.factories import (
    BeneficiaryFactory,
    PlanFactory,
    ProjectFactory,
    add_budget,
    add_output,
    add_participant,
    content,
)

pytestmark = pytest.mark.django_db


def _url(project):
    return reverse("projects:detail", args=[project.pk])


def test_detail_shows_totals_by_source_total_cost_and_leverage(client, world):
    """The accepted KCQG machinery đề án of Sóc Trăng 2023: 2.014,9 triệu = KCQG 900 triệu +
    counterpart 1.114,9 triệu."""
    project = ProjectFactory(
        plan=PlanFactory(province=world.soctrang, year=2023),
        program=Program.KCQG,
        content=content("3.2"),
    )
    add_budget(project, kcqg=900_000_000, counterpart=1_114_900_000)
    client.force_login(world.cantho.center_staff)

    response = client.get(_url(project))

    totals = response.context["dossier"].totals
    assert (totals.kcqg, totals.counterpart, totals.total) == (
        900_000_000,
        1_114_900_000,
        2_014_900_000,
    )
    html = response.content.decode()
    assert "2.014.900.000 đ" in html
    assert "1,24" in html  # leverage 1.114,9 / 900
    assert project.code in html


def test_detail_shows_by_how_much_the_establishments_differ_from_the_budget_lines(client, world):
    """Six KCĐP đề án: KCĐP 869,9 + counterpart 1.091,7 as typed; keep it, show the gap."""
    project = ProjectFactory(plan=PlanFactory(province=world.cantho.province, year=2026))
    add_budget(project, kcdp=869_900_000, counterpart=1_091_660_000)
    add_participant(project, support=869_900_000, counterpart=1_091_700_000)
    client.force_login(world.cantho.center_staff)

    response = client.get(_url(project))

    gaps = response.context["dossier"].gaps
    assert [(g.participations, g.budget_lines, g.difference) for g in gaps] == [
        (1_091_700_000, 1_091_660_000, 40_000)
    ]
    html = response.content.decode()
    assert html.count('data-testid="participation-gap"') == 1
    assert "40.000 đ" in html


def test_no_difference_line_when_the_sums_agree(client, world):
    project = ProjectFactory(plan=PlanFactory(province=world.cantho.province, year=2026))
    add_budget(project, kcdp=100, counterpart=200)
    add_participant(project, support=60, counterpart=120)
    add_participant(project, support=40, counterpart=80)
    client.force_login(world.cantho.center_staff)

    html = client.get(_url(project)).content.decode()

    assert 'data-testid="participation-gap"' not in html


def test_detail_lists_a_cap_error_for_an_establishment_over_the_ceiling(client, world):
    project = ProjectFactory(
        plan=PlanFactory(province=world.cantho.province, year=2026),
        program=Program.KCQG,
        content=content("3.2"),
    )
    add_budget(project, kcqg=400_000_000, counterpart=900_000_000)
    beneficiary = BeneficiaryFactory(name="Cơ sở cơ khí Tân Phát")
    add_participant(project, beneficiary, support=400_000_000, counterpart=900_000_000)
    client.force_login(world.cantho.center_staff)

    response = client.get(_url(project))

    errors = response.context["dossier"].caps.errors
    assert len(errors) == 1
    assert "Cơ sở cơ khí Tân Phát" in errors[0]
    assert "300.000.000 đ" in errors[0]
    assert 'data-testid="cap-errors"' in response.content.decode()


def test_detail_shows_the_facts_outputs_and_establishments(client, world):
    import datetime

    project = ProjectFactory(
        plan=PlanFactory(province=world.cantho.province, year=2026),
        objectives="Nâng cao năng suất",
        start_month=datetime.date(2026, 3, 1),
        end_month=datetime.date(2026, 11, 1),
        is_pilot=True,
    )
    beneficiary = BeneficiaryFactory(name="HTX Bánh pía Vũng Thơm")
    add_participant(project, beneficiary, support=10, counterpart=20)
    indicator = Indicator.objects.get(name="Máy móc, thiết bị được hỗ trợ")
    add_output(project, indicator, planned=12, actual=10)
    client.force_login(world.cantho.department_reviewer)

    html = client.get(_url(project)).content.decode()

    for text in ("Nâng cao năng suất", "03/2026", "11/2026", "HTX Bánh pía Vũng Thơm"):
        assert text in html
    assert "Máy móc, thiết bị được hỗ trợ" in html
    assert reverse("projects:plan_detail", args=[project.plan.pk]) in html


def test_history_lists_changes_made_through_the_service(client, world):
    staff = world.cantho.center_staff
    plan = PlanFactory(province=world.cantho.province, year=2026)
    project = ProjectFactory.build(
        plan=plan,
        title="Mô hình sấy nông sản",
        implementing_organisation=world.cantho.centre,
    )
    services.project_save(
        user=staff,
        project=project,
        budget_lines=[services.BudgetLineData(Source.KCDP, 100_000_000)],
        participations=[],
        outputs=[],
    )
    project.title = "Mô hình sấy nông sản bằng năng lượng mặt trời"
    services.project_save(
        user=staff,
        project=project,
        budget_lines=[services.BudgetLineData(Source.KCDP, 120_000_000)],
        participations=[],
        outputs=[],
        expected_version=project.lock_version,
    )
    client.force_login(world.cantho.department_reviewer)

    response = client.get(_url(project))

    history = response.context["history"]
    changed = [c for e in history for c in e.changes]
    assert ("Mô hình sấy nông sản", "Mô hình sấy nông sản bằng năng lượng mặt trời") in [
        (c.old, c.new) for c in changed
    ]
    assert ("100.000.000 đ", "120.000.000 đ") in [(c.old, c.new) for c in changed]
    assert all(e.who == staff.get_full_name() for e in history)
    assert "Mô hình sấy nông sản bằng năng lượng mặt trời" in response.content.decode()


def test_cantho_staff_see_a_soctrang_2023_project(client, world):
    project = ProjectFactory(plan=PlanFactory(province=world.soctrang, year=2023))
    client.force_login(world.cantho.center_staff)

    assert client.get(_url(project)).status_code == 200


def test_other_province_gets_404_on_project_detail(client, world):
    project = ProjectFactory(plan=PlanFactory(province=world.soctrang, year=2023))
    client.force_login(world.phutho.center_staff)

    assert client.get(_url(project)).status_code == 404


def test_edit_link_only_for_centre_staff_on_an_editable_plan(client, world):
    draft = ProjectFactory(plan=PlanFactory(province=world.cantho.province, year=2026))
    locked = ProjectFactory(
        plan=PlanFactory(province=world.soctrang, year=2023, status=PlanStatus.APPROVED)
    )
    edit_url = reverse("projects:edit", args=[draft.pk])

    client.force_login(world.cantho.center_staff)
    staff_draft = client.get(_url(draft))
    staff_locked = client.get(_url(locked))
    client.force_login(world.cantho.department_reviewer)
    reviewer_draft = client.get(_url(draft))

    assert staff_draft.context["can_edit_project"] is True
    assert edit_url in staff_draft.content.decode()
    assert staff_locked.context["can_edit_project"] is False
    assert reviewer_draft.context["can_edit_project"] is False
    assert edit_url not in reviewer_draft.content.decode()


@pytest.mark.parametrize("rows", [5, 50])
def test_project_detail_runs_a_constant_number_of_queries(
    client, world, django_assert_num_queries, rows
):
    project = ProjectFactory(
        plan=PlanFactory(province=world.cantho.province, year=2026), content=content("3.2")
    )
    add_budget(project, kcdp=1_000, counterpart=2_000, other=10)
    for _ in range(rows):
        add_participant(project, support=10, counterpart=20)
    for indicator in Indicator.objects.all()[: min(rows, 20)]:
        add_output(project, indicator, planned=1)
    client.force_login(world.cantho.center_staff)
    # session, user, membership, province ids, project, budget lines, participations, outputs,
    # caps, four history tables, and the beneficiaries and indicators named in the history
    # + the review steps; + contracts, disbursements, acceptances, settlement and documents
    with django_assert_num_queries(15 + 1 + 5):
        assert client.get(_url(project)).status_code == 200


def test_detail_warns_about_a_ward_of_a_city_on_the_plans_date(client, world):
    from khuyencong.models import Commune
    from tests.factories import (
        BeneficiaryFactory,
        PlanFactory,
        ProjectFactory,
        add_participant,
        commune_of,
    )

    plan = PlanFactory(province=world.cantho.province, year=2026)
    project = ProjectFactory(plan=plan, implementing_organisation=world.cantho.centre)
    ward = commune_of(world.cantho.province, kind=Commune.Kind.WARD)
    in_ward = BeneficiaryFactory(name="Cơ sở trong phường", province=plan.province, commune=ward)
    add_participant(project, in_ward, support=10_000_000, counterpart=10_000_000)
    client.force_login(world.cantho.center_staff)
    html = client.get(f"/projects/{project.pk}/").content.decode()
    assert 'data-testid="location-warnings"' in html
    assert ward.name in html


def test_the_location_rule_does_not_apply_before_decree_235(client, world):
    from khuyencong.models import Commune
    from tests.factories import (
        BeneficiaryFactory,
        PlanFactory,
        ProjectFactory,
        add_participant,
        commune_of,
    )

    plan = PlanFactory(province=world.soctrang, year=2023)
    project = ProjectFactory(plan=plan, implementing_organisation=world.cantho.centre)
    ward = commune_of(world.cantho.province, kind=Commune.Kind.WARD)
    in_ward = BeneficiaryFactory(province=world.cantho.province, commune=ward)
    add_participant(project, in_ward, support=10_000_000, counterpart=10_000_000)
    client.force_login(world.cantho.center_staff)
    html = client.get(f"/projects/{project.pk}/").content.decode()
    assert "location-warnings" not in html
