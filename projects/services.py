"""Every change to plans and đề án: one function, one transaction, one history entry each.

Rules enforced here (never only in templates):
- Only centre staff write, and only while the plan is draft or returned.
- A plan is opened by the centre for its own province, for the current or a coming year, and only
  once per province and year; its province is the unit valid on 1 January of that year.
- A đề án's code is program-year-province-sequence (KCQG-2023-94-001), unique, given at creation
  while the plan row is locked so two centres' staff saving at once get different numbers.
- Of two people saving the same đề án at once exactly one wins (lock_version check under a row
  lock); the other gets StaleEditError and keeps what they typed.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from funding.models import BudgetLine
from khuyencong.errors import StaleEditError
from khuyencong.models import Province
from khuyencong.scoping import can_edit, home_province
from projects.models import Indicator, Participation, Plan, Project, ProjectOutput


@dataclass(frozen=True)
class BudgetLineData:
    source: str
    proposed: int
    approved: int | None = None


@dataclass(frozen=True)
class ParticipationData:
    beneficiary: Beneficiary
    support_amount: int = 0
    counterpart_amount: int = 0

    @property
    def beneficiary_id(self) -> int:
        return self.beneficiary.pk


@dataclass(frozen=True)
class OutputData:
    indicator: Indicator
    planned: int
    actual: int | None = None

    @property
    def indicator_id(self) -> int:
        return self.indicator.pk


def plan_years_open_to(today: datetime.date | None = None) -> list[int]:
    """A centre may open the plan of the current year and of the next one."""
    today = today or datetime.date.today()
    return [today.year, today.year + 1]


def plan_open(*, user, year: int, today: datetime.date | None = None) -> Plan:
    """Open the year's plan of the user's province ("Lập kế hoạch năm 2027")."""
    if not can_edit(user):
        raise PermissionDenied(_("Only the centre's staff can open a plan."))
    if year not in plan_years_open_to(today):
        raise ValidationError(
            _("A plan can be opened for %(years)s only.")
            % {"years": ", ".join(map(str, plan_years_open_to(today)))},
            code="year",
        )
    province = home_province(user)
    first_day = datetime.date(year, 1, 1)
    if province is None:
        raise PermissionDenied
    if not province.is_valid_on(first_day):
        province = province.unit_on(first_day)
    if not province.is_valid_on(first_day):
        raise ValidationError(
            _("%(province)s did not exist on 1 January %(year)s.")
            % {"province": province.name, "year": year},
            code="province",
        )
    with transaction.atomic():
        if Plan.objects.select_for_update().filter(province=province, year=year).exists():
            raise ValidationError(
                _("The %(year)s plan of %(province)s already exists.")
                % {"year": year, "province": province.name},
                code="exists",
            )
        plan = Plan(province=province, year=year, created_by=user)
        plan._history_user = user
        plan.save()
    return plan


def project_code(*, program: str, year: int, province: Province, sequence: int) -> str:
    return f"{program.upper()}-{year}-{province.code}-{sequence:03d}"


def _number(project: Project, plan: Plan) -> None:
    """The next sequence of the plan and programme, and the code built from it (the plan row is
    locked by the caller)."""
    last = (
        Project.objects.filter(plan=plan, program=project.program)
        .order_by("-sequence")
        .values_list("sequence", flat=True)
        .first()
    )
    project.sequence = (last or 0) + 1
    project.code = project_code(
        program=project.program, year=plan.year, province=plan.province, sequence=project.sequence
    )


def check_plan_writable(user, plan: Plan) -> None:
    """Only centre staff write, and only while the plan is draft or returned (403 otherwise).
    Asked by the views' scoped fetch and again under the row lock when saving."""
    if not can_edit(user):
        raise PermissionDenied(_("Only the centre's staff can change plans and projects."))
    if not plan.is_editable:
        raise PermissionDenied(
            _("The %(year)s plan is %(status)s: it can be changed only in draft or returned.")
            % {"year": plan.year, "status": plan.get_status_display().lower()}
        )


def _lock_editable_plan(user, plan: Plan) -> Plan:
    plan = Plan.objects.select_for_update().select_related("province").get(pk=plan.pk)
    check_plan_writable(user, plan)
    return plan


def _sync_children(project, user, rows, manager, key: str, build, update_fields):
    """Make the project's child rows equal `rows` (matched on `key`), saving each row on its own
    so every creation, change and deletion lands in the history."""
    existing = {getattr(obj, key): obj for obj in manager.all()}
    wanted = {}
    for row in rows:
        wanted[getattr(row, key)] = row
    for row_key, obj in existing.items():
        if row_key not in wanted:
            obj._history_user = user
            obj.delete()
    for row_key, row in wanted.items():
        obj = existing.get(row_key)
        if obj is None:
            obj = build(row)
            obj._history_user = user
            obj.save()
            continue
        changed = False
        for name in update_fields:
            if getattr(obj, name) != getattr(row, name):
                setattr(obj, name, getattr(row, name))
                changed = True
        if changed:
            obj._history_user = user
            obj.save()


def project_save(
    *,
    user,
    project: Project,
    budget_lines: list[BudgetLineData],
    participations: list[ParticipationData],
    outputs: list[OutputData],
    expected_version: int | None = None,
) -> Project:
    """Create or update a đề án with its budget lines, participations and outputs, all or nothing.

    `project` carries the edited fields (from the form); `expected_version` is the lock_version
    the user's form was built from (None for a new đề án).
    """
    with transaction.atomic():
        plan = _lock_editable_plan(user, project.plan)
        if project.pk:
            current = Project.objects.select_for_update().get(pk=project.pk)
            if current.plan_id != plan.pk:
                raise PermissionDenied
            if expected_version is not None and current.lock_version != expected_version:
                raise StaleEditError
            project.lock_version = current.lock_version + 1
            if current.program == project.program:
                project.code, project.sequence = current.code, current.sequence
            else:
                # The code names the programme and the sequence counts within it: a draft moved
                # from KCQG to KCĐP takes the next KCĐP number (keeping the old one would collide
                # with an existing KCĐP đề án's sequence).
                _number(project, plan)
        else:
            _number(project, plan)
            project.created_by = user
        project.plan = plan
        project._history_user = user
        project.save()
        _sync_children(
            project,
            user,
            budget_lines,
            project.budget_lines,
            "source",
            lambda row: BudgetLine(
                project=project, source=row.source, proposed=row.proposed, approved=row.approved
            ),
            ["proposed", "approved"],
        )
        _sync_children(
            project,
            user,
            participations,
            project.participations,
            "beneficiary_id",
            lambda row: Participation(
                project=project,
                beneficiary=row.beneficiary,
                support_amount=row.support_amount,
                counterpart_amount=row.counterpart_amount,
            ),
            ["support_amount", "counterpart_amount"],
        )
        _sync_children(
            project,
            user,
            outputs,
            project.outputs,
            "indicator_id",
            lambda row: ProjectOutput(
                project=project, indicator=row.indicator, planned=row.planned, actual=row.actual
            ),
            ["planned", "actual"],
        )
    return project
