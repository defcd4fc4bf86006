from django.utils.translation import gettext_lazy as _


class StaleEditError(Exception):
    """Someone else saved the record after this user opened it: their save wins, this one is
    refused, and the form is shown again with what the user typed."""

    message = _(
        "Someone else saved this record while you were editing it. Your changes have not been "
        "saved: they are still in the form below. Open the record again in a new tab to see the "
        "other changes, then save yours again."
    )
