"""Every change to plans and đề án: one function, one transaction, one history entry each.

Rules enforced here (never only in templates):
- Only centre staff write, and only while the plan is draft or returned.
- A plan is opened by the centre for its own province, for the current or a coming year, and only
  once per province and year; its province is the unit valid on 1 January of that year.
- A đề án's code is program-year-province-sequence (KCQG-2023-94-001), unique, given at creation
  while the plan row is locked so two centres' staff saving at once get different numbers.
- Of two people saving the same đề án at once exactly one wins (lock_version check under a row
  lock); the other gets StaleEditError and keeps what they typed.
- The money rules of projects.rules (the programme's own public budget line, establishments'
  sums equal to the budget lines, the support caps) are checked under the plan lock, before
  anything is written (projects.state.problems, as the form, the submission, an adjustment and
  the import do): any error refuses the whole save with a ValidationError.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from khuyencong.errors import StaleEditError
from khuyencong.models import Province
from khuyencong.scoping import can_edit, home_province
from projects import workflow
from projects.caps import Caps, caps_of_content
from projects.models import Plan, Project
from projects.state import (
    BudgetLineData,
    OutputData,
    ParticipationData,
    ProjectState,
    problems,
    write_state,
)
from projects.totals import refresh_project_totals


def _check_money(plan: Plan, state: ProjectState) -> None:
    """The money rules on the proposed amounts, with the caps in force (one query): any error
    refuses the save (ValidationError with the rules' codes)."""
    if state.content is not None:
        caps = caps_of_content(plan=plan, program=state.program, content=state.content)
    else:
        caps = Caps(plan, [])
    errors = [p for p in problems(state, caps) if p.is_error]
    if errors:
        raise ValidationError([ValidationError(p.message, code=p.code) for p in errors])


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


def project_number(project: Project, plan: Plan) -> None:
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
    """Only centre staff write, and only while the plan is draft or returned (403 otherwise):
    the workflow's "edit". Asked by the views' scoped fetch and again under the row lock when
    saving."""
    workflow.require(user, plan, "edit")


def _lock_editable_plan(user, plan: Plan) -> Plan:
    plan = Plan.objects.select_for_update().select_related("province").get(pk=plan.pk)
    check_plan_writable(user, plan)
    return plan


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
    the user's form was built from (None for a new đề án). The state is written by
    projects.state.write_state: child rows match the stored ones on their natural key (source,
    establishment, indicator), stored rows not in the lists are deleted. Raises ValidationError
    (codes of projects.rules) when the money breaks a rule. The đề án's reporting activity
    follows ActivityRule (its content's default when blank or of another content).
    """
    with transaction.atomic():
        plan = _lock_editable_plan(user, project.plan)
        current = None
        if project.pk:
            current = Project.objects.select_for_update().get(pk=project.pk)
            if current.plan_id != plan.pk:
                raise PermissionDenied
            if expected_version is not None and current.lock_version != expected_version:
                raise StaleEditError
        state = ProjectState.of(
            project, budget=budget_lines, participants=participations, outputs=outputs
        )
        state.content = project.content if project.content_id else None
        # Checked under the plan lock, before anything is written or numbered.
        _check_money(plan, state)
        if current is None:
            project_number(project, plan)
            project.created_by = user
        else:
            project.lock_version = current.lock_version + 1
            if current.program == project.program:
                project.code, project.sequence = current.code, current.sequence
            else:
                # The code names the programme and the sequence counts within it: a draft moved
                # from KCQG to KCĐP takes the next KCĐP number (keeping the old one would collide
                # with an existing KCĐP đề án's sequence).
                project_number(project, plan)
        project.plan = plan
        write_state(user=user, project=project, state=state)
        refresh_project_totals([project.pk])
    return project
