"""Property-based: whatever text and numbers are posted to the beneficiary and đề án forms, the
answer is never a 500, a refused submission writes nothing, and what is saved holds no character
an export cannot write.

Examples are bounded (40 per test) so the suite stays fast; on CI they are derandomised so a run
is repeatable, elsewhere each run tries new ones."""

import os

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beneficiaries.models import Beneficiary, Recognition, Snapshot
from projects.models import BudgetLine, Participation, Project, ProjectOutput
from tests.beneficiaries.test_edit import edit_data
from tests.factories import BeneficiaryFactory, PlanFactory, beneficiary_form_data, commune_of
from tests.security.posts import project_post

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
XLSX_ILLEGAL = {chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]}

# Any Unicode (control characters included, surrogates excluded: they cannot be sent as UTF-8).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
odd_text = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "\x0b",
        "Nguyễn\x0bVăn\r\nB",
        "²",
        "١٢٣",
        "𝟏𝟐",
        "1e400",
        "NaN",
        "-0",
        "0x1F",
        "'; DROP TABLE x; --",
        "<script>alert(1)</script>",
        '=HYPERLINK("x")',
        "\u202e\u200b",
        "9" * 5000,
        "1." + "000." * 1500 + "000",
    ]
)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.integers(min_value=4000, max_value=6000).map(lambda n: "9" * n),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
value = st.one_of(any_text, odd_text, numbers)


def _fields(names):
    """A few of the form's fields, each given a hostile value."""
    return st.dictionaries(st.sampled_from(names), value, min_size=1, max_size=len(names))


def _assert_no_illegal_text(*texts):
    for text in texts:
        assert not set(text or "") & XLSX_ILLEGAL, repr(text)


BENEFICIARY_FIELDS = [
    "name",
    "kind",
    "tax_code",
    "representative",
    "phone",
    "email",
    "province",
    "commune",
    "street_address",
    "old_address",
    "product_group",
    "products",
    "employees",
    "revenue",
    "craft_village",
    "ocop_stars",
    "confirm_not_duplicate",
]


@pytest.fixture
def staff(client, world):
    client.force_login(world.cantho.center_staff)
    return client


@FUZZ
@given(fuzzed=_fields(BENEFICIARY_FIELDS))
def test_beneficiary_create_never_breaks_and_a_refusal_writes_nothing(staff, world, fuzzed):
    data = beneficiary_form_data(world.cantho.province, commune_of(world.cantho.province))
    data.update(fuzzed)
    before = Beneficiary.objects.count()

    response = staff.post(reverse("beneficiaries:create"), data)

    assert response.status_code in (200, 302, 400)
    if response.status_code == 302:
        saved = Beneficiary.objects.latest("pk")
        assert Beneficiary.objects.count() == before + 1
        _assert_no_illegal_text(saved.name, saved.representative, saved.products, saved.phone)
    else:
        assert Beneficiary.objects.count() == before


RECOGNITION_FIELDS = ["product", "level", "year"]
SNAPSHOT_FIELDS = ["year", "revenue", "employees", "capacity"]


@FUZZ
@given(
    fuzzed=_fields([*BENEFICIARY_FIELDS, "lock_version"]),
    recognition=_fields(RECOGNITION_FIELDS),
    snapshot=_fields(SNAPSHOT_FIELDS),
)
def test_beneficiary_edit_never_breaks_and_a_refusal_changes_nothing(
    staff, world, fuzzed, recognition, snapshot
):
    b = BeneficiaryFactory(name="Cơ sở gốc", employees=7, revenue=1_000_000)
    Recognition.objects.create(beneficiary=b, product="Bánh pía", level="tinh", year=2024)
    data = edit_data(
        b,
        recognitions=[{"product": "Nem", "level": "tinh", "year": "2023", **recognition}],
        snapshots=[{"year": "2024", "revenue": "5.000", **snapshot}],
    )
    data.pop("confirm_not_duplicate", None)
    data.update(fuzzed)
    stored = Beneficiary.objects.filter(pk=b.pk).values().get()
    rows = (Recognition.objects.count(), Snapshot.objects.count())

    response = staff.post(reverse("beneficiaries:edit", args=[b.pk]), data)

    assert response.status_code in (302, 400, 409)
    b.refresh_from_db()
    if response.status_code == 302:
        assert b.lock_version == stored["lock_version"] + 1
        _assert_no_illegal_text(b.name, b.representative, b.products, b.street_address)
        for r in b.recognitions.all():
            _assert_no_illegal_text(r.product)
    else:
        assert Beneficiary.objects.filter(pk=b.pk).values().get() == stored
        assert (Recognition.objects.count(), Snapshot.objects.count()) == rows


PROJECT_FIELDS = [
    "title",
    "program",
    "content",
    "implementing_organisation",
    "commune",
    "start_month",
    "end_month",
    "objectives",
    "scale",
    "lock_version",
    "budget-0-source",
    "budget-0-proposed",
    "budget-1-proposed",
    "participants-0-beneficiary",
    "participants-0-beneficiary_name",
    "participants-0-support_amount",
    "participants-1-counterpart_amount",
    "outputs-0-indicator",
    "outputs-0-planned",
]


def _project_rows():
    return (
        Project.objects.count(),
        BudgetLine.objects.count(),
        Participation.objects.count(),
        ProjectOutput.objects.count(),
    )


@FUZZ
@given(fuzzed=_fields(PROJECT_FIELDS))
def test_project_create_never_breaks_and_a_refusal_writes_nothing(staff, world, fuzzed):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    first, second = BeneficiaryFactory.create_batch(2, province=world.cantho.province)
    data = project_post(world.cantho, first, second)
    data.update(fuzzed)
    before = _project_rows()

    response = staff.post(f"{reverse('projects:create')}?plan={plan.pk}", data)

    assert response.status_code in (302, 400)
    if response.status_code == 302:
        project = Project.objects.latest("pk")
        _assert_no_illegal_text(project.title, project.objectives, project.scale)
    else:
        assert _project_rows() == before
