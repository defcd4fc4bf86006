"""Carrying out an approved đề án: contracts, disbursements, acceptance, settlement, documents.

One function per step: check the role, lock the đề án row (select_for_update), check its state
and the money rules under the lock, write, record a PlanEvent, notify; one transaction. Errors:
- PermissionDenied (403): not the centre, or the đề án is settled (read-only for everyone);
- StateChanged (409): the đề án is no longer in a state that allows the step (someone else acted);
- ValidationError (400): bad input or a money rule broken (nothing is written);
- Blocked (400): an acceptance with blockers and no written reason to override them.

The steps: funding.services.contracts, .disbursements, .acceptance, .settlement, .documents
(import them from here). The đề án's statuses change only through projects.workflow.

Rules:
- only on approved đề án (approved, in progress, accepted) of approved plans;
- the disbursed sum per source (KCQG / KCĐP) never exceeds the approved amount of that source,
  checked under the row lock so two clerks recording at once cannot overshoot together;
- a disbursement is never edited or deleted: a reversal entry with a reason corrects it;
- statuses: approved → in_progress on the first contract; → accepted on a passed acceptance;
  → settled after the settlement. A stopped đề án keeps what was disbursed and may still be
  settled for the money spent (it stays stopped, and read-only once settled);
- settled ≤ disbursed ≤ approved.
"""

from funding.services.acceptance import (
    AcceptanceInput,
    Blocked,
    acceptance_blockers,
    acceptance_record,
)
from funding.services.common import approved_by_source, disbursed_by_source, is_settled
from funding.services.contracts import contract_add
from funding.services.disbursements import disbursement_record, disbursement_reverse
from funding.services.documents import attachment_add
from funding.services.settlement import settlement_record

__all__ = [
    "AcceptanceInput",
    "Blocked",
    "acceptance_blockers",
    "acceptance_record",
    "approved_by_source",
    "attachment_add",
    "contract_add",
    "disbursed_by_source",
    "disbursement_record",
    "disbursement_reverse",
    "is_settled",
    "settlement_record",
]
