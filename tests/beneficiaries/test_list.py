"""The beneficiary list: filters, accent-insensitive search, exports, constant queries."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from beneficiaries.models import BeneficiaryKind, ProductGroup
from khuyencong.models import Commune
from tests.factories import BeneficiaryFactory, PlanFactory, ProjectFactory, add_participant

pytestmark = pytest.mark.django_db

LIST = reverse("beneficiaries:list")


def _text(response) -> str:
    """The body of a streamed CSV export."""
    return b"".join(response.streaming_content).decode("utf-8-sig")


def _names(response):
    assert response.status_code == 200
    return sorted(b.name for b in response.context["page_obj"])


@pytest.fixture
def hoabinh_rows(world):
    return [
        BeneficiaryFactory(name="HTX mây tre Hòa Bình"),
        BeneficiaryFactory(name="Xưởng gốm Hoà Bình"),
        BeneficiaryFactory(name="Cơ sở dệt HOA BINH"),
        BeneficiaryFactory(name="Cơ sở nước mắm Hòa Thành"),
    ]


@pytest.mark.parametrize("q", ["hoa binh", "Hòa Bình", "Hoà Bình", "HOÀ  BÌNH"])
def test_search_ignores_accents_case_and_tone_style(client, world, hoabinh_rows, q):
    client.force_login(world.cantho.center_staff)
    assert _names(client.get(LIST, {"q": q})) == [
        "Cơ sở dệt HOA BINH",
        "HTX mây tre Hòa Bình",
        "Xưởng gốm Hoà Bình",
    ]


def test_search_for_dak_finds_both_spellings(client, world):
    BeneficiaryFactory(name="Cà phê Đắk Mil")
    BeneficiaryFactory(name="Dak Nong Food")
    BeneficiaryFactory(name="Cơ sở Đăk Song")
    BeneficiaryFactory(name="Cơ sở Krông Nô")
    client.force_login(world.cantho.center_staff)
    assert _names(client.get(LIST, {"q": "đắk"})) == [
        "Cà phê Đắk Mil",
        "Cơ sở Đăk Song",
        "Dak Nong Food",
    ]


def test_search_by_tax_code(client, world):
    BeneficiaryFactory(name="Có mã", tax_code="0100109106")
    BeneficiaryFactory(name="Không mã")
    client.force_login(world.cantho.center_staff)
    assert _names(client.get(LIST, {"q": "0100109106"})) == ["Có mã"]


def test_filters_by_kind_product_group_and_commune(client, world):
    first, second = Commune.objects.filter(province=world.cantho.province).order_by("code")[:2]
    BeneficiaryFactory(name="A", kind=BeneficiaryKind.COOPERATIVE, commune=first)
    BeneficiaryFactory(
        name="B", kind=BeneficiaryKind.COOPERATIVE, commune=second, product_group=ProductGroup.FOOD
    )
    BeneficiaryFactory(name="C", kind=BeneficiaryKind.HOUSEHOLD, commune=second)
    client.force_login(world.cantho.center_staff)
    assert _names(client.get(LIST, {"kind": BeneficiaryKind.COOPERATIVE})) == ["A", "B"]
    assert _names(client.get(LIST, {"product_group": ProductGroup.FOOD})) == ["B"]
    assert _names(client.get(LIST, {"commune": second.pk})) == ["B", "C"]
    assert _names(client.get(LIST, {"commune": second.pk, "kind": "htx"})) == ["B"]


def test_province_filter_shows_an_old_province(client, world):
    BeneficiaryFactory(name="Cũ Sóc Trăng", province=world.soctrang)
    BeneficiaryFactory(name="Mới Cần Thơ")
    client.force_login(world.cantho.center_staff)
    assert _names(client.get(LIST)) == ["Cũ Sóc Trăng", "Mới Cần Thơ"]
    assert _names(client.get(LIST, {"province": world.soctrang.pk})) == ["Cũ Sóc Trăng"]


def test_list_shows_only_visible_provinces_and_the_ministry_sees_all(client, world):
    BeneficiaryFactory(name="Cần Thơ 1")
    BeneficiaryFactory(name="Phú Thọ 1", province=world.phutho.province)
    client.force_login(world.cantho.department_reviewer)
    assert _names(client.get(LIST)) == ["Cần Thơ 1"]
    client.force_login(world.ministry)
    assert _names(client.get(LIST)) == ["Cần Thơ 1", "Phú Thọ 1"]
    assert _names(client.get(LIST, {"province": world.phutho.province.pk})) == ["Phú Thọ 1"]


def test_sorting_by_revenue_descending(client, world):
    BeneficiaryFactory(name="Nhỏ", revenue=10)
    BeneficiaryFactory(name="Lớn", revenue=1_000)
    BeneficiaryFactory(name="Vừa", revenue=100)
    client.force_login(world.cantho.center_staff)
    response = client.get(LIST, {"sort": "-revenue"})
    assert [b.name for b in response.context["page_obj"]] == ["Lớn", "Vừa", "Nhỏ"]


def test_list_counts_projects_and_shows_revenue_in_trieu_dong(client, world):
    beneficiary = BeneficiaryFactory(name="Có đề án", revenue=1_234_567_000)
    for _ in range(2):
        add_participant(ProjectFactory(), beneficiary, support=1, counterpart=1)
    client.force_login(world.cantho.center_staff)
    response = client.get(LIST)
    (row,) = response.context["page_obj"]
    assert row.project_count == 2
    html = response.content.decode()
    assert "1.234,6" in html  # 1.234.567.000 đ in triệu đồng, the unit in the header
    assert "Doanh thu (triệu đồng)" in html


def _make_rows(world, count):
    project = ProjectFactory()
    for index in range(count):
        b = BeneficiaryFactory(province=world.cantho.province if index % 2 else world.soctrang)
        add_participant(project, b, support=1_000, counterpart=2_000)


@pytest.mark.parametrize("count", [5, 50])
def test_list_runs_the_same_queries_at_5_and_50_rows(
    client, world, django_assert_num_queries, count
):
    _make_rows(world, count)
    client.force_login(world.cantho.center_staff)
    # session, user, membership, province ids, province choices, commune choices, count, rows,
    # and the đề án counts of the page's rows
    with django_assert_num_queries(9):
        response = client.get(LIST, {"sort": "-employees"})
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == min(count, 25)


# --- Exports --------------------------------------------------------------------------------


INJECTION = '=HYPERLINK("http://evil.example","Nhấn vào đây")'


def test_csv_export_has_exactly_the_filtered_rows_across_pages(client, world):
    for index in range(30):
        BeneficiaryFactory(name=f"Gốm sứ {index:02d}", kind=BeneficiaryKind.COOPERATIVE)
    BeneficiaryFactory(name="Hộ khác", kind=BeneficiaryKind.HOUSEHOLD)
    BeneficiaryFactory(name="Gốm Phú Thọ", province=world.phutho.province, kind="htx")
    client.force_login(world.cantho.center_staff)
    response = client.get(LIST, {"kind": "htx", "format": "csv", "page": "2"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="co-so-cnnt-')
    rows = list(csv.DictReader(io.StringIO(_text(response))))
    assert len(rows) == 30
    assert {row["Tên cơ sở"] for row in rows} == {f"Gốm sứ {index:02d}" for index in range(30)}
    assert {row["Loại hình"] for row in rows} == {"Hợp tác xã"}
    for header in ["Mã số thuế", "Xã/phường", "Tỉnh/thành phố", "Số lao động", "Doanh thu (đồng)"]:
        assert header in rows[0]


def test_csv_export_neutralises_formulas(client, world):
    BeneficiaryFactory(name=INJECTION, representative="+84 912 000 000")
    client.force_login(world.cantho.center_staff)
    response = client.get(LIST, {"format": "csv"})
    (row,) = csv.DictReader(io.StringIO(_text(response)))
    assert row["Tên cơ sở"] == "'" + INJECTION
    assert row["Người đại diện"] == "'+84 912 000 000"


def test_xlsx_export_neutralises_formulas_and_keeps_numbers(client, world):
    BeneficiaryFactory(name=INJECTION, employees=12, revenue=1_500_000_000)
    client.force_login(world.cantho.center_staff)
    response = client.get(LIST, {"format": "xlsx", "q": "hyperlink"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    values = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert sheet.max_row == 2
    name_cell = sheet.cell(row=2, column=header.index("Tên cơ sở") + 1)
    assert name_cell.value == "'" + INJECTION
    assert name_cell.data_type == "s"
    assert values["Số lao động"] == 12
    assert values["Doanh thu (đồng)"] == 1_500_000_000
    assert values["Tỉnh/thành phố"] == "Cần Thơ"


def test_export_is_scoped_like_the_list(client, world):
    BeneficiaryFactory(name="Cần Thơ")
    BeneficiaryFactory(name="Phú Thọ", province=world.phutho.province)
    PlanFactory()
    client.force_login(world.phutho.department_reviewer)
    response = client.get(LIST, {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(_text(response))))
    assert [row["Tên cơ sở"] for row in rows] == ["Phú Thọ"]
