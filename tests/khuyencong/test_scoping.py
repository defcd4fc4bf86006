import pytest

from khuyencong.models import Organisation
from khuyencong.scoping import (
    can_edit,
    can_review,
    can_submit,
    scope_by_province,
    visible_province_ids,
    visible_provinces,
)
from tests.factories import UserFactory


def _names(user):
    return {p.name for p in visible_provinces(user)}


def test_cantho_centre_sees_cantho_and_the_old_provinces_merged_into_it(world):
    names = _names(world.cantho.center_staff)
    assert names == {"Cần Thơ", "Sóc Trăng", "Hậu Giang"}
    assert "Phú Thọ" not in names


def test_phutho_reviewer_sees_phutho_hoabinh_and_vinhphuc(world):
    assert _names(world.phutho.department_reviewer) == {"Phú Thọ", "Hoà Bình", "Vĩnh Phúc"}


def test_ministry_sees_every_province(world):
    assert visible_province_ids(world.ministry) is None
    assert visible_provinces(world.ministry).count() == 97


def test_user_without_membership_sees_nothing(world):
    assert visible_provinces(UserFactory()).count() == 0


def test_scope_by_province_filters_any_queryset(world):
    organisations = scope_by_province(Organisation.objects.all(), world.cantho.center_head)
    assert set(organisations) == {world.cantho.centre, world.cantho.department}


def test_scoping_costs_one_query_per_request_user(world, django_assert_num_queries):
    user = world.cantho.center_staff
    with django_assert_num_queries(2):  # membership, then province ids
        visible_province_ids(user)
        visible_province_ids(user)


@pytest.mark.parametrize(
    ("role", "edit", "submit", "review"),
    [
        ("center_staff", True, False, False),
        ("center_head", True, True, False),
        ("department_reviewer", False, False, True),
    ],
)
def test_role_rights(world, role, edit, submit, review):
    user = getattr(world.cantho, role)
    assert (can_edit(user), can_submit(user), can_review(user)) == (edit, submit, review)


def test_ministry_reads_but_does_not_edit(world):
    assert not can_edit(world.ministry)
    assert not can_review(world.ministry)
