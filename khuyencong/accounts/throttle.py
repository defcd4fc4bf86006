"""Password changes and reset requests are throttled like logins (khuyencong.lockout).

- A wrong old password on the change form is a failed login of that account for django-axes:
  5 for one account or 20 from one address within 15 minutes, and the form (and the login) is
  refused for 15 minutes, even with the right password.
- Reset emails: at most PASSWORD_RESET_EMAILS_PER_HOUR to one email address in an hour (further
  requests are answered the same way but send nothing, so nobody can flood a mailbox nor learn
  which addresses exist); and from one client address at most LOGIN_FAILURES_PER_ADDRESS
  requests within AXES_COOLOFF_TIME, after which the form answers 429.
"""

import datetime

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.utils import timezone

from khuyencong.models import AccountEvent


def password_attempt_allowed(request, user) -> bool:
    return not AxesProxyHandler.is_locked(request, {"username": user.get_username()})


def password_attempt_failed(request, user) -> None:
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )
    # Axes marks the request that reaches the limit, and its middleware would answer it with
    # the login page; the change form says it itself (the next attempt is refused).
    request.axes_locked_out = False


def client_address(request) -> str | None:
    return get_client_ip_address(request)


def reset_request_allowed(request) -> bool:
    """Whether this client address may ask for another reset email now."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    asked = AccountEvent.objects.filter(
        kind=AccountEvent.Kind.RESET_REQUESTED, address=client_address(request), at__gte=since
    ).count()
    return asked < settings.LOGIN_FAILURES_PER_ADDRESS


def reset_email_allowed(email: str) -> bool:
    """Whether another reset email may go to this address now."""
    since = timezone.now() - datetime.timedelta(hours=1)
    sent = AccountEvent.objects.filter(
        kind=AccountEvent.Kind.RESET_REQUESTED,
        email=email.strip().lower(),
        at__gte=since,
        detail__sent=True,
    ).count()
    return sent < settings.PASSWORD_RESET_EMAILS_PER_HOUR


def cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
