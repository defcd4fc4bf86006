"""Reads of plans and đề án, always through the user's province scope."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from khuyencong.history import history_entries, record_name
from khuyencong.scoping import can_edit, home_province, scope_by_province, visible_provinces
from projects import rules
from projects.caps import CapCheck, caps_of_content
from projects.filters import AwaitingMinistryFilter, PlanFilter, ProjectFilter
from projects.models import (
    Adjustment,
    AdjustmentItem,
    BudgetLine,
    Content,
    Participation,
    Plan,
    PlanEvent,
    Program,
    Project,
    ProjectOutput,
    ProjectStatus,
    ProjectVersion,
)
from projects.services import check_plan_writable, plan_years_open_to
from projects.state import BudgetLineData, ParticipationData, ProjectState
from projects.state import problems as state_problems
from projects.totals import Totals, with_project_money
from projects.workflow import INACTIVE_PROJECT_STATUSES, OPEN_ADJUSTMENT_STATUSES


def plan_queryset_for_user(user) -> QuerySet[Plan]:
    return scope_by_province(Plan.objects.all(), user)


def project_queryset_for_user(user) -> QuerySet[Project]:
    return scope_by_province(Project.objects.all(), user, field="plan__province")


def get_plan_for_user(user, pk, *, write: bool = False) -> Plan:
    """Another province's plan → 404; a write without the right or on a locked plan → 403."""
    plan = plan_queryset_for_user(user).select_related("province").filter(pk=pk).first()
    if plan is None:
        raise Http404
    if write:
        check_plan_writable(user, plan)
    return plan


def get_project_for_user(user, pk, *, write: bool = False) -> Project:
    """Another province's đề án → 404; a write without the right or on a locked plan → 403."""
    project = (
        project_queryset_for_user(user)
        .select_related(
            "plan__province",
            "content__parent",
            "implementing_organisation",
            "commune",
            "created_by",
        )
        .filter(pk=pk)
        .first()
    )
    if project is None:
        raise Http404
    if write:
        check_plan_writable(user, project.plan)
    return project


# --- Lists, totals and the pages of plans and đề án ---------------------------------------------


def attach_totals(rows):
    """Give each đề án (stored money) a `money` Totals for leverage and sums in templates; rows
    already in memory, no query."""
    rows = list(rows)
    for row in rows:
        row.money = Totals.of(row)
    return rows


def plan_list(*, user, params):
    """The plans the user may see, filtered by `params` (year, province), newest year first.
    Plain rows: the money of the plans on the page comes from `plans_page_totals`."""
    queryset = (
        plan_queryset_for_user(user)
        .select_related("province")
        .order_by("-year", "province__name", "pk")
    )
    return PlanFilter(params, queryset=queryset, user=user)


def plans_page_totals(plans) -> list[Plan]:
    """Money and number of đề án of the plans on one page, in one grouped query over their đề
    án only (totalling the whole scoped table before paging cost 0,3 s at national scale)."""
    plans = list(plans)
    sums = {
        row["plan_id"]: row
        for row in with_project_money(
            Project.objects.filter(plan_id__in=[p.pk for p in plans]).values("plan_id"), path=""
        )
        .annotate(project_count=Count("id", filter=~Q(status__in=INACTIVE_PROJECT_STATUSES)))
        .order_by()
    }
    for plan in plans:
        row = sums.get(plan.pk, {})
        plan.money = Totals.of(row)
        plan.project_count = row.get("project_count", 0)
    return plans


def plan_years_to_open(user, today: datetime.date | None = None) -> list[int]:
    """The years the user's centre may open a plan for and has not yet: [] for anyone who may
    not open plans."""
    province = home_province(user)
    if not can_edit(user) or province is None:
        return []
    years = plan_years_open_to(today)
    units = {year: province.unit_on(datetime.date(year, 1, 1)) for year in years}
    wanted = Q()
    for year, unit in units.items():
        wanted |= Q(province=unit, year=year)
    taken = set(Plan.objects.filter(wanted).values_list("year", flat=True))
    return [year for year in years if year not in taken]


@dataclass
class ContentGroup:
    """The đề án of one top-level content (3 holds 3.1 and 3.2) with their subtotal."""

    content: Content
    projects: list = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)


@dataclass
class ProgramSummary:
    program: str
    label: str
    count: int = 0
    totals: Totals = field(default_factory=Totals)


@dataclass
class PlanBreakdown:
    groups: list[ContentGroup]
    programs: list[ProgramSummary]
    totals: Totals
    count: int


