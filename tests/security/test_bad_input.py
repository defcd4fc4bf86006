"""Bad input never breaks a page and never loses a row: control characters, numbers too long for
Python's int(), ids too large for the database or not ASCII digits at all."""

import pytest
from django.urls import Resolver404, resolve, reverse

from beneficiaries.models import Beneficiary, Recognition
from khuyencong.fields import MoneyField
from khuyencong.forms import clean_text
from projects.models import Participation, Project
from tests.beneficiaries.test_edit import edit_data
from tests.factories import (
    BeneficiaryFactory,
    PlanFactory,
    ProjectFactory,
    beneficiary_form_data,
    commune_of,
)
from tests.security.posts import project_post

pytestmark = pytest.mark.django_db

HUGE_ID = "99999999999999999999"  # above 2^63 − 1
FIVE_THOUSAND_DIGITS = "9" * 5000  # Python's int() refuses more than 4.300
# What openpyxl refuses in a cell: one of them in a stored value broke every xlsx export.
XLSX_ILLEGAL = [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]]


@pytest.fixture
def staff(client, world):
    client.force_login(world.cantho.center_staff)
    return client


@pytest.fixture
def plan(world):
    return PlanFactory(province=world.cantho.province, year=2026)


def _create_beneficiary(client, world, **overrides):
    data = beneficiary_form_data(
        world.cantho.province, commune_of(world.cantho.province), **overrides
    )
    return client.post(reverse("beneficiaries:create"), data)


# --- Control characters --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "one_line", "textarea"),
    [
        ("Nguyễn\x0bVăn B", "Nguyễn Văn B", "Nguyễn\nVăn B"),  # a line break pasted from Word
        ("a\r\nb", "a b", "a\nb"),
        ("a\tb", "a b", "a\tb"),
        ("a\x00b\x1fc\x7fd", "abcd", "abcd"),
        ("Tiếng Việt có dấu ☺", "Tiếng Việt có dấu ☺", "Tiếng Việt có dấu ☺"),
    ],
)
def test_clean_text_keeps_every_character_of_text_and_no_control(typed, one_line, textarea):
    assert clean_text(typed) == one_line
    assert clean_text(typed, multiline=True) == textarea


def test_a_word_line_break_in_a_name_is_saved_as_a_space(staff, world):
    response = _create_beneficiary(
        staff,
        world,
        representative="Nguyễn\x0bVăn\x00 B",
        products="Mây tre\r\nđan\x0blát\x0c",
        street_address="Số 1\x1b, đường 3/2",
    )
    assert response.status_code == 302
    b = Beneficiary.objects.get()
    assert b.representative == "Nguyễn Văn B"
    assert b.products == "Mây tre\nđan\nlát"
    assert b.street_address == "Số 1, đường 3/2"
    stored = [b.name, b.representative, b.products, b.street_address, b.phone]
    assert not any(char in text for text in stored for char in XLSX_ILLEGAL)


def test_a_refused_form_shows_the_text_without_control_characters(staff, world):
    response = _create_beneficiary(staff, world, name="", representative="Trần\x0bThị C")
    assert response.status_code == 400
    assert 'value="Trần Thị C"' in response.content.decode()


def test_control_characters_are_cleaned_in_the_project_form_too(staff, world, plan):
    first, second = BeneficiaryFactory.create_batch(2, province=world.cantho.province)
    data = project_post(world.cantho, first, second, title="Hỗ trợ\x0bmáy móc\x00")
    assert staff.post(f"{reverse('projects:create')}?plan={plan.pk}", data).status_code == 302
    assert Project.objects.get().title == "Hỗ trợ máy móc"


def test_login_takes_the_username_without_control_characters(client, world):
    response = client.post(
        reverse("login"),
        {"username": "center_staff.cantho\x0b", "password": "test-password-123"},
    )
    assert response.status_code == 302
    assert response.wsgi_request.user.username == "center_staff.cantho"


# --- Numbers too long for int() -----------------------------------------------------------------


def test_money_of_five_thousand_digits_is_too_large_not_a_crash():
    field = MoneyField()
    for typed in (FIVE_THOUSAND_DIGITS, "1." + "000." * 1700 + "000", "1" + "0" * 16):
        with pytest.raises(Exception) as refused:
            field.clean(typed)
        assert refused.value.code == "too_large"
    assert field.clean("0" * 5000 + "1.000") == 1000  # leading zeros are not size
    assert field.clean("1.000.000.000.000.000") == 10**15


@pytest.mark.parametrize("field", ["revenue", "employees", "ocop_stars"])
def test_a_five_thousand_digit_number_is_a_message_on_the_beneficiary_form(staff, world, field):
    response = _create_beneficiary(staff, world, **{field: FIVE_THOUSAND_DIGITS})
    assert response.status_code == 400
    (message,) = response.context["form"].errors[field]
    assert message in ("Số tiền quá lớn.", "Hãy nhập một số nguyên, ví dụ 12.")
    assert not Beneficiary.objects.exists()


