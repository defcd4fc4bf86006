"""Every change to an account: one function, one transaction, one AccountEvent.

A head manages the people of their own organisation (khuyencong.accounts.roles): invites them by
email (they set their own password through a one-time link), changes their role within the
organisation up to the head's own, deactivates and reactivates them. Nobody is deleted: the
history of plans and đề án keeps their names. A head cannot change their own role or deactivate
themselves, so an organisation never loses its last head by a slip; the administrator can.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from khuyencong.accounts.roles import assignable_roles, is_head
from khuyencong.models import AccountEvent, Membership, Organisation
from khuyencong.scoping import membership_of


def person_label(user) -> str:
    if user is None:
        return ""
    full_name = user.get_full_name()
    return f"{full_name} ({user.get_username()})" if full_name else user.get_username()


def account_event_record(
    *,
    kind: str,
    user=None,
    actor=None,
    organisation: Organisation | None = None,
    email: str = "",
    address: str | None = None,
    **detail,
) -> AccountEvent:
    """Write one event. The organisation defaults to the account's, so the head sees it."""
    if organisation is None and user is not None:
        membership = Membership.objects.filter(user_id=user.pk).only("organisation_id").first()
        organisation_id = membership.organisation_id if membership else None
    else:
        organisation_id = organisation.pk if organisation else None
    return AccountEvent.objects.create(
        kind=kind,
        user=user,
        user_label=person_label(user),
        actor=actor,
        actor_label=person_label(actor),
        organisation_id=organisation_id,
        email=email[:254],
        address=address or None,
        detail=detail,
    )


def _require_head(head) -> Membership:
    if not is_head(head):
        raise PermissionDenied(_("Only the head of an organisation manages its people."))
    return membership_of(head)


def _require_role(head, role: str) -> None:
    if role not in assignable_roles(head):
        raise ValidationError(
            _("You can give only these roles: %(roles)s.")
            % {"roles": ", ".join(str(label) for label in _role_labels(assignable_roles(head)))},
            code="role",
        )


def _role_labels(roles):
    from khuyencong.models import Role

    return [Role(role).label for role in roles]


def _locked_member(head, person) -> Membership:
    """The person's membership, locked, after checking that the head may manage them: another
    organisation's person is refused (views answer 404 before this), and so is the head
    themselves."""
    membership = _require_head(head)
    if person.pk == head.pk:
        raise ValidationError(
            _("You cannot change your own account here; ask the administrator."), code="self"
        )
    target = (
        Membership.objects.select_for_update()
        .filter(user_id=person.pk, organisation_id=membership.organisation_id)
        .first()
    )
    if target is None or target.role not in assignable_roles(head):
        raise PermissionDenied(_("You cannot change this person's account."))
    return target


def account_invite(*, head, email: str, full_name: str, role: str):
    """A new account in the head's organisation, without a password: the invitee sets one
    through the emailed link (khuyencong.accounts.tokens). Its login name is the email."""
    membership = _require_head(head)
    _require_role(head, role)
    email = email.strip().lower()
    User = get_user_model()
    if (
        User.objects.filter(username__iexact=email).exists()
        or User.objects.filter(email__iexact=email).exists()
    ):
        raise ValidationError(
            _("This email already has an account. Ask the administrator to move it."),
            code="exists",
        )
    first, _sep, last = full_name.strip().rpartition(" ")
    with transaction.atomic():
        user = User(username=email, email=email, first_name=first, last_name=last)
        user.set_unusable_password()
        user.save()
        Membership.objects.create(user=user, organisation=membership.organisation, role=role)
        account_event_record(
            kind=AccountEvent.Kind.INVITED,
            user=user,
            actor=head,
            organisation=membership.organisation,
            email=email,
            role=role,
        )
    return user


def account_role_change(*, head, person, role: str) -> None:
    _require_role(head, role)
    with transaction.atomic():
        target = _locked_member(head, person)
        if target.role == role:
            return
        old = target.role
        target.role = role
        target.save(update_fields=["role"])
        account_event_record(
            kind=AccountEvent.Kind.ROLE_CHANGED,
            user=person,
            actor=head,
            organisation=target.organisation,
            old=old,
            new=role,
        )


def account_set_active(*, head, person, active: bool) -> None:
    """Deactivate (the person can no longer sign in; their open sessions end at their next
    request) or reactivate. Never a deletion."""
    User = get_user_model()
    with transaction.atomic():
        member = _locked_member(head, person)
        target = User.objects.select_for_update().get(pk=person.pk)
        if target.is_active == active:
            return
        target.is_active = active
        target.save(update_fields=["is_active"])
        account_event_record(
            kind=AccountEvent.Kind.REACTIVATED if active else AccountEvent.Kind.DEACTIVATED,
            user=target,
            actor=head,
            organisation=member.organisation,
        )
    person.is_active = active


def account_two_factor_reset(*, head, person) -> int:
    """Remove a person's authenticator (a lost phone): they set up a new one at their next
    sign-in. Returns the number of devices removed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        member = _locked_member(head, person)
        removed, _detail = TOTPDevice.objects.filter(user_id=person.pk).delete()
        if removed:
            account_event_record(
                kind=AccountEvent.Kind.TWO_FACTOR_RESET,
                user=person,
                actor=head,
                organisation=member.organisation,
            )
    return removed
