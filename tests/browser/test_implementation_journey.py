"""Carrying out a đề án from end to end in a real browser: a centre records a contract, two
disbursements (the second refused when it would pass the approved amount), an acceptance with
its minutes file (first blocked for a missing output, then saved) and a settlement; then every
edit control is gone and direct POSTs answer 403."""

import pytest

from funding.models import Acceptance, Disbursement, Settlement
from projects.models import Project, ProjectStatus
from tests.browser.conftest import login
from tests.funding.impl_world import approved_project

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_project_is_carried_out_and_settled_through_the_browser(page, world, tmp_path):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    project = approved_project(world.cantho, kcdp=100_000_000, counterpart=50_000_000)
    output = project.outputs.get()
    part = project.participations.get()
    minutes = tmp_path / "bien-ban-nghiem-thu.pdf"
    minutes.write_bytes(b"%PDF-1.7\n1 0 obj\n")
    login(page, "center_staff.cantho")
    page.wait_for_url("**/")

    # 1. The contract: the đề án moves to in progress.
    page.goto(f"/projects/{project.pk}/")
    page.get_by_test_id("add-contract").click()
    page.fill("#id_number", "05/2026/HĐ")
    page.fill("#id_date", "15/03/2026")
    page.fill("#id_party", "Công ty TNHH Cơ khí Tân Thành")
    page.fill("#id_value", "100.000.000")
    page.get_by_test_id("save-step").click()
    page.wait_for_url(f"**/projects/{project.pk}/")
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.IN_PROGRESS

    # 2. Two disbursements: 60 triệu, then 50 triệu refused (only 40 left), then 40.
    def disburse(amount, number):
        page.goto(f"/projects/{project.pk}/")
        page.get_by_test_id("add-disbursement").click()
        page.locator("#id_source").select_option("kcdp")
        page.locator("#id_kind").select_option("payment")
        page.fill("#id_date", "20/03/2026")
        page.fill("#id_amount", amount)
        page.fill("#id_document_number", number)
        page.get_by_test_id("save-step").click()

    disburse("60.000.000", "UNC-01")
    page.wait_for_url(f"**/projects/{project.pk}/")
    disburse("50.000.000", "UNC-02")
    refused = page.get_by_test_id("refused")
    assert "40.000.000" in refused.inner_text()
    assert Disbursement.objects.filter(project=project).count() == 1
    page.fill("#id_amount", "40.000.000")
    page.get_by_test_id("save-step").click()
    page.wait_for_url(f"**/projects/{project.pk}/")

    # 3. The acceptance: blocked for the missing output, then saved with it and the minutes.
    page.get_by_test_id("add-acceptance").click()
    page.fill("#id_date", "30/06/2026")
    page.fill("#id_place", "Xã Phú Tâm")
    page.fill("#id_council", "Ông Nguyễn Văn A\nBà Trần Thị B")
    page.locator("input[name=result][value=passed]").check()
    page.fill("#id_actual_total", "150.000.000")
    page.fill("#id_actual_kcdp", "100.000.000")
    page.fill("#id_actual_counterpart", "50.000.000")
    page.fill(f"#id_support_{part.pk}", "100.000.000")
    page.fill(f"#id_counterpart_{part.pk}", "50.000.000")
    page.set_input_files("#id_minutes", str(minutes))
    page.get_by_test_id("save-step").click()
    blockers = page.get_by_test_id("blockers")
    assert output.indicator.name in blockers.inner_text()
    assert not Acceptance.objects.exists()
    page.fill(f"#id_output_{output.pk}", "2")
    page.set_input_files("#id_minutes", str(minutes))
    page.get_by_test_id("save-step").click()
    page.wait_for_url(f"**/projects/{project.pk}/")
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.ACCEPTED

    # 4. The settlement.
    page.get_by_test_id("add-settlement").click()
    page.fill("#id_closed_on", "15/07/2026")
    page.fill("#id_amount", "100.000.000")
    page.fill("#id_decision_number", "88/QĐ-TTKC")
    page.fill("#id_decision_date", "20/07/2026")
    page.get_by_test_id("save-step").click()
    page.wait_for_url(f"**/projects/{project.pk}/")
    assert Settlement.objects.filter(project=project).exists()
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.SETTLED

    # 5. Read-only: the timeline is there, every edit control gone, direct POSTs 403.
    page.get_by_test_id("settled-read-only").wait_for()
    timeline = page.get_by_test_id("timeline").inner_text()
    assert "88/QĐ-TTKC" in timeline and "bien-ban-nghiem-thu.pdf" in timeline
    for control in (
        "add-contract",
        "add-disbursement",
        "add-acceptance",
        "add-settlement",
        "attachment-form",
        "reverse-disbursement",
        "edit-project",
    ):
        assert page.get_by_test_id(control).count() == 0, control
    token = page.context.cookies()
    csrf = next(c["value"] for c in token if c["name"] == "csrftoken")
    for path in ("contracts/new/", "disbursements/new/", "acceptance/", "settlement/"):
        response = page.request.post(
            f"{page.url.split('/projects/')[0]}/projects/{project.pk}/{path}",
            form={"amount": "1", "csrfmiddlewaretoken": csrf},
            headers={"X-CSRFToken": csrf, "Referer": page.url},
        )
        assert response.status == 403, path
    assert Disbursement.objects.filter(project=project).count() == 2
    assert errors == []