def plan_breakdown(plan: Plan) -> PlanBreakdown:
    """The plan's đề án grouped by content group, with subtotals, totals by programme and the
    grand total: one query."""
    projects = attach_totals(
        Project.objects.filter(plan=plan)
        .select_related("content__parent")
        .order_by("content__sort_order", "content__code", "program", "sequence", "pk")
    )
    groups: dict[int, ContentGroup] = {}
    programs = {value: ProgramSummary(value, label) for value, label in Program.choices}
    grand = Totals()
    for project in projects:
        top = project.content.parent or project.content
        group = groups.setdefault(top.pk, ContentGroup(content=top))
        group.projects.append(project)
        if project.status in INACTIVE_PROJECT_STATUSES:
            continue  # listed with its reason, counted in no total
        group.totals = group.totals.add(project.money)
        summary = programs[project.program]
        summary.count += 1
        summary.totals = summary.totals.add(project.money)
        grand = grand.add(project.money)
    ordered = sorted(groups.values(), key=lambda g: (g.content.sort_order, g.content.code))
    active = sum(1 for p in projects if p.status not in INACTIVE_PROJECT_STATUSES)
    return PlanBreakdown(
        groups=ordered, programs=list(programs.values()), totals=grand, count=active
    )


def plan_history(plan: Plan):
    return history_entries(Plan.history.filter(id=plan.pk))


def project_list_queryset(user) -> QuerySet[Project]:
    """The đề án the user may see, with what a list row shows (money is stored on the đề án),
    in one query."""
    return (
        project_queryset_for_user(user)
        .select_related("plan__province", "content")
        # Long texts the list never shows: narrower rows to read and to sort.
        .defer("objectives", "scale", "search_text")
    )


def project_list(*, user, params):
    """The FilterSet of the đề án list (year, province, program, content, status, q)."""
    return ProjectFilter(params, queryset=project_list_queryset(user), user=user)


@dataclass
class MoneyGap:
    """Participations' sum against the budget lines: shown, never corrected."""

    label: str
    participations: int
    budget_lines: int

    @property
    def difference(self) -> int:
        return self.participations - self.budget_lines


@dataclass
class ProjectDossier:
    budget_lines: list[BudgetLine]
    totals: Totals
    participations: list[Participation]
    participation_support: int
    participation_counterpart: int
    gaps: list[MoneyGap]
    outputs: list[ProjectOutput]
    caps: CapCheck
    location_warnings: list[str]
    problems: list[rules.Problem] = field(default_factory=list)  # every money problem


def project_dossier(project: Project) -> ProjectDossier:
    """Budget lines with totals, participations (and how far their sums are from the budget
    lines), outputs and the money rules (projects.state.problems) judged on the amounts in force
    (approved where approved): four queries, whatever the rows."""
    lines = list(BudgetLine.objects.filter(project=project).order_by("pk"))
    for line in lines:  # approved − proposed, shown next to the two amounts
        line.difference = line.approved - line.proposed if line.approved is not None else 0
    totals = Totals.of_lines(lines)
    participations = list(
        Participation.objects.filter(project=project).select_related(
            "beneficiary__commune", "beneficiary__province"
        )
    )
    support = sum(p.support_amount for p in participations)
    counterpart = sum(p.counterpart_amount for p in participations)
    outputs = list(
        ProjectOutput.objects.filter(project=project).select_related("indicator").order_by("pk")
    )
    # The same rules project_save enforces, on what is stored (the amounts in force); shown,
    # never corrected.
    state = ProjectState.of(
        project,
        budget=[BudgetLineData(line.source, line.proposed, line.approved) for line in lines],
        participants=[
            ParticipationData(p.beneficiary, p.support_amount, p.counterpart_amount)
            for p in participations
        ],
    )
    caps = caps_of_content(plan=project.plan, program=project.program, content=project.content)
    problems = state_problems(state, caps, in_force=True)
    labels = {
        rules.SUPPORT_SUM: _("Khuyến công support"),
        rules.COUNTERPART_SUM: _("Counterpart"),
    }
    gaps = [
        MoneyGap(labels[p.code], p.amounts["establishments"], p.amounts["line"])
        for p in problems
        if p.code in labels
    ]
    check = CapCheck(
        errors=[p.message for p in rules.errors_of(problems, rules.CAP)],
        warnings=[p.message for p in rules.warnings_of(problems, rules.CAP)],
    )
    return ProjectDossier(
        budget_lines=lines,
        totals=totals,
        participations=participations,
        participation_support=support,
        participation_counterpart=counterpart,
        gaps=gaps,
        outputs=outputs,
        caps=check,
        problems=problems,
        location_warnings=[
            warning
            for p in participations
            if (warning := p.beneficiary.location_warning(on=project.plan.eligibility_date))
        ],
    )


def _project_history_subject(record) -> str:
    name = record_name(record)
    if hasattr(record, "get_source_display"):  # a budget line: say which source
        return f"{name}: {record.get_source_display()}"
    return name


