"""Đề án from spreadsheets: past years as approved history in imported plans, this year into the
draft plan, money to the đồng, the money rules on every row, idempotent re-import."""

import datetime

import pytest

from khuyencong.importing.engine import get_kind, run_import
from projects.models import BudgetLine, Plan, PlanStatus, Project, ProjectStatus, Source
from tests.factories import BeneficiaryFactory, PlanFactory, valid_tax_code
from tests.imports.helpers import PROJECT_HEADERS, snapshot, xls, xlsx

KIND = "projects"
TODAY = datetime.date(2026, 11, 22)
TAX_A = valid_tax_code("220012345")
TAX_B = valid_tax_code("220054321")


@pytest.fixture
def establishments(world):
    return [
        BeneficiaryFactory(province=world.phutho.province, tax_code=TAX_A, name="Cơ sở A"),
        BeneficiaryFactory(province=world.phutho.province, tax_code=TAX_B, name="Cơ sở B"),
    ]


def run(world, data, user=None, **kwargs):
    return run_import(
        get_kind(KIND),
        data,
        user=user or world.phutho.center_staff,
        filename="de-an-2024.xlsx",
        today=TODAY,
        **kwargs,
    )


def history_rows():
    return [
        list(PROJECT_HEADERS),
        # 2024: Hòa Bình was still a province of its own; old tone-mark style, amounts as text.
        [
            "HB-01",
            2024,
            "Hoà Bình",
            "KCĐP",
            "3.2",
            "Hỗ trợ máy sấy chè",
            "Không",
            f"{TAX_A}; {TAX_B}",
            None,
            "412.500.000 đ",
            "3 422 200 000",
            "",
            "03/2024",
            datetime.date(2024, 11, 30),
            "",
        ],
        [
            "HB-02",
            2024,
            "17",
            "KCĐP",
            "Đào tạo nghề, truyền nghề, phát triển nghề",
            "Đào tạo nghề đan lát",
            "Có",
            "",
            None,
            150_000_000,
            None,
            20_000_000,
            "01/2024",
            "06/2024",
            "Đã nghiệm thu",
        ],
    ]


def money(project):
    return {
        line.source: (line.proposed, line.approved)
        for line in project.budget_lines.order_by("source")
    }


def test_past_year_rows_go_into_an_imported_approved_plan_of_the_old_unit(world, establishments):
    result = run(world, xlsx(history_rows()))
    assert result.written, result.messages()
    plan = Plan.objects.get()
    assert (plan.province, plan.year) == (world.hoabinh, 2024)
    assert plan.status == PlanStatus.APPROVED and plan.imported
    first, second = Project.objects.order_by("external_code")
    assert (first.external_code, first.code, first.year) == ("HB-01", "KCDP-2024-17-001", 2024)
    assert first.status == ProjectStatus.APPROVED
    assert (first.start_month, first.end_month) == (
        datetime.date(2024, 3, 1),
        datetime.date(2024, 11, 1),
    )
    assert money(first) == {
        Source.COUNTERPART: (3_422_200_000, 3_422_200_000),
        Source.KCDP: (412_500_000, 412_500_000),
    }
    assert sorted(first.participations.values_list("beneficiary__tax_code", flat=True)) == [
        TAX_A,
        TAX_B,
    ]
    assert (first.kcdp, first.counterpart, first.total) == (
        412_500_000,
        3_422_200_000,
        3_834_700_000,
    )
    assert second.content.code == "1" and second.is_pilot
    assert second.status == ProjectStatus.ACCEPTED
    assert money(second) == {
        Source.KCDP: (150_000_000, 150_000_000),
        Source.OTHER: (20_000_000, 20_000_000),
    }
    record = first.history.get()
    assert record.history_change_reason == "import: de-an-2024.xlsx"
    assert record.history_user == world.phutho.center_staff


def test_reimport_changes_nothing_and_a_corrected_file_updates_in_place(world, establishments):
    run(world, xlsx(history_rows()))
    before = snapshot()
    again = run(world, xlsx(history_rows()))
    assert again.counts == {"new": 0, "update": 0, "unchanged": 2, "error": 0}
    assert snapshot() == before

    rows = history_rows()
    rows[1][9] = "400.000.000"
    rows[1][7] = TAX_A
    result = run(world, xlsx(rows))
    assert result.counts == {"new": 0, "update": 1, "unchanged": 1, "error": 0}
    project = Project.objects.get(external_code="HB-01")
    assert money(project)[Source.KCDP] == (400_000_000, 400_000_000)
    assert project.kcdp == 400_000_000 and project.total == 3_822_200_000
    assert list(project.participations.values_list("beneficiary__tax_code", flat=True)) == [TAX_A]
    assert Project.objects.count() == 2


