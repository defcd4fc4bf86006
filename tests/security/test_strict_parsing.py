"""One strict parser for every id, year and page a request carries, and `next` only to a path of
this site: a value that is not one is a 4xx with a message, never a 500."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from khuyencong.converters import parse_id, parse_ids, parse_next_path, parse_page, parse_year
from khuyencong.fields import MoneyField
from khuyencong.forms import clean_text
from khuyencong.models import Notification
from projects.models import AdjustmentItem, Project
from tests.factories import BeneficiaryFactory, PlanFactory
from tests.projects.review_world import approved_plan
from tests.security.posts import project_post

pytestmark = pytest.mark.django_db

HUGE_ID = "99999999999999999999"  # above 2^63 − 1
NOT_DIGITS = ["²", "١٢", "1.0", " 1", "-1", "+1", "0x1", "1e3", "", "0", HUGE_ID, "9" * 5000]


@pytest.mark.parametrize("value", NOT_DIGITS)
def test_parse_id_takes_only_plain_ascii_digits_within_the_database_range(value):
    assert parse_id(value) is None


def test_parse_id_reads_ids():
    assert parse_id("42") == 42
    assert parse_id("9" * 18) == 10**18 - 1
    assert parse_ids(["1", "2"]) == [1, 2]
    assert parse_ids(["1", "²"]) is None
    assert parse_ids([]) == []


@pytest.mark.parametrize("value", ["²⁰²⁶", "٢٠٢٦", "202", "20266", "2026.0", "x", "", None])
def test_parse_year_takes_four_ascii_digits(value):
    assert parse_year(value) is None


def test_parse_year_bounds_and_page_numbers():
    assert parse_year("2026") == 2026
    assert parse_year("1899") is None
    assert parse_year("2026", first=2027) is None
    assert parse_page("3") == 3
    assert [parse_page(v) for v in ("²", "0", "-2", "9" * 5000, None)] == [1, 1, 1, 1, 1]


@pytest.mark.parametrize(
    "value", ["0", "logout", "admin:index", "//evil.example/", "https://evil.example/", "/\\evil"]
)
def test_next_is_only_a_path_of_this_site(value):
    request = RequestFactory().post("/notifications/read/")
    assert parse_next_path(request, value) is None
    assert parse_next_path(request, "/plans/1/?tab=review") == "/plans/1/?tab=review"


# --- The requests the probe found answering 500 --------------------------------------------------


@pytest.fixture
def staff(client, world):
    client.force_login(world.cantho.center_staff)
    return client


@pytest.mark.parametrize("name", ["results", "funding", "consolidated", "series", "project_list"])
@pytest.mark.parametrize("param", ["year", "from", "to"])
def test_a_report_year_in_superscript_digits_is_a_400_with_a_message(staff, name, param):
    response = staff.get(f"/reports/{name}/", {param: "²"})
    assert response.status_code == 400
    assert "không phải là năm" in response.content.decode()


@pytest.mark.parametrize("value", ["²", HUGE_ID, "0", "abc"])
def test_a_plan_report_choice_that_is_not_an_id_is_a_400(staff, value):
    assert staff.get("/reports/plan/", {"plan": value}).status_code == 400


def test_a_plan_report_id_above_the_database_range_is_a_404(staff):
    assert staff.get(f"/reports/plan/{HUGE_ID}/").status_code == 404
    assert staff.get(f"/exports/{HUGE_ID}/").status_code == 404


@pytest.mark.parametrize("value", ["²", HUGE_ID, "1.0"])
def test_marking_a_notification_read_with_an_odd_id_is_a_400(staff, world, value):
    Notification.objects.create(recipient=world.cantho.center_staff, text="Kế hoạch đã duyệt")
    response = staff.post("/notifications/read/", {"id": value})
    assert response.status_code == 400
    assert not Notification.objects.filter(read_at__isnull=False).exists()


@pytest.mark.parametrize("value", ["0", "logout", "dashboard", "//evil.example/x"])
def test_next_after_marking_read_is_never_a_url_name_or_another_site(staff, world, value):
    response = staff.post("/notifications/read/", {"next": value})
    assert response.status_code == 302
    assert response.url == reverse("notifications")
    # Still signed in: "logout" was not followed.
    assert staff.get("/notifications/").status_code == 200


def test_next_after_marking_read_follows_a_path_of_this_site(staff):
    response = staff.post("/notifications/read/", {"next": "/plans/"})
    assert (response.status_code, response.url) == (302, "/plans/")


@pytest.mark.parametrize("value", ["²", HUGE_ID, "-1", ""])
def test_stopping_a_project_that_is_not_an_id_is_a_400(client, world, value):
    from projects import adjustments

    plan = approved_plan(world.cantho)
    adjustment = adjustments.adjustment_open(
        user=world.cantho.center_staff, plan=plan, reason="Ngừng một đề án."
    )
    client.force_login(world.cantho.center_staff)
    response = client.post(
        f"/adjustments/{adjustment.pk}/stop/", {"project": value, "reason": "Không còn nhu cầu"}
    )
    assert response.status_code == 400
    assert not AdjustmentItem.objects.exists()


@pytest.mark.parametrize("value", ["²⁰²⁷", "9" * 5000, "abc"])
def test_opening_a_plan_for_a_year_that_is_not_one_is_refused_with_a_message(staff, value):
    response = staff.post("/plans/open/", {"year": value}, follow=True)
    assert response.status_code == 200
    assert "chỉ được lập" in response.content.decode().lower() or response.context["messages"]


# --- Login --------------------------------------------------------------------------------------


def test_a_username_over_255_characters_is_a_400_with_a_message_and_counts(client, world):
    response = client.post(
        reverse("login"), {"username": "a" * 300, "password": "x"}, REMOTE_ADDR="10.0.0.5"
    )
    assert response.status_code == 400
    assert "150" in response.content.decode()
    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address == "10.0.0.5" and attempt.failures_since_start == 1
    assert len(attempt.username) <= 150


def test_twenty_long_usernames_lock_the_address(client, world):
    for n in range(20):
        client.post(reverse("login"), {"username": f"{n}" + "a" * 300, "password": "x"})
    response = client.post(
        reverse("login"), {"username": "center_staff.cantho", "password": "test-password-123"}
    )
    assert response.status_code == 429


# --- Amounts and text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("1.5", "grouping"),
        ("1.50.000", "grouping"),
        ("1.000 000", "grouping"),
        ("1_000", "invalid"),
    ],
)
def test_dots_are_thousands_separators_only_in_groups_of_three(typed, code):
    with pytest.raises(Exception) as refused:
        MoneyField().clean(typed)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("typed", "amount"), [("1.500.000", 1_500_000), ("1 500 000", 1_500_000), ("15", 15)]
)
def test_grouped_amounts_are_read(typed, amount):
    assert MoneyField().clean(typed) == amount


def test_an_amount_of_one_point_five_is_refused_on_the_project_form(staff, world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    first, second = BeneficiaryFactory.create_batch(2, province=world.cantho.province)
    data = project_post(world.cantho, first, second)
    data["budget-0-proposed"] = "1.5"
    response = staff.post(f"{reverse('projects:create')}?plan={plan.pk}", data)
    assert response.status_code == 400
    assert "nhóm ba chữ số" in response.content.decode()
    assert not Project.objects.exists()


@pytest.mark.parametrize("mark", ["\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u200f"])
def test_marks_that_reorder_text_are_stripped(mark):
    assert clean_text(f"hóa đơn{mark}fdp.exe") == "hóa đơnfdp.exe"


def test_a_right_to_left_override_is_not_stored_in_a_title(staff, world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    first, second = BeneficiaryFactory.create_batch(2, province=world.cantho.province)
    data = project_post(world.cantho, first, second, title="Hỗ trợ máy\u202e móc\u2066")
    assert staff.post(f"{reverse('projects:create')}?plan={plan.pk}", data).status_code == 302
    assert Project.objects.get().title == "Hỗ trợ máy móc"


def test_notifications_are_left_alone_by_a_refused_request(staff, world):
    Notification.objects.create(recipient=world.cantho.center_staff, text="x")
    staff.post("/notifications/read/", {"id": ["1", "²"]})
    assert Notification.objects.filter(read_at__isnull=True).count() == 1
