"""Two checks on every signed-in request.

- IdleSessionMiddleware: a session unused for SESSION_IDLE_MINUTES ends (offices share
  computers); the next request goes to the login page with a message. The last-seen time is
  written at most once a minute, so pages do not write the session on every request.
- TwoFactorMiddleware: with TWO_FACTOR_REQUIRED on, a person who must confirm a code
  (roles.needs_two_factor) reaches nothing but the two-factor pages and logout until they do.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.utils.translation import gettext as _

from khuyencong.accounts import two_factor
from khuyencong.accounts.roles import needs_two_factor

SEEN_KEY = "kc_seen"
SEEN_WRITE_EVERY = 60  # seconds


@receiver(user_logged_in)
def _start_idle_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SEEN_KEY] = int(time.time())


class IdleSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(SEEN_KEY)
            if isinstance(seen, int) and now - seen > settings.SESSION_IDLE_MINUTES * 60:
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after %(minutes)s minutes without activity.")
                    % {"minutes": settings.SESSION_IDLE_MINUTES},
                )
                return redirect_to_login(request.get_full_path())
            if not isinstance(seen, int) or now - seen >= SEEN_WRITE_EVERY:
                request.session[SEEN_KEY] = now
        return self.get_response(request)


def _exempt(path: str) -> bool:
    return path.startswith(
        ("/accounts/two-factor/", "/accounts/logout/", "/i18n/", settings.STATIC_URL)
    )


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and needs_two_factor(user)
            and not _exempt(request.path)
            and not two_factor.is_verified(request)
        ):
            return redirect_to_login(request.get_full_path(), "two_factor")
        return self.get_response(request)
