"""The demo data of `seed_demo` carries the real figures of domain/FACTS.md (see the docstring of
projects/demo/__init__.py for how the figures that do not add up were fitted together)."""

import re
import time
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce

from beneficiaries.models import Beneficiary, Recognition, Snapshot
from beneficiaries.taxcode import KIND_ENTERPRISE, parse_tax_code
from funding.caps import Amounts, caps_for, check_caps
from funding.models import BudgetLine, Source
from funding.selectors import Totals
from khuyencong.models import Province
from projects.models import (
    Participation,
    Plan,
    PlanEvent,
    PlanStatus,
    Program,
    Project,
    ProjectOutput,
    ProjectStatus,
)
from projects.selectors import plan_queryset_for_user
from projects.services import project_code
from projects.totals import project_totals_drift, with_project_money

pytestmark = pytest.mark.django_db

CODE = re.compile(r"^(KCQG|KCDP)-\d{4}-\d{2}-\d{3}$")


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    started = time.perf_counter()
    call_command("seed_demo", stdout=StringIO())
    return time.perf_counter() - started


def plan_of(era: str, code: str, year: int) -> Plan:
    return Plan.objects.get(province__era=era, province__code=code, year=year)


def soc_trang_2023() -> Plan:
    return plan_of(Province.Era.LEGACY, "94", 2023)


def totals(projects) -> Totals:
    """KCQG, KCĐP and counterpart of some đề án, summed by the database."""
    return Totals.of(
        BudgetLine.objects.filter(project__in=projects).aggregate(
            **{
                name: Sum(Coalesce(F("approved"), F("proposed")), filter=Q(source=source))
                for name, source in (
                    ("kcqg", Source.KCQG),
                    ("kcdp", Source.KCDP),
                    ("counterpart", Source.COUNTERPART),
                    ("other", Source.OTHER),
                )
            }
        )
    )


def user(username):
    return get_user_model().objects.get(username=username)


def test_soc_trang_2023_plan_has_18_approved_projects(seeded):
    plan = soc_trang_2023()
    assert plan.status == PlanStatus.APPROVED
    assert plan.decision_number == "452/QĐ-UBND"
    assert plan.decision_date.isoformat() == "2023-03-15"
    assert plan.projects.count() == 18


def test_soc_trang_2023_kcqg_projects_carry_the_published_totals(seeded):
    projects = soc_trang_2023().projects.filter(program=Program.KCQG)
    assert projects.count() == 2
    money = totals(projects)
    assert (money.kcqg, money.kcdp, money.counterpart) == (2_620_000_000, 0, 3_422_200_000)


def test_soc_trang_2023_kcdp_projects_carry_the_published_totals(seeded):
    projects = soc_trang_2023().projects.filter(program=Program.KCDP)
    assert projects.count() == 16
    money = totals(projects)
    assert (money.kcqg, money.kcdp, money.counterpart) == (0, 2_250_000_000, 1_978_092_000)


def test_plan_totals_agree_with_the_stored_project_money(seeded):
    plan = with_project_money(Plan.objects.filter(pk=soc_trang_2023().pk)).get()
    assert (plan.kcqg, plan.kcdp, plan.counterpart) == (
        2_620_000_000,
        2_250_000_000,
        3_422_200_000 + 1_978_092_000,
    )


def test_machinery_group_project_adds_up_to_2_014_900_000(seeded):
    project = Project.objects.get(code="KCQG-2023-94-001")
    assert project.status == ProjectStatus.ACCEPTED
    assert project.content.code == "3.2"
    money = totals([project])
    assert (money.kcqg, money.counterpart, money.total) == (
        900_000_000,
        1_114_900_000,
        2_014_900_000,
    )
    group = project.participations.aggregate(
        support=Sum("support_amount"), counterpart=Sum("counterpart_amount")
    )
    assert group == {"support": 900_000_000, "counterpart": 1_114_900_000}
    assert project.participations.count() >= 3


def test_six_accepted_kcdp_projects_sum_to_the_published_total(seeded):
    accepted = soc_trang_2023().projects.filter(program=Program.KCDP, status=ProjectStatus.ACCEPTED)
    assert accepted.count() == 6
    money = totals(accepted)
    # The article's 1.091,7 triệu is 1.091.660.000 rounded: the total 1.961,56 triệu holds.
    assert (money.kcdp, money.counterpart, money.total) == (
        869_900_000,
        1_091_660_000,
        1_961_560_000,
    )
    assert round(money.counterpart / 100_000) == 10_917


