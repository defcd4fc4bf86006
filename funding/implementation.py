"""Reads of how đề án are carried out: a đề án's timeline, and approved vs disbursed vs accepted
vs settled money by source for a set of đề án (a plan, a province, the country).

Every function runs a fixed number of queries, whatever the number of đề án: sums are grouped in
the database. The caller scopes the đề án (projects.selectors.project_queryset_for_user).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from funding.models import Acceptance, AcceptanceResult, Contract, Disbursement, Settlement
from projects.models import Attachment, BudgetLine, Project, Source
from projects.totals import Totals
from projects.workflow import (
    ACCEPTABLE_PROJECT_STATUSES,
    APPROVED_PROJECT_STATUSES,
    IMPLEMENTABLE_PLAN_STATUSES,
    UNAPPROVED_PROJECT_STATUSES,
    ProjectStatus,
)

NO_CONTRACT_AFTER_DAYS = 60


@dataclass
class Progress:
    """Approved vs disbursed vs accepted vs settled money (public sources by source; accepted
    also with its counterpart)."""

    approved: Totals = field(default_factory=Totals)
    disbursed: Totals = field(default_factory=Totals)
    accepted: Totals = field(default_factory=Totals)
    settled: int = 0

    @property
    def execution(self) -> Decimal | None:
        """Execution % = disbursed ÷ approved (KCQG + KCĐP)."""
        if not self.approved.public:
            return None
        return Decimal(self.disbursed.public) * 100 / Decimal(self.approved.public)

    def add(self, other: "Progress") -> "Progress":
        return Progress(
            self.approved.add(other.approved),
            self.disbursed.add(other.disbursed),
            self.accepted.add(other.accepted),
            self.settled + other.settled,
        )


def _public(kcqg, kcdp) -> Totals:
    return Totals(kcqg=int(kcqg or 0), kcdp=int(kcdp or 0))


def _grouped(queryset, path: str | None, sums: dict) -> dict:
    """{group value: {name: sum}} of a queryset grouped by `path` (None: one group)."""
    if path is None:
        return {None: queryset.aggregate(**sums)}
    return {row[path]: row for row in queryset.values(path).annotate(**sums).order_by()}


def progress_by(projects: QuerySet[Project], key: str | None) -> dict:
    """{value of `key` on the đề án ("pk", "plan_id", "plan__province_id", "year"; None for all
    of them): Progress}: four grouped queries whatever the number of đề án."""
    base = projects.order_by()
    ids = base.values("pk")
    other = None if key is None else ("project_id" if key == "pk" else f"project__{key}")
    approved = _grouped(
        base.filter(status__in=APPROVED_PROJECT_STATUSES),
        key,
        {"kcqg": Sum("kcqg"), "kcdp": Sum("kcdp")},
    )
    disbursed = _grouped(
        Disbursement.objects.filter(project_id__in=ids),
        other,
        {f"d_{s}": Sum("amount", filter=Q(source=s)) for s in (Source.KCQG, Source.KCDP)},
    )
    accepted = _grouped(
        Acceptance.objects.filter(project_id__in=ids, result=AcceptanceResult.PASSED),
        other,
        {
            "a_kcqg": Sum("actual_kcqg"),
            "a_kcdp": Sum("actual_kcdp"),
            "a_counterpart": Sum("actual_counterpart"),
            "a_other": Sum("actual_other"),
        },
    )
    settled = _grouped(Settlement.objects.filter(project_id__in=ids), other, {"s": Sum("amount")})
    result = {}
    for value in set(approved) | set(disbursed) | set(accepted) | set(settled):
        a = approved.get(value, {})
        d = disbursed.get(value, {})
        c = accepted.get(value, {})
        result[value] = Progress(
            approved=_public(a.get("kcqg"), a.get("kcdp")),
            disbursed=_public(d.get("d_kcqg"), d.get("d_kcdp")),
            accepted=Totals(
                int(c.get("a_kcqg") or 0),
                int(c.get("a_kcdp") or 0),
                int(c.get("a_counterpart") or 0),
                int(c.get("a_other") or 0),
            ),
            settled=int(settled.get(value, {}).get("s") or 0),
        )
    return result


def progress_total(projects: QuerySet[Project]) -> Progress:
    return progress_by(projects, None).get(None) or Progress()


@dataclass
class SourceMoney:
    source: str
    label: str
    approved: int
    disbursed: int

    @property
    def left(self) -> int:
        return max(0, self.approved - self.disbursed)


def approved_and_disbursed(project: Project) -> list[SourceMoney]:
    """Approved and disbursed money of each public source of a đề án (two queries): shown
    beside the forms so the clerk sees what is left."""
    approved = {line.source: line.amount for line in BudgetLine.objects.filter(project=project)}
    disbursed = dict(
        Disbursement.objects.filter(project=project)
        .values_list("source")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    labels = dict(Source.choices)
    return [
        SourceMoney(s, str(labels[s]), approved.get(s, 0), int(disbursed.get(s) or 0))
        for s in (Source.KCQG, Source.KCDP)
        if s in approved or s in disbursed
    ]


# --- What is late --------------------------------------------------------------------------------


@dataclass
class Late:
    past_end: list  # đề án past their end month without acceptance
    no_contract: list  # approved đề án with no contract 60 days after approval
    past_end_count: int = 0
    no_contract_count: int = 0


def late_projects(
    projects: QuerySet[Project], today: datetime.date | None = None, limit: int = 10
) -> Late:
    """Đề án past their end month without acceptance, and approved ones with no contract 60
    days after their approval (the ministry's decision for KCQG, else the plan's): four
    queries (two counts, two short lists)."""
    today = today or timezone.localdate()
    month_start = today.replace(day=1)
    past_end = projects.filter(
        status__in=ACCEPTABLE_PROJECT_STATUSES,
        end_month__lt=month_start,
    )
    approved_on = Coalesce(F("ministry_decision_date"), F("plan__decision_date"))
    no_contract = (
        projects.filter(status=ProjectStatus.APPROVED)
        .annotate(approved_on=approved_on)
        .filter(approved_on__lte=today - datetime.timedelta(days=NO_CONTRACT_AFTER_DAYS))
    )
    rows = ("pk", "code", "title", "end_month", "plan__province__name")
    return Late(
        past_end=list(past_end.order_by("end_month", "pk").values(*rows)[:limit]),
        no_contract=list(
            no_contract.order_by("approved_on", "pk").values(*rows, "approved_on")[:limit]
        ),
        past_end_count=past_end.order_by().count(),
        no_contract_count=no_contract.order_by().count(),
    )


# --- A đề án's dossier ---------------------------------------------------------------------------


@dataclass
class Step:
    day: datetime.date | None
    kind: str
    label: str
    amount: int | None = None
    document: str = ""
    detail: str = ""
    attachments: list = field(default_factory=list)
    reversal: bool = False


@dataclass
class ProjectImplementation:
    contracts: list
    disbursements: list
    acceptances: list
    settlement: Settlement | None
    attachments: list
    progress: Progress
    timeline: list[Step]

    @property
    def settled(self) -> bool:
        return self.settlement is not None

    @property
    def passed(self) -> Acceptance | None:
        return next((a for a in self.acceptances if a.passed), None)


def project_implementation(project: Project, lines) -> ProjectImplementation:
    """Contracts, disbursements, acceptances, settlement, documents and the timeline of one đề
    án (`lines`: its budget lines, already read by the dossier): six queries."""
    contracts = list(Contract.objects.filter(project=project).order_by("date", "pk"))
    disbursements = list(
        Disbursement.objects.filter(project=project)
        .select_related("reverses")
        .order_by("date", "pk")
    )
    acceptances = list(
        Acceptance.objects.filter(project=project)
        .select_related("minutes")
        .prefetch_related("establishments__participation__beneficiary")
        .order_by("date", "pk")
    )
    settlement = Settlement.objects.filter(project=project).first()
    attachments = list(
        Attachment.objects.filter(project=project)
        .select_related("uploaded_by")
        .order_by("uploaded_at", "pk")
    )
    reversed_ids = {d.reverses_id for d in disbursements if d.reverses_id}
    for d in disbursements:
        d.is_reversed = d.pk in reversed_ids
    approved = Totals.of_lines(lines)
    disbursed = Totals.of_amounts((d.source, d.amount) for d in disbursements)
    passed = next((a for a in acceptances if a.passed), None)
    accepted = (
        Totals(
            passed.actual_kcqg, passed.actual_kcdp, passed.actual_counterpart, passed.actual_other
        )
        if passed
        else Totals()
    )
    progress = Progress(
        Totals(kcqg=approved.kcqg, kcdp=approved.kcdp),
        disbursed,
        accepted,
        settlement.amount if settlement else 0,
    )
    by_kind: dict[str, list] = {}
    for attachment in attachments:
        by_kind.setdefault(attachment.kind, []).append(attachment)
    timeline = []
    approved_on = project.ministry_decision_date or project.plan.decision_date
    if project.status not in UNAPPROVED_PROJECT_STATUSES:
        timeline.append(
            Step(
                approved_on,
                "approved",
                _("Approved"),
                approved.public,
                project.ministry_decision_number or project.plan.decision_number,
                attachments=by_kind.get("approval", []),
            )
        )
    for c in contracts:
        timeline.append(
            Step(
                c.date,
                "contract",
                _("Contract"),
                c.value,
                c.number,
                c.party,
                attachments=by_kind.get("contract", []) if c is contracts[0] else [],
            )
        )
    for d in disbursements:
        label = d.get_kind_display() if not d.is_reversal else _("Reversal")
        timeline.append(
            Step(
                d.date,
                "disbursement",
                f"{label} · {d.get_source_display()}",
                d.amount,
                d.document_number,
                d.reason if d.is_reversal else d.note,
                reversal=d.is_reversal,
            )
        )
    for a in acceptances:
        timeline.append(
            Step(
                a.date,
                "acceptance",
                _("Acceptance") + " · " + a.get_result_display(),
                a.actual_total,
                "",
                a.redo or a.remarks,
                attachments=[a.minutes] if a.minutes else [],
            )
        )
    if settlement:
        timeline.append(
            Step(
                settlement.decision_date,
                "settlement",
                _("Settlement"),
                settlement.amount,
                settlement.decision_number,
                _("Closed out on %(day)s") % {"day": settlement.closed_on.strftime("%d/%m/%Y")},
                attachments=by_kind.get("settlement", []) + by_kind.get("close_out", []),
            )
        )
    timeline.sort(key=lambda s: (s.day or datetime.date.min,))
    return ProjectImplementation(
        contracts, disbursements, acceptances, settlement, attachments, progress, timeline
    )


def project_has_settlement(project_ids) -> set[int]:
    return set(
        Settlement.objects.filter(project_id__in=list(project_ids)).values_list(
            "project_id", flat=True
        )
    )


def status_counts(projects: QuerySet[Project]) -> dict[str, int]:
    return dict(projects.values_list("status").annotate(n=Count("pk")).order_by())


@dataclass
class PlanImplementation:
    rows: list  # (project, Progress) of the đề án being carried out
    total: Progress
    late: Late


def plan_implementation(plan, breakdown) -> PlanImplementation | None:
    """The plan page's implementation table (its đề án come from the plan's breakdown, already
    read): nine queries whatever the number of đề án; None before the plan is approved."""
    if plan.status not in IMPLEMENTABLE_PLAN_STATUSES:
        return None
    projects = Project.objects.filter(plan=plan)
    by = progress_by(projects, "pk")
    rows = [
        (p, by.get(p.pk) or Progress())
        for group in breakdown.groups
        for p in group.projects
        if p.status in APPROVED_PROJECT_STATUSES or p.pk in by
    ]
    return PlanImplementation(rows, progress_total(projects), late_projects(projects))
