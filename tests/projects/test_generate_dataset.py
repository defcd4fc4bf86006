"""`manage.py generate_dataset`: a deterministic synthetic country that obeys the same rules as
data typed in through the forms (valid tax codes, establishments' money equal to the budget
lines, codes from project_code, search columns as save() fills them, history rows)."""

import datetime
import random
from collections import Counter, defaultdict
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, Sum

from beneficiaries.models import Beneficiary
from beneficiaries.taxcode import KIND_BRANCH, KIND_ENTERPRISE, KIND_PERSONAL, parse_tax_code
from funding.caps import Amounts, caps_for, check_caps
from funding.models import BudgetLine, Source
from khuyencong.history import ACTIONS
from khuyencong.models import Membership, Organisation, Role
from khuyencong.text import normalize
from projects import dataset
from projects.dataset.draws import split
from projects.dataset.money import PROFILES, draw_money
from projects.models import (
    Participation,
    Plan,
    PlanStatus,
    Program,
    Project,
    ProjectOutput,
    ProjectStatus,
)
from projects.selectors import project_history
from projects.services import project_code
from tests.factories import current_province, legacy_province

pytestmark = pytest.mark.django_db

# Cần Thơ and the old Cần Thơ, Sóc Trăng and Hậu Giang: a twentieth of their national share.
SMALL = ["--scale", "0.05", "--provinces", "92", "--seed", "7"]


def generate(*args) -> str:
    out = StringIO()
    call_command("generate_dataset", *args, stdout=out)
    return out.getvalue()


def db_totals() -> dict:
    """What the database holds, counted and summed there (not the generator's own summary)."""
    money = defaultdict(dict)
    for row in BudgetLine.objects.values("source").annotate(
        proposed=Sum("proposed"), approved=Sum("approved")
    ):
        money["proposed"][row["source"]] = row["proposed"]
        money["approved"][row["source"]] = row["approved"] or 0
    return {
        "plans": Plan.objects.count(),
        "projects": Project.objects.count(),
        "beneficiaries": Beneficiary.objects.count(),
        "participations": Participation.objects.count(),
        "budget_lines": BudgetLine.objects.count(),
        "outputs": ProjectOutput.objects.count(),
        "projects_by_program": dict(
            Project.objects.values_list("program").annotate(n=Count("pk")).order_by("program")
        ),
        "projects_by_status": dict(
            Project.objects.values_list("status").annotate(n=Count("pk")).order_by("status")
        ),
        "proposed": dict(sorted(money["proposed"].items())),
        "approved": dict(sorted(money["approved"].items())),
        **implementation_totals(),
    }


def implementation_totals() -> dict:
    """The implementation records (funding/dataset.py), counted and summed by the database."""
    from funding.models import Acceptance, Contract, Disbursement, Settlement

    return {
        "contracts": Contract.objects.count(),
        "disbursed": dict(
            Disbursement.objects.values_list("source")
            .annotate(total=Sum("amount"))
            .order_by("source")
        ),
        "acceptances": Acceptance.objects.count(),
        "settled": Settlement.objects.aggregate(total=Sum("amount"))["total"] or 0,
    }


@pytest.fixture
def small_country():
    generate(*SMALL)