def project_history(project: Project):
    """Changes to the đề án and to its budget lines, participations and outputs, newest first."""
    return history_entries(
        Project.history.filter(id=project.pk),
        BudgetLine.history.filter(project_id=project.pk),
        Participation.history.filter(project_id=project.pk),
        ProjectOutput.history.filter(project_id=project.pk),
        subject=_project_history_subject,
    )


# --- Review and adjustments --------------------------------------------------------------------


def get_plan_for_review(user, pk) -> Plan:
    """The plan for a review action: another province's → 404. The role and the plan's state are
    checked by the service under the row lock (403 / 409)."""
    return get_plan_for_user(user, pk)


def get_adjustment_for_user(user, pk) -> Adjustment:
    adjustment = (
        Adjustment.objects.select_related("plan__province", "opened_by")
        .filter(pk=pk, plan__province__in=visible_provinces(user))
        .first()
    )
    if adjustment is None:
        raise Http404
    return adjustment


def get_adjustment_item_for_user(user, adjustment: Adjustment, pk) -> AdjustmentItem:
    item = adjustment.items.select_related("project").filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


@dataclass
class ReviewRow:
    """A đề án with its money proposed and approved (approved = proposed until set)."""

    project: Project
    proposed: Totals
    approved: Totals
    comments: list = field(default_factory=list)

    @property
    def is_active(self) -> bool:
        return self.project.status not in INACTIVE_PROJECT_STATUSES

    @property
    def difference(self) -> int:
        return self.approved.total - self.proposed.total


@dataclass
class PlanReview:
    rows: list[ReviewRow]
    proposed: Totals
    approved: Totals
    events: list
    adjustments: list

    @property
    def difference(self) -> int:
        return self.approved.total - self.proposed.total


def plan_review(plan: Plan, breakdown: PlanBreakdown | None = None) -> PlanReview:
    """Proposed against approved money of every đề án (totals over the active ones only), the
    comments on each, the plan's events and adjustments: four queries whatever the size (the
    đề án and their money in force come from `breakdown` when given)."""
    breakdown = breakdown or plan_breakdown(plan)
    projects = sorted(
        (p for group in breakdown.groups for p in group.projects),
        key=lambda p: (p.program, p.sequence, p.pk),
    )
    proposed = {p.pk: [] for p in projects}
    for project_id, source, amount in BudgetLine.objects.filter(project__plan=plan).values_list(
        "project_id", "source", "proposed"
    ):
        proposed[project_id].append((source, amount))
    events = list(
        PlanEvent.objects.filter(plan=plan)
        .select_related("actor", "project", "adjustment")
        .order_by("-created_at", "-pk")
    )
    comments: dict[int, list] = {}
    for event in events:
        if event.project_id and event.comment:
            comments.setdefault(event.project_id, []).append(event)
    rows = [
        ReviewRow(
            p,
            Totals.of_amounts(proposed[p.pk]),
            p.money,  # stored: approved where approved, proposed before
            comments.get(p.pk, []),
        )
        for p in projects
    ]
    total_proposed, total_approved = Totals(), Totals()
    for row in rows:
        if row.is_active:
            total_proposed = total_proposed.add(row.proposed)
            total_approved = total_approved.add(row.approved)
    adjustments = list(plan.adjustments.order_by("-number"))
    return PlanReview(rows, total_proposed, total_approved, events, adjustments)


def project_events(project: Project) -> list[PlanEvent]:
    """The review steps about this đề án (comments, rejection, ministry decisions): one query."""
    return list(
        PlanEvent.objects.filter(project=project)
        .select_related("actor", "project")
        .order_by("-created_at", "-pk")
    )


def project_versions(project: Project) -> list[ProjectVersion]:
    return list(ProjectVersion.objects.filter(project=project).order_by("-plan_version", "-pk"))


def open_adjustment(plan: Plan) -> Adjustment | None:
    return plan.adjustments.filter(status__in=list(OPEN_ADJUSTMENT_STATUSES)).first()


def awaiting_ministry(*, user, params):
    """Every KCQG đề án awaiting the ministry, across provinces (the user's scope), oldest first."""
    queryset = (
        project_queryset_for_user(user)
        .filter(status=ProjectStatus.AWAITING_MINISTRY)
        .select_related("plan__province", "content")
        .order_by("updated_at", "pk")
    )
    return AwaitingMinistryFilter(params, queryset=queryset, user=user)


def age_in_days(moment, today: datetime.date | None = None) -> int:
    """Whole days since `moment` (a date-time or a date), in local time."""
    if moment is None:
        return 0
    from django.utils import timezone

    today = today or timezone.localdate()
    day = timezone.localtime(moment).date() if isinstance(moment, datetime.datetime) else moment
    return max(0, (today - day).days)
