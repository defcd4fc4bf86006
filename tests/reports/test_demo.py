"""From seed_demo's data, the 2023 consolidated report shows Sóc Trăng's published figures
(domain/FACTS.md): 18 đề án; KCQG 2.620 triệu; KCĐP 2.250 triệu; counterpart 5.400,292 triệu;
leverage 1,11 — as Sóc Trăng under grouping=historical, inside Cần Thơ under grouping=current,
identically in HTML, in the PDF's text and in the XLSX cells."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from tests.reports.reading import find_row, html_tables, pdf_text, sheet_rows, workbook

pytestmark = pytest.mark.django_db

FIGURES = ["18", "2.620", "2.250", "5.400,292"]


@pytest.fixture
def ministry(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    client.force_login(get_user_model().objects.get(username="bo"))
    return client


def get(client, fmt, grouping):
    response = client.get(
        reverse("reports:report", args=["consolidated"]),
        {"year": 2023, "grouping": grouping, "format": fmt},
    )
    assert response.status_code == 200
    return response.content


@pytest.mark.parametrize(
    "grouping, code, name", [("historical", "94", "Sóc Trăng"), ("current", "92", "Cần Thơ")]
)
def test_soc_trang_2023_in_the_consolidated_report(ministry, grouping, code, name):
    body = html_tables(get(ministry, "html", grouping))["Theo tỉnh"]["body"]
    row = next(row for row in body if row[0] == code)
    assert row[1] == name
    assert row[2:6] == FIGURES
    assert row[7] == "1,11"

    text = pdf_text(get(ministry, "pdf", grouping))
    assert f"{code} {name} 18 2.620 2.250 5.400,292" in text
    assert " ".join(row[2:8]) in text

    sheet = sheet_rows(workbook(get(ministry, "xlsx", grouping))["Theo tỉnh"])
    cells = find_row(sheet, (code,))
    assert cells[1] == name
    assert cells[2:6] == [18, 2_620_000_000, 2_250_000_000, 5_400_292_000]
    assert round(cells[7], 2) == 1.11


def test_soc_trang_is_not_a_row_of_its_own_under_the_current_grouping(ministry):
    body = html_tables(get(ministry, "html", "current"))["Theo tỉnh"]["body"]
    assert "Sóc Trăng" not in [row[1] for row in body]