def test_small_country_has_exact_counts_and_money(small_country):
    # The same on SQLite and PostgreSQL, on any machine and on any day: if this changes, the
    # generator changed (update the figures and say why in the commit).
    assert db_totals() == {
        "plans": 37,
        "projects": 83,
        "beneficiaries": 171,
        "participations": 111,
        "budget_lines": 155,
        "outputs": 135,
        "projects_by_program": {"kcdp": 65, "kcqg": 18},
        "projects_by_status": {
            "accepted": 13,
            "in_progress": 3,
            "proposed": 7,
            "rejected": 3,
            "settled": 52,
            "stopped": 5,
        },
        "proposed": {
            "counterpart": 58_511_029_000,
            "kcdp": 12_972_400_000,
            "kcqg": 7_655_600_000,
            "other": 764_751_000,
        },
        "approved": {
            "counterpart": 44_628_256_000,
            "kcdp": 11_743_300_000,
            "kcqg": 6_181_900_000,
            "other": 764_751_000,
        },
        # The đề án in progress, accepted and settled carry their records.
        "contracts": 68,
        "disbursed": {"kcdp": 10_511_100_000, "kcqg": 6_181_900_000},
        "acceptances": 65,
        "settled": 14_397_200_000,
    }
    tax_codes = Counter(
        parse_tax_code(code).kind if code else None
        for code in Beneficiary.objects.values_list("tax_code", flat=True)
    )
    assert tax_codes == {KIND_ENTERPRISE: 123, KIND_PERSONAL: 7, KIND_BRANCH: 1, None: 40}


def test_summary_matches_the_database():
    summary = dataset.generate(
        dataset.Options(scale=0.05, provinces=("92",), seed=7), log=lambda _m: None
    )
    assert summary.totals() == db_totals()


def test_same_seed_gives_same_totals_after_a_reset():
    generate(*SMALL)
    first = db_totals()
    generate(*SMALL, "--reset")
    assert db_totals() == first


def test_another_seed_gives_other_totals():
    generate(*SMALL)
    first = db_totals()
    generate("--scale", "0.05", "--provinces", "92", "--seed", "8", "--reset")
    second = db_totals()
    assert second["proposed"] != first["proposed"]
    assert second != first


def test_scale_sets_the_number_of_projects_and_establishments():
    summary = dataset.generate(
        dataset.Options(scale=0.02, provinces=("92", "25"), seed=1), log=lambda _m: None
    )
    # The national 600 đề án and 1.200 establishments, of which these two units' share.
    assert 0 < summary.projects < 600
    assert summary.beneficiaries >= 5 * 6  # at least five per old province of the two units


def test_every_tax_code_is_valid_unique_and_canonical(small_country):
    codes = list(Beneficiary.objects.exclude(tax_code=None).values_list("tax_code", flat=True))
    assert len(codes) == len(set(codes))
    kinds = Counter()
    for code in codes:
        result = parse_tax_code(code)
        assert result.value == code
        assert result.warning == ""
        if result.kind == KIND_ENTERPRISE:
            assert code[2:9] != "0000000"  # the sequence part is never all zero
        kinds[result.kind] += 1
    assert kinds[KIND_ENTERPRISE] > kinds[KIND_PERSONAL] > 0
    assert set(kinds) <= {KIND_ENTERPRISE, KIND_PERSONAL, KIND_BRANCH}


def test_participations_add_up_to_the_budget_lines(small_country):
    lines = {
        (project, source): proposed
        for project, source, proposed in BudgetLine.objects.values_list(
            "project_id", "source", "proposed"
        )
    }
    sums = Participation.objects.values("project_id", "project__program").annotate(
        support=Sum("support_amount"), counterpart=Sum("counterpart_amount")
    )
    assert sums
    for row in sums:
        public = Source.KCQG if row["project__program"] == Program.KCQG else Source.KCDP
        assert row["support"] == lines[(row["project_id"], public)]
        assert row["counterpart"] == lines.get((row["project_id"], Source.COUNTERPART), 0)


def test_projects_that_need_beneficiaries_have_them(small_country):
    missing = Project.objects.filter(content__needs_beneficiaries=True, participations=None)
    assert not missing.exists()
    assert not Project.objects.filter(
        content__needs_beneficiaries=False, participations__isnull=False
    ).exists()


def test_every_project_has_its_public_budget_line_and_an_output(small_country):
    for project in Project.objects.prefetch_related("budget_lines", "outputs"):
        sources = {line.source for line in project.budget_lines.all()}
        assert (Source.KCQG if project.program == Program.KCQG else Source.KCDP) in sources
        assert not {Source.KCQG, Source.KCDP} <= sources
        assert project.outputs.all()


