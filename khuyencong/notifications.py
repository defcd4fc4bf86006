"""In-app notifications and their emails. Knows no domain app: a service names the recipients,
the text and the link.

- `notify` stores one Notification per recipient (one bulk insert) inside the caller's
  transaction, so a refused transition leaves none behind.
- The emails are sent after the commit by a background task (`send_notification_emails`, here
  beside what it runs); a failure to queue or to send is logged and never undoes or blocks the
  transition.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from khuyencong.models import Notification

logger = logging.getLogger(__name__)


def notify(*, recipients: Iterable, text: str, url: str = "") -> list[Notification]:
    """Tell each recipient (users; duplicates and None dropped); email them after the commit."""
    users = {user.pk: user for user in recipients if user is not None}
    rows = Notification.objects.bulk_create(
        [Notification(recipient_id=pk, text=text[:500], url=url) for pk in users]
    )
    ids = [row.pk for row in rows if row.pk is not None]
    if not ids:  # some backends (old SQLite) give no ids back from bulk_create
        ids = list(
            Notification.objects.filter(recipient_id__in=users, text=text[:500], url=url)
            .order_by("-pk")
            .values_list("pk", flat=True)[: len(users)]
        )
    if ids:
        transaction.on_commit(lambda: _queue_emails(ids))
    return rows


def _queue_emails(ids: list[int]) -> None:
    try:
        send_notification_emails.enqueue(ids)
    except Exception:  # the transition is committed: a mail problem must not surface as a 500
        logger.exception("Could not queue the emails of notifications %s", ids)


def send_emails(ids: list[int]) -> int:
    """Mail each notification to its recipient; each failure is logged, the others still go."""
    sent = 0
    for note in Notification.objects.filter(pk__in=ids).select_related("recipient"):
        address = note.recipient.email
        if not address:
            continue
        link = f"{settings.SITE_URL}{note.url}" if note.url else ""
        try:
            send_mail(
                subject=note.text[:120],
                message=f"{note.text}\n\n{link}".strip(),
                from_email=None,
                recipient_list=[address],
            )
            sent += 1
        except Exception:
            logger.exception("Could not email notification %s to %s", note.pk, address)
    return sent


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """Mail notifications after the change that made them is committed (django-tasks: the
    database queue and `db_worker` in production, run at once in development)."""
    return send_emails(notification_ids)


def unread_count(user) -> int:
    """From the membership's query when there is one (khuyencong.scoping), else one COUNT."""
    from khuyencong.scoping import membership_of

    membership = membership_of(user)
    if membership is not None and hasattr(membership, "unread_notifications"):
        return membership.unread_notifications
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def notifications_for(user):
    return Notification.objects.filter(recipient_id=user.pk)


def mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them when ids is None); others' are untouched."""
    queryset = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    return queryset.update(read_at=timezone.now())
