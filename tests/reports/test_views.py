"""Report URLs: who sees what (another province → 404), bad parameters → 400, the formats."""

import pytest
from django.urls import reverse

from tests.reports.reading import html_tables

pytestmark = pytest.mark.django_db

AREA_REPORTS = ["implementation", "series", "effectiveness", "results", "funding", "project_list"]
ALL_REPORTS = AREA_REPORTS + ["consolidated"]


def url(name, **params):
    from urllib.parse import urlencode

    return reverse("reports:report", args=[name]) + "?" + urlencode(params)


@pytest.mark.parametrize("name", AREA_REPORTS)
def test_other_province_gets_404(client, report_world, name):
    client.force_login(report_world.base.phutho.center_staff)
    assert client.get(url(name, province="94", year=2024)).status_code == 404
    assert client.get(url(name, province="92", year=2026)).status_code == 404


@pytest.mark.parametrize("name", AREA_REPORTS)
def test_centre_sees_its_merged_old_province(client, report_world, name):
    client.force_login(report_world.base.cantho.center_staff)
    assert client.get(url(name, province="94", year=2024)).status_code == 200


@pytest.mark.parametrize("name", AREA_REPORTS)
def test_reviewer_of_the_other_side_gets_404(client, report_world, name):
    client.force_login(report_world.base.cantho.department_reviewer)
    assert client.get(url(name, province="17", year=2024)).status_code == 404


def test_other_provinces_plan_report_is_404(client, report_world):
    client.force_login(report_world.base.phutho.center_head)
    response = client.get(reverse("reports:plan", args=[report_world.st2024.pk]))
    assert response.status_code == 404
    client.force_login(report_world.base.cantho.center_head)
    assert client.get(reverse("reports:plan", args=[report_world.st2024.pk])).status_code == 200


def test_consolidated_for_a_centre_is_limited_to_its_province(client, report_world):
    client.force_login(report_world.base.phutho.department_reviewer)
    response = client.get(url("consolidated", year=2024, grouping="historical"))
    assert response.status_code == 200
    body = html_tables(response.content)["Theo tỉnh"]["body"]
    assert [row[1] for row in body[:-1]] == [report_world.base.hoabinh.name]


def test_ministry_sees_every_province_in_the_consolidated_report(client, report_world):
    client.force_login(report_world.base.ministry)
    response = client.get(url("consolidated", year=2024))
    body = html_tables(response.content)["Theo tỉnh"]["body"]
    assert [row[1] for row in body] == ["Phú Thọ", "Cần Thơ", "Tổng cộng"]


def test_user_without_organisation_is_refused(client, report_world):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="nobody"))
    assert client.get(reverse("reports:index")).status_code == 403
    assert client.get(url("consolidated", year=2024)).status_code == 403


def test_anonymous_is_sent_to_login(client, report_world):
    response = client.get(url("consolidated", year=2024))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"year": "abc"}, "không phải là năm"),
        ({"year": "1800"}, "2000"),
        ({"year": "2024", "format": "docx"}, "html, pdf, xlsx"),
        ({"year": "2024", "grouping": "bogus"}, "current, historical"),
        ({"year": "2024", "region": "mars"}, "mars"),
        ({"year": "2024", "province": "9x"}, "hai chữ số"),
        ({"year": "2024", "province": "99"}, "99"),
        ({"from": "2020", "to": "2010"}, "Năm đầu"),
        ({"from": "2000", "to": "2100"}, "30"),
        ({"year": "2024", "period": "q3"}, "h1, year"),
    ],
)
def test_bad_parameters_answer_400_with_a_vietnamese_message(client, report_world, params, message):
    client.force_login(report_world.base.ministry)
    name = "series" if "from" in params else "implementation"
    if "grouping" in params or "region" in params:
        name = "consolidated"
    response = client.get(url(name, **params))
    assert response.status_code == 400
    assert message in response.content.decode()


def test_unknown_report_is_404(client, report_world):
    client.force_login(report_world.base.ministry)
    assert client.get("/reports/nonsense/").status_code == 404


@pytest.mark.parametrize("name", ALL_REPORTS)
@pytest.mark.parametrize(
    "fmt, content_type",
    [("html", "text/html"), ("pdf", "application/pdf"), ("xlsx", "application/vnd.openxml")],
)
def test_every_report_answers_in_every_format(client, report_world, name, fmt, content_type):
    client.force_login(report_world.base.ministry)
    response = client.get(
        url(name, year=2024, format=fmt, **({"to": 2024} if name == "series" else {}))
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)


def test_plan_report_in_three_formats(client, report_world):
    client.force_login(report_world.base.cantho.center_staff)
    base = reverse("reports:plan", args=[report_world.st2024.pk])
    page = client.get(base)
    assert page.status_code == 200
    assert "KẾ HOẠCH KHUYẾN CÔNG NĂM 2024" in page.content.decode()
    assert client.get(base + "?format=pdf")["Content-Type"] == "application/pdf"
    assert client.get(base + "?format=xlsx").status_code == 200
    assert client.get(base + "?format=odt").status_code == 400


def test_plan_choice_form_redirects_to_the_plan_report(client, report_world):
    client.force_login(report_world.base.cantho.center_staff)
    response = client.get(
        reverse("reports:plan_choose"), {"plan": report_world.st2024.pk, "format": "pdf"}
    )
    assert response.status_code == 302
    assert (
        response["Location"]
        == reverse("reports:plan", args=[report_world.st2024.pk]) + "?format=pdf"
    )
    client.force_login(report_world.base.phutho.center_staff)
    assert (
        client.get(reverse("reports:plan_choose"), {"plan": report_world.st2024.pk}).status_code
        == 404
    )


def test_index_lists_the_reports_and_the_plans_the_user_may_open(client, report_world):
    client.force_login(report_world.base.cantho.center_staff)
    response = client.get(reverse("reports:index"))
    content = response.content.decode()
    for name in ALL_REPORTS + ["plan"]:
        assert f'data-report="{name}"' in content
    assert "2024 · Sóc Trăng" in content
    assert "Hòa Bình" not in content and "Hoà Bình" not in content


def test_navigation_has_the_reports_section(client, report_world):
    client.force_login(report_world.base.cantho.center_staff)
    response = client.get(reverse("dashboard"))
    assert f'href="{reverse("reports:index")}"' in response.content.decode()
