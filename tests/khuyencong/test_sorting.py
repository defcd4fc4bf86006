"""Sorting of the list pages (?sort=key, ?sort=-key) through django-filter's OrderingFilter: the
same keys and defaults as the column headers use, unknown keys fall back, and the primary key
breaks ties so pages are stable."""

import pytest
from django.urls import reverse

from tests.factories import BeneficiaryFactory, PlanFactory, ProjectFactory, add_budget

pytestmark = pytest.mark.django_db

PROJECTS = reverse("projects:list")
BENEFICIARIES = reverse("beneficiaries:list")


@pytest.fixture
def projects(world):
    old = PlanFactory(province=world.soctrang, year=2023)
    new = PlanFactory(province=world.cantho.province, year=2026)
    rows = {
        "a": ProjectFactory(plan=old, title="A"),
        "b": ProjectFactory(plan=new, title="B"),
        "c": ProjectFactory(plan=new, title="C"),
    }
    add_budget(rows["a"], kcdp=300)
    add_budget(rows["b"], kcdp=100)
    add_budget(rows["c"], kcdp=200)
    return rows


def _titles(response):
    assert response.status_code == 200
    return [p.title for p in response.context["projects"]]


@pytest.mark.parametrize(
    ("sort", "titles", "applied"),
    [
        (None, ["B", "C", "A"], "-year"),  # newest year first, then the primary key
        ("year", ["A", "B", "C"], "year"),
        ("title", ["A", "B", "C"], "title"),
        ("-title", ["C", "B", "A"], "-title"),
        ("kcdp", ["B", "C", "A"], "kcdp"),
        ("-total", ["A", "C", "B"], "-total"),
    ],
)
def test_the_project_list_sorts_by_the_header_keys(client, world, projects, sort, titles, applied):
    client.force_login(world.cantho.center_staff)

    response = client.get(PROJECTS, {"sort": sort} if sort else {})

    assert _titles(response) == titles
    assert response.context["sort"] == applied


@pytest.mark.parametrize(
    "sort", ["evil", "-", "--year", "pk", "plan__year", "year,title", "title;drop", "²"]
)
def test_an_unknown_sort_key_falls_back_to_the_default(client, world, projects, sort):
    client.force_login(world.cantho.center_staff)

    response = client.get(PROJECTS, {"sort": sort})

    assert _titles(response) == ["B", "C", "A"]
    assert response.context["sort"] == "-year"


def test_the_beneficiary_list_sorts_by_name_unless_asked(client, world):
    BeneficiaryFactory(name="Bánh pía", employees=5)
    BeneficiaryFactory(name="An Phú", employees=20)
    BeneficiaryFactory(name="Cơ khí", employees=1)
    client.force_login(world.cantho.center_staff)

    default = client.get(BENEFICIARIES)
    by_employees = client.get(BENEFICIARIES, {"sort": "-employees"})
    unknown = client.get(BENEFICIARIES, {"sort": "name_key"})

    assert [b.name for b in default.context["page_obj"]] == ["An Phú", "Bánh pía", "Cơ khí"]
    assert default.context["sort"] == "name"
    assert [b.name for b in by_employees.context["page_obj"]] == ["An Phú", "Bánh pía", "Cơ khí"]
    assert by_employees.context["sort"] == "-employees"
    assert unknown.context["sort"] == "name"


def test_ties_are_broken_by_the_primary_key_so_pages_are_stable(client, world):
    same = [BeneficiaryFactory(name="Cơ sở", employees=3) for _ in range(30)]
    client.force_login(world.cantho.center_staff)

    first = client.get(BENEFICIARIES, {"sort": "employees"}).context["page_obj"]
    second = client.get(BENEFICIARIES, {"sort": "employees", "page": 2}).context["page_obj"]

    assert [b.pk for b in first] + [b.pk for b in second] == [b.pk for b in same]


def test_a_deep_page_reads_its_ids_first_and_keeps_the_order(client, world, monkeypatch):
    from khuyencong import listing
    from tests.factories import PlanFactory, ProjectFactory

    monkeypatch.setattr(listing, "DEEP_OFFSET", 5)
    plan = PlanFactory(province=world.cantho.province, year=2026)
    projects = [ProjectFactory(plan=plan, title=f"Đề án {n:02d}") for n in range(60)]
    client.force_login(world.cantho.center_staff)

    shallow = client.get("/projects/", {"sort": "title"}).context["page_obj"]
    deep = client.get("/projects/", {"sort": "title", "page": 3}).context["page_obj"]

    titles = sorted(p.title for p in projects)
    assert [p.title for p in shallow] == titles[:25]
    assert [p.title for p in deep] == titles[50:]
    assert deep.number == 3 and deep.paginator.num_pages == 3