def test_fair_project_is_in_the_soc_trang_2022_plan(seeded):
    plan = plan_of(Province.Era.LEGACY, "94", 2022)
    assert plan.status == PlanStatus.APPROVED
    fair = plan.projects.get(content__code="4.2")
    money = totals([fair])
    assert (money.kcqg, money.counterpart, money.total) == (
        1_120_000_000,
        980_000_000,
        2_100_000_000,
    )


def test_every_group_project_adds_up_to_its_budget_lines(seeded):
    sums = {
        row["project"]: row
        for row in Participation.objects.values("project").annotate(
            support=Sum("support_amount"), counterpart=Sum("counterpart_amount")
        )
    }
    assert len(sums) >= 15
    # Filtered by id, not by joining participations: a second join would multiply the sums.
    for project in Project.objects.filter(pk__in=sums):
        public = project.kcqg if project.program == Program.KCQG else project.kcdp
        assert (sums[project.pk]["support"], sums[project.pk]["counterpart"]) == (
            public,
            project.counterpart,
        ), project.code


def test_projects_that_need_beneficiaries_have_them(seeded):
    missing = Project.objects.filter(
        content__needs_beneficiaries=True, participations__isnull=True
    ).exclude(content__code="1")
    assert list(missing.values_list("code", flat=True)) == []


def test_project_codes_are_unique_and_follow_the_pattern(seeded):
    projects = list(Project.objects.select_related("plan__province"))
    assert len(projects) == 45  # with Lào Cai 2025 (a KCQG đề án awaiting the ministry)
    assert len({p.code for p in projects}) == len(projects)
    for project in projects:
        assert CODE.match(project.code), project.code
        assert project.code == project_code(
            program=project.program,
            year=project.plan.year,
            province=project.plan.province,
            sequence=project.sequence,
        )


def test_amounts_are_whole_thousands_of_dong(seeded):
    amounts = list(BudgetLine.objects.values_list("proposed", flat=True)) + [
        amount
        for pair in Participation.objects.values_list("support_amount", "counterpart_amount")
        for amount in pair
    ]
    assert amounts and all(amount % 1000 == 0 for amount in amounts)


def test_seed_demo_twice_creates_nothing_new(seeded, settings):
    models = [Plan, Project, BudgetLine, Participation, ProjectOutput]
    models += [Beneficiary, Recognition, Snapshot]

    def counts():
        return {model.__name__: (model.objects.count(), model.history.count()) for model in models}

    before = counts()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert counts() == before
    assert "Demo data: 0 plans, 0 projects, 0 beneficiaries" in out.getvalue()


def test_every_demo_row_has_a_history_entry_by_the_centre_staff(seeded):
    project = Project.objects.get(code="KCDP-2019-17-001")
    entry = project.history.get()
    assert entry.history_user.username == "canbo.phutho"
    assert BudgetLine.history.count() == BudgetLine.objects.count()
    assert Participation.history.count() == Participation.objects.count()


def test_can_tho_user_sees_soc_trang_plan_and_phu_tho_user_does_not(seeded):
    plan = soc_trang_2023()
    assert plan_queryset_for_user(user("canbo.cantho")).filter(pk=plan.pk).exists()
    assert not plan_queryset_for_user(user("canbo.phutho")).filter(pk=plan.pk).exists()
    hoa_binh = plan_of(Province.Era.LEGACY, "17", 2019)
    assert plan_queryset_for_user(user("so.phutho")).filter(pk=hoa_binh.pk).exists()
    assert not plan_queryset_for_user(user("so.cantho")).filter(pk=hoa_binh.pk).exists()


def test_projects_are_run_by_the_centre_of_the_successor_province(seeded):
    centres = {
        p.code: (p.implementing_organisation.kind, p.implementing_organisation.province.code)
        for p in Project.objects.select_related("implementing_organisation__province")
    }
    assert centres["KCDP-2023-94-016"] == ("centre", "92")
    assert centres["KCQG-2019-17-001"] == ("centre", "25")
    assert centres["KCQG-2024-15-001"] == ("centre", "15")
    assert centres["KCQG-2022-10-001"] == ("centre", "15")


