"""Adjustments of an approved plan: a reason, one open at a time, the đề án form reused for the
proposed state, before / after for the reviewer, approval raising the plan's version and keeping
each đề án's approved versions; a stopped đề án keeps its record and leaves the totals."""

import datetime

import pytest

from projects import adjustments, ministry
from projects.models import (
    Adjustment,
    AdjustmentItem,
    AdjustmentStatus,
    BudgetLine,
    Plan,
    PlanStatus,
    Program,
    ProjectStatus,
    ProjectVersion,
    Source,
)
from projects.selectors import plans_page_totals
from projects.state import stored_states as project_states
from tests.factories import content, project_form_data
from tests.projects.review_world import approved_plan, submitted_plan

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 1)


def kcdp_of(plan):
    return plan.projects.get(program=Program.KCDP)


def open_adjustment(world, plan, reason="Điều chỉnh kinh phí giữa các đề án."):
    return adjustments.adjustment_open(user=world.cantho.center_staff, plan=plan, reason=reason)


def changed_state(project, **money):
    state = project_states([project])[project.pk]
    state["budget"] = [
        {"source": source, "proposed": amount, "approved": None} for source, amount in money.items()
    ]
    return state


def new_state(plan, title="Đào tạo nghề mây tre đan bổ sung"):
    return {
        "fields": {
            "title": title,
            "program": Program.KCDP,
            "content": content("1").pk,
            "is_pilot": False,
            "implementing_organisation": kcdp_of(plan).implementing_organisation_id,
            "commune": None,
            "start_month": "2026-07-01",
            "end_month": "2026-10-01",
            "objectives": "",
            "scale": "",
        },
        "budget": [{"source": Source.KCDP, "proposed": 90_000_000, "approved": None}],
        "participants": [],
        "outputs": [
            {"indicator": content("1").indicators.first().pk, "planned": 25, "actual": None}
        ],
    }


# --- opening -------------------------------------------------------------------------------------


def test_centre_opens_an_adjustment_with_a_reason(client, world):
    plan = approved_plan(world.cantho)
    client.force_login(world.cantho.center_staff)
    response = client.post(f"/plans/{plan.pk}/adjustments/", {"reason": "Bổ sung đề án."})
    adjustment = Adjustment.objects.get(plan=plan)
    assert response.status_code == 302 and response.url == f"/adjustments/{adjustment.pk}/"
    assert (adjustment.number, adjustment.status) == (2, AdjustmentStatus.DRAFT)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADJUSTING


def test_an_adjustment_needs_a_reason(client, world):
    plan = approved_plan(world.cantho)
    client.force_login(world.cantho.center_staff)
    assert client.post(f"/plans/{plan.pk}/adjustments/", {"reason": ""}).status_code == 400
    assert not Adjustment.objects.exists()


def test_only_one_open_adjustment_per_plan(client, world):
    plan = approved_plan(world.cantho)
    open_adjustment(world, plan)
    client.force_login(world.cantho.center_head)
    response = client.post(f"/plans/{plan.pk}/adjustments/", {"reason": "Lần nữa"})
    assert response.status_code == 409
    assert Adjustment.objects.filter(plan=plan).count() == 1


def test_a_plan_not_yet_approved_cannot_be_adjusted(client, world):
    plan = submitted_plan(world.cantho)
    client.force_login(world.cantho.center_staff)
    assert client.post(f"/plans/{plan.pk}/adjustments/", {"reason": "x"}).status_code == 409


@pytest.mark.parametrize("role", ["department_reviewer"])
def test_reviewer_cannot_open_an_adjustment(client, world, role):
    plan = approved_plan(world.cantho)
    client.force_login(getattr(world.cantho, role))
    assert client.post(f"/plans/{plan.pk}/adjustments/", {"reason": "x"}).status_code == 403


def test_other_province_cannot_open_or_see_an_adjustment(client, world):
    plan = approved_plan(world.cantho)
    adjustment = open_adjustment(world, plan)
    client.force_login(world.phutho.center_staff)
    assert client.post(f"/plans/{plan.pk}/adjustments/", {"reason": "x"}).status_code == 404
    assert client.get(f"/adjustments/{adjustment.pk}/").status_code == 404


