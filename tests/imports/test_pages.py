"""The import pages: upload → preview → mapping → feedback workbook → confirm; who may use them;
the background path for large files; the private file between preview and confirm."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from beneficiaries.models import Beneficiary
from khuyencong import jobs
from khuyencong.importing import batches, engine
from khuyencong.models import ImportBatch, ImportMapping
from tests.imports.helpers import snapshot, xlsx
from tests.imports.test_beneficiary_import import TAX_A, template_rows

START = "/beneficiaries/import/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, data, name="co-so.xlsx", url=START):
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


@pytest.fixture
def staff(client, world):
    client.force_login(world.cantho.center_staff)
    return client


def test_upload_preview_and_confirm(staff, world):
    data = xlsx(template_rows())
    response = upload(staff, data)
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    page = staff.get(response["Location"])
    assert page.status_code == 200
    assert page.context["counts"]["new"] == 2 and page.context["can_confirm"]
    assert Beneficiary.objects.count() == 0
    # The file is kept privately, under MEDIA_ROOT/imports, named by the batch's uuid.
    assert batches.batch_path(batch).read_bytes() == data
    assert batches.batch_path(batch).parent.name == "imports"
    done = staff.post(response["Location"], {"action": "confirm"})
    assert done.status_code == 302
    assert Beneficiary.objects.count() == 2
    assert staff.get(response["Location"]).context["batch"].status == ImportBatch.Status.DONE


def test_rows_with_errors_block_the_confirm_and_the_feedback_workbook_names_them(staff):
    rows = template_rows()
    rows[2][1] = "Tập đoàn"
    response = upload(staff, xlsx(rows))
    page = staff.get(response["Location"])
    assert not page.context["can_confirm"]
    refused = staff.post(response["Location"], {"action": "confirm"})
    assert refused.status_code == 400
    assert Beneficiary.objects.count() == 0
    feedback = staff.get(response["Location"] + "feedback.xlsx")
    assert feedback.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(feedback.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][-2:] == ["Kết quả kiểm tra", "Lỗi"]
    assert values[1][-1] is None
    assert values[2][0] == "Hộ đan lát Ba Lan"
    assert values[2][-1].startswith("Loại hình: ")


def test_mapping_of_unknown_headers_is_chosen_and_remembered(staff, world):
    rows = template_rows()
    rows[0][0] = "Tên gọi"  # not a known synonym
    rows[0][5] = "Địa bàn"
    response = upload(staff, xlsx(rows))
    page = staff.get(response["Location"])
    assert page.context["show_mapping"]
    assert "“Tên cơ sở”" in page.context["result"]["refused"]
    mapping = {f"column-{i}": c["selected"] for i, c in enumerate(page.context["columns"])}
    mapping.update({"column-0": "name", "column-5": "province"})
    remapped = staff.post(response["Location"], {"action": "map", **mapping})
    assert remapped.status_code == 302
    assert staff.get(response["Location"]).context["can_confirm"]
    remembered = ImportMapping.objects.get(user=world.cantho.center_staff).mapping
    assert remembered["tengoi"] == "name" and remembered["diaban"] == "province"
    # The next file with the same headers is mapped from the user's memory.
    again = upload(staff, xlsx(rows))
    assert staff.get(again["Location"]).context["can_confirm"]


def test_one_field_from_two_columns_is_refused(staff):
    response = upload(staff, xlsx(template_rows()))
    data = {f"column-{i}": "" for i in range(12)}
    data.update({"column-0": "name", "column-1": "name"})
    assert staff.post(response["Location"], {"action": "map", **data}).status_code == 400


def test_a_file_that_is_not_a_spreadsheet_is_refused_on_the_preview(staff):
    response = upload(staff, b"hello", name="ke-hoach.xlsx")
    page = staff.get(response["Location"])
    assert page.context["result"]["refused_code"] == "not_spreadsheet"
    assert not page.context["can_confirm"]


def test_template_has_instructions_dropdowns_and_an_ignored_example(staff):
    response = staff.get(START + "template.xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    data = workbook["Dữ liệu"]
    assert [c.value for c in data[1]] == [
        spec.header for spec in engine.get_kind("beneficiaries").fields
    ]
    ranges = {str(v.sqref).split(":")[0] for v in data.data_validations.dataValidation}
    assert ranges == {"B2", "I2"}  # Loại hình, Ngành nghề
    assert "Hướng dẫn" in workbook.sheetnames
    projects = openpyxl.load_workbook(
        io.BytesIO(staff.get("/projects/import/template.xlsx").content)
    )
    ranges = {
        str(v.sqref).split(":")[0] for v in projects["Dữ liệu"].data_validations.dataValidation
    }
    # programme, content, activity, Có/Không, status
    assert ranges == {"D2", "E2", "F2", "H2", "P2"}
    assert projects["Dữ liệu"]["F1"].value == "Hoạt động"


def test_reviewer_and_ministry_get_403(client, world):
    for user in (world.cantho.department_reviewer, world.ministry):
        client.force_login(user)
        assert client.get(START).status_code == 403
        assert client.get("/projects/import/").status_code == 403
        assert upload(client, xlsx(template_rows())).status_code == 403
    assert ImportBatch.objects.count() == 0


def test_another_users_batch_is_404(client, staff, world):
    response = upload(staff, xlsx(template_rows()))
    client.force_login(world.cantho.center_head)
    assert client.get(response["Location"]).status_code == 404
    assert client.get(response["Location"] + "feedback.xlsx").status_code == 404
    assert client.post(response["Location"], {"action": "confirm"}).status_code == 404
    assert Beneficiary.objects.count() == 0


def test_large_file_runs_as_a_background_task_with_progress(staff, world, monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr(batches, "INLINE_ROWS", 2)
    with pytest.MonkeyPatch.context():
        response = upload(staff, xlsx(template_rows()))
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.CHECKING
    page = staff.get(response["Location"])
    assert b'http-equiv="refresh"' in page.content
    assert staff.get(response["Location"], {"format": "json"}).json()["status"] == "checking"
    jobs.job_execute("import_check", batch.pk, batch.attempt)  # what the worker does
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED and batch.result["counts"]["new"] == 2
    staff.post(response["Location"], {"action": "confirm"})
    assert Beneficiary.objects.count() == 0  # queued, not yet written
    batch.refresh_from_db()
    jobs.job_execute("import_write", batch.pk, batch.attempt)
    assert Beneficiary.objects.count() == 2


def test_batches_and_their_files_are_deleted_after_a_day(staff):
    import datetime

    from django.utils import timezone

    upload(staff, xlsx(template_rows()))
    batch = ImportBatch.objects.get()
    path = batches.batch_path(batch)
    assert path.exists()
    assert jobs.jobs_purge(ImportBatch, timezone.now() + datetime.timedelta(days=1, minutes=1)) == 1
    assert not Path(path).exists() and not ImportBatch.objects.exists()


def test_preview_page_runs_a_constant_number_of_queries(staff, django_assert_max_num_queries):
    small = upload(staff, xlsx(template_rows()))
    rows = template_rows() + [
        [f"Cơ sở {n}", "HTX", "", "", "", "Cần Thơ", "", "", "", "", n, ""] for n in range(60)
    ]
    large = upload(staff, xlsx(rows))
    with django_assert_max_num_queries(8):
        staff.get(small["Location"])
    with django_assert_max_num_queries(8):
        staff.get(large["Location"])


def test_upload_over_10_mb_is_refused_before_it_is_stored(staff, monkeypatch):
    from khuyencong.importing import reading

    monkeypatch.setattr(batches, "MAX_BYTES", 100)
    before = snapshot()
    response = upload(staff, xlsx(template_rows()))
    assert response.status_code == 400
    assert ImportBatch.objects.count() == 0
    assert snapshot() == before
    assert reading.MAX_BYTES == 10 * 1024 * 1024


def test_tax_code_holder_row_is_an_update_through_the_pages(staff, world):
    from tests.factories import BeneficiaryFactory

    BeneficiaryFactory(province=world.cantho.province, tax_code=TAX_A, employees=1)
    response = upload(staff, xlsx(template_rows()))
    assert staff.get(response["Location"]).context["counts"]["update"] == 1