def test_a_five_thousand_digit_year_is_a_message_on_the_edit_form(staff, world):
    b = BeneficiaryFactory(name="Cơ sở năm")
    data = edit_data(
        b,
        recognitions=[{"product": "Bánh pía", "level": "tinh", "year": FIVE_THOUSAND_DIGITS}],
        snapshots=[{"year": "2024", "revenue": FIVE_THOUSAND_DIGITS, "employees": "9" * 30}],
    )
    response = staff.post(reverse("beneficiaries:edit", args=[b.pk]), data)
    assert response.status_code == 400
    assert response.context["recognitions"].forms[0].errors["year"]
    assert response.context["snapshots"].forms[0].errors["revenue"] == ["Số tiền quá lớn."]
    assert response.context["snapshots"].forms[0].errors["employees"]
    assert not Recognition.objects.exists()


@pytest.mark.parametrize(
    ("row", "value"),
    [
        ("budget-0-proposed", FIVE_THOUSAND_DIGITS),
        ("participants-0-support_amount", FIVE_THOUSAND_DIGITS),
        ("outputs-0-planned", FIVE_THOUSAND_DIGITS),
        ("participants-0-beneficiary", HUGE_ID),
        ("participants-0-beneficiary", FIVE_THOUSAND_DIGITS),
        ("lock_version", HUGE_ID),
    ],
)
def test_huge_numbers_and_ids_in_the_project_form_are_refused_not_a_crash(
    staff, world, plan, row, value
):
    first, second = BeneficiaryFactory.create_batch(2, province=world.cantho.province)
    data = project_post(world.cantho, first, second)
    data[row] = value
    response = staff.post(f"{reverse('projects:create')}?plan={plan.pk}", data)
    assert response.status_code == 400
    assert (Project.objects.count(), Participation.objects.count()) == (0, 0)


def test_a_huge_version_on_the_beneficiary_edit_form_is_refused(staff, world):
    b = BeneficiaryFactory(name="Cơ sở phiên bản")
    data = edit_data(b, name="Tên mới", lock_version=HUGE_ID)
    response = staff.post(reverse("beneficiaries:edit", args=[b.pk]), data)
    assert response.status_code == 400
    b.refresh_from_db()
    assert b.name == "Cơ sở phiên bản"


# --- Ids in URLs and query strings ---------------------------------------------------------------


@pytest.mark.parametrize("plan_param", ["²", "١", "1.0", " 1", "-1", "+1", "0x1", HUGE_ID, ""])
def test_a_plan_id_that_is_not_plain_ascii_digits_is_404(staff, plan, plan_param):
    response = staff.get(reverse("projects:create"), {"plan": plan_param})
    assert response.status_code == 404


def test_a_plan_id_in_plain_digits_opens_the_form(staff, plan):
    assert staff.get(reverse("projects:create"), {"plan": str(plan.pk)}).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/projects/{id}/",
        "/projects/{id}/edit/",
        "/plans/{id}/",
        "/beneficiaries/{id}/",
        "/beneficiaries/{id}/edit/",
    ],
)
def test_an_id_above_the_database_range_does_not_match_a_url(staff, world, path):
    with pytest.raises(Resolver404):
        resolve(path.format(id=HUGE_ID))
    assert resolve(path.format(id="9" * 18)).kwargs == {"pk": 10**18 - 1}
    assert staff.get(path.format(id=HUGE_ID)).status_code == 404
    assert staff.get(path.format(id="9" * 18)).status_code == 404


def test_urls_are_still_built_from_ids(world):
    project = ProjectFactory()
    assert reverse("projects:detail", args=[project.pk]) == f"/projects/{project.pk}/"


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("beneficiaries:list", {"province": HUGE_ID}),
        ("beneficiaries:list", {"province": "²"}),
        ("beneficiaries:list", {"commune": HUGE_ID}),
        ("beneficiaries:list", {"communes_for": HUGE_ID}),
        ("beneficiaries:list", {"communes_for": "²"}),
        ("beneficiaries:list", {"communes_for": FIVE_THOUSAND_DIGITS}),
        ("beneficiaries:list", {"province": "-" + HUGE_ID, "format": "csv"}),
        ("projects:list", {"province": HUGE_ID}),
        ("projects:list", {"content": HUGE_ID}),
        ("projects:list", {"content": "1.5"}),
        ("projects:list", {"year": FIVE_THOUSAND_DIGITS}),
        ("projects:list", {"year": HUGE_ID, "status": "\x00"}),
        ("projects:plan_list", {"province": HUGE_ID, "year": HUGE_ID}),
        ("beneficiaries:search", {"q": "\x00" + FIVE_THOUSAND_DIGITS}),
    ],
)
def test_odd_ids_in_list_filters_answer_without_a_crash(staff, world, url, params):
    response = staff.get(reverse(url), params)
    assert response.status_code in (200, 400)
