"""Reads of beneficiaries, always through the user's province scope."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from beneficiaries.models import Beneficiary
from khuyencong.scoping import can_edit, scope_by_province


def beneficiary_queryset_for_user(user) -> QuerySet[Beneficiary]:
    return scope_by_province(Beneficiary.objects.all(), user)


def get_beneficiary_for_user(user, pk, *, write: bool = False) -> Beneficiary:
    """The one way views fetch a beneficiary: another province's → 404; a write without the
    right (reviewers, ministry) → 403."""
    beneficiary = (
        beneficiary_queryset_for_user(user)
        .select_related("province", "commune__province")
        .filter(pk=pk)
        .first()
    )
    if beneficiary is None:
        raise Http404
    if write and not can_edit(user):
        raise PermissionDenied
    return beneficiary
