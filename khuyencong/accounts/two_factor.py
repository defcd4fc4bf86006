"""Two-factor sign-in with an authenticator app (TOTP, django-otp), for the people who approve
money (khuyencong.accounts.roles.needs_two_factor) when TWO_FACTOR_REQUIRED is on.

After the password, such a person confirms a 6-digit code from their app; the first time, they
set the app up by scanning a QR code (drawn here as inline SVG: nothing is fetched from another
site) or typing the secret. The session remembers the device that confirmed it; removing the
device (a head's "reset", the admin) ends that confirmation. Wrong codes slow down (django-otp's
throttling doubles the wait after each failure)."""

import base64
import math

import django_otp
import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from khuyencong.accounts.services import account_event_record
from khuyencong.models import AccountEvent

SESSION_KEY = "kc_two_factor_device"
DEVICE_NAME = "authenticator"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("pk").first()


def pending_device(user) -> TOTPDevice:
    """The device being set up: the same secret on every visit until it is confirmed."""
    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def is_verified(request) -> bool:
    """One query: the session's device still exists, is confirmed and is this user's."""
    pk = request.session.get(SESSION_KEY)
    if not isinstance(pk, int):
        return False
    return TOTPDevice.objects.filter(pk=pk, user_id=request.user.pk, confirmed=True).exists()


def _verify(user, device: TOTPDevice, token: str) -> bool:
    # django-otp locks the device row, so one code is accepted once even when sent twice at once.
    return django_otp.verify_token(user, device.persistent_id, token) is not None


def seconds_to_wait(user, *, pending: bool = False) -> int:
    """How long django-otp's throttling still refuses codes for this person's device."""
    device = pending_device(user) if pending else confirmed_device(user)
    if device is None:
        return 0
    allowed, detail = device.verify_is_allowed()
    locked_until = (detail or {}).get("locked_until")
    if allowed or locked_until is None:
        return 0
    return max(1, math.ceil((locked_until - timezone.now()).total_seconds()))


def two_factor_verify(request, token: str) -> bool:
    device = confirmed_device(request.user)
    if device is None or not _verify(request.user, device, token):
        return False
    request.session[SESSION_KEY] = device.pk
    return True


def two_factor_enrol(request, token: str) -> bool:
    """Confirm the pending device with its first code; the session is then verified."""
    user = request.user
    device = pending_device(user)
    if not _verify(user, device, token):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        # One app per person: a new one replaces any earlier.
        TOTPDevice.objects.filter(user_id=user.pk).exclude(pk=device.pk).delete()
        account_event_record(kind=AccountEvent.Kind.TWO_FACTOR_ENROLLED, user=user, actor=user)
    request.session[SESSION_KEY] = device.pk
    return True


def secret_text(device: TOTPDevice) -> str:
    """The secret as typed into an app by hand: base32 in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an inline SVG QR code."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string(encoding="unicode")
    # Our own generated markup (no user text in it): safe to inline.
    return mark_safe(svg)  # noqa: S308
