"""A đề án's first journey in a real browser: a centre user registers an establishment, writes a
full đề án in the year's plan, sees totals and leverage, and finds both in the lists and exports."""

import io

import openpyxl
import pytest

from beneficiaries.models import Beneficiary
from projects.models import Activity, Plan, Project
from tests.browser.conftest import login
from tests.factories import content, valid_tax_code

pytestmark = pytest.mark.django_db(transaction=True)


def _script_errors(page):
    """JavaScript errors and CSP refusals (a 400 answer to a wrong form is expected here)."""
    errors = []

    def on_console(msg):
        if msg.type == "error" and "Failed to load resource" not in msg.text:
            errors.append(msg.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("response", lambda r: errors.append(r.url) if r.status == 404 else None)
    return errors


def test_centre_user_registers_an_establishment_and_writes_a_full_project(page, world):
    errors = _script_errors(page)
    login(page, "center_staff.cantho")

    # 1. Register the establishment; a wrong tax code is refused next to the field, nothing lost.
    page.goto("/beneficiaries/new/")
    page.fill("#id_name", "Cơ sở bánh pía Tân Huê Viên")
    page.select_option("#id_kind", "dnnvv")
    page.fill("#id_tax_code", "0100109107")
    page.fill("#id_representative", "Trần Thị Huê")
    page.locator("#id_commune").select_option(index=1)
    page.fill("#id_employees", "25")
    page.get_by_role("button", name="Lưu").click()
    error = page.locator('[data-field-error="tax_code"]')
    assert "chữ số thứ 10" in error.inner_text()
    assert page.input_value("#id_name") == "Cơ sở bánh pía Tân Huê Viên"
    assert page.input_value("#id_representative") == "Trần Thị Huê"
    tax_code = valid_tax_code("220012345")
    page.fill("#id_tax_code", tax_code)
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/beneficiaries/*/")
    assert "Tân Huê Viên" in page.locator("h1").inner_text()
    assert Beneficiary.objects.get(tax_code=tax_code).employees == 25

    # 2. Open the 2027 plan from the plans page, then add a đề án to it.
    page.goto("/plans/")
    page.get_by_role("button", name="2027").click()
    page.wait_for_url("**/plans/*/")
    plan = Plan.objects.get(province=world.cantho.province, year=2027)
    page.get_by_test_id("add-project").click()
    page.wait_for_url(f"**/projects/new/?plan={plan.pk}")

    page.fill("#id_title", "Hỗ trợ ứng dụng máy đóng gói bánh pía")
    page.select_option("#id_program", "kcqg")
    page.select_option("#id_content", str(content("4.2").pk))
    # The reporting activity follows the content: its lines only, its default picked.
    assert page.input_value("#id_activity") == str(Activity.objects.get(code="13").pk)
    page.select_option("#id_content", str(content("3.2").pk))
    assert page.input_value("#id_activity") == str(Activity.objects.get(code="10").pk)
    shown = page.locator("#id_activity option:not([hidden])").all_inner_texts()
    assert [text.split(".")[0] for text in shown[1:]] == ["10", "24"]
    page.fill("#id_start_month", "03/2027")
    page.fill("#id_end_month", "10/2027")
    page.select_option("#id_budget-0-source", "kcqg")
    page.fill("#id_budget-0-proposed", "250.000.000")
    page.select_option("#id_budget-1-source", "counterpart")
    page.fill("#id_budget-1-proposed", "350 000 000")
    # Totals and leverage are recomputed on the page as the amounts are typed.
    assert page.locator('[data-total="total"]').inner_text() == "600.000.000 đ"
    assert page.locator('[data-total="leverage"]').inner_text() == "1,40"

    page.fill("#id_participants-0-beneficiary_name", "banh pia tan hue")
    page.locator('[data-formset="participants"] [data-search-results] button').first.click()
    assert page.input_value("#id_participants-0-beneficiary_name") == "Cơ sở bánh pía Tân Huê Viên"
    page.fill("#id_participants-0-support_amount", "250.000.000")
    page.fill("#id_participants-0-counterpart_amount", "350.000.000")
    indicator = page.locator("#id_outputs-0-indicator option:not([hidden])").nth(1)
    page.locator("#id_outputs-0-indicator").select_option(label=indicator.inner_text())
    page.fill("#id_outputs-0-planned", "1")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/projects/*/")

    project = Project.objects.get(plan=plan)
    assert project.code == "KCQG-2027-92-001"
    assert project.activity.code == "10"
    body = page.locator("main").inner_text()
    assert "KCQG-2027-92-001" in body
    assert "600.000.000 đ" in body
    assert "1,40" in body
    assert project.participations.get().support_amount == 250_000_000

    # 3. Both are found in the filtered lists, without diacritics, and in the exports.
    page.goto("/projects/?q=may dong goi&year=2027")
    assert page.get_by_role("link", name="KCQG-2027-92-001").count() == 1
    with page.expect_download() as download_info:
        page.get_by_test_id("export-xlsx").click()
    sheet = openpyxl.load_workbook(io.BytesIO(download_info.value.path().read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and "KCQG-2027-92-001" in rows[1]
    assert 600_000_000 in rows[1]

    page.goto("/beneficiaries/?q=tan hue vien")
    assert page.get_by_role("link", name="Cơ sở bánh pía Tân Huê Viên").count() == 1
    with page.expect_download() as download_info:
        page.get_by_test_id("export-csv").click()
    text = download_info.value.path().read_text(encoding="utf-8-sig")
    assert "Cơ sở bánh pía Tân Huê Viên" in text and tax_code in text

    assert not errors, errors


def test_reviewer_sees_the_project_but_no_edit_link(page, world):
    plan = Plan.objects.create(province=world.cantho.province, year=2026)
    login(page, "department_reviewer.cantho")
    page.goto(f"/plans/{plan.pk}/")
    assert page.get_by_test_id("add-project").count() == 0
    response = page.goto(f"/projects/new/?plan={plan.pk}")
    assert response.status == 403
    assert "không có quyền" in page.locator("main").inner_text()
