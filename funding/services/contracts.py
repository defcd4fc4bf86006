"""Contracts of a đề án being carried out."""

from django.db import transaction
from django.utils.translation import gettext as _

from funding.models import Contract
from funding.services.common import lock_for_step
from khuyencong.checks import require_past_date, require_positive, require_text
from khuyencong.formatting import format_dong
from projects import workflow
from projects.documents import attachment_store
from projects.events import log_project_step
from projects.models import Project


def contract_add(
    *, user, project: Project, number: str, date, party: str, value: int, upload=None
) -> Contract:
    """Record a contract; the first one moves an approved đề án to in progress."""
    number = require_text(number, _("Give the contract number."), "number")
    party = require_text(party, _("Give the other party of the contract."), "party")
    require_past_date(date, _("contract date"))
    require_positive(value, _("contract value"))
    with transaction.atomic():
        project = lock_for_step(user, project, "record_contract")
        contract = Contract.objects.create(
            project=project, number=number, date=date, party=party, value=value, created_by=user
        )
        if upload is not None:
            attachment_store(upload, user=user, plan=project.plan, project=project, kind="contract")
        # The first contract moves an approved đề án to in progress.
        workflow.apply(project, "record_contract", user=user, reason=_("First contract recorded"))
        log_project_step(
            project,
            user,
            _("Contract %(number)s with %(party)s, %(value)s")
            % {
                "number": number,
                "party": party,
                "value": format_dong(value),
            },
        )
    return contract
