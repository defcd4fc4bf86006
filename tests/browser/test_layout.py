"""Pages a clerk can read: on a 1366 × 768 office screen a đề án list row is at most three lines
tall (the title is not squeezed to a word per line by money columns); on a 390 px phone no page
scrolls sideways, wide tables scroll inside their own box."""

from io import StringIO

import pytest
from django.core.management import call_command

from beneficiaries.models import Beneficiary
from projects.models import Plan, Project
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

# The tallest row and the line height of its cells, in px.
ROW_HEIGHTS = """
(selector) => {
  const rows = [...document.querySelectorAll(selector + " tbody tr")];
  return rows.map((row) => {
    const cells = [...row.querySelectorAll("td, th")];
    const style = getComputedStyle(cells[0]);
    const content = (cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return range.getBoundingClientRect().height;
    };
    const tallest = cells.reduce((a, b) => (content(b) > content(a) ? b : a));
    return {
      project: row.dataset.project,
      height: row.getBoundingClientRect().height,
      tallest: tallest.innerText.slice(0, 60) + " (" + tallest.offsetWidth + " px wide)",
      line: parseFloat(style.lineHeight),
      padding: parseFloat(style.paddingTop) + parseFloat(style.paddingBottom),
    };
  });
}
"""

SIDEWAYS = """
() => ({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  wide: [...document.querySelectorAll("body *")]
    .filter((el) => !el.closest(".table-responsive"))
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
    .slice(0, 5)
    .map((el) => el.tagName + "." + el.className),
})
"""


@pytest.fixture
def seeded(world, settings):
    """The demo data of `seed_demo`: the Sóc Trăng 2023 plan with its long Vietnamese titles."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    return world


def _rows_taller_than_three_lines(page, selector):
    rows = page.evaluate(ROW_HEIGHTS, selector)
    assert rows, f"no rows in {selector}"
    # A row holds three lines of its cells plus the cell's padding and a border.
    return [r for r in rows if r["height"] > 3 * r["line"] + r["padding"] + 2]


def test_a_project_list_row_is_at_most_three_lines_at_1366(page, seeded):
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, "center_staff.cantho")

    page.goto("/projects/?year=2023")
    longest = max(Project.objects.filter(plan__year=2023), key=lambda p: len(p.title))
    assert len(longest.title) > 150  # the seed's longest title really is long
    assert page.locator(f'tr[data-project="{longest.pk}"]').count() == 1
    assert _rows_taller_than_three_lines(page, '[data-testid="project-table"]') == []

    page.goto("/projects/")
    assert _rows_taller_than_three_lines(page, '[data-testid="project-table"]') == []


def test_a_plan_page_project_row_is_at_most_three_lines_at_1366(page, seeded):
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, "center_staff.cantho")
    plan = Plan.objects.get(province=seeded.soctrang, year=2023)

    page.goto(f"/plans/{plan.pk}/")

    rows = page.evaluate(ROW_HEIGHTS, '[data-testid="plan-projects"]')
    too_tall = [r for r in rows if r["project"] and r["height"] > 3 * r["line"] + r["padding"] + 2]
    assert too_tall == []


def _pages(seeded):
    plan = Plan.objects.get(province=seeded.soctrang, year=2023)
    longest = max(Project.objects.filter(plan=plan), key=lambda p: len(p.title))
    beneficiary = (
        Beneficiary.objects.filter(participations__project__plan=plan).order_by("pk").first()
    )
    return [
        "/",
        "/projects/",
        "/projects/?year=2023",
        "/plans/",
        f"/plans/{plan.pk}/",
        f"/projects/{longest.pk}/",
        "/beneficiaries/",
        f"/beneficiaries/{beneficiary.pk}/",
    ]


@pytest.mark.parametrize("username", ["center_staff.cantho", "ministry"])
def test_no_page_scrolls_sideways_on_a_phone(page, seeded, username):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, username)
    urls = _pages(seeded)
    if username == "center_staff.cantho":
        draft = Plan.objects.get(province=seeded.cantho.province, year=2026)
        urls += [f"/projects/new/?plan={draft.pk}", "/beneficiaries/new/"]

    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        measured = page.evaluate(SIDEWAYS)
        assert measured["scrollWidth"] <= measured["innerWidth"], (url, measured)


def test_a_wide_list_scrolls_inside_its_own_box_on_a_phone(page, seeded):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "center_staff.cantho")

    page.goto("/projects/?year=2023")

    box = page.locator(".table-responsive").first
    assert box.evaluate("(el) => el.scrollWidth > el.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
