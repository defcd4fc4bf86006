import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from projects.models import Program, ProjectStatus
from tests.factories import PlanFactory, ProjectFactory, add_budget, content

pytestmark = pytest.mark.django_db

URL = reverse("projects:list")

HEADERS = [
    "Mã đề án",
    "Tên đề án",
    "Năm",
    "Tỉnh/thành phố",
    "Chương trình",
    "Nội dung",
    "KCQG (đồng)",
    "KCĐP (đồng)",
    "Đối ứng (đồng)",
    "Khác (đồng)",
    "Tổng (đồng)",
    "Trạng thái",
]


def _text(response) -> str:
    """The body of a streamed CSV export."""
    return b"".join(response.streaming_content).decode("utf-8-sig")


def _codes(response) -> list[str]:
    return [p.code for p in response.context["projects"]]


@pytest.fixture
def projects(world):
    """Three Cần Thơ đề án across two plans, and one of Phú Thọ nobody in Cần Thơ may see."""
    soctrang = PlanFactory(province=world.soctrang, year=2023)
    cantho = PlanFactory(province=world.cantho.province, year=2026)
    machinery = ProjectFactory(
        plan=soctrang,
        program=Program.KCQG,
        content=content("3.2"),
        title="Hỗ trợ máy móc chế biến thực phẩm",
        status=ProjectStatus.ACCEPTED,
    )
    add_budget(machinery, kcqg=900_000_000, counterpart=1_114_900_000)
    model = ProjectFactory(plan=cantho, content=content("3.1"), title="Mô hình trình diễn sấy")
    add_budget(model, kcdp=300_000_000, counterpart=700_000_000)
    fair = ProjectFactory(plan=cantho, content=content("4.2"), title="Hội chợ hàng CNNT")
    add_budget(fair, kcdp=120_000_000, counterpart=10_000_000, other=5_000_000)
    other = ProjectFactory(plan=PlanFactory(province=world.phutho.province, year=2026))
    return {"machinery": machinery, "model": model, "fair": fair, "phutho": other}


def test_list_shows_only_the_users_provinces(client, world, projects):
    client.force_login(world.cantho.department_reviewer)

    codes = _codes(client.get(URL))

    assert sorted(codes) == sorted(projects[k].code for k in ("machinery", "model", "fair"))


def test_list_shows_money_and_leverage(client, world, projects):
    client.force_login(world.cantho.center_staff)

    html = client.get(URL).content.decode()

    assert "2.014,9" in html  # machinery total in triệu đồng, the unit in the header
    assert "2.014.900.000" not in html
    assert "1,24" in html  # 1.114,9 / 900


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": 2023}, ["machinery"]),
        ({"program": "kcdp"}, ["model", "fair"]),
        ({"status": "accepted"}, ["machinery"]),
        ({"content": "3"}, ["machinery", "model"]),  # the group finds 3.1 and 3.2
        ({"content": "3.1"}, ["model"]),
        ({"q": "may moc"}, ["machinery"]),  # accent-insensitive
        ({"q": "HỘI CHỢ"}, ["fair"]),
        ({"year": 2026, "content": "4"}, ["fair"]),
    ],
)
def test_list_filters(client, world, projects, params, expected):
    params = dict(params)
    if "content" in params:
        params["content"] = content(params["content"]).pk
    client.force_login(world.cantho.center_staff)

    codes = _codes(client.get(URL, params))

    assert sorted(codes) == sorted(projects[k].code for k in expected)


def test_list_filters_by_province_including_a_merged_one(client, world, projects):
    client.force_login(world.cantho.center_staff)

    soctrang = _codes(client.get(URL, {"province": world.soctrang.pk}))
    cantho = _codes(client.get(URL, {"province": world.cantho.province.pk}))

    assert soctrang == [projects["machinery"].code]
    assert sorted(cantho) == sorted([projects["model"].code, projects["fair"].code])


def test_another_provinces_id_in_the_filter_shows_nothing_of_it(client, world, projects):
    client.force_login(world.cantho.center_staff)

    codes = _codes(client.get(URL, {"province": world.phutho.province.pk}))

    assert projects["phutho"].code not in codes


def test_bad_filter_values_do_not_break_the_page(client, world, projects):
    client.force_login(world.cantho.center_staff)

    response = client.get(URL, {"year": "abc", "content": "999999", "status": "x", "sort": "evil"})

    assert response.status_code == 200


def test_list_sorts_by_total(client, world, projects):
    client.force_login(world.cantho.center_staff)

    ascending = _codes(client.get(URL, {"sort": "total"}))
    descending = _codes(client.get(URL, {"sort": "-total"}))

    order = [projects[k].code for k in ("fair", "model", "machinery")]
    assert ascending == order
    assert descending == order[::-1]


def test_xlsx_export_has_vietnamese_headers_and_numeric_money(client, world, projects):
    client.force_login(world.cantho.center_staff)

    response = client.get(URL, {"format": "xlsx", "program": "kcdp", "sort": "total"})

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert [r[0] for r in rows[1:]] == [projects["fair"].code, projects["model"].code]
    fair = rows[1]
    assert fair[2:6] == (2026, "Cần Thơ", "KCĐP", "4.2")
    assert fair[6:11] == (0, 120_000_000, 10_000_000, 5_000_000, 135_000_000)
    assert all(type(v) is int for v in fair[6:11])


def test_csv_export_contains_exactly_the_filtered_rows(client, world, projects):
    client.force_login(world.cantho.center_staff)

    response = client.get(URL, {"format": "csv", "q": "may moc"})

    text = _text(response)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == HEADERS
    assert [r[0] for r in rows[1:]] == [projects["machinery"].code]
    assert rows[1][10] == "2014900000"


def test_export_ignores_pagination(client, world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    for _ in range(30):
        ProjectFactory(plan=plan)
    client.force_login(world.cantho.center_staff)

    response = client.get(URL, {"format": "csv", "page": 2})

    rows = list(csv.reader(io.StringIO(_text(response))))
    assert len(rows) == 31


@pytest.mark.parametrize("title", ["=cmd|' /C calc'!A0", "@SUM(1)", "+1+1", "-2+3"])
def test_export_neutralises_formulas(client, world, title):
    ProjectFactory(plan=PlanFactory(province=world.cantho.province, year=2026), title=title)
    client.force_login(world.cantho.center_staff)

    xlsx = client.get(URL, {"format": "xlsx"})
    csv_response = client.get(URL, {"format": "csv"})

    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=2, column=2).value == "'" + title
    rows = list(csv.reader(io.StringIO(_text(csv_response))))
    assert rows[1][1] == "'" + title


@pytest.mark.parametrize("rows", [5, 50])
def test_project_list_runs_a_constant_number_of_queries(
    client, world, django_assert_num_queries, rows
):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    for _ in range(rows):
        add_budget(ProjectFactory(plan=plan), kcdp=1, counterpart=2)
    client.force_login(world.cantho.center_staff)
    # session, user, membership, province ids, count, page rows, province and content choices
    with django_assert_num_queries(8):
        assert client.get(URL, {"sort": "-total"}).status_code == 200
