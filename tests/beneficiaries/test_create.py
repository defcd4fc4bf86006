"""Registering an establishment: tax codes, uniqueness, bad input, who may do it."""

import itertools

import pytest
from django.urls import reverse

from beneficiaries.models import Beneficiary
from beneficiaries.taxcode import check_digit
from tests.factories import BeneficiaryFactory, beneficiary_form_data, commune_of, valid_tax_code

pytestmark = pytest.mark.django_db

CREATE = reverse("beneficiaries:create")
GOOD = valid_tax_code("010010910")
AMBIGUOUS_PREFIX = next(
    "".join(digits)
    for digits in itertools.product("0123456789", repeat=9)
    if "".join(digits) >= "010000000" and check_digit("".join(digits)) == 10
)


def _post(client, side, **overrides):
    client.force_login(side.center_staff)
    data = beneficiary_form_data(side.province, commune_of(side.province), **overrides)
    return client.post(CREATE, data)


def _field_errors(response, field):
    return [e for e in response.context["form"].errors.get(field, [])]


def test_centre_staff_registers_an_establishment_and_lands_on_its_page(client, world):
    response = _post(client, world.cantho, tax_code=GOOD)
    beneficiary = Beneficiary.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("beneficiaries:detail", args=[beneficiary.pk])
    assert beneficiary.tax_code == GOOD
    assert beneficiary.revenue == 1_500_000_000
    assert beneficiary.created_by == world.cantho.center_staff
    assert beneficiary.history.get().history_user == world.cantho.center_staff


def test_empty_tax_code_is_stored_as_null(client, world):
    _post(client, world.cantho, tax_code="  ")
    _post(client, world.cantho, tax_code="", name="Cơ sở khác")
    assert list(Beneficiary.objects.values_list("tax_code", flat=True)) == [None, None]


def test_wrong_check_digit_is_refused_naming_the_right_digit(client, world):
    wrong = GOOD[:9] + str((int(GOOD[9]) + 1) % 10)
    response = _post(client, world.cantho, tax_code=wrong)
    assert response.status_code == 400
    assert _field_errors(response, "tax_code") == [
        f"Chữ số kiểm tra của mã số thuế không đúng (chữ số thứ 10 phải là {GOOD[9]})."
    ]
    html = response.content.decode()
    assert 'data-field-error="tax_code"' in html
    assert f'value="{wrong}"' in html  # what was typed is still there
    assert 'value="Cơ sở mây tre đan Hòa Bình"' in html
    assert not Beneficiary.objects.exists()


@pytest.mark.parametrize("typed", [f"{GOOD}-001", f"{GOOD}001", f" {GOOD[:4]} {GOOD[4:]}-001 "])
def test_branch_code_is_stored_hyphenated(client, world, typed):
    response = _post(client, world.cantho, tax_code=typed)
    assert response.status_code == 302
    assert Beneficiary.objects.get().tax_code == f"{GOOD}-001"


def test_twelve_digit_personal_number_is_accepted(client, world):
    response = _post(client, world.cantho, tax_code="092085001234")
    assert response.status_code == 302
    assert Beneficiary.objects.get().tax_code == "092085001234"


@pytest.mark.parametrize("garbage", ["abc", "01234", "0100109106-0001", "12345678901234567"])
def test_garbage_tax_code_gets_a_vietnamese_message(client, world, garbage):
    response = _post(client, world.cantho, tax_code=garbage)
    assert response.status_code == 400
    (message,) = _field_errors(response, "tax_code")
    assert "mã số thuế" in message.lower()


def test_ambiguous_check_digit_saves_with_a_warning_not_an_error(client, world):
    response = _post(client, world.cantho, tax_code=AMBIGUOUS_PREFIX + "0")
    assert response.status_code == 302
    page = client.get(response.url)
    html = page.content.decode()
    assert "Không thể kiểm tra chữ số kiểm tra của mã số thuế này" in html
    assert "alert-warning" in html
    assert Beneficiary.objects.get().tax_code == AMBIGUOUS_PREFIX + "0"


def test_taken_tax_code_names_the_establishment_holding_it(client, world):
    holder = BeneficiaryFactory(name="HTX Chè Thanh Sơn", tax_code=GOOD)
    response = _post(client, world.cantho, tax_code=GOOD[:5] + " " + GOOD[5:])
    assert response.status_code == 400
    (message,) = _field_errors(response, "tax_code")
    assert holder.name in message
    assert "đã được đăng ký" in message
    assert Beneficiary.objects.count() == 1


def test_taken_tax_code_of_another_province_is_not_named(client, world):
    BeneficiaryFactory(name="Bí mật Phú Thọ", tax_code=GOOD, province=world.phutho.province)
    response = _post(client, world.cantho, tax_code=GOOD)
    assert response.status_code == 400
    (message,) = _field_errors(response, "tax_code")
    assert "Bí mật" not in message
    assert "tỉnh/thành phố khác" in message


def test_commune_of_another_province_is_refused(client, world):
    other = commune_of(world.phutho.province)
    response = _post(client, world.cantho, commune=other.pk)
    assert response.status_code == 400
    (message,) = _field_errors(response, "commune")
    assert "không thuộc tỉnh/thành phố đã chọn" in message


