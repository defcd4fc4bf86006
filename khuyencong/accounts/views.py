"""Signing in and passwords: login, password change, "Quên mật khẩu" (reset by email), the
invitation link, and the two-factor step. Every change is an AccountEvent; attempts are
throttled like logins (throttle.py)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from khuyencong.accounts import throttle, two_factor
from khuyencong.accounts.forms import (
    PortalPasswordChangeForm,
    PortalSetPasswordForm,
    ResetRequestForm,
    TokenForm,
)
from khuyencong.accounts.roles import needs_two_factor
from khuyencong.accounts.services import account_event_record
from khuyencong.accounts.tokens import invitation_token_generator
from khuyencong.converters import parse_next_path
from khuyencong.forms import LoginForm
from khuyencong.models import AccountEvent

TOO_MANY = 429


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        # A field that is not what a login takes (too long, missing) is bad input: 400. A wrong
        # name or password is an ordinary answer of the page.
        response = super().form_invalid(form)
        if any(name != "__all__" for name in form.errors):
            response.status_code = 400
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        if needs_two_factor(form.get_user()):
            target = parse_next_path(self.request, response.url) or reverse("dashboard")
            return redirect(_with_next("two_factor", target))
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PortalPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = TOO_MANY if form.throttled else 400
        return response

    def form_valid(self, form):
        # Django keeps this session (update_session_auth_hash); every other session of the
        # account ends at its next request, its stored password hash no longer matching.
        response = super().form_valid(form)
        account_event_record(
            kind=AccountEvent.Kind.PASSWORD_CHANGED,
            user=self.request.user,
            actor=self.request.user,
            address=throttle.client_address(self.request),
        )
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """ "Quên mật khẩu": an email with a one-time link, at most a few per address an hour. The
    answer is the same whether the address is known or not."""

    form_class = ResetRequestForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def post(self, request, *args, **kwargs):
        if not throttle.reset_request_allowed(request):
            return render(
                request,
                self.template_name,
                {
                    "form": self.get_form(),
                    "refused": _(
                        "Too many requests from this computer: try again in %(minutes)s minutes."
                    )
                    % {"minutes": throttle.cooloff_minutes()},
                },
                status=TOO_MANY,
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        users = list(form.get_users(email)) if throttle.reset_email_allowed(email) else []
        if users:
            form.save(
                use_https=self.request.is_secure(),
                token_generator=self.token_generator,
                from_email=self.from_email,
                email_template_name=self.email_template_name,
                subject_template_name=self.subject_template_name,
                request=self.request,
            )
        account_event_record(
            kind=AccountEvent.Kind.RESET_REQUESTED,
            user=users[0] if users else None,
            email=email.strip().lower(),
            address=throttle.client_address(self.request),
            sent=bool(users),
        )
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = PortalSetPasswordForm
    success_url = reverse_lazy("password_reset_complete")
    event = AccountEvent.Kind.PASSWORD_RESET

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        account_event_record(
            kind=self.event,
            user=form.user,
            actor=form.user,
            address=throttle.client_address(self.request),
        )
        return response


class InvitationAcceptView(PasswordResetConfirmView):
    """The invitee's one-time link: they choose their password, then sign in."""

    token_generator = invitation_token_generator
    template_name = "registration/invitation_confirm.html"
    reset_url_token = "set-password"
    event = AccountEvent.Kind.INVITATION_ACCEPTED

    def get_success_url(self):
        messages.success(
            self.request,
            _("Your password is set. Sign in with your email address and the new password."),
        )
        return reverse("login")


def _with_next(name: str, target: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': target})}"


def _next(request) -> str:
    return parse_next_path(request, request.GET.get("next")) or reverse("dashboard")


def _wrong_code(user, *, pending: bool) -> str:
    wait = two_factor.seconds_to_wait(user, pending=pending)
    if wait:
        return _(
            "This code is not right, or it has expired. After a wrong code the next one is "
            "taken only after a pause: try again in %(seconds)s seconds."
        ) % {"seconds": wait}
    return _("This code is not right, or it has expired. Try the next.")


@login_required
def two_factor_verify(request):
    """The code after the password. Someone without an app yet sets one up first."""
    if not needs_two_factor(request.user):
        return redirect(_next(request))
    if two_factor.confirmed_device(request.user) is None:
        return redirect(_with_next("two_factor_setup", _next(request)))
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and two_factor.two_factor_verify(request, form.cleaned_data["token"]):
            return HttpResponseRedirect(_next(request))
        if form.is_valid():
            form.add_error("token", _wrong_code(request.user, pending=False))
        status = 400
    return render(request, "registration/two_factor_verify.html", {"form": form}, status=status)


@login_required
def two_factor_setup(request):
    """Set up the authenticator app: scan the QR code (or type the secret), then confirm with
    the first code. One who already has an app confirms a code instead."""
    if (
        needs_two_factor(request.user)
        and two_factor.confirmed_device(request.user) is not None
        and not two_factor.is_verified(request)
    ):
        return redirect(_with_next("two_factor", _next(request)))
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and two_factor.two_factor_enrol(request, form.cleaned_data["token"]):
            messages.success(request, _("The authenticator app is set up."))
            return HttpResponseRedirect(_next(request))
        if form.is_valid():
            form.add_error("token", _wrong_code(request.user, pending=True))
        status = 400
    device = two_factor.pending_device(request.user)
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": two_factor.qr_svg(device),
            "secret": two_factor.secret_text(device),
        },
        status=status,
    )
