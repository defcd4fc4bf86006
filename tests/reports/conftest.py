"""A small world whose report figures are computed by hand (in triệu đồng):

Sóc Trăng (94, merged into Cần Thơ 07/2025), plan 2024, approved:
  ST1 KCQG 3.2 accepted   KCQG 300, đối ứng 500               outputs: equipped 2/2
  ST2 KCĐP 1   approved   KCĐP 100                            outputs: trained 30/–
  ST3 KCĐP 3.1 accepted   KCĐP 200, đối ứng 250, khác 50      outputs: models 1/1
  ST4 KCĐP 1   rejected   KCĐP 999                            (never counted)
Sóc Trăng plan 2023: ST0 KCĐP 1 approved, KCĐP 150.
Hòa Bình (17, merged into Phú Thọ), plan 2024: HB1 KCQG 4.2 approved, KCQG 400, đối ứng 100.

So for 2024: Cần Thơ (current) = 3 đề án, KCQG 300, KCĐP 300, đối ứng 750, khác 50, tổng 1.400,
hệ số 750 ÷ 600 = 1,25, change of KCQG + KCĐP on 2023: (600 − 150) ÷ 150 = +300 %.
Phú Thọ = 1 đề án, KCQG 400, đối ứng 100, hệ số 0,25. Country: 4 đề án, tổng 1.900.
"""

from dataclasses import dataclass

import pytest
from django.db.models import F

from beneficiaries.models import ProductGroup, Snapshot
from projects.models import BudgetLine, Indicator, PlanStatus, Program, Project, ProjectStatus
from tests.factories import (
    BeneficiaryFactory,
    PlanFactory,
    ProjectFactory,
    add_budget,
    add_output,
    add_participant,
    content,
    valid_tax_code,
)

M = 1_000_000

EQUIPPED = "Cơ sở được hỗ trợ máy móc thiết bị"
TRAINED = "Lao động được đào tạo nghề, truyền nghề"
MODELS = "Mô hình trình diễn kỹ thuật được xây dựng"


def indicator(name: str) -> Indicator:
    return Indicator.objects.get(name=name)


def approve_all(plan) -> None:
    plan.status = PlanStatus.APPROVED
    plan.save()
    BudgetLine.objects.filter(project__plan=plan).update(approved=F("proposed"))


def make_project(plan, program, content_code, status, title="", **money) -> Project:
    project = ProjectFactory(
        plan=plan,
        program=program,
        content=content(content_code),
        status=status,
        **({"title": title} if title else {}),
    )
    add_budget(project, **{name: amount * M for name, amount in money.items()})
    return project


@dataclass
class ReportWorld:
    base: object
    st2024: object
    st2023: object
    hb2024: object
    st1: Project
    st2: Project
    st3: Project
    hb1: Project


@pytest.fixture
def report_world(world) -> ReportWorld:
    st2024 = PlanFactory(province=world.soctrang, year=2024)
    st1 = make_project(
        st2024,
        Program.KCQG,
        "3.2",
        ProjectStatus.ACCEPTED,
        title="Máy sấy hành tím cho nhóm cơ sở",
        kcqg=300,
        counterpart=500,
    )
    add_output(st1, indicator(EQUIPPED), planned=2, actual=2)
    establishment = BeneficiaryFactory(
        name="Công ty TNHH Hành tím Vĩnh Châu",
        tax_code=valid_tax_code("220073528"),
        representative="Quách Văn Thành",
        product_group=ProductGroup.FOOD,
        province=world.cantho.province,
    )
    add_participant(st1, establishment, support=300 * M, counterpart=500 * M)
    Snapshot.objects.create(beneficiary=establishment, year=2023, revenue=1000 * M, employees=10)
    Snapshot.objects.create(beneficiary=establishment, year=2025, revenue=1250 * M, employees=12)
    st2 = make_project(st2024, Program.KCDP, "1", ProjectStatus.APPROVED, kcdp=100)
    add_output(st2, indicator(TRAINED), planned=30)
    st3 = make_project(
        st2024, Program.KCDP, "3.1", ProjectStatus.ACCEPTED, kcdp=200, counterpart=250, other=50
    )
    add_output(st3, indicator(MODELS), planned=1, actual=1)
    make_project(st2024, Program.KCDP, "1", ProjectStatus.REJECTED, kcdp=999)
    approve_all(st2024)

    st2023 = PlanFactory(province=world.soctrang, year=2023)
    make_project(st2023, Program.KCDP, "1", ProjectStatus.APPROVED, kcdp=150)
    approve_all(st2023)

    hb2024 = PlanFactory(province=world.hoabinh, year=2024)
    hb1 = make_project(
        hb2024, Program.KCQG, "4.2", ProjectStatus.APPROVED, kcqg=400, counterpart=100
    )
    approve_all(hb2024)
    return ReportWorld(world, st2024, st2023, hb2024, st1, st2, st3, hb1)


def grow(plan, count: int) -> None:
    """Add `count` more đề án (with money, an establishment and outputs) to a plan: the same
    page must then run the same number of queries."""
    for _ in range(count):
        project = make_project(
            plan, Program.KCDP, "3.2", ProjectStatus.ACCEPTED, kcdp=10, counterpart=5
        )
        add_output(project, indicator(EQUIPPED), planned=1, actual=1)
        add_participant(project, support=10 * M, counterpart=5 * M)
    approve_all(plan)
