"""Checks of what a user typed, shared by every service: a required text, a date that is not in
the future, an amount of đồng, an approval decision. Each raises a ValidationError (400) with the
message shown next to the form, and returns the cleaned value."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def require_text(value: str, message: str, code: str) -> str:
    """The text stripped; `message` when nothing is left."""
    value = (value or "").strip()
    if not value:
        raise ValidationError(message, code=code)
    return value


def require_past_date(value, label: str) -> datetime.date:
    """A date (dd/mm/yyyy in the form) of today or before; `label` names it in the message."""
    if not isinstance(value, datetime.date):
        raise ValidationError(_("Give the %(what)s as dd/mm/yyyy.") % {"what": label}, code="date")
    if value > timezone.localdate():
        raise ValidationError(
            _("The %(what)s cannot be in the future.") % {"what": label}, code="date"
        )
    return value


def require_positive(value, label: str) -> int:
    """A whole number of đồng above 0."""
    if not isinstance(value, int) or value <= 0:
        raise ValidationError(
            _("The %(what)s is a whole number of đồng above 0.") % {"what": label}, code="amount"
        )
    return value


def require_amounts(*values) -> None:
    """Whole numbers of đồng, 0 or more."""
    for value in values:
        if not isinstance(value, int) or value < 0:
            raise ValidationError(_("Amounts are whole đồng, 0 or more."), code="amount")


def require_decision(number: str, date) -> str:
    """An approval decision: its number, and its date (not in the future)."""
    number = require_text(number, _("Give the number of the approval decision."), "decision_number")
    if not isinstance(date, datetime.date):
        raise ValidationError(
            _("Give the date of the decision as dd/mm/yyyy."), code="decision_date"
        )
    if date > timezone.localdate():
        raise ValidationError(_("The decision date cannot be in the future."), code="decision_date")
    return number
