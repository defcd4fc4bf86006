"""Support caps: how much khuyến công money a đề án, or each establishment in it, may receive.

Rules (Circular 28/2018/TT-BTC for KCQG; the province's People's Council for KCĐP):
- A cap has a share of the cost (percent) and/or a ceiling in đồng, per đề án or per
  establishment, for a programme and a content, nationally (province blank) or for one province.
- A cap set for a sub-content's group applies to the sub-content too (3 covers 3.1).
- The cap in force is the one valid on 1 January of the plan's year; a province's own cap replaces
  the national one for that programme.
- Over a cap is an error for KCQG, and for KCĐP where the province has set its own cap. A KCĐP
  đề án in a province with no cap of its own is measured against the national KCQG cap as a
  reference, and going over it is only a warning.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from khuyencong.formatting import format_dong, format_percent
from projects.models import Content, Plan, Program, SupportCap


@dataclass
class CapCheck:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Amounts:
    """Money of one đề án or one establishment: public support and the total cost it is part of."""

    support: int
    total: int


class Caps:
    """The caps in force for the đề án of one plan, from caps already loaded:
    `caps(program, content)` → (caps, binding), no query."""

    def __init__(self, plan: Plan, candidates: list[SupportCap]):
        self.plan = plan
        self.candidates = candidates

    def __call__(self, program: str, content: Content | None) -> tuple[list[SupportCap], bool]:
        if content is None:
            return [], True
        return choose_caps(self.candidates, plan=self.plan, program=program, content=content)


def caps_of_content(*, plan: Plan, program: str, content: Content) -> Caps:
    """The caps that may bind a đề án of this content in this plan (one query)."""
    contents = [content.pk] + ([content.parent_id] if content.parent_id else [])
    candidates = list(
        SupportCap.objects.valid_on(plan.first_day)
        .filter(content_id__in=contents)
        .filter(
            Q(program=program, province__isnull=True)
            | Q(program=program, province_id=plan.province_id)
            | Q(program=Program.KCQG, province__isnull=True)
        )
        .select_related("content", "province")
    )
    return Caps(plan, candidates)


def caps_for(*, plan: Plan, program: str, content: Content) -> tuple[list[SupportCap], bool]:
    """The caps that bind a đề án (one query), and whether they are binding (errors) or only a
    reference (warnings)."""
    return caps_of_content(plan=plan, program=program, content=content)(program, content)


def caps_candidates(contents) -> list[SupportCap]:
    """Every cap of these contents and their groups (one query), for choose_caps on many đề án
    at once (the spreadsheet import)."""
    ids = {c.pk for c in contents} | {c.parent_id for c in contents if c.parent_id}
    return list(SupportCap.objects.filter(content_id__in=ids).select_related("content", "province"))


def choose_caps(
    candidates: list[SupportCap], *, plan: Plan, program: str, content: Content
) -> tuple[list[SupportCap], bool]:
    """The choice among caps already loaded: valid on 1 January of the plan's year, of
    the content or its group; the province's own, else the national, else (KCĐP) the national
    KCQG cap as a reference."""
    day = plan.first_day
    contents = {content.pk, content.parent_id} - {None}
    candidates = [
        c
        for c in candidates
        if c.content_id in contents
        and (c.valid_from is None or c.valid_from <= day)
        and (c.valid_until is None or day <= c.valid_until)
    ]
    own = [c for c in candidates if c.program == program and c.province_id == plan.province_id]
    if own:
        return own, True
    national = [c for c in candidates if c.program == program and c.province_id is None]
    if national:
        return national, True
    if program == Program.KCDP:
        reference = [c for c in candidates if c.program == Program.KCQG and c.province_id is None]
        return reference, False
    return [], True


def _over(cap: SupportCap, amounts: Amounts) -> list[str]:
    problems = []
    if cap.percent is not None and amounts.total > 0:
        limit = (Decimal(amounts.total) * cap.percent / 100).to_integral_value(
            rounding="ROUND_FLOOR"
        )
        if amounts.support > limit:
            share = Decimal(amounts.support) * 100 / amounts.total
            problems.append(
                _("support %(support)s is %(share)s of the cost, above the %(cap)s cap")
                % {
                    "support": format_dong(amounts.support),
                    "share": format_percent(share),
                    "cap": format_percent(cap.percent, 0),
                }
            )
    if cap.ceiling is not None and amounts.support > cap.ceiling:
        problems.append(
            _("support %(support)s is above the ceiling of %(ceiling)s")
            % {"support": format_dong(amounts.support), "ceiling": format_dong(cap.ceiling)}
        )
    return problems


def check_caps(
    *,
    caps: list[SupportCap],
    binding: bool,
    project: Amounts,
    beneficiaries: list[tuple[str, Amounts]],
) -> CapCheck:
    """Measure a đề án and each establishment (name, amounts) against the caps."""
    result = CapCheck()
    target = result.errors if binding else result.warnings
    for cap in caps:
        basis = cap.legal_basis or (cap.province.name if cap.province_id else "")
        if cap.per == SupportCap.Per.PROJECT:
            for problem in _over(cap, project):
                target.append(
                    _("The project: %(problem)s (%(basis)s).")
                    % {"problem": problem, "basis": basis}
                )
        else:
            for name, amounts in beneficiaries:
                for problem in _over(cap, amounts):
                    target.append(
                        _("%(name)s: %(problem)s (%(basis)s).")
                        % {"name": name, "problem": problem, "basis": basis}
                    )
    if not binding and target:
        target.insert(
            0,
            _(
                "The province has set no KCĐP cap for this content; the national KCQG cap is "
                "shown for reference."
            ),
        )
    return result


def caps_of_plan(plan: Plan) -> Caps:
    """The caps of every đề án of one plan from one query (the completeness check of a whole
    plan at submission, an adjustment)."""
    candidates = list(
        SupportCap.objects.valid_on(plan.first_day)
        .filter(Q(province__isnull=True) | Q(province_id=plan.province_id))
        .select_related("content", "province")
    )
    return Caps(plan, candidates)
