"""What every report builder shares: the document's metadata, the đề án a report counts, the
ratios, and the one place the "carried out" figures come from (`implementation_amounts`).

Builders return plain dataclasses: amounts in integer đồng, ratios and percentages as Decimal
(None when they cannot be computed, shown "—"), never formatted text.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from khuyencong.models import Organisation, Province
from projects.models import Project
from projects.totals import Totals
from projects.workflow import (
    DONE_PROJECT_STATUSES,
    INACTIVE_PROJECT_STATUSES,
    NOT_IN_PLAN_STATUSES,
)
from reports.selectors import Area, ReportScope

# The groups of statuses are the workflow's (projects.workflow): a đề án whose work is done
# (DONE_PROJECT_STATUSES) counts its approved amounts as accepted; a rejected one never was part
# of the plan (NOT_IN_PLAN_STATUSES); a stopped one keeps its record (the implementation report
# lists it) but, like a rejected one, counts in no number of đề án and no total
# (INACTIVE_PROJECT_STATUSES); a KCQG đề án awaiting the ministry is counted with the amounts the
# Sở approved, and marked (status column, and a note giving how many).

MONEY_UNIT = "triệu đồng"
LEVERAGE_FORMULA = "Hệ số thu hút vốn = vốn đối ứng ÷ (KCQG + KCĐP)"
EXECUTION_FORMULA = "Tỷ lệ thực hiện = giải ngân ÷ kế hoạch được duyệt"
PLAN_AMOUNT_NOTE = (
    "Kinh phí kế hoạch: số được duyệt; đề án chưa được duyệt tính theo số đề xuất. "
    "Đề án bị từ chối hoặc ngừng triển khai không được tính vào số đề án và các tổng."
)


def awaiting_note(count: int) -> str:
    """The note marking KCQG đề án still waiting for the ministry ("" when there is none)."""
    if not count:
        return ""
    return (
        f"Trong đó có {count} đề án KCQG đã được Sở Công Thương duyệt, đang chờ Bộ Công Thương "
        "phê duyệt: được tính theo số Sở duyệt (trạng thái “Chờ Bộ phê duyệt”)."
    )


NO_DISBURSEMENT_NOTE = (
    "Chưa có số liệu giải ngân: hệ thống chưa ghi nhận giải ngân, các cột giải ngân và tỷ lệ "
    "thực hiện để trống (—), không phải bằng 0."
)
ACCEPTED_NOTE = (
    "Nghiệm thu: số thực tế ghi trong biên bản nghiệm thu (đạt); đề án đã nghiệm thu chưa có "
    "biên bản trên hệ thống tính theo kinh phí được duyệt."
)


# --- The document ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Agency:
    """The issuing agency in the administrative header: its parent above, itself below."""

    parent: str
    name: str
    place: str


@dataclass
class ReportMeta:
    name: str
    title: str
    subtitle: str = ""
    filters: list[tuple[str, str]] = field(default_factory=list)
    generated_at: datetime.datetime = field(default_factory=timezone.now)
    money_unit: str = MONEY_UNIT
    formulas: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    agency: Agency | None = None


def _unit_name(province: Province) -> str:
    prefix = "TP" if province.is_city_on(datetime.date.today()) else "TỈNH"
    return f"{prefix} {province.name.upper()}"


def agency_of(scope: ReportScope) -> Agency:
    """SỞ CÔNG THƯƠNG TP CẦN THƠ / TRUNG TÂM KHUYẾN CÔNG ... for a centre; UBND ... / SỞ CÔNG
    THƯƠNG ... for a Sở; BỘ CÔNG THƯƠNG / the ministry's unit for everyone else."""
    org = scope.organisation
    if org is not None and org.province is not None:
        unit = _unit_name(org.province)
        parent = (
            f"SỞ CÔNG THƯƠNG {unit}"
            if org.kind == Organisation.Kind.CENTRE
            else f"ỦY BAN NHÂN DÂN {unit}"
        )
        return Agency(parent=parent, name=org.name.upper(), place=org.province.name)
    name = org.name if org is not None else "Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công"
    return Agency(parent="BỘ CÔNG THƯƠNG", name=name.upper(), place="Hà Nội")


def meta(scope: ReportScope, **kwargs) -> ReportMeta:
    return ReportMeta(agency=agency_of(scope), **kwargs)


# --- The đề án a report counts -------------------------------------------------------------------


def report_projects(area: Area, year: int, *, with_stopped: bool = False) -> QuerySet[Project]:
    """The đề án of the area's plans of `year` that count: rejected and stopped ones left out
    (`with_stopped`: stopped ones kept, for a report that lists them without counting them)."""
    left_out = NOT_IN_PLAN_STATUSES if with_stopped else INACTIVE_PROJECT_STATUSES
    return area.filter(Project.objects.filter(plan__year=year)).exclude(status__in=left_out)


