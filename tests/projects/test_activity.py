"""The reporting activity of a đề án (one of the 24 lines of the funding form): chosen in the
đề án form within its content, the content's default when left empty or when the content
changes, and carried by adjustments and imports the same way (projects.services.ActivityRule)."""

import datetime

import pytest
from django.urls import reverse

from khuyencong.importing.engine import get_kind, run_import
from projects import adjustments
from projects.activities import ActivityRule
from projects.models import Activity, AdjustmentItem, Program, Project, Source
from projects.services import BudgetLineData, project_save
from projects.state import stored_states as project_states
from tests.factories import (
    PlanFactory,
    ProjectFactory,
    commune_of,
    content,
    project_form_data,
)
from tests.imports.helpers import PROJECT_HEADERS, xlsx
from tests.projects.review_world import approved_plan

pytestmark = pytest.mark.django_db


def activity(code: str) -> Activity:
    return Activity.objects.get(code=code)


@pytest.fixture
def plan(world):
    return PlanFactory(province=world.cantho.province, year=2026)


@pytest.fixture
def staff(client, world):
    client.force_login(world.cantho.center_staff)
    return client


def _form_data(world, **fields):
    base = {
        "title": "Hội chợ hàng CNNT tiêu biểu",
        "program": Program.KCDP,
        "content": content("4.2").pk,
        "implementing_organisation": world.cantho.centre.pk,
        "commune": commune_of(world.cantho.province).pk,
        "start_month": "03/2026",
        "end_month": "11/2026",
        "objectives": "",
        "scale": "",
    }
    base.update(fields)
    indicator = content("4.2").indicators.first() or content("4").indicators.first()
    return project_form_data(
        fields=base,
        budget=[{"source": Source.KCDP, "proposed": "100.000.000"}],
        outputs=[{"indicator": indicator.pk, "planned": "1"}] if indicator else [],
    )


# --- The rule ------------------------------------------------------------------------------------


def test_each_content_has_a_default_among_its_own_lines():
    rule = ActivityRule.load()
    for code, expected in (("4.2", "13"), ("3.1", "9"), ("4.4", "24"), ("1", "1")):
        found = rule.defaults[content(code).pk]
        assert Activity.objects.get(pk=found).code == expected
        assert rule.belongs(content(code).pk, found)
    assert rule.belongs(content("4.2").pk, activity("14").pk)
    assert not rule.belongs(content("4.2").pk, activity("9").pk)


def test_project_save_gives_the_default_when_empty_or_of_another_content(world, plan):
    user = world.cantho.center_staff
    project = Project(
        plan=plan,
        title="Hội chợ",
        program=Program.KCDP,
        content=content("4.2"),
        implementing_organisation=world.cantho.centre,
    )
    project_save(
        user=user,
        project=project,
        budget_lines=[BudgetLineData(Source.KCDP, 100)],
        participations=[],
        outputs=[],
    )
    assert project.activity.code == "13"

    project.activity = activity("14")  # one of 4.2's lines: kept
    project_save(
        user=user,
        project=project,
        budget_lines=[BudgetLineData(Source.KCDP, 100)],
        participations=[],
        outputs=[],
    )
    assert Project.objects.get(pk=project.pk).activity.code == "14"

    project.content = content("3.1")  # the content changed: its default replaces line 14
    project_save(
        user=user,
        project=project,
        budget_lines=[BudgetLineData(Source.KCDP, 100)],
        participations=[],
        outputs=[],
    )
    assert Project.objects.get(pk=project.pk).activity.code == "9"


# --- The form ------------------------------------------------------------------------------------


def test_form_offers_every_line_marked_with_its_contents_and_defaults(staff, plan):
    page = staff.get(f"{reverse('projects:create')}?plan={plan.pk}").content.decode()
    line_13 = activity("13")
    assert 'name="activity"' in page
    assert "data-activity" in page
    assert f'value="{line_13.pk}"' in page
    assert f'data-default-for="{content("4").pk} {content("4.2").pk} {content("4.3").pk}"' in page


def test_form_saves_the_chosen_line_and_the_default_when_left_empty(staff, world, plan):
    response = staff.post(
        f"{reverse('projects:create')}?plan={plan.pk}",
        _form_data(world, activity=activity("14").pk),
    )
    assert response.status_code == 302, response.context["editor"].form.errors
    assert Project.objects.get().activity.code == "14"

    response = staff.post(
        f"{reverse('projects:create')}?plan={plan.pk}", _form_data(world, title="Hội chợ 2")
    )
    assert response.status_code == 302
    assert Project.objects.get(title="Hội chợ 2").activity.code == "13"


