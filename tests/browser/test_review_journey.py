"""The review from end to end in a real browser: the centre head submits after fixing what the check
listed, the reviewer comments, returns, the centre fixes and resubmits, the reviewer lowers an
approved amount and approves with a decision, the ministry approves the KCQG đề án; the plan is
locked; the centre asks to stop one đề án and add another, the reviewer approves, and the plan
shows version 2 with both changes."""

import pytest

from funding.models import BudgetLine, Source
from projects.models import Plan, PlanStatus, Program, Project, ProjectStatus
from tests.browser.conftest import login
from tests.factories import PlanFactory, ProjectFactory, add_budget, content
from tests.projects.review_world import complete_kcqg

pytestmark = pytest.mark.django_db(transaction=True)


def switch(page, username):
    page.context.clear_cookies()
    login(page, username)
    page.wait_for_url("**/")


def test_the_whole_review_runs_through_the_browser(page, world):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    plan = PlanFactory(province=world.cantho.province, year=2026)
    training = ProjectFactory(
        plan=plan, program=Program.KCDP, content=content("1"), title="Đào tạo nghề đan lát"
    )
    add_budget(training, kcdp=100_000_000)
    fair = ProjectFactory(
        plan=plan, program=Program.KCDP, content=content("1"), title="Đào tạo nghề may"
    )
    add_budget(fair, kcdp=80_000_000)
    from tests.factories import add_output

    add_output(fair, planned=20)
    national = complete_kcqg(plan)
    indicator = content("1").indicators.first()

    # 1. The head submits; the check lists the missing output of the training đề án, with a link.
    switch(page, "center_head.cantho")
    page.goto(f"/plans/{plan.pk}/")
    page.get_by_test_id("submit-plan").click()
    missing = page.get_by_test_id("missing")
    assert "đầu ra" in missing.inner_text()
    missing.get_by_role("link", name=training.code).click()
    page.wait_for_url(f"**/projects/{training.pk}/")
    page.get_by_test_id("edit-project").click()
    page.fill("#id_start_month", "05/2026")
    page.fill("#id_end_month", "09/2026")
    page.locator("#id_outputs-0-indicator").select_option(str(indicator.pk))
    page.fill("#id_outputs-0-planned", "30")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(f"**/projects/{training.pk}/")
    page.goto(f"/plans/{plan.pk}/")
    page.get_by_test_id("submit-plan").click()
    page.wait_for_url(f"**/plans/{plan.pk}/")
    assert "Đã trình kế hoạch" in page.locator("main").inner_text()

    # 2. The reviewer comments on a đề án and returns the plan.
    switch(page, "department_reviewer.cantho")
    page.goto(f"/projects/{training.pk}/")
    page.fill("#id_comment", "Đề nghị nêu rõ số lớp.")
    page.get_by_test_id("add-comment").click()
    page.wait_for_url(f"**/projects/{training.pk}/")
    assert "Đề nghị nêu rõ số lớp." in page.get_by_test_id("review-history").inner_text()
    page.goto(f"/plans/{plan.pk}/")
    page.fill("#id_comment", "Bổ sung mục tiêu đề án đào tạo.")
    page.get_by_test_id("return-plan").click()
    page.wait_for_url(f"**/plans/{plan.pk}/")
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.RETURNED

    # 3. The centre sees the comment on its dashboard, fixes the đề án and resubmits.
    switch(page, "center_head.cantho")
    assert "Bổ sung mục tiêu đề án đào tạo." in page.get_by_test_id("waiting-panel").inner_text()
    page.goto(f"/projects/{training.pk}/edit/")
    page.fill("#id_objectives", "Đào tạo 30 lao động, 1 lớp.")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(f"**/projects/{training.pk}/")
    page.goto(f"/plans/{plan.pk}/")
    page.get_by_test_id("submit-plan").click()
    page.wait_for_url(f"**/plans/{plan.pk}/")

    # 4. The reviewer lowers one approved amount and approves with a decision.
    switch(page, "department_reviewer.cantho")
    assert page.get_by_test_id("waiting-row").count() == 1
    page.goto(f"/projects/{training.pk}/")
    page.fill("#id_approved_kcdp", "90.000.000")
    page.get_by_test_id("save-amounts").click()
    page.wait_for_url(f"**/projects/{training.pk}/")
    assert "-10.000.000 đ" in page.get_by_test_id("budget-lines").inner_text()
    page.goto(f"/plans/{plan.pk}/")
    page.fill("#id_decision_number", "215/QĐ-UBND")
    page.fill("#id_decision_date", "20/02/2026")
    page.get_by_test_id("approve-plan").click()
    page.wait_for_url(f"**/plans/{plan.pk}/")
    decision = page.get_by_test_id("plan-decision").inner_text()
    assert "215/QĐ-UBND" in decision and "Ủy ban nhân dân thành phố Cần Thơ" in decision

    # 5. The ministry approves the KCQG đề án from its list.
    switch(page, "ministry")
    page.goto("/ministry/projects/")
    page.get_by_role("link", name=national.code).click()
    page.fill("#id_decision_number", "88/QĐ-BCT")
    page.fill("#id_decision_date", "01/03/2026")
    page.get_by_test_id("ministry-approve").click()
    page.wait_for_url("**/ministry/projects/")
    assert page.get_by_test_id("nothing-awaiting").count() == 1
    assert Project.objects.get(pk=national.pk).status == ProjectStatus.APPROVED

    # 6. The plan is locked: no edit controls, and an edit answers 403 with the reason.
    switch(page, "center_head.cantho")
    page.goto(f"/plans/{plan.pk}/")
    assert page.get_by_test_id("add-project").count() == 0
    response = page.goto(f"/projects/{training.pk}/edit/")
    assert response.status == 403
    assert "chỉ được sửa khi" in page.locator("main").inner_text()

    # 7. The centre asks to stop one đề án and add another; the head submits.
    page.goto(f"/plans/{plan.pk}/")
    page.fill("#id_reason", "Cơ sở đào tạo nghề may không còn đủ điều kiện; bổ sung đề án mới.")
    page.get_by_test_id("open-adjustment-button").click()
    page.wait_for_url("**/adjustments/*/")
    page.locator("#stop-project").select_option(str(fair.pk))
    page.get_by_test_id("stop-form").locator("#id_reason").fill("Không tuyển đủ học viên.")
    page.get_by_test_id("stop-project").click()
    page.wait_for_url("**/adjustments/*/")
    page.get_by_test_id("adjustment-add").click()
    page.fill("#id_title", "Đào tạo nghề làm bánh tráng")
    page.select_option("#id_program", "kcdp")
    page.select_option("#id_content", str(content("1").pk))
    page.fill("#id_start_month", "07/2026")
    page.fill("#id_end_month", "10/2026")
    page.select_option("#id_budget-0-source", "kcdp")
    page.fill("#id_budget-0-proposed", "70.000.000")
    page.locator("#id_outputs-0-indicator").select_option(str(indicator.pk))
    page.fill("#id_outputs-0-planned", "25")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/adjustments/*/")
    assert "70.000.000 đ" in page.locator("[data-kind=add]").inner_text()
    page.get_by_test_id("submit-adjustment").click()
    page.wait_for_url("**/adjustments/*/")

    # 8. The reviewer sees before / after and approves; the plan shows version 2 with both.
    switch(page, "department_reviewer.cantho")
    page.get_by_test_id("waiting-panel").get_by_role("link").first.click()
    page.wait_for_url("**/adjustments/*/")
    assert "Không tuyển đủ học viên." in page.locator("[data-kind=stop]").inner_text()
    page.fill("#id_decision_number", "1020/QĐ-UBND")
    page.fill("#id_decision_date", "15/06/2026")
    page.get_by_test_id("approve-adjustment").click()
    page.wait_for_url(f"**/plans/{plan.pk}/")
    assert page.get_by_test_id("plan-version").inner_text().startswith("2")
    table = page.get_by_test_id("proposed-approved").inner_text()
    assert "Không tuyển đủ học viên." in table and "Đào tạo nghề làm bánh tráng" in table
    assert Project.objects.get(pk=fair.pk).status == ProjectStatus.STOPPED
    added = Project.objects.get(plan=plan, title="Đào tạo nghề làm bánh tráng")
    assert BudgetLine.objects.get(project=added, source=Source.KCDP).approved == 70_000_000
    assert not errors, errors
