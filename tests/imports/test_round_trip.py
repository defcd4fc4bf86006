"""The exported đề án list of a plan imports back unchanged."""

import datetime

import pytest

from khuyencong.importing.engine import get_kind, run_import
from tests.factories import BeneficiaryFactory, valid_tax_code
from tests.imports.helpers import snapshot, xlsx
from tests.imports.test_project_import import history_rows, this_year_rows

TODAY = datetime.date.today()


@pytest.fixture
def establishments(world):
    for first9 in ("220012345", "220054321"):
        BeneficiaryFactory(province=world.phutho.province, tax_code=valid_tax_code(first9))


@pytest.mark.parametrize(("rows", "year"), [(history_rows, 2024), (this_year_rows, 2026)])
def test_exported_list_of_a_plan_imports_back_unchanged(client, world, establishments, rows, year):
    user = world.phutho.center_staff
    kind = get_kind("projects")
    first = run_import(kind, xlsx(rows()), user=user, filename="a.xlsx", today=TODAY)
    assert first.written, first.messages()
    client.force_login(user)
    exported = client.get("/projects/", {"year": year, "format": "xlsx"})
    assert exported.status_code == 200
    before = snapshot()
    again = run_import(kind, exported.content, user=user, filename="export.xlsx", today=TODAY)
    assert not again.refused, again.refused
    assert again.counts["unchanged"] == len(rows()) - 1
    assert again.counts["error"] == again.counts["new"] == again.counts["update"] == 0
    assert snapshot() == before
