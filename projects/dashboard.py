"""The plans-and-đề-án panel of the dashboard (registered in ProjectsConfig.ready()).

Every role sees the figures it may already read, over the last few years that have plans:
- a centre or a Sở: one row per plan of its province and the old provinces merged into it, with
  the plan's status, its đề án by status and its money by source;
- the ministry (and a superuser): one row per year for the whole country, aggregated in the
  database (plans by status, đề án by status, money by source), never a row per plan.

A constant number of queries whatever the data size: the years, then one grouped query per figure.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse

from khuyencong.dashboard import Panel
from khuyencong.scoping import (
    can_approve_for_ministry,
    can_edit,
    can_review,
    membership_of,
    sees_all_provinces,
)
from projects.models import (
    Adjustment,
    AdjustmentStatus,
    Plan,
    PlanEvent,
    PlanStatus,
    ProjectStatus,
)
from projects.selectors import age_in_days, plan_queryset_for_user, project_queryset_for_user
from projects.totals import Totals, with_project_money

YEARS_SHOWN = 5
TEMPLATE = "projects/_dashboard.html"


@dataclass
class StatusCount:
    status: str
    label: str
    count: int


@dataclass
class PlanRow:
    plan: Plan
    money: Totals
    projects: list[StatusCount]

    @property
    def project_count(self) -> int:
        return sum(s.count for s in self.projects)


@dataclass
class YearRow:
    year: int
    plans: list[StatusCount] = field(default_factory=list)
    projects: list[StatusCount] = field(default_factory=list)
    money: Totals = field(default_factory=Totals)

    @property
    def plan_count(self) -> int:
        return sum(s.count for s in self.plans)

    @property
    def project_count(self) -> int:
        return sum(s.count for s in self.projects)


def _by_status(counts: dict[str, int], choices) -> list[StatusCount]:
    """Counts in the workflow's order (the order of the choices), statuses with none left out."""
    return [
        StatusCount(value, str(label), counts[value])
        for value, label in choices
        if counts.get(value)
    ]


def recent_years(plans) -> list[int]:
    """The last YEARS_SHOWN years that have a plan the user may see, newest first (one query)."""
    return list(plans.order_by("-year").values_list("year", flat=True).distinct()[:YEARS_SHOWN])


