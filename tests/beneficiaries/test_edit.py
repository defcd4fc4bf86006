"""Editing an establishment: history, stale edits, recognitions and yearly figures, rights."""

import pytest
from django.urls import reverse

from beneficiaries.models import Beneficiary, Recognition, Snapshot
from tests.factories import BeneficiaryFactory, beneficiary_form_data, commune_of

pytestmark = pytest.mark.django_db


def _edit_url(beneficiary):
    return reverse("beneficiaries:edit", args=[beneficiary.pk])


def edit_data(beneficiary, *, recognitions=(), snapshots=(), **overrides) -> dict:
    """POST data of the edit page as the browser sends it for `beneficiary` as stored."""
    data = beneficiary_form_data(
        beneficiary.province,
        beneficiary.commune,
        name=beneficiary.name,
        kind=beneficiary.kind,
        tax_code=beneficiary.tax_code or "",
        employees=beneficiary.employees or "",
        revenue=beneficiary.revenue or "",
        lock_version=beneficiary.lock_version,
    )
    stored_recognitions = list(beneficiary.recognitions.order_by("-year", "product"))
    rows = [
        {"id": r.pk, "product": r.product, "level": r.level, "year": r.year}
        for r in stored_recognitions
    ] + list(recognitions)
    data.update(_formset("recognitions", rows, len(stored_recognitions)))
    stored_snapshots = list(beneficiary.snapshots.order_by("-year"))
    rows = [
        {"id": s.pk, "year": s.year, "revenue": s.revenue or "", "employees": s.employees or ""}
        for s in stored_snapshots
    ] + list(snapshots)
    data.update(_formset("snapshots", rows, len(stored_snapshots)))
    data.update(overrides)
    return data


def _formset(prefix, rows, initial):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def test_edit_page_shows_the_form_with_stored_values_and_formsets(client, world):
    b = BeneficiaryFactory(name="HTX Gốm Bát Tràng", revenue=2_000_000)
    Recognition.objects.create(beneficiary=b, product="Bình gốm", level="tinh", year=2024)
    client.force_login(world.cantho.center_staff)
    response = client.get(_edit_url(b))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="HTX Gốm Bát Tràng"' in html
    assert 'value="2.000.000"' in html
    assert 'value="Bình gốm"' in html
    assert 'name="lock_version"' in html


def test_edit_is_saved_and_the_history_shows_old_and_new_values(client, world):
    b = BeneficiaryFactory(name="Cơ sở cũ", employees=5)
    client.force_login(world.cantho.center_staff)
    response = client.post(_edit_url(b), edit_data(b, name="Cơ sở mới", employees="8"))
    assert response.status_code == 302
    b.refresh_from_db()
    assert (b.name, b.employees, b.lock_version) == ("Cơ sở mới", 8, 1)
    page = client.get(reverse("beneficiaries:detail", args=[b.pk]))
    html = page.content.decode()
    assert "Cơ sở cũ → Cơ sở mới" in html
    assert "5 → 8" in html
    (change,) = [e for e in page.context["history"] if e.changes]
    assert change.who == world.cantho.center_staff.get_full_name()