def test_province_not_visible_is_refused(client, world):
    response = _post(
        client,
        world.cantho,
        province=world.phutho.province.pk,
        commune=commune_of(world.phutho.province).pk,
    )
    assert response.status_code == 400
    assert _field_errors(response, "province")
    assert not Beneficiary.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("employees", "-3"), ("employees", "mười"), ("ocop_stars", "6"), ("revenue", "1,5")],
)
def test_bad_numbers_are_refused_next_to_the_field(client, world, field, value):
    response = _post(client, world.cantho, **{field: value})
    assert response.status_code == 400
    assert _field_errors(response, field)
    assert f'data-field-error="{field}"' in response.content.decode()


def test_missing_name_says_so_in_vietnamese(client, world):
    response = _post(client, world.cantho, name="   ")
    assert response.status_code == 400
    assert _field_errors(response, "name") == ["Vui lòng nhập tên cơ sở."]


def test_form_offers_the_visible_current_province_and_home_communes(client, world):
    client.force_login(world.cantho.center_staff)
    response = client.get(CREATE)
    assert response.status_code == 200
    form = response.context["form"]
    # Sóc Trăng and Hậu Giang are visible to Cần Thơ but were dissolved on 1/7/2025.
    assert list(form.fields["province"].queryset) == [world.cantho.province]
    assert form.fields["province"].initial == world.cantho.province.pk
    communes = form.fields["commune"].queryset
    assert communes.count() == world.cantho.province.communes.count()
    assert "js/beneficiaries.js" in response.content.decode()


def test_commune_options_for_a_province_come_as_json(client, world):
    client.force_login(world.cantho.center_staff)
    url = reverse("beneficiaries:list")
    mine = client.get(url, {"communes_for": world.cantho.province.pk}).json()["results"]
    theirs = client.get(url, {"communes_for": world.phutho.province.pk}).json()["results"]
    junk = client.get(url, {"communes_for": "x"}).json()["results"]
    assert len(mine) == world.cantho.province.communes.count()
    assert {"id", "name"} == set(mine[0])
    assert theirs == [] and junk == []


@pytest.mark.parametrize("who", ["department_reviewer"])
def test_reviewer_cannot_register(client, world, who):
    client.force_login(getattr(world.cantho, who))
    assert client.get(CREATE).status_code == 403
    data = beneficiary_form_data(world.cantho.province, commune_of(world.cantho.province))
    assert client.post(CREATE, data).status_code == 403
    assert not Beneficiary.objects.exists()


def test_ministry_cannot_register(client, world):
    client.force_login(world.ministry)
    data = beneficiary_form_data(world.cantho.province, commune_of(world.cantho.province))
    assert client.post(CREATE, data).status_code == 403


def test_centre_head_may_register(client, world):
    client.force_login(world.phutho.center_head)
    data = beneficiary_form_data(world.phutho.province, commune_of(world.phutho.province))
    assert client.post(CREATE, data).status_code == 302


# --- The service, as imports and other apps call it ---------------------------------------------


def _service_data(world, **overrides):
    data = {"name": "Cơ sở A", "kind": "htx", "province": world.cantho.province}
    data.update(overrides)
    return data


def test_service_stores_the_canonical_tax_code_and_null_for_none(world):
    from beneficiaries.services import beneficiary_create

    user = world.cantho.center_staff
    branch = beneficiary_create(user=user, data=_service_data(world, tax_code=f"{GOOD}002"))
    blank = beneficiary_create(user=user, data=_service_data(world, name="B", tax_code=" "))
    assert branch.tax_code == f"{GOOD}-002"
    assert blank.tax_code is None


def test_service_refuses_a_taken_tax_code_and_a_stray_commune(world):
    from django.core.exceptions import ValidationError

    from beneficiaries.services import beneficiary_create

    user = world.cantho.center_staff
    beneficiary_create(user=user, data=_service_data(world, tax_code=GOOD))
    with pytest.raises(ValidationError) as taken:
        beneficiary_create(user=user, data=_service_data(world, tax_code=GOOD))
    assert "tax_code" in taken.value.message_dict
    with pytest.raises(ValidationError) as stray:
        beneficiary_create(
            user=user, data=_service_data(world, commune=commune_of(world.phutho.province))
        )
    assert "commune" in stray.value.message_dict
    assert Beneficiary.objects.count() == 1


@pytest.mark.parametrize("code", ["0100000003", "0000000000", "0100000003-001"])
def test_tax_code_with_a_zero_sequence_number_is_refused(client, world, code):
    response = _post(client, world.cantho, tax_code=code)
    assert response.status_code == 400
    assert _field_errors(response, "tax_code") == [
        "Chữ số thứ 3 đến thứ 9 của mã số thuế là số thứ tự, từ 0000001 đến 9999999: "
        "không thể đều là 0."
    ]
    assert not Beneficiary.objects.exists()


def test_a_new_establishment_cannot_be_registered_in_a_former_province(client, world):
    response = _post(client, world.cantho, province=world.soctrang.pk, commune="")
    assert response.status_code == 400
    assert _field_errors(response, "province")
    assert not Beneficiary.objects.exists()


def test_service_refuses_a_former_province_for_a_new_establishment(world):
    from django.core.exceptions import ValidationError

    from beneficiaries.services import beneficiary_create

    with pytest.raises(ValidationError) as refused:
        beneficiary_create(
            user=world.cantho.center_staff, data=_service_data(world, province=world.soctrang)
        )
    assert refused.value.message_dict["province"] == [
        "Sóc Trăng (trước 07/2025) là đơn vị hành chính cũ, chỉ còn giữ trên các hồ sơ đã có: "
        "hãy chọn một tỉnh, thành phố hiện hành."
    ]
    assert not Beneficiary.objects.exists()
