"""`render_report` writes the same file as the report's URL (the ministry's view)."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.reports.reading import pdf_text, sheet_rows, workbook

pytestmark = pytest.mark.django_db


def without_timestamp(rows):
    return [row for row in rows if row[0] != "Thời điểm lập"]


def test_command_xlsx_equals_the_url(client, report_world, tmp_path):
    target = tmp_path / "tong-hop.xlsx"
    call_command(
        "render_report", "consolidated", "--year", "2024", "--format", "xlsx", "-o", str(target)
    )
    client.force_login(report_world.base.ministry)
    response = client.get(
        reverse("reports:report", args=["consolidated"]), {"year": 2024, "format": "xlsx"}
    )
    from_command, from_url = workbook(target.read_bytes()), workbook(response.content)
    assert from_command.sheetnames == from_url.sheetnames
    for name in from_url.sheetnames:
        assert without_timestamp(sheet_rows(from_command[name])) == without_timestamp(
            sheet_rows(from_url[name])
        )


def test_command_pdf_limited_to_a_province(report_world, tmp_path):
    target = tmp_path / "ket-qua.pdf"
    call_command(
        "render_report",
        "results",
        "--year",
        "2024",
        "--province",
        "94",
        "--format",
        "pdf",
        "-o",
        str(target),
    )
    text = pdf_text(target.read_bytes())
    assert "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG" in text
    assert "Năm 2024 · Sóc Trăng" in text
    assert "BỘ CÔNG THƯƠNG" in text


def test_command_plan_and_html(report_world, tmp_path):
    target = tmp_path / "ke-hoach.html"
    call_command(
        "render_report",
        "plan",
        "--plan",
        str(report_world.st2024.pk),
        "--format",
        "html",
        "-o",
        str(target),
    )
    assert "KẾ HOẠCH KHUYẾN CÔNG NĂM 2024" in target.read_text()


def test_command_refuses_bad_parameters(report_world, tmp_path):
    with pytest.raises(CommandError, match="năm"):
        call_command("render_report", "results", "--year", "19xx", "-o", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError):
        call_command("render_report", "plan", "--plan", "999999", "-o", str(tmp_path / "x.pdf"))