def plan_rows(user, years: list[int]) -> list[PlanRow]:
    """One row per plan in the user's scope for `years`: two queries."""
    plans = (
        with_project_money(plan_queryset_for_user(user).filter(year__in=years))
        .select_related("province")
        .order_by("-year", "province__name", "pk")
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        project_queryset_for_user(user)
        .filter(year__in=years)
        .values("plan_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[row["plan_id"]][row["status"]] = row["n"]
    return [
        PlanRow(plan, Totals.of(plan), _by_status(counts[plan.pk], ProjectStatus.choices))
        for plan in plans
    ]


def year_rows(user, years: list[int]) -> list[YearRow]:
    """One row per year, aggregated over every plan in the user's scope: three grouped queries."""
    plans = plan_queryset_for_user(user).filter(year__in=years)
    plan_counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in plans.values("year", "status").annotate(n=Count("id")).order_by():
        plan_counts[row["year"]][row["status"]] = row["n"]
    project_counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        project_queryset_for_user(user)
        .filter(year__in=years)
        .values("year", "status")
        .annotate(n=Count("id"))
        .order_by()
    ):
        project_counts[row["year"]][row["status"]] = row["n"]
    money = {
        row["year"]: Totals.of(row)
        for row in with_project_money(plans.values("year"))
        .values("year", "kcqg", "kcdp", "counterpart", "other")
        .order_by()
    }
    return [
        YearRow(
            year=year,
            plans=_by_status(plan_counts[year], PlanStatus.choices),
            projects=_by_status(project_counts[year], ProjectStatus.choices),
            money=money.get(year, Totals()),
        )
        for year in years
    ]


def plans_panel(request) -> Panel | None:
    user = request.user
    if membership_of(user) is None and not user.is_superuser:
        return None
    national = sees_all_provinces(user)
    years = recent_years(plan_queryset_for_user(user))
    context = {"national": national, "years": years}
    if national:
        context["year_rows"] = year_rows(user, years)
    else:
        context["plan_rows"] = plan_rows(user, years)
    return Panel(TEMPLATE, context)


# --- What waits on me ---------------------------------------------------------------------------

WAITING_TEMPLATE = "projects/_waiting.html"
WAITING_SHOWN = 20


@dataclass
class Waiting:
    label: str
    url: str
    age_days: int
    detail: str = ""


def _reviewer_waiting(user) -> list[Waiting]:
    """Plans and adjustments submitted to the user's Sở: two queries."""
    rows = [
        Waiting(
            str(plan),
            reverse("projects:plan_detail", args=[plan.pk]),
            age_in_days(plan.submitted_at),
        )
        for plan in plan_queryset_for_user(user)
        .filter(status=PlanStatus.SUBMITTED)
        .select_related("province")
        .order_by("submitted_at", "pk")[:WAITING_SHOWN]
    ]
    rows += [
        Waiting(
            str(adjustment),
            reverse("projects:adjustment_detail", args=[adjustment.pk]),
            age_in_days(adjustment.submitted_at),
            adjustment.reason,
        )
        for adjustment in Adjustment.objects.filter(
            status=AdjustmentStatus.SUBMITTED, plan__in=plan_queryset_for_user(user)
        )
        .select_related("plan__province")
        .order_by("submitted_at", "pk")[:WAITING_SHOWN]
    ]
    return rows


def _centre_waiting(user) -> list[Waiting]:
    """Returned plans with the reviewer's last comment, returned adjustments with theirs: four
    queries, with or without rows (the comments are filtered by a subquery, not by ids in memory).
    """
    returned = plan_queryset_for_user(user).filter(status=PlanStatus.RETURNED)
    plans = list(returned.select_related("province").order_by("pk")[:WAITING_SHOWN])
    last = {}
    for event in PlanEvent.objects.filter(
        plan__in=returned.values("pk"), kind=PlanEvent.Kind.RETURNED
    ).order_by("created_at", "pk"):
        last[event.plan_id] = event
    rows = [
        Waiting(
            str(plan),
            reverse("projects:plan_detail", args=[plan.pk]),
            age_in_days(last[plan.pk].created_at if plan.pk in last else None),
            last[plan.pk].comment if plan.pk in last else "",
        )
        for plan in plans
    ]
    open_returned = Adjustment.objects.filter(
        status=AdjustmentStatus.RETURNED, plan__in=plan_queryset_for_user(user)
    )
    adjustments = list(open_returned.select_related("plan__province")[:WAITING_SHOWN])
    comments = {
        e.adjustment_id: e
        for e in PlanEvent.objects.filter(
            adjustment__in=open_returned.values("pk"), kind=PlanEvent.Kind.ADJUSTMENT_RETURNED
        ).order_by("created_at", "pk")
    }
    for adjustment in adjustments:
        event = comments.get(adjustment.pk)
        rows.append(
            Waiting(
                str(adjustment),
                reverse("projects:adjustment_detail", args=[adjustment.pk]),
                age_in_days(event.created_at if event else None),
                event.comment if event else "",
            )
        )
    return rows


def _ministry_waiting(user) -> list[Waiting]:
    """KCQG đề án awaiting the ministry, oldest first: one query."""
    return [
        Waiting(
            f"{project.code} · {project.title}",
            reverse("projects:detail", args=[project.pk]),
            age_in_days(project.updated_at),
            project.plan.province.name,
        )
        for project in project_queryset_for_user(user)
        .filter(status=ProjectStatus.AWAITING_MINISTRY)
        .select_related("plan__province")
        .order_by("updated_at", "pk")[:WAITING_SHOWN]
    ]


def waiting_panel(request) -> Panel | None:
    """What waits on the user, by role, each with its age in days."""
    user = request.user
    if can_review(user):
        rows, more_url = _reviewer_waiting(user), reverse("projects:plan_list")
    elif can_edit(user):
        rows, more_url = _centre_waiting(user), reverse("projects:plan_list")
    elif can_approve_for_ministry(user):
        rows, more_url = _ministry_waiting(user), reverse("projects:ministry_list")
    else:
        return None
    return Panel(WAITING_TEMPLATE, {"rows": rows, "more_url": more_url})
