"""Checking the rows of a đề án spreadsheet: each row's values, the plan it goes into, the
stored đề án it is, and what it would change (with the money rules of projects.state), in a
fixed number of queries for the whole file."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from beneficiaries.taxcode import TaxCodeError, canonical_tax_code
from khuyencong.importing.engine import (
    NEW,
    UNCHANGED,
    UPDATE,
    SourceRow,
)
from khuyencong.importing.values import key_of
from projects import workflow
from projects.caps import Caps
from projects.imports.columns import _TAX_SEPARATORS, AMOUNT_FIELDS
from projects.models import (
    Participation,
    Plan,
    Project,
    ProjectStatus,
)
from projects.state import BudgetLineData, ParticipationData, ProjectState, problems
from projects.workflow import IMPORTED_PROJECT_STATUSES


class PlanSlot:
    """A plan a row goes into: stored, or to be created by the write."""

    def __init__(self, province, year, plan: Plan | None, historical: bool):
        self.province = province
        self.year = year
        self.plan = plan or Plan(province=province, year=year)
        self.exists = plan is not None
        self.historical = historical

    def refusal(self) -> str:
        """Why rows that change something cannot go into this plan ("" when they can)."""
        plan = self.plan
        if not self.exists:
            return ""
        if self.historical:
            if plan.imported:
                return ""
            return _(
                "The %(year)s plan of %(province)s was approved in the portal: change it "
                "through an adjustment, not an import."
            ) % {"year": plan.year, "province": self.province.name}
        return workflow.plan_editable(plan, None) or ""


def check_row(row, today, years_open, visible, provinces, programs, lookup, statuses):
    row.content = row.program = row.province = None
    year = row.get("year")
    if year is None:
        row.error("year", _("The year is required."))
    elif year > years_open[-1]:
        row.error(
            "year",
            _("Plans can be imported up to %(year)s.") % {"year": years_open[-1]},
        )
    row.historical = year is not None and year < today.year
    if not row.get("title"):
        row.error("title", _("The title of the project is required."))
    program = row.get("program")
    if not program:
        row.error("program", _("The programme is required (KCQG or KCĐP)."))
    else:
        row.program = programs.get(key_of(program))
        if row.program is None:
            row.error("program", _("Write KCQG or KCĐP."))
    content = row.get("content")
    if not content:
        row.error("content", _("The content is required (its number or its name)."))
    else:
        text = key_of(content)
        row.content = lookup.get(text) or lookup.get(text.split(" ", 1)[0].rstrip("."))
        if row.content is None:
            row.error("content", _("Unknown content: write its number (e.g. 3.1) or name."))
    if year is not None:
        row.province = provinces.resolve_row(
            row,
            datetime.date(year, 1, 1),
            visible,
            _("No province or city of this name or code on 1 January %(year)s.") % {"year": year},
        )
    elif not row.get("province"):
        row.error("province", _("The province is required."))
    status = row.get("status")
    row.project_status = None
    if status:
        row.project_status = statuses.get(key_of(status))
        if row.project_status is None:
            row.error("status", _("Unknown status."))
    if year is not None and row.project_status is not None:
        if row.historical and row.project_status not in IMPORTED_PROJECT_STATUSES:
            row.error(
                "status",
                _(
                    "A project of a past year is approved, in progress, accepted, settled or "
                    "stopped."
                ),
            )
        elif not row.historical and row.project_status != ProjectStatus.PROPOSED:
            row.error(
                "status",
                _("A project of a plan being drafted is proposed: leave the status empty."),
            )
    if row.project_status is None and year is not None:
        row.project_status = ProjectStatus.APPROVED if row.historical else ProjectStatus.PROPOSED
    start, end = row.get("start"), row.get("end")
    row.start = start.replace(day=1) if start else None
    row.end = end.replace(day=1) if end else None
    if row.start and row.end and row.end < row.start:
        row.error("end", _("The end is before the start."))
    row.tax_codes = []
    for raw in _TAX_SEPARATORS.split(row.get("tax_codes") or ""):
        if not raw.strip():
            continue
        try:
            result = canonical_tax_code(raw)
        except TaxCodeError as error:
            row.error("tax_codes", f"{raw.strip()}: {error.message}")
            continue
        if result.value in row.tax_codes:
            row.error("tax_codes", _("%(code)s is written twice.") % {"code": result.value})
        else:
            row.tax_codes.append(result.value)
    row.amounts = {}
    for key, source in AMOUNT_FIELDS.items():
        if row.has(key):
            row.amounts[source] = row.get(key) or 0


def check_activity(row, lookup, rule) -> None:
    """The activity line written (its number or label), which must be one of the content's;
    blank: None here, and the write gives the content's default (ActivityRule)."""
    row.activity = None
    row.activity_rule = rule
    text = row.get("activity")
    if not text:
        return
    key = key_of(text)
    if key.endswith(".0"):  # a number typed in Excel: 5 → 5.0
        key = key[:-2]
    row.activity = lookup.get(key) or lookup.get(key.split(" ", 1)[0].rstrip("."))
    if row.activity is None:
        row.error("activity", _("Unknown activity: write its number (1 to 24) or its label."))
    elif row.content is not None and not rule.belongs(row.content.pk, row.activity.pk):
        row.error(
            "activity",
            _("The activity %(activity)s is not one of the content %(content)s's lines.")
            % {"activity": row.activity.code, "content": row.content.code},
        )


