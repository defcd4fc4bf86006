"""Login that resists guessing, on django-axes (settings: AXES_*, LOGIN_FAILURES_PER_ADDRESS).

- 5 failed logins for one username, or 20 from one address, within 15 minutes: further attempts
  are refused for 15 minutes, even with the right password. Axes has one failure limit for all
  its lockout parameters; PortalAxesHandler gives the address its own, larger one (an office
  of many people often shares one address).
- The refusal is the login page itself with a Vietnamese message (lockout_response), status 429.
- Each refusal is logged (logger "khuyencong.security"); the attempts are listed in the admin
  (Axes › Access attempts), where a superuser unlocks by deleting them.
"""

import logging

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils.translation import gettext as _

from khuyencong.forms import LoginForm

log = logging.getLogger("khuyencong.security")


class PortalAxesBackend(AxesStandaloneBackend):
    """Axes' guard, first of AUTHENTICATION_BACKENDS. A login through a page always carries the
    request; authenticate() without one comes from code (the test client's login(), the shell),
    with no client to count or lock, so it is let through to the next backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class PortalAxesHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit per username (AXES_FAILURE_LIMIT) and a larger one
    per address (LOGIN_FAILURES_PER_ADDRESS)."""

    def get_failures(self, request, credentials=None) -> int:
        """The username's failures in the cool-off window, or the username limit itself once the
        address has reached its own limit (axes compares this number with AXES_FAILURE_LIMIT)."""
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        by_username = _failures(recent.filter(username=get_client_username(request, credentials)))
        by_address = _failures(recent.filter(ip_address=request.axes_ip_address))
        if by_address >= settings.LOGIN_FAILURES_PER_ADDRESS:
            return max(by_username, settings.AXES_FAILURE_LIMIT)
        return by_username

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login clears that username's failures only: the address's count stays,
        so one valid account cannot wipe the trail of guesses made at other accounts."""
        username = get_client_username(request, credentials)
        return AccessAttempt.objects.filter(username=username).delete()[0]

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and getattr(request, "axes_locked_out", False):
            log.warning(
                "Login refused, too many failures: username=%r address=%s",
                get_client_username(request, credentials),
                request.axes_ip_address,
            )


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, with what happened and when to try again, instead of axes' bare
    text page."""
    minutes = int(get_cool_off(request).total_seconds() // 60)
    form = LoginForm(request, initial={"username": get_client_username(request, credentials)})
    return render(
        request,
        "registration/login.html",
        {
            "form": form,
            "next": request.POST.get("next", ""),
            "lockout_message": _(
                "Too many failed logins: logging in with this account or from this computer "
                "is paused for %(minutes)s minutes, even with the right password. Try again "
                "later, or ask the administrator to unlock it."
            )
            % {"minutes": minutes},
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
