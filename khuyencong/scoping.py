"""Who sees which provinces and who may do what: the one place every app asks.

A centre or a Sở sees its own province and every old province whose successor it is (Cần Thơ sees
Sóc Trăng and Hậu Giang before 07/2025). The ministry and superusers see every province. Apps build
their `get_<noun>_for_user` helpers on `scope_by_province` and the role checks below, so that no
view filters by province by hand.
"""

from django.db.models import Q, QuerySet

from khuyencong.models import Membership, Province, Role

EDITOR_ROLES = frozenset({Role.CENTER_STAFF, Role.CENTER_HEAD})
SUBMITTER_ROLES = frozenset({Role.CENTER_HEAD})
# A Sở's head reviews as its reviewers do, and the ministry's head works as its staff do; heads
# also manage their organisation's people (khuyencong.accounts).
REVIEWER_ROLES = frozenset({Role.DEPARTMENT_REVIEWER, Role.DEPARTMENT_HEAD})
MINISTRY_ROLES = frozenset({Role.MINISTRY, Role.MINISTRY_HEAD})
HEAD_ROLES = frozenset({Role.CENTER_HEAD, Role.DEPARTMENT_HEAD, Role.MINISTRY_HEAD})

_UNSET = object()


def _unread_count_subquery():
    """The unread notifications of the membership's user, counted in the membership's own
    query: the navigation bar's count costs no query of its own."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    from khuyencong.models import Notification

    unread = (
        Notification.objects.filter(recipient_id=OuterRef("user_id"), read_at__isnull=True)
        .order_by()
        .values("recipient_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(unread, output_field=IntegerField()), Value(0))


def membership_of(user) -> Membership | None:
    """The user's membership, fetched once per user object (one query, with organisation and
    province)."""
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_kc_membership", _UNSET)
    if cached is _UNSET:
        cached = (
            Membership.objects.select_related("organisation__province")
            .annotate(unread_notifications=_unread_count_subquery())
            .filter(user_id=user.pk)
            .first()
        )
        user._kc_membership = cached
    return cached


def role_of(user) -> str | None:
    membership = membership_of(user)
    return membership.role if membership else None


def sees_all_provinces(user) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return role_of(user) in MINISTRY_ROLES


def visible_province_ids(user) -> frozenset[int] | None:
    """Ids of the provinces the user may read, or None for "every province"."""
    if sees_all_provinces(user):
        return None
    cached = getattr(user, "_kc_province_ids", None)
    if cached is not None:
        return cached
    membership = membership_of(user)
    if membership is None or membership.organisation.province_id is None:
        ids: frozenset[int] = frozenset()
    else:
        own = membership.organisation.province_id
        ids = frozenset(
            Province.objects.filter(Q(pk=own) | Q(successor_id=own)).values_list("pk", flat=True)
        )
    user._kc_province_ids = ids
    return ids


def visible_provinces(user) -> QuerySet[Province]:
    ids = visible_province_ids(user)
    if ids is None:
        return Province.objects.all()
    return Province.objects.filter(pk__in=ids)


def scope_by_province(queryset: QuerySet, user, field: str = "province") -> QuerySet:
    """Restrict `queryset` to rows whose `field` (a Province FK path) the user may see."""
    ids = visible_province_ids(user)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": ids})


def home_province(user) -> Province | None:
    membership = membership_of(user)
    return membership.organisation.province if membership else None


def can_edit(user) -> bool:
    """Centre staff and heads write their province's data; reviewers and the ministry read."""
    return role_of(user) in EDITOR_ROLES


def can_submit(user) -> bool:
    return role_of(user) in SUBMITTER_ROLES


def can_review(user) -> bool:
    return role_of(user) in REVIEWER_ROLES


def can_approve_for_ministry(user) -> bool:
    """The ministry approves or rejects the KCQG đề án of every province."""
    return role_of(user) in MINISTRY_ROLES