def plans_of(rows, context) -> dict[tuple, PlanSlot]:
    """The plan of every (province, year) named: one query, locked when writing."""
    wanted = {(row.province.pk, row.get("year")) for row in rows if row.province is not None}
    if not wanted:
        return {}
    condition = Q()
    for province_id, year in wanted:
        condition |= Q(province_id=province_id, year=year)
    plans = Plan.objects.filter(condition).select_related("province")
    if context.writing:
        plans = plans.select_for_update(of=("self",))
    stored = {(p.province_id, p.year): p for p in plans}
    slots = {}
    for row in rows:
        if row.province is None:
            continue
        key = (row.province.pk, row.get("year"))
        if key not in slots:
            slots[key] = PlanSlot(row.province, key[1], stored.get(key), row.historical)
        row.slot = slots[key]
    return slots


def match(rows, slots, context) -> None:
    """The stored đề án each row is (one query, with budget lines and participations)."""
    plan_ids = [slot.plan.pk for slot in slots.values() if slot.exists]
    projects = (
        Project.objects.filter(plan_id__in=plan_ids)
        .select_related("content")
        .prefetch_related("budget_lines", "participations__beneficiary")
    )
    if context.writing:
        projects = projects.select_for_update(of=("self",))
    by_code, by_title = {}, {}
    for project in projects:
        if project.external_code:
            by_code.setdefault((project.plan_id, key_of(project.external_code)), project)
        by_code.setdefault((project.plan_id, key_of(project.code)), project)
        by_title.setdefault((project.plan_id, project.program, key_of(project.title)), project)
    seen: dict[tuple, int] = {}
    for row in rows:
        row.current = None
        slot = getattr(row, "slot", None)
        if row.is_error or slot is None:
            continue
        code = key_of(row.get("code"))
        seen_key = (
            (id(slot), "code", code) if code else (id(slot), row.program, key_of(row.get("title")))
        )
        if seen_key in seen:
            row.error(
                "code" if code else "title",
                _("The same project is on row %(row)s.") % {"row": seen[seen_key]},
            )
            continue
        seen[seen_key] = row.number
        if slot.exists:
            if code:
                row.current = by_code.get((slot.plan.pk, code))
            if row.current is None:
                row.current = by_title.get((slot.plan.pk, row.program, key_of(row.get("title"))))


def establishments_of(rows) -> dict[str, Beneficiary]:
    codes = {code for row in rows for code in row.tax_codes}
    if not codes:
        return {}
    return {b.tax_code: b for b in Beneficiary.objects.filter(tax_code__in=codes)}


def plan_row(row: SourceRow, establishments, caps) -> None:
    current: Project | None = row.current
    slot: PlanSlot = row.slot
    unknown = [code for code in row.tax_codes if code not in establishments]
    if unknown:
        row.error(
            "tax_codes",
            _("No establishment with the tax code %(codes)s: import the establishments first.")
            % {"codes": ", ".join(unknown)},
        )
        return
    if current is not None and current.program != row.program:
        row.error(
            "program",
            _("The programme of an existing project cannot be changed by an import."),
        )
        return

    # What the file says, over what is stored.
    wanted = {
        "title": row.get("title"),
        "is_pilot": row.get("pilot"),
        "start_month": row.start,
        "end_month": row.end,
        "status": row.project_status,
        "external_code": row.get("code"),
    }
    if current is not None and key_of(row.get("code")) == key_of(current.code):
        # The portal's own code (an exported list coming back) is not the centre's code.
        wanted["external_code"] = None
    changes = {
        name: value
        for name, value in wanted.items()
        if value is not None and (current is None or getattr(current, name) != value)
    }
    if current is None or current.content_id != row.content.pk:
        changes["content"] = row.content
    # The activity written, else the stored one while it fits the content, else the
    # content's default (projects.activities.ActivityRule).
    chosen = row.activity.pk if row.activity else current.activity_id if current else None
    activity_id = row.activity_rule.resolve(row.content.pk, chosen)
    if current is None or current.activity_id != activity_id:
        changes["activity_id"] = activity_id
    stored_lines = {line.source: line for line in current.budget_lines.all()} if current else {}
    lines = {s: line.amount for s, line in stored_lines.items() if line.amount}
    for source, amount in row.amounts.items():
        if amount:
            lines[source] = amount
        else:
            lines.pop(source, None)
    stored_amounts = {s: line.amount for s, line in stored_lines.items() if line.amount}
    money_changed = lines != stored_amounts
    stored_people = (
        {p.beneficiary.tax_code: p for p in current.participations.all()} if current else {}
    )
    if row.has("tax_codes"):
        people = [
            stored_people.get(code) or Participation(beneficiary=establishments[code])
            for code in row.tax_codes
        ]
        people_changed = {p.beneficiary_id for p in people} != {
            p.beneficiary_id for p in stored_people.values()
        }
    else:
        people = list(stored_people.values())
        people_changed = False

    # The money rules, the caps in force on 1 January of the plan's year included.
    state = ProjectState(
        fields={"program": row.program, "content": row.content.pk},
        budget=[BudgetLineData(source, amount) for source, amount in lines.items()],
        participants=[
            ParticipationData(p.beneficiary, p.support_amount, p.counterpart_amount) for p in people
        ],
        content=row.content,
    )
    for problem in problems(state, Caps(slot.plan, caps)):
        if problem.is_error:
            row.error(None, problem.message)
    if row.is_error:
        return

    if current is None:
        row.outcome = NEW
    elif changes or money_changed or people_changed:
        row.outcome = UPDATE
    else:
        row.outcome = UNCHANGED
        return
    refusal = slot.refusal()
    if refusal:
        row.error(None, refusal)
        return
    row.payload = {
        "changes": changes,
        "lines": lines,
        "stored_lines": stored_lines,
        "people": people if row.has("tax_codes") else None,
        "stored_people": stored_people,
    }
