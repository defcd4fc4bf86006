"""The shared test world: two current provinces, one with old provinces merged into it, and a
user of every role on each side.

- Cần Thơ (92) took in Sóc Trăng (94) and Hậu Giang (93) on 1/7/2025.
- Phú Thọ (25) took in Hòa Bình (17) and Vĩnh Phúc (26).
Provinces and communes come from the migrations, as in every real database.
"""

import importlib
from dataclasses import dataclass, field

import pytest

from khuyencong.models import Organisation, Province, Role
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    current_province,
    legacy_province,
)

PROVINCE_ROLES = [Role.CENTER_STAFF, Role.CENTER_HEAD, Role.DEPARTMENT_REVIEWER]


@dataclass
class Side:
    province: Province
    centre: Organisation
    department: Organisation
    users: dict = field(default_factory=dict)

    def __getattr__(self, role):
        try:
            return self.__dict__["users"][role]
        except KeyError:
            raise AttributeError(role) from None


@dataclass
class World:
    cantho: Side
    phutho: Side
    soctrang: Province
    haugiang: Province
    hoabinh: Province
    ministry_org: Organisation
    ministry: object


def _side(slug: str, code: str) -> Side:
    province = current_province(code)
    centre = OrganisationFactory(
        kind=Organisation.Kind.CENTRE,
        province=province,
        name=f"Trung tâm Khuyến công {province.name}",
    )
    department = OrganisationFactory(
        kind=Organisation.Kind.DEPARTMENT, province=province, name=f"Sở Công Thương {province.name}"
    )
    side = Side(province=province, centre=centre, department=department)
    for role in PROVINCE_ROLES:
        org = department if role == Role.DEPARTMENT_REVIEWER else centre
        side.users[role.value] = MembershipFactory(
            user=UserFactory(username=f"{role.value}.{slug}"), organisation=org, role=role
        ).user
    return side


def ensure_reference_data():
    """Transactional tests (the browser ones) flush the database after each test, taking the
    rows the data migrations loaded with them; load them again when they are gone."""
    if Province.objects.exists():
        return
    from django.apps import apps as live_apps

    class apps:  # noqa: N801  the loaders' registry, with models moved since by their new app
        @staticmethod
        def get_model(app_label, name):
            try:
                return live_apps.get_model(app_label, name)
            except LookupError:  # funding's SupportCap is projects' now
                return live_apps.get_model("projects", name)

    for module, loader in (
        ("khuyencong.migrations.0002_load_provinces", "load_provinces"),
        ("khuyencong.migrations.0003_load_communes", "load_communes"),
        ("projects.migrations.0002_contents_and_indicators", "load_contents_and_indicators"),
        ("funding.migrations.0003_kcqg_caps", "load_kcqg_caps"),
        ("projects.migrations.0100_report_reference", "load_report_reference"),
    ):
        getattr(importlib.import_module(module), loader)(apps, None)


@pytest.fixture
def world(db) -> World:
    ensure_reference_data()
    ministry_org = OrganisationFactory(
        kind=Organisation.Kind.MINISTRY,
        province=None,
        name="Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công",
    )
    ministry = MembershipFactory(
        user=UserFactory(username="ministry"), organisation=ministry_org, role=Role.MINISTRY
    ).user
    return World(
        cantho=_side("cantho", "92"),
        phutho=_side("phutho", "25"),
        soctrang=legacy_province("94"),
        haugiang=legacy_province("93"),
        hoabinh=legacy_province("17"),
        ministry_org=ministry_org,
        ministry=ministry,
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 costs ~0,5 s a user; the suite creates hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
