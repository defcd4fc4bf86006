"""Each report's numbers on the hand-computed world of conftest.py."""

from decimal import Decimal

import pytest

from projects.models import ProjectStatus
from reports.builders import (
    consolidated,
    effectiveness,
    funding,
    implementation,
    plan,
    project_list,
    results,
    series,
)
from reports.builders.common import implementation_amounts
from reports.selectors import get_report_scope_for_user, ministry_scope, resolve_area
from tests.reports.conftest import M

pytestmark = pytest.mark.django_db


def money(row):
    m = row.money
    return (m.kcqg // M, m.kcdp // M, m.counterpart // M, m.other // M, m.total // M)


def test_consolidated_rolls_old_units_into_their_successors(report_world):
    report = consolidated.build(ministry_scope(), year=2024, grouping="current")
    rows = {row.key: row for row in report.by_province}
    assert set(rows) == {"92", "25"}
    cantho = rows["92"]
    assert cantho.label == "Cần Thơ"
    assert cantho.count == 3
    assert money(cantho) == (300, 300, 750, 50, 1400)
    assert cantho.leverage == Decimal("1.25")
    assert cantho.change == Decimal(300)
    assert rows["25"].count == 1 and rows["25"].leverage == Decimal("0.25")
    assert report.total.count == 4 and report.total.money.total == 1900 * M


def test_consolidated_historical_keeps_units_as_they_were(report_world):
    report = consolidated.build(ministry_scope(), year=2024, grouping="historical")
    labels = {row.key: row.label for row in report.by_province}
    assert labels == {"94": "Sóc Trăng", "17": report_world.base.hoabinh.name}


def test_consolidated_groups_by_region_content_and_programme(report_world):
    report = consolidated.build(ministry_scope(), year=2024, grouping="current")
    assert {row.key: row.count for row in report.by_region} == {"nam": 3, "bac": 1}
    assert {row.key: row.count for row in report.by_content} == {"1": 1, "3": 2, "4": 1}
    programs = {row.key: money(row) for row in report.by_program}
    assert programs == {"kcqg": (700, 0, 600, 0, 1300), "kcdp": (0, 300, 250, 50, 600)}


def test_consolidated_shows_no_execution_without_disbursement_records(report_world):
    report = consolidated.build(ministry_scope(), year=2024, grouping="current")
    assert not report.disbursement_recorded
    assert all(row.disbursed is None and row.execution is None for row in report.by_province)


def test_consolidated_region_filter(report_world):
    report = consolidated.build(ministry_scope(), year=2024, grouping="current", region="bac")
    assert [row.key for row in report.by_province] == ["25"]


def test_consolidated_for_a_centre_is_limited_to_its_province(report_world):
    scope = get_report_scope_for_user(report_world.base.cantho.center_staff)
    report = consolidated.build(scope, year=2024, grouping="current")
    assert [row.key for row in report.by_province] == ["92"]
    assert report.total.count == 3


def test_implementation_amounts_count_accepted_projects_only(report_world):
    w = report_world
    amounts = implementation_amounts([w.st1.pk, w.st2.pk, w.st3.pk])
    assert set(amounts) == {w.st1.pk, w.st3.pk}
    assert amounts.of(w.st1.pk).accepted.kcqg == 300 * M
    assert amounts.of(w.st2.pk).accepted.total == 0
    assert amounts.disbursement_recorded is False


def test_series_totals_each_year_and_the_cumulative_leverage(report_world):
    report = series.build(
        ministry_scope(), resolve_area(ministry_scope(), "", 2024), year_from=2022, year_to=2024
    )
    assert [(row.year, row.count) for row in report.rows] == [(2022, 0), (2023, 1), (2024, 4)]
    assert report.total.money.public == (150 + 300 + 300 + 400) * M
    assert report.cumulative_leverage == Decimal(850) / Decimal(1150)


def test_results_form_puts_accepted_outputs_and_planned_ones_apart(report_world):
    area = resolve_area(ministry_scope(), "94", 2024)
    report = results.build(ministry_scope(), area, year=2024)
    lines = {line.code: line for line in report.lines}
    assert (lines["10"].done_kcqg, lines["10"].done_kcdp) == (2, 0)
    assert (lines["9"].done_kcqg, lines["9"].done_kcdp) == (0, 1)
    assert (lines["1"].done_kcdp, lines["1"].pending_kcdp) == (0, 30)
    assert lines["10.a"].is_money and lines["10.a"].done_kcqg == 500 * M
    assert lines["9.a"].done_kcdp == (250 + 50) * M
    assert lines["23"].done_kcdp is None
    total = report.total
    assert (total.done_kcqg, total.done_kcdp, total.pending_kcqg, total.pending_kcdp) == (
        1,
        1,
        0,
        1,
    )
    assert [line.code for line in report.lines][:3] == ["1", "1.a", "2"]
    assert len(report.lines) == 30


def test_results_row_23_is_the_centres_staff(report_world):
    from projects.models import CentreYearFact

    CentreYearFact.objects.create(
        organisation=report_world.base.cantho.centre, year=2026, staff_count=14
    )
    area = resolve_area(ministry_scope(), "92", 2026)
    report = results.build(ministry_scope(), area, year=2026)
    assert {line.code: line for line in report.lines}["23"].done_kcdp == 14


def test_funding_form_counts_each_project_under_its_activity(report_world):
    area = resolve_area(ministry_scope(), "94", 2024)
    report = funding.build(ministry_scope(), area, year=2024)
    lines = {line.code: line for line in report.lines}
    assert len(report.lines) == 24
    assert lines["10"].plan.kcqg == 300 * M
    assert lines["1"].plan.kcdp == 100 * M
    assert lines["9"].plan.kcdp == 200 * M
    assert (report.total.plan.kcdp, report.total.plan.kcqg) == (300 * M, 300 * M)
    assert lines["10"].accepted.kcqg == 300 * M and lines["1"].accepted.kcdp == 0
    assert report.total.disbursed is None


def test_funding_form_follows_a_chosen_activity(report_world):
    from projects.models import Activity

    report_world.st2.activity = Activity.objects.get(code="2")
    report_world.st2.save()
    area = resolve_area(ministry_scope(), "94", 2024)
    lines = {line.code: line for line in funding.build(ministry_scope(), area, year=2024).lines}
    assert (lines["1"].plan.kcdp, lines["2"].plan.kcdp) == (0, 100 * M)


def test_project_list_gives_money_by_source_and_use_and_the_establishments(report_world):
    area = resolve_area(ministry_scope(), "94", 2024)
    report = project_list.build(ministry_scope(), area, year=2024)
    assert len(report.lines) == 3
    first = next(line for line in report.lines if line.code == report_world.st1.code)
    assert (first.money.kcqg, first.money.public, first.money.counterpart, first.money.total) == (
        300 * M,
        300 * M,
        500 * M,
        800 * M,
    )
    assert first.establishment_count == 1
    [establishment] = report.establishments
    assert establishment.name == "Công ty TNHH Hành tím Vĩnh Châu"
    assert establishment.tax_code.startswith("220073528")
    assert establishment.address.endswith("Cần Thơ")
    assert establishment.representative == "Quách Văn Thành"
    assert establishment.sector


def test_plan_report_groups_by_content_with_subtotals(report_world):
    report = plan.build(ministry_scope(), report_world.st2024)
    assert [group.code for group in report.groups] == ["1", "3"]
    three = report.groups[1]
    assert three.approved.public == 500 * M and three.proposed.counterpart == 750 * M
    assert report.count == 3
    assert report.approved.total == 1400 * M
    assert report.adjustment == ""
    report_world.st2024.version = 3
    assert plan.build(ministry_scope(), report_world.st2024).adjustment == "điều chỉnh lần 2"


def test_plan_report_leaves_approved_blank_before_approval(world):
    from tests.factories import PlanFactory
    from tests.reports.conftest import make_project

    draft = PlanFactory(province=world.cantho.province, year=2026)
    make_project(draft, "kcdp", "1", ProjectStatus.PROPOSED, kcdp=50)
    report = plan.build(ministry_scope(), draft)
    assert report.approved is None
    assert report.groups[0].rows[0].approved is None
    assert report.proposed.kcdp == 50 * M


def test_implementation_by_project_source_output_and_status(report_world):
    area = resolve_area(ministry_scope(), "94", 2024)
    report = implementation.build(ministry_scope(), area, year=2024, period="h1")
    assert len(report.projects) == 3
    assert {s.source: (s.plan // M, s.accepted // M) for s in report.sources} == {
        "kcqg": (300, 300),
        "kcdp": (300, 200),
        "counterpart": (750, 750),
        "other": (50, 50),
    }
    assert all(s.disbursed is None and s.execution is None for s in report.sources)
    assert {s.status: s.count for s in report.statuses} == {"approved": 1, "accepted": 2}
    outputs = {o.indicator: (o.planned, o.achieved) for o in report.outputs}
    assert outputs["Lao động được đào tạo nghề, truyền nghề"] == (30, 0)
    assert outputs["Cơ sở được hỗ trợ máy móc thiết bị"] == (2, 2)
    assert ("Kỳ báo cáo", "6 tháng đầu năm") in report.meta.filters


def test_effectiveness_compares_the_year_before_with_the_year_after(report_world):
    area = resolve_area(ministry_scope(), "94", 2024)
    report = effectiveness.build(ministry_scope(), area, year=2024)
    [row] = report.rows
    assert (row.revenue_before, row.revenue_after) == (1000 * M, 1250 * M)
    assert row.revenue_change == Decimal(25)
    assert row.employees_change == Decimal(20)
    assert report.revenue.compared == 1 and report.revenue.change == Decimal(25)


def _disbursement(project, source, amount, day, **extra):
    from funding.models import Disbursement

    return Disbursement.objects.create(
        project=project,
        source=source,
        kind="payment",
        date=day,
        amount=amount,
        document_number="UNC",
        **extra,
    )


def test_execution_percent_comes_from_the_disbursement_records(report_world):
    import datetime

    w = report_world
    _disbursement(w.st1, "kcqg", 150 * M, datetime.date(2024, 5, 2))
    _disbursement(w.st2, "kcdp", 50 * M, datetime.date(2024, 6, 30))
    late = _disbursement(w.st3, "kcdp", 100 * M, datetime.date(2024, 9, 1))  # after June
    _disbursement(w.st3, "kcdp", -100 * M, datetime.date(2024, 9, 2), reverses=late, reason="x")
    _disbursement(w.st3, "kcdp", 20 * M, datetime.date(2024, 10, 1))
    area = resolve_area(ministry_scope(), "94", 2024)
    first_half = implementation.build(ministry_scope(), area, year=2024, period="h1")
    assert first_half.disbursement_recorded
    sources = {s.source: s for s in first_half.sources}
    assert sources["kcqg"].disbursed == 150 * M
    assert sources["kcqg"].execution == Decimal(50)  # 150 ÷ 300
    assert sources["kcdp"].disbursed == 50 * M  # the September entries are not counted yet
    year = implementation.build(ministry_scope(), area, year=2024, period="year")
    sources = {s.source: s for s in year.sources}
    assert sources["kcdp"].disbursed == 70 * M  # 50 + 100 − 100 (reversed) + 20
    assert year.total.disbursed == 220 * M
    amounts = implementation_amounts([w.st1.pk, w.st2.pk, w.st3.pk])
    assert amounts.of(w.st3.pk).disbursed.kcdp == 20 * M


def test_accepted_figures_come_from_the_acceptance_minutes(report_world):
    import datetime

    from funding.models import Acceptance

    w = report_world
    Acceptance.objects.create(
        project=w.st1,
        date=datetime.date(2024, 11, 5),
        place="Vĩnh Châu",
        council="Ông A",
        result="passed",
        actual_total=790 * M,
        actual_kcqg=290 * M,
        actual_counterpart=500 * M,
    )
    amounts = implementation_amounts([w.st1.pk, w.st3.pk])
    assert amounts.of(w.st1.pk).accepted.kcqg == 290 * M  # the minutes, not the plan
    assert amounts.of(w.st3.pk).accepted.kcdp == 200 * M  # no minutes: the approved money
