"""Domain errors and the HTTP status each one answers with, for every app.

A service raises; a view turns the error into the message and status of its page with
`refusal(error)` (the same mapping everywhere):
- ValidationError → 400: bad input or a rule of the data broken; nothing was written;
- PermissionDenied → 403: the wrong role, or a record locked for everyone (a settled đề án);
- StateChanged → 409: the record is no longer in the state the user acted on (someone else
  acted first); nothing was changed;
- StaleEditError → 409: someone else saved the record after this user opened it;
- any other DomainError → its `status` (400 unless it says otherwise).
Another province's record is a 404, raised by the scoped fetch before any of these.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A refusal of the domain, with the message shown to the user and its HTTP status."""

    status = 400
    message = ""

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class StateChanged(DomainError):
    """The object is no longer in the state the user acted on (409)."""

    status = 409


class StaleEditError(DomainError):
    """Someone else saved the record after this user opened it: their save wins, this one is
    refused, and the form is shown again with what the user typed."""

    status = 409
    message = _(
        "Someone else saved this record while you were editing it. Your changes have not been "
        "saved: they are still in the form below. Open the record again in a new tab to see the "
        "other changes, then save yours again."
    )


# What a view catches around a service call to show its page again with the reason (400, 409...).
# PermissionDenied is left to Django's 403 page.
REFUSALS = (ValidationError, DomainError)


def error_status(error: Exception) -> int:
    if isinstance(error, DomainError):
        return error.status
    if isinstance(error, PermissionDenied):
        return 403
    return 400


def error_message(error: Exception) -> str:
    """The text a page shows for a refusal (every message of a ValidationError, joined)."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(getattr(error, "message", None) or error)


def refusal(error: Exception) -> tuple[str, int]:
    """(message, HTTP status) of a refused service call."""
    return error_message(error), error_status(error)