def test_codes_are_unique_and_numbered_per_plan_and_programme(small_country):
    projects = list(Project.objects.select_related("plan__province"))
    assert len({p.code for p in projects}) == len(projects)
    sequences = defaultdict(list)
    for p in projects:
        assert p.code == project_code(
            program=p.program, year=p.plan.year, province=p.plan.province, sequence=p.sequence
        )
        sequences[(p.plan_id, p.program)].append(p.sequence)
    for numbers in sequences.values():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))


def test_search_columns_are_what_save_computes(small_country):
    for project in Project.objects.all():
        stored = project.search_text
        project.save()
        assert stored == project.search_text
    for beneficiary in Beneficiary.objects.all():
        assert beneficiary.name_key == normalize(beneficiary.name)
        stored = beneficiary.search_text
        beneficiary.save()
        assert stored == beneficiary.search_text
    assert Project.objects.search("ho tro").exists()


def test_every_row_has_a_created_history_row_by_the_centre_staff(small_country):
    for model in (Plan, Project, BudgetLine, Participation, ProjectOutput, Beneficiary):
        assert model.history.filter(history_type="+").count() == model.objects.count()
    project = Project.objects.filter(participations__isnull=False).order_by("pk").first()
    entries = project_history(project)
    assert {e.action for e in entries} == {str(ACTIONS["+"])}
    assert {e.who for e in entries} == {
        Membership.objects.get(user__username="gen.staff.92").user.get_full_name()
    }
    assert entries[0].when.year == project.plan.year - 1


def test_plans_use_the_unit_valid_on_first_january(small_country):
    cantho = current_province("92")
    for plan in Plan.objects.select_related("province"):
        assert plan.province.is_valid_on(datetime.date(plan.year, 1, 1))
        if plan.year <= 2025:
            assert plan.province.successor == cantho
        else:
            assert plan.province == cantho
    years = set(Plan.objects.values_list("year", flat=True))
    assert min(years) == 2014
    assert 2026 in years


def test_statuses_follow_the_year(small_country):
    for plan in Plan.objects.all():
        statuses = set(plan.projects.values_list("status", flat=True))
        if plan.year < dataset.CURRENT_YEAR:
            assert plan.status == PlanStatus.APPROVED
            assert plan.decision_number and plan.decision_date
            assert ProjectStatus.PROPOSED not in statuses
        elif plan.year == dataset.CURRENT_YEAR + 1:
            assert plan.status == PlanStatus.DRAFT
        if plan.status != PlanStatus.APPROVED:
            assert statuses == {ProjectStatus.PROPOSED}
            assert not BudgetLine.objects.filter(project__plan=plan, approved__isnull=False)


def test_outputs_have_actual_figures_once_accepted(small_country):
    done = ProjectOutput.objects.filter(
        project__status__in=[ProjectStatus.ACCEPTED, ProjectStatus.SETTLED]
    )
    assert done.exists()
    assert not done.filter(actual=None).exists()
    assert not ProjectOutput.objects.filter(
        project__status=ProjectStatus.PROPOSED, actual__isnull=False
    ).exists()


def test_establishments_belong_where_their_records_are(small_country):
    cantho = current_province("92")
    old = {legacy_province(code).pk for code in ("92", "93", "94")}
    for b in Beneficiary.objects.select_related("commune"):
        if b.province_id == cantho.pk:
            assert b.commune.province_id == cantho.pk
        else:
            assert b.province_id in old
            assert b.commune is None
    for p in Participation.objects.select_related("project__plan__province", "beneficiary"):
        plan_province = p.project.plan.province_id
        if p.project.plan.year >= 2026:
            assert p.beneficiary.province_id == plan_province
        else:
            assert p.beneficiary.province_id in {plan_province, cantho.pk}
            # Registered in the old province whose plan names it.
            assert p.project.plan.province.name in p.beneficiary.old_address


