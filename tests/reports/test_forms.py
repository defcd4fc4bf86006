"""The provinces' forms, cell for cell on the hand-computed world, with KCQG and KCĐP in the
columns each form's own header gives them (form 1: KCQG | KCĐP; form 2: KCĐP | KCQG)."""

import pytest
from django.urls import reverse

from projects.models import Activity, Indicator, ResultsRow
from tests.reports.reading import find_row, html_tables, sheet_rows, workbook

pytestmark = pytest.mark.django_db


def get(client, user, name, fmt="html", **params):
    client.force_login(user)
    params.setdefault("year", 2024)
    params.setdefault("province", "94")
    response = client.get(reverse("reports:report", args=[name]), {**params, "format": fmt})
    assert response.status_code == 200
    return response.content


def test_results_form_1_puts_kcqg_before_kcdp(client, report_world):
    content = get(client, report_world.base.cantho.center_staff, "results")
    table = html_tables(content)["Kết quả"]
    top, bottom = table["head"]
    assert top[:3] == ["TT", "Chỉ tiêu", "Đơn vị tính"]
    assert top[3] == "Năm báo cáo 2024"
    assert bottom[:2] == ["KCQG", "KCĐP"]
    rows = {row[0]: row for row in table["body"] if row[0]}
    # Row 10 (machinery): the KCQG đề án's 2 establishments in the KCQG column.
    assert rows["10"][3:5] == ["2", "0"]
    # Row 9 (demonstration models): the KCĐP đề án's model in the KCĐP column.
    assert rows["9"][3:5] == ["0", "1"]
    assert rows["1"][3:7] == ["0", "0", "0", "30"]
    total = table["body"][0]
    assert total[1:7] == ["Tổng số", "Đề án", "1", "1", "0", "1"]
    investment = [row for row in table["body"] if row[1] == "– Tổng vốn đầu tư thu hút được"][0]
    assert investment[2:5] == ["Tr. Đồng", "500", "0"]


def test_results_form_1_xlsx_has_the_same_cells(client, report_world):
    content = get(client, report_world.base.cantho.center_staff, "results", fmt="xlsx")
    rows = sheet_rows(workbook(content)["Kết quả"])
    header = find_row(rows, ("TT", "Chỉ tiêu", "Đơn vị tính"))
    below = rows[rows.index(header) + 1]
    assert below[3:5] == ["KCQG", "KCĐP"]
    assert find_row(rows, ("10",))[3:7] == [2, 0, 0, 0]
    assert find_row(rows, ("9",))[3:5] == [0, 1]
    assert find_row(rows, (None, "– Tổng vốn đầu tư thu hút được"))[3] == 500.0
    assert find_row(rows, (None, "Tổng số"))[3:7] == [1, 1, 0, 1]


def test_funding_form_2_puts_kcdp_before_kcqg(client, report_world):
    content = get(client, report_world.base.cantho.center_staff, "funding")
    table = html_tables(content)["Kinh phí"]
    top, bottom = table["head"]
    assert top[:3] == ["TT", "Chỉ tiêu", "Đơn vị tính"]
    assert top[3] == "Năm báo cáo 2024: kế hoạch"
    assert bottom[:2] == ["KCĐP", "KCQG"]
    rows = {row[0]: row for row in table["body"] if row[0]}
    assert rows["10"][3:5] == ["0", "300"]  # the KCQG machinery đề án: KCQG column
    assert rows["1"][3:5] == ["100", "0"]  # the KCĐP training đề án: KCĐP column
    assert rows["9"][3:5] == ["200", "0"]
    assert rows["10"][5:7] == ["—", "—"]  # nothing disbursed is known: no fake zero
    assert rows["10"][7:9] == ["0", "300"]  # accepted
    total = table["body"][0]
    assert total[1:5] == ["Tổng số kinh phí", "Tr. đồng", "300", "300"]
    assert len([row for row in table["body"] if row[0]]) == 24


def test_funding_form_2_xlsx_keeps_the_column_order(client, report_world):
    content = get(client, report_world.base.cantho.center_staff, "funding", fmt="xlsx")
    rows = sheet_rows(workbook(content)["Kinh phí"])
    header = find_row(rows, ("TT", "Chỉ tiêu", "Đơn vị tính"))
    assert rows[rows.index(header) + 1][3:5] == ["KCĐP", "KCQG"]
    assert find_row(rows, ("10",))[3:9] == [0.0, 300.0, None, None, 0.0, 300.0]
    assert find_row(rows, ("1",))[3:5] == [100.0, 0.0]


def test_project_list_form_3_with_the_attached_establishments(client, report_world):
    content = get(client, report_world.base.cantho.center_staff, "project_list")
    tables = html_tables(content)
    top, bottom = tables["Dự án"]["head"]
    assert top == [
        "STT",
        "Tên đề án",
        "Thời gian thực hiện (năm)",
        "Nguồn vốn (triệu đồng)",
        "Kinh phí thực hiện (triệu đồng)",
        "Đính kèm danh sách doanh nghiệp thụ hưởng",
    ]
    assert bottom == ["TW", "Địa phương", "Tổng kinh phí", "KP Khuyến công hỗ trợ", "KP DN đối ứng"]
    row = [r for r in tables["Dự án"]["body"] if r[1] == "Máy sấy hành tím cho nhóm cơ sở"][0]
    assert row[2:9] == ["2024", "300", "0", "800", "300", "500", "1"]
    assert tables["Dự án"]["body"][-1][1:8] == [
        "Tổng cộng",
        "",
        "300",
        "300",
        "1.400",
        "600",
        "750",
    ]
    establishments = tables["Doanh nghiệp thụ hưởng"]
    assert establishments["head"] == [
        [
            "STT đề án",
            "Tên Doanh nghiệp",
            "Mã doanh nghiệp",
            "Địa chỉ",
            "Người đại diện",
            "Ngành nghề kinh doanh",
        ]
    ]
    assert establishments["body"][0][1] == "Công ty TNHH Hành tím Vĩnh Châu"


def test_every_output_row_of_form_1_has_an_indicator():
    rows = ResultsRow.objects.filter(source=ResultsRow.Source.OUTPUTS)
    assert rows.count() == 27
    assert not rows.filter(indicators__isnull=True).exists()
    assert list(
        ResultsRow.objects.filter(source="investment").values_list("code", "activity__code")
    ) == [
        ("9.a", "9"),
        ("10.a", "10"),
    ]
    assert ResultsRow.objects.get(code="23").source == ResultsRow.Source.CENTRE_STAFF
    assert ResultsRow.objects.get(code="6.a").parent.code == "6"
    assert Indicator.objects.get(name="Cơ sở được hỗ trợ máy móc thiết bị").results_row.code == "10"


def test_form_2_has_its_24_lines_in_order():
    codes = list(Activity.objects.order_by("sort_order").values_list("code", flat=True))
    assert codes == [str(n) for n in range(1, 25)]
    assert (
        Activity.objects.get(code="13").label
        == "Hỗ trợ tổ chức hội chợ, triển lãm hàng CNNT tiêu biểu"
    )
