"""Close-out and settlement of a đề án: settled ≤ disbursed ≤ approved; read-only after."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from funding.models import Settlement
from funding.services.common import approved_by_source, disbursed_by_source, lock_for_step
from khuyencong.checks import require_amounts, require_past_date, require_text
from khuyencong.errors import StateChanged
from khuyencong.formatting import format_dong
from khuyencong.notifications import notify
from projects import workflow
from projects.documents import attachment_store
from projects.events import log_project_step
from projects.models import PUBLIC_SOURCES, Project
from projects.recipients import centre_of, project_url, reviewers_of


def settlement_record(
    *,
    user,
    project: Project,
    closed_on,
    amount: int,
    decision_number: str,
    decision_date,
    upload=None,
) -> Settlement:
    """Close out and settle an accepted đề án (or a stopped one, for the money spent):
    settled ≤ disbursed ≤ approved. The đề án becomes read-only for everyone."""
    require_past_date(closed_on, _("close-out date"))
    require_past_date(decision_date, _("settlement decision date"))
    decision_number = require_text(
        decision_number, _("Give the number of the settlement decision."), "decision_number"
    )
    require_amounts(amount)
    try:
        with transaction.atomic():
            project = lock_for_step(user, project, "record_settlement")
            disbursed = sum(disbursed_by_source(project).values())
            approved = approved_by_source(project)
            public_approved = sum(approved.get(s, 0) for s in PUBLIC_SOURCES)
            if disbursed > public_approved:
                raise ValidationError(
                    _("Disbursed money (%(disbursed)s) is above the approved %(approved)s.")
                    % {
                        "disbursed": format_dong(disbursed),
                        "approved": format_dong(public_approved),
                    }
                )
            if amount > disbursed:
                raise ValidationError(
                    _(
                        "The settled amount (%(amount)s) cannot be above the disbursed "
                        "%(disbursed)s."
                    )
                    % {"amount": format_dong(amount), "disbursed": format_dong(disbursed)},
                    code="above_disbursed",
                )
            settlement = Settlement.objects.create(
                project=project,
                closed_on=closed_on,
                amount=amount,
                decision_number=decision_number,
                decision_date=decision_date,
                created_by=user,
            )
            if upload is not None:
                attachment_store(
                    upload, user=user, plan=project.plan, project=project, kind="settlement"
                )
            # Accepted → settled; a stopped đề án settled for its money stays stopped.
            workflow.apply(project, "record_settlement", user=user, reason=_("Settled"))
            text = _("Project %(code)s was settled: %(amount)s (decision %(number)s).") % {
                "code": project.code,
                "amount": format_dong(amount),
                "number": decision_number,
            }
            log_project_step(
                project, user, text, decision_number=decision_number, decision_date=decision_date
            )
            notify(
                recipients=[*reviewers_of(project.plan), *centre_of(project.plan)],
                text=text,
                url=project_url(project),
            )
    except IntegrityError:
        raise StateChanged(_("This project was settled meanwhile.")) from None
    return settlement