def test_2026_plans_of_can_tho_draft_and_phu_tho_submitted(seeded):
    # Phú Thọ's plan waits for its reviewer; Cần Thơ's is a draft its head can submit.
    for code, status in (("92", PlanStatus.DRAFT), ("25", PlanStatus.SUBMITTED)):
        plan = plan_of(Province.Era.Y2025, code, 2026)
        assert plan.status == status
        projects = plan.projects.all()
        assert 3 <= projects.count() <= 4
        assert {p.status for p in projects} == {ProjectStatus.PROPOSED}
        assert not BudgetLine.objects.filter(project__plan=plan, approved__isnull=False).exists()
        assert Participation.objects.filter(project__plan=plan).exists()
        assert ProjectOutput.objects.filter(project__plan=plan).exists()


def test_no_support_cap_is_exceeded_on_demo_projects(seeded):
    projects = Project.objects.select_related("plan__province", "content").prefetch_related(
        "participations__beneficiary"
    )
    checked = 0
    for project in projects:
        caps, binding = caps_for(
            plan=project.plan, program=project.program, content=project.content
        )
        result = check_caps(
            caps=caps,
            binding=binding,
            project=Amounts(support=project.kcqg + project.kcdp, total=project.total),
            beneficiaries=[
                (
                    p.beneficiary.name,
                    Amounts(p.support_amount, p.support_amount + p.counterpart_amount),
                )
                for p in project.participations.all()
            ],
        )
        assert result.errors == [], project.code
        assert result.warnings == [], project.code
        checked += bool(caps)
    assert checked >= 15


def test_outputs_measure_indicators_of_the_project_content(seeded):
    outputs = ProjectOutput.objects.select_related("project__content", "indicator")
    for output in outputs:
        content = output.project.content
        linked = set(output.indicator.contents.values_list("pk", flat=True))
        assert {content.pk, content.parent_id} & linked, output.project.code


def test_accepted_projects_record_what_was_achieved(seeded):
    done = [ProjectStatus.ACCEPTED, ProjectStatus.SETTLED]
    assert ProjectOutput.objects.filter(project__status__in=done).exists()
    assert not ProjectOutput.objects.filter(project__status__in=done, actual__isnull=True).exists()


def test_soc_trang_establishments_belong_to_can_tho_with_their_old_address(seeded):
    group = Project.objects.get(code="KCQG-2023-94-001")
    for beneficiary in group.beneficiaries.select_related("province", "commune__province"):
        assert (beneficiary.province.era, beneficiary.province.code) == ("2025", "92")
        assert beneficiary.commune.province_id == beneficiary.province_id
        assert beneficiary.old_address.endswith(", tỉnh Sóc Trăng")


def test_tax_codes_are_valid_and_household_businesses_have_none(seeded):
    beneficiaries = list(Beneficiary.objects.all())
    with_code = [b for b in beneficiaries if b.tax_code]
    assert len(with_code) >= 10
    for beneficiary in with_code:
        result = parse_tax_code(beneficiary.tax_code)
        assert (result.kind, result.warning) == (KIND_ENTERPRISE, "")
    households = [b for b in beneficiaries if b.kind == "ho_kinh_doanh"]
    assert households and all(b.tax_code is None for b in households)


def test_recognitions_and_before_after_figures(seeded):
    levels = set(Recognition.objects.values_list("level", flat=True))
    assert levels >= {"tinh", "khu_vuc", "quoc_gia"}
    group = Project.objects.get(code="KCQG-2023-94-001")
    for beneficiary in group.beneficiaries.all():
        before, after = (beneficiary.snapshots.get(year=y) for y in (2022, 2024))
        assert after.revenue > before.revenue
        assert after.employees >= before.employees


def test_seed_demo_is_fast(seeded):
    print(f"seed_demo took {seeded:.2f} s")
    assert seeded < 5


def test_no_demo_projects_when_debug_is_off(settings):
    settings.DEBUG = False
    call_command("seed_demo", stdout=StringIO())
    assert not Plan.objects.exists()
    assert not Beneficiary.objects.exists()


def test_demo_projects_store_the_money_of_their_budget_lines(seeded):
    assert project_totals_drift() == []


# --- The review ----------------------------------------------------------------------------------


