"""/accounts/staff/: the head of a centre, a Sở or the ministry manages their organisation's
people. Someone who is not a head: 403; a person of another organisation: 404."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyencong.accounts import selectors, services
from khuyencong.accounts.forms import InviteForm, RoleForm
from khuyencong.accounts.roles import assignable_roles, is_head
from khuyencong.accounts.tokens import invitation_token_generator
from khuyencong.listing import paginate
from khuyencong.models import AccountEvent

log = logging.getLogger("khuyencong.accounts")


def invitation_url(request, user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = invitation_token_generator.make_token(user)
    return request.build_absolute_uri(reverse("invitation_accept", args=[uid, token]))


def send_invitation(request, user, head) -> bool:
    """Email the invitation; False when the mail server refused it (the account exists, and the
    head can send it again from the page)."""
    context = {
        "user": user,
        "head": head,
        "organisation": selectors.managed_organisation(head),
        "url": invitation_url(request, user),
    }
    subject = "".join(render_to_string("registration/invitation_subject.txt", context).split("\n"))
    try:
        send_mail(
            subject,
            render_to_string("registration/invitation_email.txt", context),
            None,
            [user.email],
        )
    except Exception:  # any failure of the mail server: the page says so, nothing is lost
        log.exception("Invitation email to user %s failed", user.pk)
        return False
    return True


def _sent_or_not(request, sent: bool, email: str) -> None:
    if sent:
        messages.success(request, _("The invitation was sent to %(email)s.") % {"email": email})
    else:
        messages.error(
            request,
            _(
                "The account of %(email)s is ready, but the email could not be sent. Try "
                "“Send the invitation again” later, or tell the administrator."
            )
            % {"email": email},
        )


def _page(request, *, invite_form=None, status=200) -> HttpResponse:
    organisation = selectors.managed_organisation(request.user)
    roles = assignable_roles(request.user)
    return render(
        request,
        "khuyencong/staff.html",
        {
            "organisation": organisation,
            "page_obj": paginate(request, selectors.people_of(organisation)),
            "roles": roles,
            "invite_form": invite_form or InviteForm(roles=roles),
            "events": selectors.account_events_of(organisation),
        },
        status=status,
    )


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    if request.user.is_superuser and not is_head(request.user):
        # The administrator manages organisations and their heads in the admin.
        return redirect("admin:khuyencong_organisation_changelist")
    return _page(request)


@login_required
@require_POST
def staff_invite(request: HttpRequest) -> HttpResponse:
    selectors.managed_organisation(request.user)
    form = InviteForm(request.POST, roles=assignable_roles(request.user))
    if form.is_valid():
        try:
            user = services.account_invite(head=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("email" if error.code == "exists" else "role", error)
        else:
            _sent_or_not(request, send_invitation(request, user, request.user), user.email)
            return redirect("staff_list")
    return _page(request, invite_form=form, status=400)


def _refused(request, error: ValidationError) -> HttpResponse:
    for message in error.messages:
        messages.error(request, message)
    response = redirect("staff_list")
    return response


@login_required
@require_POST
def staff_role(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_person_for_head(request.user, pk)
    form = RoleForm(request.POST, roles=assignable_roles(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles offered."))
        return _page(request, status=400)
    try:
        services.account_role_change(head=request.user, person=person, **form.cleaned_data)
    except ValidationError as error:
        return _refused(request, error)
    messages.success(
        request, _("The role of %(name)s was changed.") % {"name": services.person_label(person)}
    )
    return redirect("staff_list")


def _set_active(request, pk: int, active: bool) -> HttpResponse:
    person = selectors.get_person_for_head(request.user, pk)
    try:
        services.account_set_active(head=request.user, person=person, active=active)
    except ValidationError as error:
        return _refused(request, error)
    text = _("%(name)s can sign in again.") if active else _("%(name)s can no longer sign in.")
    messages.success(request, text % {"name": services.person_label(person)})
    return redirect("staff_list")


@login_required
@require_POST
def staff_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, False)


@login_required
@require_POST
def staff_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, True)


@login_required
@require_POST
def staff_two_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_person_for_head(request.user, pk)
    try:
        services.account_two_factor_reset(head=request.user, person=person)
    except ValidationError as error:
        return _refused(request, error)
    messages.success(
        request,
        _("%(name)s will set up a new authenticator app at the next sign-in.")
        % {"name": services.person_label(person)},
    )
    return redirect("staff_list")


@login_required
@require_POST
def staff_reinvite(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the invitation again to someone who has not set a password yet."""
    person = selectors.get_person_for_head(request.user, pk)
    if not person.is_active:
        messages.error(request, _("This account is deactivated: reactivate it first."))
        return redirect("staff_list")
    if person.has_usable_password():
        messages.error(request, _("This person has already set a password."))
        return redirect("staff_list")
    sent = send_invitation(request, person, request.user)
    _sent_or_not(request, sent, person.email)
    if not sent:
        return redirect("staff_list")
    services.account_event_record(
        kind=AccountEvent.Kind.INVITED,
        user=person,
        actor=request.user,
        email=person.email,
        role=person.membership.role,
        again=True,
    )
    return redirect("staff_list")