def test_form_refuses_a_line_of_another_content_next_to_the_field(staff, world, plan):
    response = staff.post(
        f"{reverse('projects:create')}?plan={plan.pk}",
        _form_data(world, activity=activity("9").pk),
    )
    assert response.status_code == 400
    errors = response.context["editor"].form.errors.as_data()["activity"]
    assert [e.code for e in errors] == ["activity_of_other_content"]
    assert 'data-field-error="activity"' in response.content.decode()
    assert not Project.objects.exists()


def test_edit_form_starts_from_the_content_default_when_none_is_stored(staff, world, plan):
    project = ProjectFactory(plan=plan, content=content("4.2"), activity=None)
    page = staff.get(reverse("projects:edit", args=[project.pk]))
    assert page.context["editor"].form["activity"].value() == activity("13").pk


# --- Adjustments ---------------------------------------------------------------------------------


def test_an_adjustment_state_carries_the_activity_and_applies_it(world):
    plan = approved_plan(world.cantho)
    project = plan.projects.get(program=Program.KCDP)
    state = project_states([project])[project.pk]
    assert "activity" in state["fields"]
    lines = ActivityRule.load().allowed[project.content_id]
    other = next(pk for pk in lines if pk != project.activity_id)
    state["fields"]["activity"] = other
    adjustment = adjustments.adjustment_open(
        user=world.cantho.center_staff, plan=plan, reason="Đổi dòng báo cáo."
    )
    adjustments.adjustment_item_save(
        user=world.cantho.center_staff,
        adjustment=adjustment,
        kind=AdjustmentItem.Kind.CHANGE,
        project=project,
        state=state,
    )
    adjustments.adjustment_submit(user=world.cantho.center_head, adjustment=adjustment)
    adjustments.adjustment_approve(
        user=world.cantho.department_reviewer,
        adjustment=adjustment,
        decision_number="7",
        decision_date=datetime.date(2026, 6, 1),
    )
    assert Project.objects.get(pk=project.pk).activity_id == other


def test_a_state_saved_before_the_activity_existed_keeps_it_by_the_rule(world):
    plan = approved_plan(world.cantho)
    project = plan.projects.get(program=Program.KCDP)
    state = project_states([project])[project.pk]
    del state["fields"]["activity"]
    project.activity = None
    project.save()
    adjustments.apply_proposed(world.cantho.center_staff, project, state, approved=True)
    assert project.activity_id == ActivityRule.load().defaults[project.content_id]


# --- Import --------------------------------------------------------------------------------------

TODAY = datetime.date(2026, 11, 22)


def _import(world, rows):
    headers = [*PROJECT_HEADERS, "Hoạt động"]
    data = [headers]
    for title, content_code, line in rows:
        data.append(
            [
                "",
                2026,
                "Cần Thơ",
                "KCĐP",
                content_code,
                title,
                "Không",
                "",
                None,
                100_000_000,
                None,
                None,
                "03/2026",
                "10/2026",
                "",
                line,
            ]
        )
    return run_import(
        get_kind("projects"),
        xlsx(data),
        user=world.cantho.center_staff,
        filename="de-an.xlsx",
        today=TODAY,
    )


def test_import_reads_the_activity_by_number_or_label_and_defaults_when_blank(world):
    PlanFactory(province=world.cantho.province, year=2026)
    result = _import(
        world,
        [
            ("Hội chợ A", "4.2", 14),
            ("Hội chợ B", "4.2", "Hỗ trợ cơ sở CNNT tham gia hội chợ triển lãm"),
            ("Hội chợ C", "4.2", None),
        ],
    )
    assert result.written, result.messages()
    codes = dict(Project.objects.values_list("title", "activity__code"))
    assert codes == {"Hội chợ A": "14", "Hội chợ B": "14", "Hội chợ C": "13"}


def test_import_refuses_an_activity_of_another_content(world):
    PlanFactory(province=world.cantho.province, year=2026)
    result = _import(world, [("Hội chợ A", "4.2", "9")])
    assert not result.written
    assert "4.2" in " ".join(result.messages())
    assert not Project.objects.exists()
