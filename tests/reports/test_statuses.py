"""How the reports treat the review statuses: a KCQG đề án approved by the Sở and waiting for
the ministry counts in the plan with the amounts the Sở approved and is marked (status column,
a note with how many); a stopped đề án is listed where a report lists đề án with their status,
but counts in no number and no total; a rejected one appears nowhere."""

import pytest

from projects.models import Program, ProjectStatus
from reports.builders import consolidated, implementation, plan, project_list, series
from reports.selectors import ministry_scope, resolve_area
from tests.reports.conftest import M, approve_all, make_project

pytestmark = pytest.mark.django_db

AWAITING_MARK = "đang chờ Bộ Công Thương phê duyệt"


@pytest.fixture
def reviewed(report_world):
    """Sóc Trăng 2024 gets a KCQG đề án waiting for the ministry (approved 200 triệu by the Sở)
    and a stopped KCĐP đề án (70 triệu) besides the hand-computed world's."""
    waiting = make_project(
        report_world.st2024,
        Program.KCQG,
        "3.2",
        ProjectStatus.AWAITING_MINISTRY,
        kcqg=200,
        counterpart=100,
    )
    stopped = make_project(report_world.st2024, Program.KCDP, "1", ProjectStatus.STOPPED, kcdp=70)
    approve_all(report_world.st2024)
    return report_world, waiting, stopped


def test_consolidated_counts_the_awaiting_project_with_its_approved_money_and_marks_it(reviewed):
    world, _waiting, _stopped = reviewed
    report = consolidated.build(ministry_scope(), year=2024, grouping="current")
    cantho = next(row for row in report.by_province if row.label == "Cần Thơ")
    # 3 đề án of the world + the one waiting for the ministry; the stopped one is not counted.
    assert cantho.count == 4
    assert (cantho.money.kcqg, cantho.money.kcdp) == (500 * M, 300 * M)
    assert cantho.money.counterpart == 850 * M
    assert any(AWAITING_MARK in note and "có 1 đề án" in note for note in report.meta.notes)
    assert any("ngừng triển khai" in note for note in report.meta.notes)


def test_series_leaves_the_stopped_project_out_of_the_count_and_money(reviewed):
    report = series.build(
        ministry_scope(), resolve_area(ministry_scope(), "94", 2024), year_from=2024, year_to=2024
    )
    [year] = report.rows
    assert year.count == 4
    assert year.money.kcdp == 300 * M


def test_implementation_lists_the_stopped_project_without_counting_its_money(reviewed):
    world, waiting, stopped = reviewed
    area = resolve_area(ministry_scope(), "94", 2024)
    report = implementation.build(ministry_scope(), area, year=2024, period="year")
    codes = {row.code: row for row in report.projects}
    assert stopped.code in codes and waiting.code in codes
    assert codes[waiting.code].status == "Chờ Bộ phê duyệt"
    assert report.total.plan.kcdp == 300 * M
    assert report.total.plan.kcqg == 500 * M
    counts = {status.status: status.count for status in report.statuses}
    assert counts[ProjectStatus.STOPPED] == 1
    assert counts[ProjectStatus.AWAITING_MINISTRY] == 1
    assert any(AWAITING_MARK in note for note in report.meta.notes)


def test_project_list_leaves_the_stopped_project_out_and_marks_the_awaiting_one(reviewed):
    world, waiting, stopped = reviewed
    area = resolve_area(ministry_scope(), "94", 2024)
    report = project_list.build(ministry_scope(), area, year=2024)
    codes = {line.code for line in report.lines}
    assert waiting.code in codes and stopped.code not in codes
    assert report.total.kcdp == 300 * M
    assert any(AWAITING_MARK in note for note in report.meta.notes)


def test_plan_report_lists_the_stopped_project_outside_the_totals(reviewed):
    world, waiting, stopped = reviewed
    report = plan.build(ministry_scope(), world.st2024)
    codes = {row.code for group in report.groups for row in group.rows}
    assert stopped.code in codes and waiting.code in codes
    assert report.count == 4
    assert report.approved.kcdp == 300 * M
    assert any(AWAITING_MARK in note for note in report.meta.notes)
