"""Support caps (projects.caps) and how the đề án form applies them.

Circular 28/2018/TT-BTC (loaded by migration): 3.1 demonstration model ≤ 30 % of the cost and
≤ 1.000 triệu per đề án; 3.2 machinery ≤ 50 % and ≤ 300 triệu per establishment. At the cap
exactly is allowed.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from projects.caps import Amounts, caps_for, check_caps
from projects.models import Program, Project, Source, SupportCap
from tests.factories import (
    BeneficiaryFactory,
    PlanFactory,
    commune_of,
    content,
    project_form_data,
)

pytestmark = pytest.mark.django_db

MILLION = 1_000_000


@pytest.fixture
def plan(world):
    return PlanFactory(province=world.cantho.province, year=2026)


def _provincial_cap(world, code, per, percent, ceiling, **kwargs):
    return SupportCap.objects.create(
        program=Program.KCDP,
        content=content(code),
        province=world.cantho.province,
        per=per,
        percent=Decimal(percent) if percent else None,
        ceiling=ceiling,
        legal_basis="Nghị quyết HĐND thành phố Cần Thơ",
        **kwargs,
    )


def _check(plan, program, code, *, project=None, beneficiaries=()):
    caps, binding = caps_for(plan=plan, program=program, content=content(code))
    return check_caps(
        caps=caps,
        binding=binding,
        project=project or Amounts(support=0, total=0),
        beneficiaries=list(beneficiaries),
    )


# --- The rules, one by one ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("support", "total", "errors"),
    [
        (299_999_999, 1_000_000_000, 0),  # under 30 %
        (300_000_000, 1_000_000_000, 0),  # at 30 %
        (300_000_001, 1_000_000_000, 1),  # over 30 %
        (999_999_999, 4_000_000_000, 0),  # under the 1.000 triệu ceiling (25 %)
        (1_000_000_000, 4_000_000_000, 0),  # at the ceiling
        (1_000_000_001, 4_000_000_000, 1),  # over the ceiling
        (1_500_000_000, 2_000_000_000, 2),  # over both
    ],
)
def test_demonstration_model_cap_per_project(plan, support, total, errors):
    result = _check(plan, Program.KCQG, "3.1", project=Amounts(support=support, total=total))

    assert len(result.errors) == errors
    assert result.warnings == []


@pytest.mark.parametrize(
    ("support", "counterpart", "errors"),
    [
        (99_999_999, 100_000_001, 0),  # under 50 %
        (100_000_000, 100_000_000, 0),  # at 50 %
        (100_000_001, 99_999_999, 1),  # over 50 %
        (299_999_999, 700_000_000, 0),  # under the 300 triệu ceiling
        (300_000_000, 700_000_000, 0),  # at the ceiling
        (300_000_001, 700_000_000, 1),  # over the ceiling
    ],
)
def test_machinery_cap_per_establishment(plan, support, counterpart, errors):
    establishments = [
        ("Cơ sở A", Amounts(support=50 * MILLION, total=200 * MILLION)),
        ("Cơ sở B", Amounts(support=support, total=support + counterpart)),
    ]
    # The đề án as a whole is not measured by a per-establishment cap.
    project = Amounts(support=10**12, total=10**12)

    result = _check(plan, Program.KCQG, "3.2", project=project, beneficiaries=establishments)

    assert len(result.errors) == errors
    assert all(error.startswith("Cơ sở B") for error in result.errors)


def test_the_message_names_the_share_the_cap_and_the_legal_basis(plan):
    result = _check(
        plan, Program.KCQG, "3.1", project=Amounts(support=450 * MILLION, total=1_000 * MILLION)
    )

    [error] = result.errors
    assert "450.000.000 đ" in error
    assert "45,00%" in error
    assert "30%" in error
    assert "Thông tư 28/2018/TT-BTC" in error


def test_kcdp_without_a_provincial_cap_is_measured_against_kcqg_for_reference_only(plan):
    result = _check(
        plan, Program.KCDP, "3.1", project=Amounts(support=500 * MILLION, total=1_000 * MILLION)
    )

    assert result.errors == []
    assert len(result.warnings) == 2  # the note, then the reference cap crossed
    assert "Thông tư 28/2018/TT-BTC" in result.warnings[1]


def test_kcdp_within_the_reference_cap_has_no_warning(plan):
    result = _check(
        plan, Program.KCDP, "3.1", project=Amounts(support=300 * MILLION, total=1_000 * MILLION)
    )
    assert (result.errors, result.warnings) == ([], [])


def test_kcdp_with_the_provinces_own_cap_is_bound_by_it(world, plan):
    _provincial_cap(world, "3.1", SupportCap.Per.PROJECT, "30", 800 * MILLION)

    at = _check(plan, Program.KCDP, "3.1", project=Amounts(800 * MILLION, 3_000 * MILLION))
    over = _check(plan, Program.KCDP, "3.1", project=Amounts(800 * MILLION + 1, 3_000 * MILLION))

    assert (at.errors, at.warnings) == ([], [])
    assert len(over.errors) == 1
    assert "Nghị quyết HĐND" in over.errors[0]
    assert over.warnings == []


def test_another_provinces_cap_does_not_bind(world):
    _provincial_cap(world, "3.1", SupportCap.Per.PROJECT, "10", None)
    phutho_plan = PlanFactory(province=world.phutho.province, year=2026)

    result = _check(
        phutho_plan, Program.KCDP, "3.1", project=Amounts(200 * MILLION, 1_000 * MILLION)
    )

    assert result.errors == []


def test_a_groups_cap_covers_its_sub_contents(world, plan):
    _provincial_cap(world, "3", SupportCap.Per.BENEFICIARY, None, 100 * MILLION)

    result = _check(
        plan,
        Program.KCDP,
        "3.2",
        beneficiaries=[("Cơ sở A", Amounts(support=100 * MILLION + 1, total=500 * MILLION))],
    )

    assert len(result.errors) == 1


def test_the_cap_in_force_on_1_january_of_the_plan_year_applies(world, plan):
    _provincial_cap(
        world,
        "3.1",
        SupportCap.Per.PROJECT,
        "10",
        None,
        valid_until=datetime.date(2025, 12, 31),
    )

    result = _check(plan, Program.KCDP, "3.1", project=Amounts(200 * MILLION, 1_000 * MILLION))

    assert result.errors == []  # only the KCQG reference applies, and 20 % is within it


# --- Through the form ----------------------------------------------------------------------------


def _post(client, world, plan, *, program, code, budget, participants=()):
    data = project_form_data(
        fields={
            "title": "Mô hình trình diễn",
            "program": program,
            "content": content(code).pk,
            "implementing_organisation": world.cantho.centre.pk,
            "commune": commune_of(world.cantho.province).pk,
            "start_month": "03/2026",
            "end_month": "10/2026",
        },
        budget=[{"source": source, "proposed": amount} for source, amount in budget],
        participants=participants,
    )
    client.force_login(world.cantho.center_staff)
    return client.post(f"{reverse('projects:create')}?plan={plan.pk}", data)


@pytest.mark.parametrize(
    ("kcqg", "status"), [("299.999.999", 302), ("300.000.000", 302), ("300.000.001", 400)]
)
def test_form_blocks_a_kcqg_project_over_its_cap(client, world, plan, kcqg, status):
    response = _post(
        client,
        world,
        plan,
        program=Program.KCQG,
        code="3.1",
        budget=[(Source.KCQG, kcqg), (Source.COUNTERPART, "700.000.000")],
    )

    assert response.status_code == status
    assert Project.objects.count() == (1 if status == 302 else 0)
    if status == 400:
        html = response.content.decode()
        assert 'data-testid="cap-errors"' in html
        assert "Thông tư 28/2018/TT-BTC" in html


def test_form_blocks_an_establishment_over_its_ceiling(client, world, plan):
    beneficiary = BeneficiaryFactory(name="Cơ sở cơ khí Hai Lúa")
    response = _post(
        client,
        world,
        plan,
        program=Program.KCQG,
        code="3.2",
        budget=[(Source.KCQG, "300.000.001"), (Source.COUNTERPART, "700.000.000")],
        participants=[
            {
                "beneficiary": beneficiary.pk,
                "beneficiary_name": beneficiary.name,
                "support_amount": "300.000.001",
                "counterpart_amount": "700.000.000",
            }
        ],
    )

    assert response.status_code == 400
    [error] = response.context["editor"].cap_errors
    assert error.startswith("Cơ sở cơ khí Hai Lúa")
    assert "300.000.000 đ" in error


def test_form_saves_kcdp_over_the_reference_cap_and_passes_on_the_warning(client, world, plan):
    response = _post(
        client,
        world,
        plan,
        program=Program.KCDP,
        code="3.1",
        budget=[(Source.KCDP, "500.000.000"), (Source.COUNTERPART, "500.000.000")],
    )

    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert any("Thông tư 28/2018/TT-BTC" in w for w in warnings)
    assert Project.objects.get().code == "KCDP-2026-92-001"


def test_form_blocks_kcdp_over_the_provinces_own_cap(client, world, plan):
    _provincial_cap(world, "3.1", SupportCap.Per.PROJECT, "30", 800 * MILLION)

    response = _post(
        client,
        world,
        plan,
        program=Program.KCDP,
        code="3.1",
        budget=[(Source.KCDP, "500.000.000"), (Source.COUNTERPART, "500.000.000")],
    )

    assert response.status_code == 400
    assert len(response.context["editor"].cap_errors) == 1
    assert Project.objects.count() == 0
