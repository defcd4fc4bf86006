"""The import in a real browser: a clerk uploads her own spreadsheet (not the template's headers),
maps two columns, sees the one wrong row, downloads the checked file, fixes it, uploads it again,
confirms, and finds the đề án in the plan with the right totals."""

import io

import openpyxl
import pytest

from projects.models import Plan, Project
from tests.browser.conftest import login
from tests.factories import BeneficiaryFactory, valid_tax_code

pytestmark = pytest.mark.django_db(transaction=True)

HEADERS = ["STT", "Mã đề án", "Năm", "Địa bàn", "Chương trình", "Nội dung", "Tên ĐA", "MST",
           "Kinh phí KCĐP", "Vốn đối ứng"]  # fmt: skip


def clerk_file(tmp_path, content_of_second_row: str):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["KẾ HOẠCH KHUYẾN CÔNG NĂM 2026"])
    sheet.merge_cells("A1:J1")
    sheet.append([None, None, None, None, None, None, None, None, "Đơn vị: triệu đồng"])
    sheet.append(HEADERS)
    tax = valid_tax_code("220012345")
    sheet.append([1, "CT-01", 2026, "Cần Thơ", "KCĐP", "3.2", "Hỗ trợ máy đóng gói bánh pía",
                  tax, 250, "350"])  # fmt: skip
    sheet.append([2, "CT-02", 2026, "Cần Thơ", "KCĐP", content_of_second_row,
                  "Đào tạo nghề làm bánh", "", "120,5", None])  # fmt: skip
    path = tmp_path / "ke-hoach-2026.xlsx"
    workbook.save(path)
    return path


def test_clerk_imports_her_own_spreadsheet(page, world, tmp_path):
    BeneficiaryFactory(
        province=world.cantho.province, tax_code=valid_tax_code("220012345"), name="Tân Huê Viên"
    )
    login(page, "center_staff.cantho")
    page.goto("/plans/")
    page.get_by_test_id("import-link").click()
    page.wait_for_url("**/projects/import/")

    # 1. Her file: a title block, a unit line, her own headers and a content that does not exist.
    page.set_input_files("#id_file", str(clerk_file(tmp_path, "99")))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    page.wait_for_url("**/projects/import/*/")
    assert "Tên đề án" in page.get_by_test_id("import-refused").inner_text()

    # 2. She maps the two columns the portal could not guess.
    page.select_option('select[data-header="Địa bàn"]', "province")
    page.select_option('select[data-header="Tên ĐA"]', "title")
    page.get_by_test_id("import-remap").click()
    page.wait_for_load_state()
    errors = page.locator('tr[data-outcome="error"]')
    assert errors.count() == 1
    assert "Dòng 5, cột “Nội dung” (“99”)" in errors.inner_text()
    assert page.get_by_test_id("import-confirm").count() == 0

    # 3. The checked file says what is wrong, beside the row.
    with page.expect_download() as download_info:
        page.get_by_test_id("import-feedback").click()
    sheet = openpyxl.load_workbook(io.BytesIO(download_info.value.path().read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-2:] == ("Kết quả kiểm tra", "Lỗi")
    wrong = [row for row in rows[1:] if row[-1]]
    assert len(wrong) == 1 and wrong[0][1] == "CT-02" and wrong[0][-1].startswith("Nội dung: ")
    assert Project.objects.count() == 0

    # 4. Fixed, uploaded again: her mapping is remembered; she confirms.
    page.goto("/projects/import/")
    page.set_input_files("#id_file", str(clerk_file(tmp_path, "1")))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    page.wait_for_url("**/projects/import/*/")
    assert page.locator('tr[data-outcome="new"]').count() == 2
    page.get_by_test_id("import-confirm").click()
    page.wait_for_load_state()
    assert "Đã nhập: 2 mới" in page.get_by_test_id("import-status").inner_text()

    # 5. The đề án are in the 2026 plan with the right money.
    plan = Plan.objects.get(province=world.cantho.province, year=2026)
    page.goto(f"/plans/{plan.pk}/")
    body = page.locator("main").inner_text()
    assert "Hỗ trợ máy đóng gói bánh pía" in body and "Đào tạo nghề làm bánh" in body
    first = Project.objects.get(external_code="CT-01")
    assert (first.kcdp, first.counterpart, first.total) == (250_000_000, 350_000_000, 600_000_000)
    assert Project.objects.get(external_code="CT-02").total == 120_500_000
    page.goto(f"/projects/{first.pk}/")
    assert "600.000.000 đ" in page.locator("main").inner_text()
