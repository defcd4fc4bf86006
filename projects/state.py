"""A đề án's state in one shape: its fields, budget lines, establishments and outputs.

`ProjectState` is built from the stored rows (`project_states`, a fixed number of queries
whatever the number of đề án), from the đề án form (`ProjectEditor.state()`), or from the JSON an
approved version (ProjectVersion.data) or an adjustment item (AdjustmentItem.proposed) keeps
(`ProjectState.from_json`, which reads the rows written before a field existed: a field they do
not list is left as it is). Then, for every path (the form, project_save, the plan's submission,
an adjustment, the import, the dossier):
- `problems(state, caps)`: the money rules (projects.rules) with the caps in force;
- `missing(state, caps)`: what keeps it from being submitted (the money rules' errors, the
  establishments its content needs, a planned output);
- `write_state(...)`: the one writer of a đề án's rows (project_save and adjustments).
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from khuyencong.children import sync_children
from projects import rules
from projects.activities import apply_activity_rule
from projects.caps import Caps
from projects.models import (
    BudgetLine,
    Content,
    Indicator,
    Participation,
    Project,
    ProjectOutput,
    ProjectVersion,
)

# The đề án's own fields a state carries (the code, plan, status and money are not edited).
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


@dataclass(frozen=True)
class BudgetLineData:
    source: str
    proposed: int
    approved: int | None = None

    @property
    def amount(self) -> int:
        """The approved amount once there is one, the proposed amount before."""
        return self.approved if self.approved is not None else self.proposed


@dataclass(frozen=True)
class ParticipationData:
    """An establishment's part: `beneficiary` is the Beneficiary (from the form) or its id (from
    JSON)."""

    beneficiary: Beneficiary | int
    support_amount: int = 0
    counterpart_amount: int = 0

    @property
    def beneficiary_id(self) -> int:
        return getattr(self.beneficiary, "pk", self.beneficiary)

    @property
    def name(self) -> str:
        return getattr(self.beneficiary, "name", "")


@dataclass(frozen=True)
class OutputData:
    """A planned output: `indicator` is the Indicator (from the form) or its id (from JSON)."""

    indicator: Indicator | int
    planned: int
    actual: int | None = None

    @property
    def indicator_id(self) -> int:
        return getattr(self.indicator, "pk", self.indicator)


def _field_json(project: Project, name: str):
    if name in FOREIGN_KEYS:
        return getattr(project, f"{name}_id")
    value = getattr(project, name)
    if name in MONTHS:
        return value.isoformat() if value else None
    return value


@dataclass
class ProjectState:
    """A đề án as data. `fields` holds JSON values (ids, ISO months); `content` is the Content
    object when the builder had it (the rules need it), None from JSON until `load_states`."""

    fields: dict
    budget: list[BudgetLineData] = field(default_factory=list)
    participants: list[ParticipationData] = field(default_factory=list)
    outputs: list[OutputData] = field(default_factory=list)
    status: str | None = None
    content: Content | None = None

    @property
    def program(self) -> str:
        return self.fields.get("program")

    @property
    def content_id(self) -> int | None:
        return self.fields.get("content")

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    # Builders ---------------------------------------------------------------------------------

    @classmethod
    def of(cls, project: Project, *, budget=(), participants=(), outputs=(), status=None):
        """The state of a đề án instance (its fields as they are now) with the given rows."""
        return cls(
            fields={name: _field_json(project, name) for name in FIELDS},
            budget=list(budget),
            participants=list(participants),
            outputs=list(outputs),
            status=status,
            # The content only when already read with the đề án: building a state runs no query.
            content=project.content if Project.content.is_cached(project) else None,
        )

    @classmethod
    def from_json(cls, data: dict | None) -> "ProjectState":
        """The stored JSON (a version, an item's proposal); rows written before a key existed
        read as its default."""
        data = data or {}
        return cls(
            fields=dict(data.get("fields", {})),
            budget=[
                BudgetLineData(row["source"], row["proposed"], row.get("approved"))
                for row in data.get("budget", [])
            ],
            participants=[
                ParticipationData(
                    p["beneficiary"], p.get("support_amount", 0), p.get("counterpart_amount", 0)
                )
                for p in data.get("participants", [])
            ],
            outputs=[
                OutputData(o["indicator"], o["planned"], o.get("actual"))
                for o in data.get("outputs", [])
            ],
            status=data.get("status"),
        )

    @classmethod
    def coerce(cls, state) -> "ProjectState":
        """A state given as ProjectState or as its JSON."""
        return state if isinstance(state, cls) else cls.from_json(state)

    def to_json(self) -> dict:
        """The stored format (ProjectVersion.data, AdjustmentItem.proposed)."""
        data = {"fields": dict(self.fields)}
        if self.status is not None:
            data["status"] = self.status
        data["budget"] = [
            {"source": r.source, "proposed": r.proposed, "approved": r.approved}
            for r in self.budget
        ]
        data["participants"] = [
            {
                "beneficiary": p.beneficiary_id,
                "support_amount": p.support_amount,
                "counterpart_amount": p.counterpart_amount,
            }
            for p in self.participants
        ]
        data["outputs"] = [
            {"indicator": o.indicator_id, "planned": o.planned, "actual": o.actual}
            for o in self.outputs
        ]
        return data

    def apply_fields(self, project: Project) -> None:
        """Set the state's fields on the đề án (a field the state does not list keeps its
        value)."""
        for name in FIELDS:
            if name not in self.fields:
                continue
            value = self.fields[name]
            if name in FOREIGN_KEYS:
                setattr(project, f"{name}_id", value)
            elif name in MONTHS:
                setattr(project, name, datetime.date.fromisoformat(value) if value else None)
            else:
                setattr(project, name, value)


def project_states(projects, *, names: bool = False) -> dict[int, ProjectState]:
    """{project id: state} of đề án as stored: three queries whatever the number of đề án
    (`names`: the establishments' names too, for the rules' messages; same three)."""
    projects = list(projects)
    ids = [p.pk for p in projects]
    states = {p.pk: ProjectState.of(p, status=p.status) for p in projects}
    for line in BudgetLine.objects.filter(project_id__in=ids).order_by("pk"):
        states[line.project_id].budget.append(
            BudgetLineData(line.source, line.proposed, line.approved)
        )
    parts = Participation.objects.filter(project_id__in=ids).order_by("pk")
    if names:
        parts = parts.select_related("beneficiary")
    for part in parts:
        states[part.project_id].participants.append(
            ParticipationData(
                part.beneficiary if names else part.beneficiary_id,
                part.support_amount,
                part.counterpart_amount,
            )
        )
    for output in ProjectOutput.objects.filter(project_id__in=ids).order_by("pk"):
        states[output.project_id].outputs.append(
            OutputData(output.indicator_id, output.planned, output.actual)
        )
    return states


def stored_states(projects) -> dict[int, dict]:
    """{project id: the JSON of the đề án as stored} (what an approved version keeps)."""
    return {pk: state.to_json() for pk, state in project_states(projects).items()}


def load_states(states: list[ProjectState]) -> list[ProjectState]:
    """Give states read from JSON their content and their establishments (two queries for any
    number of states), for the rules' checks and messages."""
    contents = Content.objects.in_bulk({s.content_id for s in states if s.content_id})
    beneficiaries = Beneficiary.objects.in_bulk(
        {p.beneficiary_id for s in states for p in s.participants}
    )
    loaded = []
    for state in states:
        loaded.append(
            ProjectState(
                fields=state.fields,
                budget=state.budget,
                participants=[
                    ParticipationData(
                        beneficiaries.get(p.beneficiary_id, p.beneficiary_id),
                        p.support_amount,
                        p.counterpart_amount,
                    )
                    for p in state.participants
                ],
                outputs=state.outputs,
                status=state.status,
                content=contents.get(state.content_id),
            )
        )
    return loaded


