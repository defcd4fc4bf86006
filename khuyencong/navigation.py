"""The sections of the navigation bar and which roles may open them."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from khuyencong.models import Role
from khuyencong.scoping import HEAD_ROLES, MINISTRY_ROLES

ALL_ROLES = frozenset(Role.values)


@dataclass(frozen=True)
class Section:
    url_name: str
    label: str
    roles: frozenset[str] = ALL_ROLES
    # The administrator sees every section but those they do in the admin instead.
    for_superuser: bool = True


SECTIONS = [
    Section("dashboard", _("Overview")),
    Section("beneficiaries:list", _("Beneficiaries")),
    Section("projects:plan_list", _("Plans")),
    Section("projects:list", _("Projects")),
    Section("projects:ministry_list", _("Ministry approvals"), MINISTRY_ROLES),
    Section("reports:index", _("Reports")),
    Section("staff_list", _("People"), HEAD_ROLES, for_superuser=False),
]


def sections_for(user, role: str | None, current_path: str) -> list[dict]:
    """Sections the user may open. Every section names a route that exists: a broken name
    fails loudly (NoReverseMatch) instead of silently hiding the link."""
    items = []
    for section in SECTIONS:
        if not (role in section.roles or (user.is_superuser and section.for_superuser)):
            continue
        url = reverse(section.url_name)
        active = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"url": url, "label": section.label, "active": active})
    return items
