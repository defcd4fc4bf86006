"""Disbursements of a đề án, never above the approved amount of their source, and their
reversals."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from funding.models import Disbursement
from funding.services.common import approved_by_source, disbursed_by_source, lock_for_step
from khuyencong.checks import require_past_date, require_positive, require_text
from khuyencong.errors import StateChanged
from khuyencong.formatting import format_dong
from projects.models import PUBLIC_SOURCES, Project, Source


def disbursement_record(
    *,
    user,
    project: Project,
    source: str,
    kind: str,
    date,
    amount: int,
    document_number: str,
    note: str = "",
) -> Disbursement:
    """Record a disbursement: the sum per source stays ≤ the approved amount of that source,
    judged under the đề án's row lock."""
    if source not in {s.value for s in PUBLIC_SOURCES}:
        raise ValidationError(_("The source is KCQG or KCĐP."), code="source")
    if kind not in Disbursement.Kind.values:
        raise ValidationError(_("The kind is an advance or a payment."), code="kind")
    require_past_date(date, _("disbursement date"))
    require_positive(amount, _("amount"))
    document_number = require_text(
        document_number, _("Give the document number."), "document_number"
    )
    with transaction.atomic():
        project = lock_for_step(user, project, "disburse")
        approved = approved_by_source(project).get(source, 0)
        already = disbursed_by_source(project).get(source, 0)
        if already + amount > approved:
            raise ValidationError(
                _(
                    "This disbursement would bring %(source)s money to %(after)s, above the "
                    "approved %(approved)s (already disbursed %(already)s; at most %(left)s more)."
                )
                % {
                    "source": Source(source).label,
                    "after": format_dong(already + amount),
                    "approved": format_dong(approved),
                    "already": format_dong(already),
                    "left": format_dong(max(0, approved - already)),
                },
                code="above_approved",
            )
        disbursement = Disbursement.objects.create(
            project=project,
            source=source,
            kind=kind,
            date=date,
            amount=amount,
            document_number=document_number,
            note=(note or "").strip(),
            created_by=user,
        )
    return disbursement


def disbursement_reverse(*, user, disbursement: Disbursement, reason: str) -> Disbursement:
    """Correct a recorded disbursement by a reversal entry with a reason (never an edit)."""
    reason = require_text(reason, _("Give the reason for the reversal."), "reason")
    with transaction.atomic():
        lock_for_step(user, disbursement.project, "reverse_disbursement")
        original = Disbursement.objects.select_for_update().get(pk=disbursement.pk)
        if original.is_reversal:
            raise ValidationError(_("A reversal entry cannot itself be reversed."))
        if Disbursement.objects.filter(reverses=original).exists():
            raise StateChanged(_("This disbursement was already reversed."))
        reversal = Disbursement.objects.create(
            project_id=original.project_id,
            source=original.source,
            kind=original.kind,
            date=timezone.localdate(),
            amount=-original.amount,
            document_number=original.document_number,
            reverses=original,
            reason=reason,
            created_by=user,
        )
    return reversal