def ratio(part: int | None, whole: int | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return Decimal(part) / Decimal(whole)


def percent(part: int | None, whole: int | None) -> Decimal | None:
    value = ratio(part, whole)
    return None if value is None else value * 100


def change_percent(current: int | None, previous: int | None) -> Decimal | None:
    """Change against last year, in %; None without last year's figure."""
    if current is None or not previous:
        return None
    return (Decimal(current) - Decimal(previous)) * 100 / Decimal(previous)


# --- What was carried out ------------------------------------------------------------------------


@dataclass
class Amounts:
    """What was carried out on a đề án, by source: disbursed (giải ngân), accepted (nghiệm
    thu: the actual figures of the passed acceptance) and settled (quyết toán, đồng)."""

    disbursed: Totals = field(default_factory=Totals)
    accepted: Totals = field(default_factory=Totals)
    settled: int = 0

    def add(self, other: Amounts) -> Amounts:
        return Amounts(
            self.disbursed.add(other.disbursed),
            self.accepted.add(other.accepted),
            self.settled + other.settled,
        )


class AmountsByProject(dict):
    """dict[project_id, Amounts] of the đề án that have something carried out.

    `disbursement_recorded` says whether disbursements are recorded at all: while it is False a
    report shows "—" for disbursed and execution, never a zero that reads like a fact.
    """

    disbursement_recorded: bool = False

    def of(self, project_id: int) -> Amounts:
        return self.get(project_id) or Amounts()

    def total(self, project_ids: Iterable[int] | None = None) -> Amounts:
        ids = self.keys() if project_ids is None else project_ids
        result = Amounts()
        for pk in ids:
            if pk in self:
                result = result.add(self[pk])
        return result


def implementation_amounts(
    projects: QuerySet[Project] | Iterable[int], *, until: datetime.date | None = None
) -> AmountsByProject:
    """The carried-out figures of some đề án (a queryset or ids): the one function every
    report reads disbursed, accepted and settled money from (four grouped queries).

    - disbursed: the disbursement records (reversals count negative) dated up to `until`;
    - accepted: the actual figures of the passed acceptance dated up to `until`; a đề án
      accepted or settled with no acceptance on record (a past year brought in by the import)
      counts its approved amounts, as before the records existed;
    - settled: the settlement amount, decided up to `until`;
    - `disbursement_recorded`: True once any disbursement is recorded in the portal.
    """
    from django.db.models import Q, Sum

    from funding.models import Acceptance, AcceptanceResult, Disbursement, Settlement
    from projects.models import Source

    ids = projects.order_by().values("pk") if isinstance(projects, QuerySet) else list(projects)
    result = AmountsByProject()
    dated = Q(date__lte=until) if until else Q()
    money = (
        Disbursement.objects.filter(dated, project_id__in=ids)
        .values("project_id")
        .annotate(
            kcqg=Sum("amount", filter=Q(source=Source.KCQG)),
            kcdp=Sum("amount", filter=Q(source=Source.KCDP)),
        )
        .order_by()
    )
    for row in money:
        result.setdefault(row["project_id"], Amounts()).disbursed = Totals(
            int(row["kcqg"] or 0), int(row["kcdp"] or 0)
        )
    accepted = (
        Acceptance.objects.filter(dated, project_id__in=ids, result=AcceptanceResult.PASSED)
        .order_by()
        .values_list(
            "project_id", "actual_kcqg", "actual_kcdp", "actual_counterpart", "actual_other"
        )
    )
    with_minutes = set()
    for pk, kcqg, kcdp, counterpart, other in accepted:
        result.setdefault(pk, Amounts()).accepted = Totals(kcqg, kcdp, counterpart, other)
        with_minutes.add(pk)
    done = (
        Project.objects.filter(pk__in=ids, status__in=DONE_PROJECT_STATUSES)
        .order_by()
        .values_list("pk", "kcqg", "kcdp", "counterpart", "other")
    )
    for pk, kcqg, kcdp, counterpart, other in done:
        if pk not in with_minutes:
            result.setdefault(pk, Amounts()).accepted = Totals(
                kcqg or 0, kcdp or 0, counterpart or 0, other or 0
            )
    settled = Settlement.objects.filter(project_id__in=ids)
    if until:
        settled = settled.filter(decision_date__lte=until)
    for pk, amount in settled.order_by().values_list("project_id", "amount"):
        result.setdefault(pk, Amounts()).settled = amount
    result.disbursement_recorded = Disbursement.objects.exists()
    return result


def period_end(year: int, period: str) -> datetime.date:
    return datetime.date(year, 6, 30) if period == "h1" else datetime.date(year, 12, 31)


# --- The activity line of each đề án (forms 1 and 2) ---------------------------------------------


def default_activity_ids() -> dict[int, int]:
    """content id → the activity id its đề án are counted under when none was chosen (the
    content's default, else its group's): one query. The same rule as
    projects.models.default_activity_for, for every content at once."""
    from projects.models import Content

    defaults = {}
    parents = {}
    for content_id, parent_id, activity_id, is_default in Content.objects.values_list(
        "pk", "parent_id", "activity_links__activity_id", "activity_links__is_default"
    ).order_by():
        parents[content_id] = parent_id
        if is_default:
            defaults[content_id] = activity_id
    result = {}
    for content_id, parent_id in parents.items():
        found = defaults.get(content_id) or defaults.get(parent_id)
        if found:
            result[content_id] = found
    return result


def activity_of(activity_id: int | None, content_id: int, defaults: dict[int, int]) -> int | None:
    return activity_id or defaults.get(content_id)
