"""Property-based: every query-string parameter of every list and report URL, given arbitrary
text and numbers, never answers a 500 (a 400 with a message, a 404, or the page).

The parameters are read from the pages themselves (the names of their GET forms' fields, plus
page, sort and format), so a filter added to a page is fuzzed without touching this test."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.registry import REPORTS
from tests.factories import BeneficiaryFactory, PlanFactory, ProjectFactory, add_budget
from tests.security.test_fuzz_forms import FUZZ, value

pytestmark = pytest.mark.django_db

ALWAYS = {"page", "sort", "format", "q"}
# Fifteen URLs: fewer examples each than the form fuzzing, the same reach in all.
QUERY_FUZZ = settings(FUZZ, max_examples=20)
# Valid values among the arbitrary ones, so the fuzzing also reaches the deeper branches.
VALID = st.sampled_from(
    [
        "",
        "1",
        "2",
        "2025",
        "2023",
        "html",
        "xlsx",
        "csv",
        "json",
        "year",
        "h1",
        "current",
        "historical",
        "bac",
        "kcqg",
        "kcdp",
        "approved",
        "draft",
        "-total",
        "title",
        "92",
        "25",
    ]
)


# Numbers as a URL can carry them: other scripts' digits, beyond the database, beyond int().
ODD_NUMBERS = st.sampled_from(
    [
        "²",
        "²⁰²⁵",
        "٢٠٢٥",
        "२०२५",
        "𝟐𝟎𝟐𝟓",
        "99999999999999999999",
        "9" * 5000,
        "-1",
        "0",
        "1.5",
        "1e3",
        " 2025",
        "2025\x00",
        "0x7e9",
        "+2025",
    ]
)


class _GetFormFields(HTMLParser):
    """The names of the fields of a page's GET forms."""

    def __init__(self):
        super().__init__()
        self.names, self._in_get_form = set(), False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif (
            tag in ("input", "select", "textarea")
            and self._in_get_form
            and attrs.get("name")
            and attrs.get("type") not in ("submit", "button")
        ):
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def parameters(client, url) -> list[str]:
    parser = _GetFormFields()
    parser.feed(client.get(url).content.decode())
    return sorted(parser.names | ALWAYS)


@pytest.fixture
def clients(world):
    plan = PlanFactory(province=world.cantho.province, year=2025, status="approved")
    add_budget(ProjectFactory(plan=plan), kcdp=100_000_000, counterpart=20_000_000)
    BeneficiaryFactory(province=world.cantho.province)
    result = {}
    for key, user in (("centre", world.cantho.center_staff), ("ministry", world.ministry)):
        result[key] = Client(raise_request_exception=False)
        result[key].force_login(user)
    result["plan"] = plan.pk
    return result


LIST_URLS = [
    ("centre", "/beneficiaries/"),
    ("centre", "/beneficiaries/search/"),
    ("centre", "/plans/"),
    ("ministry", "/projects/"),
    ("centre", "/projects/"),
    ("ministry", "/ministry/projects/"),
    ("centre", "/notifications/"),
]


def _fuzz(client, url, names):
    @QUERY_FUZZ
    @given(
        st.dictionaries(
            st.sampled_from(names),
            st.one_of(ODD_NUMBERS, VALID, value),
            min_size=1,
            max_size=len(names),
        )
    )
    def run(params):
        response = client.get(url, params)
        assert response.status_code < 500, (url, params, response.status_code)

    run()


@pytest.mark.parametrize(("who", "url"), LIST_URLS)
def test_list_query_strings_never_answer_500(clients, who, url):
    names = parameters(clients[who], url)
    if url in ("/projects/", "/beneficiaries/"):
        assert {"province", "q"} <= set(names), names  # the filter bar was found
    _fuzz(clients[who], url, names)


REPORT_NAMES = [name for name, spec in REPORTS.items() if spec.build is not None]


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_report_query_strings_never_answer_500(clients, name):
    names = parameters(clients["ministry"], "/reports/")
    assert {"year", "province"} <= set(names), names
    names = sorted(set(names) | {"from", "to", "period", "grouping", "region"})
    _fuzz(clients["ministry"], f"/reports/{name}/", [n for n in names if n != "format"])


def test_plan_report_query_strings_never_answer_500(clients):
    names = parameters(clients["centre"], "/reports/")
    _fuzz(clients["centre"], "/reports/plan/", sorted(set(names) | {"plan"}))
    _fuzz(clients["centre"], f"/reports/plan/{clients['plan']}/", ["format", "year"])
