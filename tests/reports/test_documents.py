"""The PDF and the workbook carry what the page shows: header, totals with their diacritics,
page numbers; numbers as numbers; nothing a spreadsheet would execute."""

from decimal import Decimal

import pytest
from django.urls import reverse

from reports.builders.common import Agency, ReportMeta
from reports.renderers import render
from reports.renderers.document import Column, Document, Row, Table
from tests.reports.reading import find_row, html_tables, pdf_pages, pdf_text, sheet_rows, workbook

pytestmark = pytest.mark.django_db


def fetch(client, user, name, fmt, **params):
    client.force_login(user)
    response = client.get(reverse("reports:report", args=[name]), {**params, "format": fmt})
    assert response.status_code == 200
    return response.content


def test_pdf_has_the_administrative_header_totals_in_words_and_page_numbers(client, report_world):
    user = report_world.base.cantho.center_staff
    text = pdf_text(fetch(client, user, "consolidated", "pdf", year=2024))
    assert "SỞ CÔNG THƯƠNG TP CẦN THƠ" in text
    assert "TRUNG TÂM KHUYẾN CÔNG CẦN THƠ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Cần Thơ, ngày" in text
    assert "Trang 1/" in text
    assert "NGƯỜI LẬP BIỂU" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text
    # Cần Thơ's row and the grand total, diacritics intact.
    assert "92 Cần Thơ 3 300 300 750 1.400 1,25" in text
    assert "Bằng chữ: Sáu trăm triệu đồng" in text
    assert "Hệ số thu hút vốn = vốn đối ứng ÷ (KCQG + KCĐP)" in text


def test_a_long_report_repeats_its_header_on_every_page(client, report_world):
    from tests.reports.conftest import grow

    grow(report_world.st2024, 60)
    user = report_world.base.cantho.center_staff
    content = fetch(client, user, "project_list", "pdf", year=2024, province="94")
    pages = pdf_pages(content)
    assert pages >= 3
    import io

    from pypdf import PdfReader

    texts = [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]
    for number, text in enumerate(texts, start=1):
        assert f"Trang {number}/{pages}" in text
        # Every page that continues a table starts with that table's header.
        assert "Tên đề án" in text or "Tên Doanh nghiệp" in text or number == pages


def test_xlsx_cells_equal_the_html_figures(client, report_world):
    user = report_world.base.ministry
    html = html_tables(fetch(client, user, "consolidated", "html", year=2024))["Theo tỉnh"]["body"]
    rows = sheet_rows(workbook(fetch(client, user, "consolidated", "xlsx", year=2024))["Theo tỉnh"])
    page_row = next(row for row in html if row[0] == "92")
    sheet_row = find_row(rows, ("92",))
    assert page_row[:8] == ["92", "Cần Thơ", "3", "300", "300", "750", "1.400", "1,25"]
    assert sheet_row[:8] == [
        "92",
        "Cần Thơ",
        3,
        300_000_000,
        300_000_000,
        750_000_000,
        1_400_000_000,
        1.25,
    ]
    assert page_row[8:10] == ["—", "—"] and sheet_row[8:10] == [None, None]
    assert page_row[10] == "300,00" and sheet_row[10] == 3.0


def test_xlsx_has_a_sheet_per_grouping_frozen_headers_and_number_formats(client, report_world):
    book = workbook(fetch(client, report_world.base.ministry, "consolidated", "xlsx", year=2024))
    assert book.sheetnames[:4] == ["Theo tỉnh", "Theo vùng", "Theo nội dung", "Theo chương trình"]
    sheet = book["Theo tỉnh"]
    rows = sheet_rows(sheet)
    data_row = rows.index(find_row(rows, ("92",))) + 1
    assert sheet.freeze_panes == f"A{data_row - 0}" or sheet.freeze_panes.startswith("A")
    assert sheet.cell(row=data_row, column=4).number_format == "#,##0"
    assert sheet.cell(row=data_row, column=8).number_format == "0.00"
    assert sheet.column_dimensions["B"].width == 22
    stamp = find_row(rows, ("Thời điểm lập",))[1]
    assert hasattr(stamp, "year")


def test_xlsx_neutralises_formulas_and_control_characters(report_world):
    meta = ReportMeta(name="t", title='=HYPERLINK("http://x")', agency=Agency("A", "B", "C"))
    table = Table(
        key="T",
        title="T",
        columns=[Column("Tên"), Column("Số", "money")],
        rows=[Row(["=1+1", 5]), Row(["Dòng\x0bWord", None]), Row(["@SUM(A1)", 7], "total")],
    )
    rows = sheet_rows(workbook(render(Document(meta=meta, tables=[table]), "xlsx"))["T"])
    texts = [cell for row in rows for cell in row if isinstance(cell, str)]
    assert "'=1+1" in texts and "'@SUM(A1)" in texts and "Dòng Word" in texts
    assert not any(text.startswith(("=", "@")) for text in texts)


def test_standalone_html_is_the_printable_document(report_world):
    from reports.builders import funding
    from reports.selectors import ministry_scope, resolve_area

    area = resolve_area(ministry_scope(), "94", 2024)
    html = render(funding.build(ministry_scope(), area, year=2024), "html").decode()
    assert "BỘ CÔNG THƯƠNG" in html and "thead" in html
    assert "print.css" in html


def test_money_in_trieu_keeps_the_decimals_it_needs():
    from reports.renderers.html import million

    assert [million(v) for v in (2_620_000_000, 3_422_200_000, 5_400_292_000, 1_500, 0)] == [
        "2.620",
        "3.422,2",
        "5.400,292",
        "0,002",
        "0",
    ]
    assert million(Decimal("1961560000")) == "1.961,56"