def test_amounts_in_trieu_when_a_unit_line_says_so_and_xls_files(world, establishments):
    rows = history_rows()
    rows[1][9], rows[1][10] = 412.5, "3.422,2"
    rows[2][9], rows[2][11] = 150, 20
    for data in (
        xlsx(rows, above=[["KẾ HOẠCH KHUYẾN CÔNG"], [None, None, "Đơn vị: triệu đồng"]]),
        xls(rows, above=[["KẾ HOẠCH KHUYẾN CÔNG"], ["Đơn vị: triệu đồng"]]),
    ):
        result = run(world, data)
        assert result.unit == 1_000_000
        assert result.written, result.messages()
        assert sum(BudgetLine.objects.values_list("proposed", flat=True)) == (
            412_500_000 + 3_422_200_000 + 150_000_000 + 20_000_000
        )


def this_year_rows():
    return [
        list(PROJECT_HEADERS),
        [
            "PT-26-01",
            2026,
            "Phú Thọ",
            "KCQG",
            "3.1",
            "Mô hình trình diễn chế biến chè",
            "Có",
            TAX_A,
            "300.000.000",
            None,
            "700.000.000",
            None,
            "04/2026",
            "10/2026",
            "",
        ],
    ]


def test_current_year_rows_go_into_the_draft_plan_as_proposed(world, establishments):
    result = run(world, xlsx(this_year_rows()))
    assert result.written, result.messages()
    plan = Plan.objects.get()
    assert (plan.province, plan.year, plan.status, plan.imported) == (
        world.phutho.province,
        2026,
        PlanStatus.DRAFT,
        False,
    )
    project = Project.objects.get()
    assert project.status == ProjectStatus.PROPOSED
    assert project.code == "KCQG-2026-25-001"
    assert money(project) == {
        Source.COUNTERPART: (700_000_000, None),
        Source.KCQG: (300_000_000, None),
    }


def test_plan_no_longer_editable_refuses_changes_with_the_reason(world, establishments):
    run(world, xlsx(this_year_rows()))
    Plan.objects.update(status=PlanStatus.SUBMITTED)
    assert run(world, xlsx(this_year_rows())).counts["unchanged"] == 1
    rows = this_year_rows()
    rows[1][5] = "Mô hình trình diễn chế biến chè xanh"
    before = snapshot()
    result = run(world, xlsx(rows))
    assert not result.written
    assert "chỉ được sửa khi là dự thảo hoặc bị trả lại" in result.messages()[0]
    assert snapshot() == before


def test_money_rules_apply_to_every_row(world, establishments):
    rows = this_year_rows()
    rows[1][8] = "600.000.000"  # 600 of 1.300 million: above the 30 % cap of content 3.1
    extra = list(rows[1])
    extra[0], extra[8] = "PT-26-02", None  # a KCQG đề án without KCQG money
    rows.append(extra)
    before = snapshot()
    result = run(world, xlsx(rows))
    assert not result.written
    assert [row.number for row in result.error_rows] == [2, 3]
    assert "30" in result.messages()[0]
    assert "KCQG" in result.messages()[1]
    assert snapshot() == before


def test_new_province_from_2026_and_rows_of_other_provinces(world, establishments):
    rows = this_year_rows()
    rows.append(list(rows[1]))
    rows[2][0], rows[2][2] = "CT-01", "Cần Thơ"
    result = run(world, xlsx(rows))
    assert [row.number for row in result.error_rows] == [3]
    assert "thuộc tỉnh/thành phố khác" in result.messages()[0]


def test_unknown_establishment_and_future_year_are_errors(world, establishments):
    rows = this_year_rows()
    rows[1][7] = valid_tax_code("220099999")
    rows.append(list(this_year_rows()[1]))
    rows[2][0], rows[2][1] = "PT-28", 2028
    result = run(world, xlsx(rows))
    assert [row.number for row in result.error_rows] == [2, 3]
    assert result.error_rows[0].problems[0].column == "Mã số thuế cơ sở thụ hưởng"
    assert result.error_rows[1].problems[0].column == "Năm"


def test_past_plan_approved_in_the_portal_is_not_changed_by_an_import(world, establishments):
    PlanFactory(province=world.hoabinh, year=2024, status=PlanStatus.APPROVED)
    before = snapshot()
    result = run(world, xlsx(history_rows()))
    assert not result.written
    assert "điều chỉnh" in result.messages()[0]
    assert snapshot() == before


def test_reviewer_cannot_import(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run(world, xlsx(this_year_rows()), user=world.phutho.department_reviewer)
