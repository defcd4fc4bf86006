"""A đề án's state as data (fields, budget lines, establishments, outputs) and the differences
between two states: what an adjustment proposes, what each approved version keeps
(ProjectVersion.data), and the before / after the reviewer reads. Reads only."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from khuyencong.formatting import format_dong
from khuyencong.models import Commune, Organisation
from projects import rules
from projects.caps import caps_of_plan
from projects.models import (
    Activity,
    Adjustment,
    AdjustmentItem,
    BudgetLine,
    Content,
    Indicator,
    Participation,
    Plan,
    Program,
    Project,
    ProjectOutput,
    Source,
)

FIELDS = (
    "title",
    "program",
    "content",
    "activity",
    "is_pilot",
    "implementing_organisation",
    "commune",
    "start_month",
    "end_month",
    "objectives",
    "scale",
)
FOREIGN_KEYS = {"content", "activity", "implementing_organisation", "commune"}
MONTHS = {"start_month", "end_month"}


# --- A đề án's state as data ---------------------------------------------------------------------


def _field_value(project: Project, name: str):
    if name in FOREIGN_KEYS:
        return getattr(project, f"{name}_id")
    value = getattr(project, name)
    if name in MONTHS:
        return value.isoformat() if value else None
    return value


def project_states(projects) -> dict[int, dict]:
    """{project id: state} of đề án as stored: fields, budget lines, establishments, outputs.
    Three queries whatever the number of đề án."""
    projects = list(projects)
    ids = [p.pk for p in projects]
    states = {
        p.pk: {
            "fields": {name: _field_value(p, name) for name in FIELDS},
            "status": p.status,
            "budget": [],
            "participants": [],
            "outputs": [],
        }
        for p in projects
    }
    for line in BudgetLine.objects.filter(project_id__in=ids).order_by("pk"):
        states[line.project_id]["budget"].append(
            {"source": line.source, "proposed": line.proposed, "approved": line.approved}
        )
    for part in Participation.objects.filter(project_id__in=ids).order_by("pk"):
        states[part.project_id]["participants"].append(
            {
                "beneficiary": part.beneficiary_id,
                "support_amount": part.support_amount,
                "counterpart_amount": part.counterpart_amount,
            }
        )
    for output in ProjectOutput.objects.filter(project_id__in=ids).order_by("pk"):
        states[output.project_id]["outputs"].append(
            {"indicator": output.indicator_id, "planned": output.planned, "actual": output.actual}
        )
    return states


def editor_state(editor) -> dict:
    """The proposed state from a valid ProjectEditor (the đề án form reused)."""
    data = editor.form.cleaned_data
    fields = {}
    for name in FIELDS:
        value = data.get(name)
        if name in FOREIGN_KEYS:
            value = value.pk if value is not None else None
        elif name in MONTHS:
            value = value.isoformat() if value else None
        fields[name] = value
    return {
        "fields": fields,
        "budget": [
            {"source": line.source, "proposed": line.proposed, "approved": None}
            for line in editor.budget_lines()
        ],
        "participants": [
            {
                "beneficiary": row.beneficiary.pk,
                "support_amount": row.support_amount,
                "counterpart_amount": row.counterpart_amount,
            }
            for row in editor.participations()
        ],
        "outputs": [
            {"indicator": row.indicator.pk, "planned": row.planned, "actual": row.actual}
            for row in editor.output_rows()
        ],
    }


def state_problems(plan: Plan, state: dict, caps=None) -> list[str]:
    """What keeps a proposed state from being submitted: the money rules on the proposed amounts,
    the establishments its content needs, a planned output."""
    caps = caps or caps_of_plan(plan)
    content = Content.objects.get(pk=state["fields"]["content"])
    program = state["fields"]["program"]
    found, binding = caps(program, content)
    names = dict(
        Beneficiary.objects.filter(
            pk__in=[p["beneficiary"] for p in state["participants"]]
        ).values_list("pk", "name")
    )
    problems = rules.money_problems(
        program=program,
        content=content,
        caps=found,
        binding=binding,
        lines=[(row["source"], row["proposed"]) for row in state["budget"]],
        establishments=[
            rules.EstablishmentMoney(
                names.get(p["beneficiary"], ""), p["support_amount"], p["counterpart_amount"]
            )
            for p in state["participants"]
        ],
    )
    missing = [p.message for p in problems if p.is_error or p.code == rules.NEEDS_BENEFICIARIES]
    if not any(row["planned"] for row in state["outputs"]):
        missing.append(_("No planned output: add at least one output with its target."))
    return missing


# --- Before / after -------------------------------------------------------------------------------


@dataclass
class Difference:
    label: str
    before: str
    after: str
    amount_before: int | None = None
    amount_after: int | None = None

    @property
    def amount_difference(self) -> int | None:
        if self.amount_before is None and self.amount_after is None:
            return None
        return (self.amount_after or 0) - (self.amount_before or 0)


@dataclass
class ItemView:
    item: AdjustmentItem
    differences: list[Difference] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _labels(states: list[dict]) -> dict:
    """Names of every object the states point to: one query per kind."""
    wanted = {name: set() for name in FOREIGN_KEYS}
    beneficiaries, indicators = set(), set()
    for state in states:
        for name in wanted:
            if state.get("fields", {}).get(name):
                wanted[name].add(state["fields"][name])
        beneficiaries |= {p["beneficiary"] for p in state.get("participants", [])}
        indicators |= {o["indicator"] for o in state.get("outputs", [])}
    models = {
        "content": Content,
        "activity": Activity,
        "implementing_organisation": Organisation,
        "commune": Commune,
    }
    labels = {
        name: {obj.pk: str(obj) for obj in models[name].objects.filter(pk__in=ids)} if ids else {}
        for name, ids in wanted.items()
    }
    labels["beneficiary"] = (
        dict(Beneficiary.objects.filter(pk__in=beneficiaries).values_list("pk", "name"))
        if beneficiaries
        else {}
    )
    labels["indicator"] = (
        {i.pk: str(i) for i in Indicator.objects.filter(pk__in=indicators)} if indicators else {}
    )
    return labels


def _show(name: str, value, labels) -> str:
    if value in (None, ""):
        return "—"
    if name in FOREIGN_KEYS:
        return labels[name].get(value, str(value))
    if name in MONTHS:
        day = datetime.date.fromisoformat(value)
        return f"{day.month:02d}/{day.year}"
    if name == "program":
        return str(dict(Program.choices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def state_differences(before: dict | None, after: dict | None, labels) -> list[Difference]:
    """Every changed field and amount between two states (a missing side is empty)."""
    before = before or {"fields": {}, "budget": [], "participants": [], "outputs": []}
    after = after or {"fields": {}, "budget": [], "participants": [], "outputs": []}
    rows = []
    both = before["fields"] and after["fields"]
    for name in FIELDS:
        if both and (name not in before["fields"] or name not in after["fields"]):
            continue  # a state saved before the field existed: nothing to compare
        old, new = before["fields"].get(name), after["fields"].get(name)
        if old != new:
            label = str(Project._meta.get_field(name).verbose_name).capitalize()
            rows.append(Difference(label, _show(name, old, labels), _show(name, new, labels)))
    sources = dict(Source.choices)

    def amount(row):  # what is in force: approved where approved, else proposed
        approved = row.get("approved")
        return approved if approved is not None else row["proposed"]

    old_lines = {row["source"]: amount(row) for row in before["budget"]}
    new_lines = {row["source"]: row["proposed"] for row in after["budget"]}
    for source in sources:
        old, new = old_lines.get(source), new_lines.get(source)
        if old != new and (old or new):
            rows.append(
                Difference(
                    str(sources[source]), format_dong(old), format_dong(new), old or 0, new or 0
                )
            )
    old_parts = {p["beneficiary"]: p for p in before["participants"]}
    new_parts = {p["beneficiary"]: p for p in after["participants"]}
    for key in list(old_parts) + [k for k in new_parts if k not in old_parts]:
        old, new = old_parts.get(key), new_parts.get(key)
        money = lambda p: (p["support_amount"] + p["counterpart_amount"]) if p else None  # noqa: E731
        if old != new:
            name = labels["beneficiary"].get(key, str(key))
            show = lambda p: (  # noqa: E731
                f"{format_dong(p['support_amount'])} + {format_dong(p['counterpart_amount'])}"
                if p
                else "—"
            )
            rows.append(Difference(name, show(old), show(new), money(old), money(new)))
    old_out = {o["indicator"]: o["planned"] for o in before["outputs"]}
    new_out = {o["indicator"]: o["planned"] for o in after["outputs"]}
    for key in list(old_out) + [k for k in new_out if k not in old_out]:
        if old_out.get(key) != new_out.get(key):
            name = labels["indicator"].get(key, str(key))
            rows.append(
                Difference(
                    name,
                    str(old_out.get(key, "—")),
                    str(new_out.get(key, "—")),
                )
            )
    return rows


def adjustment_review(adjustment: Adjustment) -> list[ItemView]:
    """Each item with its before / after differences: a fixed number of queries."""
    items = list(
        adjustment.items.select_related("project__content", "project__plan").order_by("pk")
    )
    befores = project_states([i.project for i in items if i.project_id])
    states = list(befores.values()) + [i.proposed for i in items if i.proposed]
    labels = _labels(states)
    views = []
    for item in items:
        before = befores.get(item.project_id) if item.project_id else None
        if item.kind == AdjustmentItem.Kind.STOP:
            views.append(ItemView(item))
            continue
        if item.kind == AdjustmentItem.Kind.ADD and item.project_id:
            before = None  # already created (awaiting the ministry or applied)
        views.append(ItemView(item, state_differences(before, item.proposed, labels)))
    return views