# --- The rules on a state ------------------------------------------------------------------------


def problems(state: ProjectState, caps: Caps, *, in_force: bool = False) -> list[rules.Problem]:
    """Every problem of the state's money (projects.rules.money_problems) with the caps in force:
    on the proposed amounts (what a centre saves and submits), or `in_force` (approved where
    approved: what the dossier shows). No query."""
    found, binding = caps(state.program, state.content)
    return rules.money_problems(
        program=state.program,
        content=state.content,
        caps=found,
        binding=binding,
        lines=[(line.source, line.amount if in_force else line.proposed) for line in state.budget],
        establishments=[
            rules.EstablishmentMoney(p.name, p.support_amount, p.counterpart_amount)
            for p in state.participants
        ],
    )


def missing(state: ProjectState, caps: Caps) -> list[str]:
    """What keeps the đề án from being submitted: the money rules' errors on the proposed
    amounts, the establishments its content needs, and at least one planned output."""
    found = [
        p.message
        for p in problems(state, caps)
        if p.is_error or p.code == rules.NEEDS_BENEFICIARIES
    ]
    if not any(output.planned for output in state.outputs):
        found.append(_("No planned output: add at least one output with its target."))
    return found


# --- Writing -----------------------------------------------------------------------------------


def write_state(*, user, project: Project, state: ProjectState) -> Project:
    """Make the stored đề án equal `state`: its fields (one the state does not list keeps its
    value; the activity then follows projects.activities.ActivityRule), then its budget lines,
    establishments and outputs, matched on their natural key (source, establishment, indicator):
    stored rows the state does not have are deleted. Each row is saved on its own with `user` in
    its history. The caller holds the locks, has numbered the đề án and set its lock_version,
    and refreshes the stored totals (projects.totals) in the same transaction."""
    state.apply_fields(project)
    apply_activity_rule(project)
    project._history_user = user
    project.save()
    sync_children(
        user=user,
        stored=project.budget_lines.all(),
        rows=state.budget,
        key="source",
        build=lambda row: BudgetLine(project=project, source=row.source),
        fields=("proposed", "approved"),
    )
    sync_children(
        user=user,
        stored=project.participations.all(),
        rows=state.participants,
        key="beneficiary_id",
        build=lambda row: Participation(project=project, beneficiary_id=row.beneficiary_id),
        fields=("support_amount", "counterpart_amount"),
    )
    sync_children(
        user=user,
        stored=project.outputs.all(),
        rows=state.outputs,
        key="indicator_id",
        build=lambda row: ProjectOutput(project=project, indicator_id=row.indicator_id),
        fields=("planned", "actual"),
    )
    return project


def keep_versions(projects, *, plan_version: int, decision_number: str, decision_date) -> None:
    """Keep the approved state of each đề án in this version of its plan (ProjectVersion)."""
    states = stored_states(projects)
    ProjectVersion.objects.bulk_create(
        [
            ProjectVersion(
                project=project,
                plan_version=plan_version,
                data=states[project.pk],
                decision_number=decision_number,
                decision_date=decision_date,
            )
            for project in projects
        ]
    )
