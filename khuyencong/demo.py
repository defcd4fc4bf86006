"""Reference organisations and demo users. Every function is idempotent.

The core knows no domain app: each app adds its own demo data through a `seed_demo_data(*,
stdout)` function in its `demo` module, found by `demo_data_seeders`.
"""

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils.module_loading import module_has_submodule

from khuyencong.models import Membership, Organisation, Province, Role

DEMO_PASSWORD = "khuyencong-demo"
MINISTRY_NAME = "Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công"
DEMO_PROVINCES = {"cantho": "92", "phutho": "25", "laocai": "15"}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    organisation: str


def _unit_prefix(province: Province) -> str:
    return "thành phố" if province.kind == Province.Kind.CITY else "tỉnh"


def centre_name(province: Province) -> str:
    return f"Trung tâm Khuyến công {_unit_prefix(province)} {province.name}"


def department_name(province: Province) -> str:
    return f"Sở Công Thương {_unit_prefix(province)} {province.name}"


def seed_organisations() -> dict[str, Organisation]:
    """One centre and one Sở for each of the 34 current units, and the ministry."""
    orgs = {}
    ministry, _ = Organisation.objects.get_or_create(
        kind=Organisation.Kind.MINISTRY,
        province=None,
        defaults={"name": MINISTRY_NAME, "address": "Số 54 Hai Bà Trưng, Hoàn Kiếm, Hà Nội"},
    )
    orgs["ministry"] = ministry
    existing = {
        (o.province_id, o.kind): o
        for o in Organisation.objects.filter(province__era=Province.Era.Y2025)
    }
    for province in Province.objects.filter(era=Province.Era.Y2025):
        for kind, name in (
            (Organisation.Kind.CENTRE, centre_name(province)),
            (Organisation.Kind.DEPARTMENT, department_name(province)),
        ):
            org = existing.get((province.pk, kind))
            if org is None:
                org = Organisation.objects.create(kind=kind, name=name, province=province)
            orgs[f"{kind}:{province.code}"] = org
    return orgs


def _demo_user(username: str, full_name: str, *, superuser: bool = False):
    User = get_user_model()
    first, _, last = full_name.rpartition(" ")
    user, _ = User.objects.get_or_create(username=username)
    user.first_name, user.last_name = first, last  # Django joins first + last: "Nguyễn Văn" + "Bộ"
    user.email = f"{username}@example.vn"
    user.is_staff = superuser
    user.is_superuser = superuser
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def seed_demo_users(orgs: dict[str, Organisation]) -> list[DemoLogin]:
    """The demo logins (password `khuyencong-demo`); only ever called with DEBUG on."""
    logins = []
    _demo_user("admin", "Quản trị Hệ thống", superuser=True)
    logins.append(DemoLogin("admin", "superuser", "—"))
    people = [
        ("bo", "Nguyễn Văn Bộ", orgs["ministry"], Role.MINISTRY),
        ("lanhdao.bo", "Hoàng Văn Cục Trưởng", orgs["ministry"], Role.MINISTRY_HEAD),
    ]
    for slug, code in DEMO_PROVINCES.items():
        centre = orgs[f"{Organisation.Kind.CENTRE}:{code}"]
        department = orgs[f"{Organisation.Kind.DEPARTMENT}:{code}"]
        people += [
            (f"trungtam.{slug}", "Trần Thị Giám Đốc", centre, Role.CENTER_HEAD),
            (f"canbo.{slug}", "Lê Văn Cán Bộ", centre, Role.CENTER_STAFF),
            (f"so.{slug}", "Phạm Thị Thẩm Định", department, Role.DEPARTMENT_REVIEWER),
            (f"giamdocso.{slug}", "Đỗ Văn Giám Đốc Sở", department, Role.DEPARTMENT_HEAD),
        ]
    for username, full_name, org, role in people:
        user = _demo_user(username, full_name)
        Membership.objects.update_or_create(user=user, defaults={"organisation": org, "role": role})
        logins.append(DemoLogin(username, role, org.name))
    return logins


# The function an app's `demo` module defines to add its demo data.
DEMO_HOOK = "seed_demo_data"


def demo_data_seeders() -> list:
    """The `seed_demo_data` functions of the installed apps' `demo` modules (plans and đề án
    from projects.demo...), in INSTALLED_APPS order; run after the users exist."""
    seeders = []
    for config in apps.get_app_configs():
        # The core's own demo module is this one.
        if config.name == "khuyencong" or not module_has_submodule(config.module, "demo"):
            continue
        seeder = getattr(import_module(f"{config.name}.demo"), DEMO_HOOK, None)
        if callable(seeder):
            seeders.append(seeder)
    return seeders
