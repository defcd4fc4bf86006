"""The money rules of a đề án, in one place. Every path (the form, project_save, the plan's
submission, an adjustment, the import, the dossier) asks them through projects.state.problems,
which hands them the state and the caps in force.

`money_problems` is pure: it is handed what it judges (the programme, the content, the caps
already loaded, the budget lines' amounts and the establishments' amounts) and runs no query.
Rules:
1. A đề án needs a budget line of its own programme's public source above 0 (KCQG money for a
   KCQG đề án, KCĐP for KCĐP).
2. Where establishments carry amounts, their support must add up to that public line and their
   counterpart to the counterpart line (the difference is given in đồng).
3. The support caps in force (projects.caps): binding caps give errors, a reference cap (KCĐP
   with no cap of the province's own) only warnings.
And a warning, checked again as an error when the plan is submitted: a content that needs the
establishments it supports has none named yet.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from khuyencong.formatting import format_dong
from projects.caps import Amounts, check_caps
from projects.models import PROGRAM_SHORT, Content, Source, SupportCap, public_source

ERROR = "error"
WARNING = "warning"

# Codes of the rules (the ValidationError code project_save raises with each).
PROGRAMME_SOURCE = "programme_source"
SUPPORT_SUM = "support_sum"
COUNTERPART_SUM = "counterpart_sum"
CAP = "cap"
NEEDS_BENEFICIARIES = "needs_beneficiaries"

# The part of the đề án a problem belongs to (where the form shows it).
BUDGET_LINES = "budget_lines"
PARTICIPATIONS = "participations"

__all__ = [
    "EstablishmentMoney",
    "Problem",
    "errors_of",
    "money_problems",
    "public_source",
    "warnings_of",
]


@dataclass(frozen=True)
class EstablishmentMoney:
    """One establishment's part of a đề án (đồng)."""

    name: str
    support: int = 0
    counterpart: int = 0


@dataclass(frozen=True)
class Problem:
    level: str  # ERROR or WARNING
    code: str  # one of the rule codes above
    field: str  # BUDGET_LINES or PARTICIPATIONS
    message: str  # translated, amounts formatted in đồng
    amounts: dict[str, int] = field(default_factory=dict)  # the figures behind it, in đồng

    @property
    def is_error(self) -> bool:
        return self.level == ERROR


def money_problems(
    *,
    program: str,
    content: Content | None,
    caps: list[SupportCap],
    binding: bool,
    lines: Iterable[tuple[str, int]],
    establishments: list[EstablishmentMoney],
) -> list[Problem]:
    """Every problem of a đề án's money, errors and warnings, in the order people read them.

    `lines` are (source, amount) pairs; `caps` and `binding` are what a projects.caps.Caps gives.
    """
    amounts: dict[str, int] = {}
    for source, amount in lines:
        amounts[source] = amounts.get(source, 0) + amount
    own = public_source(program)
    own_line = amounts.get(own, 0)
    counterpart_line = amounts.get(Source.COUNTERPART, 0)
    problems: list[Problem] = []

    has_own_line = own_line > 0
    if not has_own_line:
        problems.append(
            Problem(
                ERROR,
                PROGRAMME_SOURCE,
                BUDGET_LINES,
                _("A %(program)s project needs a %(program)s budget line above 0.")
                % {"program": PROGRAM_SHORT[program]},
                {"line": own_line},
            )
        )

    carry_amounts = any(e.support or e.counterpart for e in establishments)
    if carry_amounts:
        support = sum(e.support for e in establishments)
        counterpart = sum(e.counterpart for e in establishments)
        # Without a line of its own programme the support has nothing to add up to: rule 1
        # already says so.
        if has_own_line and support != own_line:
            problems.append(
                Problem(
                    ERROR,
                    SUPPORT_SUM,
                    PARTICIPATIONS,
                    _(
                        "The establishments' total support (%(sum)s) differs by %(difference)s "
                        "from the %(source)s budget line (%(line)s)."
                    )
                    % {
                        "sum": format_dong(support),
                        "difference": format_dong(abs(support - own_line)),
                        "source": PROGRAM_SHORT[program],
                        "line": format_dong(own_line),
                    },
                    {"establishments": support, "line": own_line},
                )
            )
        if counterpart != counterpart_line:
            problems.append(
                Problem(
                    ERROR,
                    COUNTERPART_SUM,
                    PARTICIPATIONS,
                    _(
                        "The establishments' total counterpart (%(sum)s) differs by "
                        "%(difference)s from the counterpart budget line (%(line)s)."
                    )
                    % {
                        "sum": format_dong(counterpart),
                        "difference": format_dong(abs(counterpart - counterpart_line)),
                        "line": format_dong(counterpart_line),
                    },
                    {"establishments": counterpart, "line": counterpart_line},
                )
            )

    if caps and has_own_line:
        total = sum(amounts.values())
        result = check_caps(
            caps=caps,
            binding=binding,
            project=Amounts(support=own_line, total=total),
            beneficiaries=[
                (e.name, Amounts(support=e.support, total=e.support + e.counterpart))
                for e in establishments
            ],
        )
        figures = {"support": own_line, "total": total}
        for message in result.errors:
            problems.append(Problem(ERROR, CAP, BUDGET_LINES, message, figures))
        for message in result.warnings:
            problems.append(Problem(WARNING, CAP, BUDGET_LINES, message, figures))

    if content is not None and content.needs_beneficiaries and not establishments:
        problems.append(
            Problem(
                WARNING,
                NEEDS_BENEFICIARIES,
                PARTICIPATIONS,
                _(
                    "Content %(content)s needs the establishments it supports: add them "
                    "before the plan is submitted."
                )
                % {"content": content.code},
            )
        )
    return problems


def errors_of(problems: list[Problem], code: str | None = None) -> list[Problem]:
    return [p for p in problems if p.is_error and (code is None or p.code == code)]


def warnings_of(problems: list[Problem], code: str | None = None) -> list[Problem]:
    return [p for p in problems if not p.is_error and (code is None or p.code == code)]
