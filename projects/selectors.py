"""Reads of plans and đề án, always through the user's province scope."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from funding import rules
from funding.caps import CapCheck, caps_for
from funding.models import BudgetLine
from funding.selectors import Totals
from khuyencong.history import history_entries, record_name
from khuyencong.scoping import can_edit, home_province, scope_by_province
from projects.filters import PlanFilter, ProjectFilter
from projects.models import Content, Participation, Plan, Program, Project, ProjectOutput
from projects.services import check_plan_writable, plan_years_open_to
from projects.totals import with_project_money


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
        .annotate(project_count=Count("id"))
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
        group.totals = group.totals.add(project.money)
        summary = programs[project.program]
        summary.count += 1
        summary.totals = summary.totals.add(project.money)
        grand = grand.add(project.money)
    ordered = sorted(groups.values(), key=lambda g: (g.content.sort_order, g.content.code))
    return PlanBreakdown(
        groups=ordered, programs=list(programs.values()), totals=grand, count=len(projects)
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
    lines), outputs and the money rules of funding.rules judged on the amounts in force (approved
    where approved): four queries, whatever the rows."""
    lines = list(BudgetLine.objects.filter(project=project).order_by("pk"))
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
    # The same rules project_save enforces, on what is stored; shown, never corrected.
    caps, binding = caps_for(plan=project.plan, program=project.program, content=project.content)
    problems = rules.money_problems(
        program=project.program,
        content=project.content,
        caps=caps,
        binding=binding,
        lines=[(line.source, line.amount) for line in lines],
        establishments=[
            rules.EstablishmentMoney(p.beneficiary.name, p.support_amount, p.counterpart_amount)
            for p in participations
        ],
    )
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
