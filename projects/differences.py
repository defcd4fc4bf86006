"""The before / after of an adjustment: every changed field, amount, establishment and output
between the đề án as it stands and the state an item proposes, as the reviewer reads it. Reads
only, a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from khuyencong.formatting import format_dong
from khuyencong.models import Commune, Organisation
from projects.models import (
    Activity,
    Adjustment,
    AdjustmentItem,
    Content,
    Indicator,
    Program,
    Project,
    Source,
)
from projects.state import (
    FIELDS,
    FOREIGN_KEYS,
    MONTHS,
    ParticipationData,
    ProjectState,
    project_states,
)


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


def _labels(states: list[ProjectState]) -> dict:
    """Names of every object the states point to: one query per kind."""
    wanted = {name: set() for name in FOREIGN_KEYS}
    beneficiaries, indicators = set(), set()
    for state in states:
        for name in wanted:
            if state.fields.get(name):
                wanted[name].add(state.fields[name])
        beneficiaries |= {p.beneficiary_id for p in state.participants}
        indicators |= {o.indicator_id for o in state.outputs}
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


def state_differences(
    before: ProjectState | None, after: ProjectState | None, labels
) -> list[Difference]:
    """Every changed field and amount between two states (a missing side is empty)."""
    before = before or ProjectState(fields={})
    after = after or ProjectState(fields={})
    rows = []
    both = before.fields and after.fields
    for name in FIELDS:
        if both and (name not in before.fields or name not in after.fields):
            continue  # a state saved before the field existed: nothing to compare
        old, new = before.fields.get(name), after.fields.get(name)
        if old != new:
            label = str(Project._meta.get_field(name).verbose_name).capitalize()
            rows.append(Difference(label, _show(name, old, labels), _show(name, new, labels)))
    sources = dict(Source.choices)
    # What is in force before (approved where approved) against what is proposed after.
    old_lines = {row.source: row.amount for row in before.budget}
    new_lines = {row.source: row.proposed for row in after.budget}
    for source in sources:
        old, new = old_lines.get(source), new_lines.get(source)
        if old != new and (old or new):
            rows.append(
                Difference(
                    str(sources[source]), format_dong(old), format_dong(new), old or 0, new or 0
                )
            )
    old_parts = {p.beneficiary_id: p for p in before.participants}
    new_parts = {p.beneficiary_id: p for p in after.participants}
    for key in list(old_parts) + [k for k in new_parts if k not in old_parts]:
        old, new = old_parts.get(key), new_parts.get(key)
        if _money(old) != _money(new):
            name = labels["beneficiary"].get(key, str(key))
            rows.append(Difference(name, _show_part(old), _show_part(new), _sum(old), _sum(new)))
    old_out = {o.indicator_id: o.planned for o in before.outputs}
    new_out = {o.indicator_id: o.planned for o in after.outputs}
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


def _money(part: ParticipationData | None):
    return (part.support_amount, part.counterpart_amount) if part else None


def _sum(part: ParticipationData | None) -> int | None:
    return part.support_amount + part.counterpart_amount if part else None


def _show_part(part: ParticipationData | None) -> str:
    if not part:
        return "—"
    return f"{format_dong(part.support_amount)} + {format_dong(part.counterpart_amount)}"


def adjustment_review(adjustment: Adjustment) -> list[ItemView]:
    """Each item with its before / after differences: a fixed number of queries."""
    items = list(
        adjustment.items.select_related("project__content", "project__plan").order_by("pk")
    )
    befores = project_states([i.project for i in items if i.project_id])
    proposals = {i.pk: ProjectState.from_json(i.proposed) for i in items if i.proposed}
    labels = _labels(list(befores.values()) + list(proposals.values()))
    views = []
    for item in items:
        before = befores.get(item.project_id) if item.project_id else None
        if item.kind == AdjustmentItem.Kind.STOP:
            views.append(ItemView(item))
            continue
        if item.kind == AdjustmentItem.Kind.ADD and item.project_id:
            before = None  # already created (awaiting the ministry or applied)
        views.append(ItemView(item, state_differences(before, proposals.get(item.pk), labels)))
    return views
