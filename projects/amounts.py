"""The approved amounts of a đề án's budget lines: set by the Sở while it reviews the plan, by
the ministry for a KCQG đề án, and at each approval (a line without one is approved as proposed).

Rule: 0 ≤ approved ≤ proposed, for a source the đề án has a line of. The caller holds the locks
and refreshes the stored totals (projects.totals) in the same transaction.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from khuyencong.formatting import format_dong
from projects.models import BudgetLine


def check_approved_amounts(lines: list[BudgetLine], amounts: dict[str, int]) -> None:
    """Refuse (400) an amount of a source without a line, below 0 or above the proposed one."""
    by_source = {line.source: line for line in lines}
    if set(amounts) - set(by_source):
        raise ValidationError(_("An amount names a source this project has no line for."))
    for source, amount in amounts.items():
        line = by_source[source]
        if amount is None or amount < 0:
            raise ValidationError(_("Amounts are whole đồng, 0 or more."), code="amount")
        if amount > line.proposed:
            raise ValidationError(
                _("The approved %(source)s amount cannot be above the proposed one (%(proposed)s).")
                % {
                    "source": line.get_source_display(),
                    "proposed": format_dong(line.proposed),
                },
                code="above_proposed",
            )


def set_approved_amounts(user, lines: list[BudgetLine], amounts: dict[str, int]) -> None:
    """Check, then write the amounts that changed (each line saved with its history)."""
    check_approved_amounts(lines, amounts)
    for line in lines:
        if line.source in amounts and line.approved != amounts[line.source]:
            line.approved = amounts[line.source]
            line._history_user = user
            line.save()


def approve_as_proposed(user, lines) -> None:
    """Every line without an approved amount is approved at its proposed amount."""
    for line in lines:
        if line.approved is None:
            line.approved = line.proposed
            line._history_user = user
            line.save()