# --- the đề án form reused -----------------------------------------------------------------------


def _form_post_of(response, **budget):
    """POST data rebuilt from the change form's GET, with new budget amounts."""
    editor = response.context["editor"]
    form = editor.form
    fields = {}
    for name in (
        "title",
        "program",
        "content",
        "implementing_organisation",
        "commune",
        "objectives",
        "scale",
    ):
        value = form[name].value()
        fields[name] = "" if value is None else value
    for name in ("start_month", "end_month"):
        value = form[name].value()
        fields[name] = value.strftime("%m/%Y") if value else "06/2026"  # the factory has none
    outputs = [
        {
            "id": f.initial["id"],
            "indicator": f.initial["indicator"],
            "planned": f.initial["planned"],
        }
        for f in editor.outputs.initial_forms
    ]
    lines = [
        {"id": i, "source": source, "proposed": amount}
        for i, (source, amount) in enumerate(budget.items(), 1)
    ]
    return project_form_data(
        fields=fields,
        budget=lines,
        outputs=outputs,
        initial={"budget": len(lines), "outputs": len(outputs)},
    )


def test_the_project_form_proposes_a_change_and_the_approved_state_stays_in_force(client, world):
    plan = approved_plan(world.cantho)
    project = kcdp_of(plan)
    adjustment = open_adjustment(world, plan)
    client.force_login(world.cantho.center_staff)
    page = client.get(f"/adjustments/{adjustment.pk}/change/{project.pk}/")
    assert page.status_code == 200
    response = client.post(
        f"/adjustments/{adjustment.pk}/change/{project.pk}/",
        _form_post_of(page, kcdp="120.000.000"),
    )
    assert response.status_code == 302
    item = AdjustmentItem.objects.get(adjustment=adjustment)
    assert item.kind == AdjustmentItem.Kind.CHANGE
    assert item.proposed["budget"][0]["proposed"] == 120_000_000
    # Nothing changes on the đề án before approval.
    line = BudgetLine.objects.get(project=project)
    assert (line.proposed, line.approved) == (100_000_000, 100_000_000)
    # Editing again starts from the proposal.
    again = client.get(f"/adjustments/{adjustment.pk}/items/{item.pk}/")
    assert [f.initial["proposed"] for f in again.context["editor"].budget.initial_forms] == [
        120_000_000
    ]


def test_reviewer_sees_every_changed_amount_with_the_difference(client, world):
    plan = approved_plan(world.cantho)
    project = kcdp_of(plan)
    adjustment = open_adjustment(world, plan)
    adjustments.adjustment_item_save(
        user=world.cantho.center_staff,
        adjustment=adjustment,
        kind=AdjustmentItem.Kind.CHANGE,
        project=project,
        state=changed_state(project, kcdp=130_000_000, counterpart=20_000_000),
    )
    client.force_login(world.cantho.department_reviewer)
    page = client.get(f"/adjustments/{adjustment.pk}/")
    (view,) = page.context["items"]
    rows = {row.label: row for row in view.differences}
    kcdp_label = str(Source.KCDP.label)
    assert rows[kcdp_label].amount_difference == 30_000_000
    assert rows[str(Source.COUNTERPART.label)].amount_difference == 20_000_000
    assert "30.000.000 đ" in page.content.decode()


def test_a_change_breaking_a_money_rule_is_refused(world):
    plan = approved_plan(world.cantho)
    project = kcdp_of(plan)
    adjustment = open_adjustment(world, plan)
    with pytest.raises(Exception) as error:
        adjustments.adjustment_item_save(
            user=world.cantho.center_staff,
            adjustment=adjustment,
            kind=AdjustmentItem.Kind.CHANGE,
            project=project,
            state=changed_state(project, counterpart=20_000_000),
        )
    assert "KCĐP" in str(error.value) or "KCĐP" in " ".join(getattr(error.value, "messages", []))


# --- the whole round ------------------------------------------------------------------------------


