"""The roles of each kind of organisation, lowest first, and the rules built on them.

A head (centre, Sở, ministry) manages the people of their own organisation: gives them a role of
that organisation up to their own, never above. Two-factor sign-in is for those who approve money:
the Sở's reviewers and head, the ministry, and the administrator, who can change any account.
"""

from django.conf import settings

from khuyencong.models import Organisation, Role
from khuyencong.scoping import HEAD_ROLES, MINISTRY_ROLES, REVIEWER_ROLES, membership_of

ROLES_OF_KIND = {
    Organisation.Kind.CENTRE: (Role.CENTER_STAFF, Role.CENTER_HEAD),
    Organisation.Kind.DEPARTMENT: (Role.DEPARTMENT_REVIEWER, Role.DEPARTMENT_HEAD),
    Organisation.Kind.MINISTRY: (Role.MINISTRY, Role.MINISTRY_HEAD),
}
TWO_FACTOR_ROLES = REVIEWER_ROLES | MINISTRY_ROLES


def roles_of(organisation: Organisation) -> tuple[str, ...]:
    return ROLES_OF_KIND[organisation.kind]


def is_head(user) -> bool:
    membership = membership_of(user)
    return bool(user.is_active and membership and membership.role in HEAD_ROLES)


def assignable_roles(head) -> tuple[str, ...]:
    """The roles a head may give in their organisation: theirs and those below it."""
    membership = membership_of(head)
    if membership is None or membership.role not in HEAD_ROLES:
        return ()
    ranked = roles_of(membership.organisation)
    return ranked[: ranked.index(membership.role) + 1]


def needs_two_factor(user) -> bool:
    """Whether this signed-in user must confirm a TOTP code (only when TWO_FACTOR_REQUIRED)."""
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    membership = membership_of(user)
    return membership is not None and membership.role in TWO_FACTOR_ROLES