def test_stale_edit_is_refused_and_keeps_what_was_typed(client, world):
    b = BeneficiaryFactory(name="Xưởng mộc", employees=5)
    first = edit_data(b, name="Xưởng mộc Phú Lợi")
    second = edit_data(b, name="Xưởng mộc Tân Phú", products="Bàn ghế gỗ")
    client.force_login(world.cantho.center_staff)
    assert client.post(_edit_url(b), first).status_code == 302
    client.force_login(world.cantho.center_head)
    response = client.post(_edit_url(b), second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Người khác đã lưu hồ sơ này" in html
    assert 'value="Xưởng mộc Tân Phú"' in html
    assert "Bàn ghế gỗ" in html
    b.refresh_from_db()
    assert b.name == "Xưởng mộc Phú Lợi"
    # Saving again from the refused form, after seeing the message, is a deliberate overwrite.
    assert response.context["form"]["lock_version"].value() == 1


def test_stale_edit_check_in_the_service(world):
    from beneficiaries.services import beneficiary_update
    from khuyencong.errors import StaleEditError

    b = BeneficiaryFactory(name="Cũ")
    user = world.cantho.center_staff
    beneficiary_update(user=user, beneficiary=b, expected_version=0, data={"name": "Một"})
    with pytest.raises(StaleEditError):
        beneficiary_update(user=user, beneficiary=b, expected_version=0, data={"name": "Hai"})
    b.refresh_from_db()
    assert (b.name, b.lock_version) == ("Một", 1)


def test_centre_adds_a_recognition_and_yearly_figures(client, world):
    b = BeneficiaryFactory()
    client.force_login(world.cantho.center_staff)
    data = edit_data(
        b,
        recognitions=[{"product": "Nước mắm cá cơm", "level": "quoc_gia", "year": "2025"}],
        snapshots=[{"year": "2024", "revenue": "3.000.000.000", "employees": "20"}],
    )
    response = client.post(_edit_url(b), data)
    assert response.status_code == 302
    recognition = Recognition.objects.get(beneficiary=b)
    assert (recognition.product, recognition.level, recognition.year) == (
        "Nước mắm cá cơm",
        "quoc_gia",
        2025,
    )
    assert recognition.history.get().history_user == world.cantho.center_staff
    snapshot = Snapshot.objects.get(beneficiary=b)
    assert (snapshot.year, snapshot.revenue, snapshot.employees) == (2024, 3_000_000_000, 20)
    html = client.get(reverse("beneficiaries:detail", args=[b.pk])).content.decode()
    assert "Nước mắm cá cơm" in html
    assert "3.000.000.000 đ" in html


def test_a_recognition_can_be_changed_and_deleted(client, world):
    b = BeneficiaryFactory()
    keep = Recognition.objects.create(beneficiary=b, product="Bánh tráng", level="tinh", year=2023)
    drop = Recognition.objects.create(beneficiary=b, product="Bánh phồng", level="tinh", year=2022)
    client.force_login(world.cantho.center_staff)
    data = edit_data(b)
    data["recognitions-0-level"] = "khu_vuc"  # keep comes first (newest year)
    data["recognitions-1-DELETE"] = "on"
    assert client.post(_edit_url(b), data).status_code == 302
    assert list(b.recognitions.values_list("pk", "level")) == [(keep.pk, "khu_vuc")]
    assert not Recognition.objects.filter(pk=drop.pk).exists()


def test_two_figures_for_the_same_year_are_refused(client, world):
    b = BeneficiaryFactory()
    client.force_login(world.cantho.center_staff)
    data = edit_data(b, snapshots=[{"year": "2024"}, {"year": "2024", "employees": "3"}])
    response = client.post(_edit_url(b), data)
    assert response.status_code == 400
    assert not Snapshot.objects.exists()


def test_bad_recognition_year_is_refused_next_to_the_field(client, world):
    b = BeneficiaryFactory()
    client.force_login(world.cantho.center_staff)
    data = edit_data(b, recognitions=[{"product": "Chè", "level": "tinh", "year": "1800"}])
    response = client.post(_edit_url(b), data)
    assert response.status_code == 400
    assert 'data-field-error="recognitions-0-year"' in response.content.decode()
    assert 'value="Chè"' in response.content.decode()


def test_bad_edit_returns_400_with_the_message_by_the_field(client, world):
    b = BeneficiaryFactory(name="Cơ sở A")
    client.force_login(world.cantho.center_staff)
    response = client.post(
        _edit_url(b), edit_data(b, name="Cơ sở B", commune=commune_of(world.phutho.province).pk)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-field-error="commune"' in html
    assert 'value="Cơ sở B"' in html
    assert '<h1 class="h3">Sửa Cơ sở A</h1>' in html  # the heading names the stored record
    b.refresh_from_db()
    assert b.name == "Cơ sở A"


def test_a_record_cannot_move_to_a_former_province(client, world):
    b = BeneficiaryFactory(name="Về Sóc Trăng", employees=9)
    client.force_login(world.cantho.center_staff)
    response = client.post(_edit_url(b), edit_data(b, province=world.soctrang.pk, commune=""))
    assert response.status_code == 400
    assert "province" in response.context["form"].errors
    assert world.soctrang not in response.context["form"].fields["province"].queryset
    b.refresh_from_db()
    assert (b.province, b.employees) == (world.cantho.province, 9)


def test_a_record_in_a_former_province_keeps_it_when_edited(client, world):
    b = BeneficiaryFactory(name="Lò bánh pía", province=world.soctrang, employees=9)
    client.force_login(world.cantho.center_staff)
    assert world.soctrang in client.get(_edit_url(b)).context["form"].fields["province"].queryset
    data = edit_data(b, employees="12")
    assert client.post(_edit_url(b), data).status_code == 302
    b.refresh_from_db()
    assert (b.province, b.commune, b.employees) == (world.soctrang, None, 12)


def test_a_record_in_a_former_province_moves_to_the_current_one(client, world):
    b = BeneficiaryFactory(name="Lò bánh pía", province=world.soctrang)
    commune = commune_of(world.cantho.province)
    client.force_login(world.cantho.center_staff)
    data = edit_data(b, province=world.cantho.province.pk, commune=commune.pk)
    assert client.post(_edit_url(b), data).status_code == 302
    b.refresh_from_db()
    assert (b.province, b.commune) == (world.cantho.province, commune)


def test_reviewer_cannot_edit_beneficiary(client, world):
    b = BeneficiaryFactory(name="Giữ nguyên")
    client.force_login(world.cantho.department_reviewer)
    assert client.get(_edit_url(b)).status_code == 403
    assert client.post(_edit_url(b), edit_data(b, name="Đổi")).status_code == 403
    assert Beneficiary.objects.get().name == "Giữ nguyên"


def test_ministry_cannot_edit_beneficiary(client, world):
    b = BeneficiaryFactory()
    client.force_login(world.ministry)
    assert client.post(_edit_url(b), edit_data(b, name="Đổi")).status_code == 403


def test_other_province_gets_404_on_edit(client, world):
    b = BeneficiaryFactory(province=world.cantho.province)
    client.force_login(world.phutho.center_staff)
    assert client.post(_edit_url(b), edit_data(b, name="Đổi")).status_code == 404


def test_service_refuses_moving_a_record_to_a_former_province(world):
    from django.core.exceptions import ValidationError

    from beneficiaries.services import beneficiary_update

    b = BeneficiaryFactory(name="Giữ Cần Thơ")
    with pytest.raises(ValidationError) as refused:
        beneficiary_update(
            user=world.cantho.center_staff,
            beneficiary=b,
            expected_version=0,
            data={"province": world.soctrang, "commune": None},
        )
    assert list(refused.value.message_dict) == ["province"]
    b.refresh_from_db()
    assert (b.province, b.lock_version) == (world.cantho.province, 0)
