"""What a head reads on the staff page: their organisation's people and its account events.
Another organisation's person answers 404 (nothing tells that they exist); someone who is not a
head gets 403."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from khuyencong.accounts.roles import is_head
from khuyencong.models import AccountEvent, Organisation
from khuyencong.scoping import membership_of

EVENTS_SHOWN = 50


def managed_organisation(user) -> Organisation:
    """The organisation whose people `user` manages, or 403."""
    if not is_head(user):
        raise PermissionDenied(_("Only the head of an organisation manages its people."))
    return membership_of(user).organisation


def people_of(organisation: Organisation) -> QuerySet:
    """The organisation's accounts, active first, by name; each with its membership and whether
    it has an authenticator app (one query for the page, whatever the number of people)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    has_device = TOTPDevice.objects.filter(user_id=OuterRef("pk"), confirmed=True)
    return (
        get_user_model()
        .objects.filter(membership__organisation=organisation)
        .select_related("membership")
        .annotate(has_authenticator=Exists(has_device))
        .order_by("-is_active", "first_name", "last_name", "username", "pk")
    )


def get_person_for_head(head, pk: int):
    """One of the head's people, or 404."""
    organisation = managed_organisation(head)
    person = people_of(organisation).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def account_events_of(organisation: Organisation, limit: int = EVENTS_SHOWN) -> list:
    return list(
        AccountEvent.objects.filter(organisation=organisation).order_by("-at", "-pk")[:limit]
    )