def _prepared(world):
    plan = approved_plan(world.cantho)
    project = kcdp_of(plan)
    adjustment = open_adjustment(world, plan)
    staff = world.cantho.center_staff
    adjustments.adjustment_item_save(
        user=staff,
        adjustment=adjustment,
        kind=AdjustmentItem.Kind.STOP,
        project=project,
        reason="Cơ sở giải thể.",
    )
    adjustments.adjustment_item_save(
        user=staff, adjustment=adjustment, kind=AdjustmentItem.Kind.ADD, state=new_state(plan)
    )
    return plan, project, adjustment


def test_submit_return_and_approve_an_adjustment(client, world):
    plan, stopped, adjustment = _prepared(world)
    client.force_login(world.cantho.center_staff)
    assert (
        client.post(f"/adjustments/{adjustment.pk}/submit/").status_code == 403
    )  # the head submits
    client.force_login(world.cantho.center_head)
    assert client.post(f"/adjustments/{adjustment.pk}/submit/").status_code == 302
    client.force_login(world.cantho.department_reviewer)
    assert client.post(f"/adjustments/{adjustment.pk}/return/", {"comment": ""}).status_code == 400
    assert (
        client.post(
            f"/adjustments/{adjustment.pk}/return/", {"comment": "Ghi rõ lý do."}
        ).status_code
        == 302
    )
    adjustment.refresh_from_db()
    assert adjustment.status == AdjustmentStatus.RETURNED
    client.force_login(world.cantho.center_head)
    assert client.post(f"/adjustments/{adjustment.pk}/submit/").status_code == 302
    client.force_login(world.cantho.department_reviewer)
    response = client.post(
        f"/adjustments/{adjustment.pk}/approve/",
        {"decision_number": "99/QĐ-UBND", "decision_date": "01/06/2026"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.version, plan.status) == (2, PlanStatus.APPROVED)
    stopped.refresh_from_db()
    assert stopped.status == ProjectStatus.STOPPED
    assert stopped.status_reason == "Cơ sở giải thể."
    assert stopped.status_changed_on is not None
    added = plan.projects.get(title="Đào tạo nghề mây tre đan bổ sung")
    assert added.status == ProjectStatus.APPROVED
    assert BudgetLine.objects.get(project=added).approved == 90_000_000
    (totals,) = plans_page_totals([Plan.objects.get(pk=plan.pk)])
    totals = totals.money
    assert (totals.kcdp, totals.kcqg) == (90_000_000, 200_000_000)
    assert (
        ProjectVersion.objects.filter(project=stopped)
        .values_list("plan_version", flat=True)
        .count()
        == 2
    )
    assert list(
        ProjectVersion.objects.filter(project=added).values_list("plan_version", flat=True)
    ) == [2]
    page = client.get(f"/plans/{plan.pk}/")
    assert "Cơ sở giải thể." in page.content.decode()
    assert 'data-testid="plan-version"' in page.content.decode()


def test_a_change_takes_effect_on_approval_and_keeps_both_versions(world):
    plan = approved_plan(world.cantho)
    project = kcdp_of(plan)
    adjustment = open_adjustment(world, plan)
    adjustments.adjustment_item_save(
        user=world.cantho.center_staff,
        adjustment=adjustment,
        kind=AdjustmentItem.Kind.CHANGE,
        project=project,
        state=changed_state(project, kcdp=80_000_000),
    )
    adjustments.adjustment_submit(user=world.cantho.center_head, adjustment=adjustment)
    adjustments.adjustment_approve(
        user=world.cantho.department_reviewer,
        adjustment=adjustment,
        decision_number="5",
        decision_date=DAY,
    )
    line = BudgetLine.objects.get(project=project)
    assert (line.proposed, line.approved) == (80_000_000, 80_000_000)
    versions = {v.plan_version: v.total for v in ProjectVersion.objects.filter(project=project)}
    assert versions == {1: 100_000_000, 2: 80_000_000}


def test_a_kcqg_change_waits_for_the_ministry(world):
    plan = approved_plan(world.cantho)
    project = plan.projects.get(program=Program.KCQG)
    ministry.ministry_project_approve(
        user=world.ministry, project=project, decision_number="M1", decision_date=DAY, amounts={}
    )
    adjustment = open_adjustment(world, plan)
    state = project_states([project])[project.pk]
    state["fields"]["title"] = "Tên mới của đề án KCQG"
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
        decision_number="6",
        decision_date=DAY,
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.AWAITING_MINISTRY
    assert project.title != "Tên mới của đề án KCQG"  # not in force before the ministry decides
    ministry.ministry_project_approve(
        user=world.ministry, project=project, decision_number="M2", decision_date=DAY, amounts={}
    )
    project.refresh_from_db()
    assert (project.status, project.title) == (ProjectStatus.APPROVED, "Tên mới của đề án KCQG")
    assert sorted(
        ProjectVersion.objects.filter(project=project).values_list("plan_version", flat=True)
    ) == [1, 2]


def test_an_empty_adjustment_cannot_be_submitted(client, world):
    plan = approved_plan(world.cantho)
    adjustment = open_adjustment(world, plan)
    client.force_login(world.cantho.center_head)
    response = client.post(f"/adjustments/{adjustment.pk}/submit/")
    assert response.status_code == 400
    adjustment.refresh_from_db()
    assert adjustment.status == AdjustmentStatus.DRAFT


@pytest.mark.parametrize("role", ["center_staff", "center_head"])
def test_centre_cannot_approve_its_adjustment(client, world, role):
    _plan, _project, adjustment = _prepared(world)
    adjustments.adjustment_submit(user=world.cantho.center_head, adjustment=adjustment)
    client.force_login(getattr(world.cantho, role))
    data = {"decision_number": "1", "decision_date": "01/06/2026"}
    assert client.post(f"/adjustments/{adjustment.pk}/approve/", data).status_code == 403


def test_other_province_reviewer_gets_404_on_an_adjustment(client, world):
    _plan, _project, adjustment = _prepared(world)
    adjustments.adjustment_submit(user=world.cantho.center_head, adjustment=adjustment)
    client.force_login(world.phutho.department_reviewer)
    data = {"decision_number": "1", "decision_date": "01/06/2026"}
    assert client.post(f"/adjustments/{adjustment.pk}/approve/", data).status_code == 404


def test_a_submitted_adjustment_cannot_be_changed(client, world):
    plan, project, adjustment = _prepared(world)
    adjustments.adjustment_submit(user=world.cantho.center_head, adjustment=adjustment)
    client.force_login(world.cantho.center_staff)
    response = client.post(
        f"/adjustments/{adjustment.pk}/stop/", {"project": project.pk, "reason": "x"}
    )
    assert response.status_code == 409


def test_after_approval_a_new_adjustment_can_be_opened(world):
    plan, _project, adjustment = _prepared(world)
    adjustments.adjustment_submit(user=world.cantho.center_head, adjustment=adjustment)
    adjustments.adjustment_approve(
        user=world.cantho.department_reviewer,
        adjustment=adjustment,
        decision_number="7",
        decision_date=DAY,
    )
    second = open_adjustment(world, Plan.objects.get(pk=plan.pk), reason="Lần 3")
    assert second.number == 3


def test_the_dossier_links_to_the_approved_versions(client, world):
    plan = approved_plan(world.cantho)
    project = kcdp_of(plan)
    adjustment = open_adjustment(world, plan)
    adjustments.adjustment_item_save(
        user=world.cantho.center_staff,
        adjustment=adjustment,
        kind=AdjustmentItem.Kind.CHANGE,
        project=project,
        state=changed_state(project, kcdp=80_000_000),
    )
    adjustments.adjustment_submit(user=world.cantho.center_head, adjustment=adjustment)
    adjustments.adjustment_approve(
        user=world.cantho.department_reviewer,
        adjustment=adjustment,
        decision_number="5/QĐ",
        decision_date=DAY,
    )
    client.force_login(world.cantho.center_staff)
    dossier = client.get(f"/projects/{project.pk}/").content.decode()
    assert f'href="/projects/{project.pk}/versions/"' in dossier
    page = client.get(f"/projects/{project.pk}/versions/")
    assert [v.plan_version for v in page.context["versions"]] == [2, 1]
    assert "5/QĐ" in page.content.decode()
    client.force_login(world.phutho.center_staff)
    assert client.get(f"/projects/{project.pk}/versions/").status_code == 404
