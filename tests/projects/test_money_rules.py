"""The money rules of a đề án (projects.rules): one pure function, enforced by project_save under
the plan lock, and no way around it through the admin.

Rules: the programme needs its own public budget line above 0; where establishments carry
amounts their support adds up to that line and their counterpart to the counterpart line; the
support caps in force (binding → error, reference → warning).
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects import rules, services
from projects.models import (
    BudgetLine,
    Participation,
    PlanStatus,
    Program,
    Project,
    ProjectOutput,
    Source,
    SupportCap,
)
from projects.services import BudgetLineData, ParticipationData, project_save
from tests.factories import (
    BeneficiaryFactory,
    PlanFactory,
    ProjectFactory,
    UserFactory,
    add_budget,
    add_participant,
    content,
    project_form_data,
)

pytestmark = pytest.mark.django_db

MILLION = 1_000_000


def _cap(per, percent=None, ceiling=None, *, program=Program.KCQG, binding=True):
    """An unsaved cap: the pure function needs no database."""
    return SupportCap(
        program=program,
        per=per,
        percent=Decimal(percent) if percent else None,
        ceiling=ceiling,
        legal_basis="Thông tư 28/2018/TT-BTC",
    )


def _problems(program=Program.KCQG, *, lines, establishments=(), caps=(), binding=True, code=None):
    return rules.money_problems(
        program=program,
        content=code,
        caps=list(caps),
        binding=binding,
        lines=lines,
        establishments=[rules.EstablishmentMoney(*e) for e in establishments],
    )


def _codes(problems):
    return [(p.level, p.code) for p in problems]


# --- The pure function ----


def test_a_project_with_its_own_public_line_and_no_establishments_has_no_problem():
    assert _problems(lines=[(Source.KCQG, 100), (Source.COUNTERPART, 50)]) == []


@pytest.mark.parametrize(
    ("program", "lines"),
    [
        (Program.KCQG, [(Source.KCDP, 100)]),
        (Program.KCQG, [(Source.KCQG, 0)]),
        (Program.KCDP, [(Source.KCQG, 100), (Source.COUNTERPART, 100)]),
        (Program.KCDP, []),
    ],
)
def test_the_programme_needs_its_own_public_line_above_zero(program, lines):
    [problem] = _problems(program, lines=lines)

    assert (problem.level, problem.code, problem.field) == (
        rules.ERROR,
        rules.PROGRAMME_SOURCE,
        rules.BUDGET_LINES,
    )
    assert ("KCQG" if program == Program.KCQG else "KCĐP") in problem.message


def test_establishments_support_must_equal_the_programmes_line_and_the_gap_is_in_dong():
    problems = _problems(
        lines=[(Source.KCQG, 900 * MILLION), (Source.COUNTERPART, 200)],
        establishments=[("A", 500 * MILLION, 100), ("B", 300 * MILLION, 100)],
    )

    [problem] = problems
    assert (problem.code, problem.field) == (rules.SUPPORT_SUM, rules.PARTICIPATIONS)
    assert problem.amounts == {"establishments": 800 * MILLION, "line": 900 * MILLION}
    assert "100.000.000 đ" in problem.message


def test_establishments_counterpart_must_equal_the_counterpart_line():
    [problem] = _problems(
        lines=[(Source.KCQG, 100), (Source.COUNTERPART, 250)],
        establishments=[("A", 60, 100), ("B", 40, 100)],
    )

    assert problem.code == rules.COUNTERPART_SUM
    assert problem.amounts == {"establishments": 200, "line": 250}


def test_establishments_without_amounts_need_not_add_up():
    assert _problems(lines=[(Source.KCQG, 100)], establishments=[("A", 0, 0)]) == []


def test_a_binding_cap_gives_an_error_and_a_reference_cap_a_warning():
    cap = _cap(SupportCap.Per.PROJECT, percent="30")
    lines = [(Source.KCQG, 400), (Source.COUNTERPART, 600)]  # 40 % of the cost

    binding = _problems(lines=lines, caps=[cap], binding=True)
    reference = _problems(
        Program.KCDP,
        lines=[(Source.KCDP, 400), (Source.COUNTERPART, 600)],
        caps=[cap],
        binding=False,
    )

    assert _codes(binding) == [(rules.ERROR, rules.CAP)]
    assert binding[0].amounts == {"support": 400, "total": 1000}
    # the note on the reference, then the cap crossed
    assert _codes(reference) == [(rules.WARNING, rules.CAP), (rules.WARNING, rules.CAP)]


def test_a_cap_per_establishment_names_the_establishment():
    cap = _cap(SupportCap.Per.BENEFICIARY, ceiling=300 * MILLION)

    [problem] = _problems(
        lines=[(Source.KCQG, 300 * MILLION + 1), (Source.COUNTERPART, 700 * MILLION)],
        establishments=[("Cơ sở cơ khí Hai Lúa", 300 * MILLION + 1, 700 * MILLION)],
        caps=[cap],
    )

    assert problem.code == rules.CAP
    assert problem.message.startswith("Cơ sở cơ khí Hai Lúa")


def test_a_content_needing_establishments_without_any_is_only_a_warning(world):
    problems = _problems(lines=[(Source.KCQG, 100)], code=content("3.2"))

    assert _codes(problems) == [(rules.WARNING, rules.NEEDS_BENEFICIARIES)]
    assert rules.errors_of(problems) == []


def test_the_function_runs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        _problems(
            lines=[(Source.KCQG, 100), (Source.COUNTERPART, 10)],
            establishments=[("A", 50, 5), ("B", 40, 5)],
            caps=[_cap(SupportCap.Per.PROJECT, percent="30")],
        )


# --- project_save refuses and writes nothing ----


@pytest.fixture
def plan(world):
    return PlanFactory(province=world.cantho.province, year=2026)


def _project(plan, world, program, code="3.2"):
    return Project(
        plan=plan,
        title="Đề án",
        program=program,
        content=content(code),
        implementing_organisation=world.cantho.centre,
    )


def _snapshot():
    return (
        list(Project.objects.values_list("pk", "title", "lock_version", "program", "code")),
        list(BudgetLine.objects.values_list("pk", "source", "proposed", "approved")),
        list(Participation.objects.values_list("pk", "support_amount", "counterpart_amount")),
        list(ProjectOutput.objects.values_list("pk", "planned")),
        BudgetLine.history.count(),
        Project.history.count(),
    )


BROKEN = {
    "over_the_kcqg_cap": (
        Program.KCQG,
        "3.1",  # 30 % of the cost and 1.000 triệu per đề án (Circular 28/2018)
        [BudgetLineData(Source.KCQG, 400 * MILLION), BudgetLineData(Source.COUNTERPART, 600)],
        [],
        rules.CAP,
    ),
    "establishments_over_their_kcqg_ceiling": (
        Program.KCQG,
        "3.2",  # 300 triệu per establishment
        [
            BudgetLineData(Source.KCQG, 300 * MILLION + 1),
            BudgetLineData(Source.COUNTERPART, 700 * MILLION),
        ],
        [(300 * MILLION + 1, 700 * MILLION)],
        rules.CAP,
    ),
    "support_differs_from_the_line": (
        Program.KCDP,
        "3.2",
        [BudgetLineData(Source.KCDP, 100), BudgetLineData(Source.COUNTERPART, 50)],
        [(60, 25), (30, 25)],
        rules.SUPPORT_SUM,
    ),
    "counterpart_differs_from_the_line": (
        Program.KCDP,
        "3.2",
        [BudgetLineData(Source.KCDP, 100), BudgetLineData(Source.COUNTERPART, 50)],
        [(60, 25), (40, 20)],
        rules.COUNTERPART_SUM,
    ),
    "no_public_line_of_the_programme": (
        Program.KCQG,
        "3.2",
        [BudgetLineData(Source.KCDP, 100)],
        [],
        rules.PROGRAMME_SOURCE,
    ),
}


def _establishments(amounts):
    return [
        ParticipationData(BeneficiaryFactory(), support, counterpart)
        for support, counterpart in amounts
    ]


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_project_save_refuses_a_new_project_breaking_a_money_rule(world, plan, case):
    program, code, budget, amounts, rule = BROKEN[case]
    participations = _establishments(amounts)
    before = _snapshot()

    with pytest.raises(ValidationError) as refused:
        project_save(
            user=world.cantho.center_staff,
            project=_project(plan, world, program, code),
            budget_lines=budget,
            participations=participations,
            outputs=[],
        )

    assert rule in [e.code for e in refused.value.error_list]
    assert _snapshot() == before


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_project_save_refuses_an_edit_breaking_a_money_rule_and_keeps_the_stored_one(
    world, plan, case
):
    program, code, budget, amounts, rule = BROKEN[case]
    user = world.cantho.center_staff
    saved = project_save(
        user=user,
        project=_project(plan, world, program, code),
        budget_lines=[
            BudgetLineData(program, 10 * MILLION),
            BudgetLineData(Source.COUNTERPART, 90 * MILLION),
        ],
        participations=[],
        outputs=[],
    )
    participations = _establishments(amounts)
    edited = Project.objects.get(pk=saved.pk)
    edited.title = "Tên mới"
    before = _snapshot()

    with pytest.raises(ValidationError) as refused:
        project_save(
            user=user,
            project=edited,
            budget_lines=budget,
            participations=participations,
            outputs=[],
            expected_version=0,
        )

    assert rule in [e.code for e in refused.value.error_list]
    assert _snapshot() == before
    assert edited.code == saved.code  # not renumbered in memory either


def test_project_save_accepts_the_same_project_once_the_sums_agree(world, plan):
    first, second = BeneficiaryFactory.create_batch(2)

    saved = project_save(
        user=world.cantho.center_staff,
        project=_project(plan, world, Program.KCDP),
        budget_lines=[BudgetLineData(Source.KCDP, 100), BudgetLineData(Source.COUNTERPART, 50)],
        participations=[ParticipationData(first, 60, 25), ParticipationData(second, 40, 25)],
        outputs=[],
    )

    assert saved.participations.count() == 2


def test_the_form_shows_the_services_refusal_with_400_and_keeps_what_was_typed(
    client, world, plan, monkeypatch
):
    """A provincial cap set between the form's check and the save: the service, the
    authority, refuses; the page says why and keeps every value typed."""
    client.force_login(world.cantho.center_staff)
    data = project_form_data(
        fields={
            "title": "Mô hình trình diễn máy sấy",
            "program": Program.KCDP,
            "content": content("3.1").pk,
            "implementing_organisation": world.cantho.centre.pk,
            "start_month": "03/2026",
            "end_month": "11/2026",
        },
        budget=[
            {"source": Source.KCDP, "proposed": "500.000.000"},
            {"source": Source.COUNTERPART, "proposed": "500.000.000"},
        ],
    )
    check_money = services._check_money

    def cap_set_meanwhile(*args, **kwargs):
        SupportCap.objects.create(
            program=Program.KCDP,
            content=content("3.1"),
            province=world.cantho.province,
            per=SupportCap.Per.PROJECT,
            percent=Decimal("30"),
        )
        return check_money(*args, **kwargs)

    monkeypatch.setattr(services, "_check_money", cap_set_meanwhile)

    response = client.post(f"{reverse('projects:create')}?plan={plan.pk}", data)

    html = response.content.decode()
    assert response.status_code == 400
    assert 'data-testid="top-error"' in html
    assert "30%" in html.replace("\xa0", "").replace(" ", "")
    assert 'value="Mô hình trình diễn máy sấy"' in html
    assert Project.objects.count() == 0


# --- The admin cannot write around the service ----


@pytest.fixture
def admin_client(client, world):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def stored(plan):
    project = ProjectFactory(plan=plan, program=Program.KCQG, title="Đề án gốc")
    [line] = add_budget(project, kcqg=100 * MILLION)
    add_participant(project, support=100 * MILLION)
    return project, line


def test_the_admin_shows_a_project_and_its_budget_line(admin_client, stored):
    project, line = stored

    assert (
        admin_client.get(reverse("admin:projects_project_change", args=[project.pk])).status_code
        == 200
    )
    assert (
        admin_client.get(reverse("admin:projects_budgetline_change", args=[line.pk])).status_code
        == 200
    )
    assert admin_client.get(reverse("admin:projects_project_changelist")).status_code == 200


def test_the_admin_cannot_change_a_project_or_its_rows(admin_client, stored):
    project, line = stored
    before = _snapshot()

    change = admin_client.post(
        reverse("admin:projects_project_change", args=[project.pk]),
        {
            "title": "Sửa trong admin",
            "program": Program.KCDP,
            "participations-TOTAL_FORMS": "0",
            "participations-INITIAL_FORMS": "1",
            "outputs-TOTAL_FORMS": "0",
            "outputs-INITIAL_FORMS": "0",
        },
    )
    line_change = admin_client.post(
        reverse("admin:projects_budgetline_change", args=[line.pk]),
        {"project": project.pk, "source": Source.KCQG, "proposed": "999"},
    )

    assert change.status_code == 403
    assert line_change.status_code == 403
    assert _snapshot() == before


@pytest.mark.parametrize(
    "url_name",
    ["admin:projects_project_add", "admin:projects_budgetline_add"],
)
def test_the_admin_cannot_add_a_project_or_a_budget_line(admin_client, stored, url_name):
    project, _line = stored
    before = _snapshot()

    response = admin_client.post(
        reverse(url_name),
        {"project": project.pk, "source": Source.OTHER, "proposed": "5", "title": "Mới"},
    )

    assert response.status_code == 403
    assert _snapshot() == before


def test_the_admin_cannot_delete_a_budget_line_or_revert_a_project(admin_client, stored):
    project, line = stored
    project.title = "Đổi qua dịch vụ"
    project.save()
    version = project.history.last().history_id  # the first version
    before = _snapshot()

    deleted = admin_client.post(
        reverse("admin:projects_budgetline_delete", args=[line.pk]), {"post": "yes"}
    )
    reverted = admin_client.post(
        reverse("admin:projects_project_simple_history", args=[project.pk, version]), {}
    )

    assert deleted.status_code == 403
    assert reverted.status_code == 403
    assert _snapshot() == before


def test_the_admin_cannot_change_a_plans_status(admin_client, plan):
    url = reverse("admin:projects_plan_change", args=[plan.pk])
    form = admin_client.get(url).context["adminform"].form

    response = admin_client.post(
        url,
        {"status": PlanStatus.APPROVED, "version": "7", "decision_number": "15/QĐ-UBND"},
    )

    plan.refresh_from_db()
    assert "status" not in form.fields
    assert response.status_code == 302
    assert (plan.status, plan.version, plan.decision_number) == (
        PlanStatus.DRAFT,
        1,
        "15/QĐ-UBND",
    )


def test_the_admin_cannot_revert_a_plan_to_another_status(admin_client, plan):
    draft = plan.history.get().history_id
    plan.status = PlanStatus.SUBMITTED
    plan.save()

    response = admin_client.post(
        reverse("admin:projects_plan_simple_history", args=[plan.pk, draft]), {}
    )

    plan.refresh_from_db()
    assert response.status_code == 403
    assert plan.status == PlanStatus.SUBMITTED


def test_reference_data_stays_editable_in_the_admin(admin_client, world):
    cap = SupportCap.objects.filter(content__code="3.1").first()

    response = admin_client.get(reverse("admin:projects_supportcap_change", args=[cap.pk]))

    assert response.status_code == 200
    assert "ceiling" in response.context["adminform"].form.fields