def test_no_support_cap_is_exceeded(small_country):
    projects = Project.objects.select_related("plan__province", "content").prefetch_related(
        "participations__beneficiary"
    )
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


def test_users_of_every_role_log_in_with_the_given_password(client):
    generate(*SMALL, "--password", "mat-khau-thu")
    roles = dict(
        Membership.objects.filter(user__username__startswith="gen.").values_list(
            "user__username", "role"
        )
    )
    assert roles == {
        "gen.ministry": Role.MINISTRY,
        "gen.centre.92": Role.CENTER_HEAD,
        "gen.staff.92": Role.CENTER_STAFF,
        "gen.so.92": Role.DEPARTMENT_REVIEWER,
    }
    assert client.login(username="gen.staff.92", password="mat-khau-thu")
    assert client.get("/projects/").status_code == 200


def test_organisations_are_reused_and_old_units_get_theirs(world):
    existing = world.cantho.centre
    generate(*SMALL)
    assert Project.objects.filter(plan__year=2026).exists()
    assert set(
        Project.objects.filter(plan__year=2026).values_list("implementing_organisation", flat=True)
    ) == {existing.pk}
    soctrang = Organisation.objects.get(kind=Organisation.Kind.CENTRE, province=world.soctrang)
    assert soctrang.name == "Trung tâm Khuyến công tỉnh Sóc Trăng"
    assert set(
        Project.objects.filter(plan__province=world.soctrang).values_list(
            "implementing_organisation", flat=True
        )
    ) == {soctrang.pk}


def test_refuses_to_run_again_without_reset(small_country):
    with pytest.raises(CommandError, match="--reset"):
        generate(*SMALL)


def test_delete_removes_generated_rows_and_their_history_only(world):
    kept = Plan.objects.create(
        province=world.soctrang, year=2023, created_by=world.cantho.center_staff
    )
    generate(*SMALL)
    generate("--delete")
    assert list(Plan.objects.all()) == [kept]
    assert not Project.objects.exists()
    assert not Beneficiary.objects.exists()
    assert not Project.history.exists()
    assert not BudgetLine.history.exists()
    assert not Beneficiary.history.exists()
    assert not get_user_model().objects.filter(username__startswith="gen.").exists()
    assert Organisation.objects.filter(province=world.soctrang).exists()


def test_province_years_with_a_plan_are_skipped(world):
    theirs = Plan.objects.create(province=world.soctrang, year=2023)
    output = generate(*SMALL)
    assert "Sóc Trăng 2023" in output
    assert list(Plan.objects.filter(province=world.soctrang, year=2023)) == [theirs]
    assert not theirs.projects.exists()
    assert Plan.objects.filter(province=world.soctrang, year=2022).exists()


def test_unknown_province_code_is_refused():
    with pytest.raises(CommandError, match="99"):
        generate("--scale", "0.01", "--provinces", "99")


def test_split_adds_up_exactly():
    rng = random.Random(1)
    for total in (100_000, 5_300_000, 1_234_500_000):
        shares = split(total, 5, 100_000, rng)
        assert sum(shares) == total
        assert all(share % 100_000 == 0 for share in shares)


def test_stored_totals_can_come_from_the_money_of_a_project():
    rng = random.Random(3)
    money = draw_money(
        rng,
        profile=PROFILES["3.2"],
        program=Program.KCQG,
        establishments=3,
        approved=True,
    )
    assert len(money.shares) == 3
    assert sum(s for s, _c in money.shares) == money.amounts()[Source.KCQG]
    assert sum(c for _s, c in money.shares) == money.amounts()[Source.COUNTERPART]
    assert {line.source: line.amount for line in money.lines(Project())} == money.amounts()


def test_generated_projects_store_the_money_of_their_budget_lines(small_country):
    from projects.totals import project_totals_drift

    assert project_totals_drift() == []
