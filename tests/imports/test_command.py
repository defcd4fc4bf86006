"""`manage.py import_xlsx`: the preview summary, a non-zero exit and nothing written on errors."""

import pytest
from django.core.management import CommandError, call_command

from beneficiaries.models import Beneficiary
from tests.imports.helpers import snapshot, xlsx
from tests.imports.test_beneficiary_import import template_rows


@pytest.fixture
def workbook(tmp_path):
    def write(rows):
        path = tmp_path / "co-so.xlsx"
        path.write_bytes(xlsx(rows))
        return str(path)

    return write


def test_dry_run_prints_the_summary_and_writes_nothing(world, workbook, capsys):
    call_command(
        "import_xlsx",
        "beneficiaries",
        workbook(template_rows()),
        "--dry-run",
        "--user",
        "center_staff.cantho",
    )
    out = capsys.readouterr().out
    assert "2 rows · new 2, update 0, unchanged 0, error 0" in out
    assert Beneficiary.objects.count() == 0


def test_import_writes_the_rows(world, workbook):
    call_command(
        "import_xlsx", "beneficiaries", workbook(template_rows()), "--user", "center_staff.cantho"
    )
    assert Beneficiary.objects.count() == 2


def test_any_error_exits_non_zero_and_writes_nothing(world, workbook, capsys):
    rows = template_rows()
    rows[2][5] = "Tỉnh Không Có"
    before = snapshot()
    with pytest.raises(CommandError) as raised:
        call_command(
            "import_xlsx", "beneficiaries", workbook(rows), "--user", "center_staff.cantho"
        )
    assert raised.value.returncode == 1
    assert "Dòng 3, cột “Tỉnh/Thành phố” (“Tỉnh Không Có”)" in capsys.readouterr().err
    assert snapshot() == before


def test_reviewer_is_refused(world, workbook):
    with pytest.raises(CommandError):
        call_command(
            "import_xlsx",
            "beneficiaries",
            workbook(template_rows()),
            "--user",
            "department_reviewer.cantho",
        )
    assert Beneficiary.objects.count() == 0