def test_can_tho_2026_draft_is_complete_so_its_head_can_submit_at_once(seeded):
    from projects.review import plan_completeness, plan_submit

    plan = plan_of(Province.Era.Y2025, "92", 2026)
    assert plan_completeness(plan) == ([], [])
    plan_submit(user=user("trungtam.cantho"), plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_phu_tho_2026_waits_for_its_reviewer(seeded):
    from projects.dashboard import _reviewer_waiting
    from projects.models import PlanEvent

    plan = plan_of(Province.Era.Y2025, "25", 2026)
    assert PlanEvent.objects.get(plan=plan).kind == PlanEvent.Kind.SUBMITTED
    waiting = _reviewer_waiting(user("so.phutho"))
    assert [row.url for row in waiting] == [f"/plans/{plan.pk}/"]
    assert waiting[0].age_days == 3


def test_soc_trang_2023_was_adjusted_and_its_published_figures_are_the_approved_ones(seeded):
    from projects.models import Adjustment, AdjustmentStatus, ProjectVersion

    plan = soc_trang_2023()
    assert plan.version == 2
    adjustment = Adjustment.objects.get(plan=plan)
    assert (adjustment.number, adjustment.status) == (2, AdjustmentStatus.APPROVED)
    assert adjustment.decision_number == "2185/QĐ-UBND"
    fair = Project.objects.get(code="KCDP-2023-94-012")
    versions = {v.plan_version: v for v in ProjectVersion.objects.filter(project=fair)}
    assert (versions[1].total, versions[2].total) == (
        230_000_000 + 150_000_000,
        180_000_000 + 150_000_000,
    )
    # Version 1 of the whole plan carried 50 triệu more KCĐP than the published (approved) figure.
    v1_kcdp = sum(
        row["approved"]
        for v in ProjectVersion.objects.filter(project__plan=plan, plan_version=1)
        for row in v.data["budget"]
        if row["source"] == "kcdp"
    )
    assert v1_kcdp == 2_250_000_000 + 50_000_000
    money = totals(plan.projects.filter(program=Program.KCDP))
    assert money.kcdp == 2_250_000_000


def test_a_kcqg_project_awaits_the_ministry(seeded):
    awaiting = Project.objects.filter(status=ProjectStatus.AWAITING_MINISTRY)
    assert list(awaiting.values_list("code", flat=True)) == ["KCQG-2025-10-001"]
    assert awaiting.get().plan.status == PlanStatus.APPROVED


# --- How the demo đề án were carried out ---------------------------------------------------------


def _accepted(plan, program):
    from funding.models import Acceptance

    return Acceptance.objects.filter(
        project__plan=plan, project__program=program, result="passed"
    ).order_by("project__sequence")


def test_machinery_group_is_accepted_at_2_014_9_triệu(seeded):
    first = _accepted(soc_trang_2023(), "kcqg").first()
    assert first.actual_total == 2_014_900_000
    assert (first.actual_kcqg, first.actual_counterpart) == (900_000_000, 1_114_900_000)
    assert sum(e.actual_support for e in first.establishments.all()) == 900_000_000


def test_fair_is_accepted_at_2_100_triệu(seeded):
    fair = _accepted(plan_of("legacy", "94", 2022), "kcqg").get()
    assert (fair.actual_total, fair.actual_kcqg, fair.actual_counterpart) == (
        2_100_000_000,
        1_120_000_000,
        980_000_000,
    )


def test_six_kcdp_acceptances_add_up_and_the_published_figure_is_kept_with_its_difference(seeded):
    rows = list(_accepted(soc_trang_2023(), "kcdp"))
    assert len(rows) == 6
    assert sum(r.actual_total for r in rows) == 1_961_560_000
    assert sum(r.actual_kcdp for r in rows) == 869_900_000
    assert sum(r.actual_counterpart for r in rows) == 1_091_660_000
    note = PlanEvent.objects.get(plan=soc_trang_2023(), comment__startswith="Số công bố")
    assert "1.091,7" in note.comment and "40.000" in note.comment


def test_demo_has_projects_in_progress_with_partial_disbursements_and_one_settled(seeded):
    from funding.implementation import progress_by
    from funding.models import Settlement

    running = Project.objects.filter(plan=soc_trang_2023(), status="in_progress")
    progress = progress_by(running, "pk")
    assert progress and all(0 < p.disbursed.public < p.approved.public for p in progress.values())
    assert Settlement.objects.exists()
    for settlement in Settlement.objects.select_related("project"):
        assert settlement.amount <= settlement.project.kcqg + settlement.project.kcdp


def test_seeding_twice_adds_no_implementation_records(seeded):
    from funding.models import Disbursement

    before = Disbursement.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert Disbursement.objects.count() == before
