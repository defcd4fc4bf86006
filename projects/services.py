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
  anything is written: any error refuses the whole save with a ValidationError.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from khuyencong.children import sync_children
from khuyencong.errors import StaleEditError
from khuyencong.models import Province
from khuyencong.scoping import can_edit, home_province
from projects import rules
from projects.caps import caps_for
from projects.models import (
    BudgetLine,
    Content,
    Indicator,
    Participation,
    Plan,
    Project,
    ProjectOutput,
)
from projects.totals import refresh_project_totals


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


def establishments_money(
    participations: list[ParticipationData],
) -> list[rules.EstablishmentMoney]:
    return [
        rules.EstablishmentMoney(
            name=row.beneficiary.name,
            support=row.support_amount,
            counterpart=row.counterpart_amount,
        )
        for row in participations
    ]


def project_money_problems(
    *,
    plan: Plan,
    program: str,
    content: Content | None,
    budget_lines: list[BudgetLineData],
    establishments: list[rules.EstablishmentMoney],
) -> list[rules.Problem]:
    """projects.rules.money_problems with the caps in force loaded (one query). The proposed
    amounts are judged: they are what a centre saves (approval sets the approved ones)."""
    caps, binding = caps_for(plan=plan, program=program, content=content) if content else ([], True)
    return rules.money_problems(
        program=program,
        content=content,
        caps=caps,
        binding=binding,
        lines=[(line.source, line.proposed) for line in budget_lines],
        establishments=establishments,
    )


def _check_money(plan: Plan, project: Project, budget_lines, participations) -> None:
    errors = rules.errors_of(
        project_money_problems(
            plan=plan,
            program=project.program,
            content=project.content,
            budget_lines=budget_lines,
            establishments=establishments_money(participations),
        )
    )
    if errors:
        raise ValidationError([ValidationError(p.message, code=p.code) for p in errors])


@dataclass(frozen=True)
class ActivityRule:
    """Which of the 24 reporting activity lines a đề án of each content may carry, and the one it
    carries when none was chosen (or the chosen one left its content): the content's default,
    else its group's, else its first line. Loaded once (one query) and asked per đề án, so the
    form, the import, the adjustments and project_save apply the same rule."""

    allowed: dict  # content id → frozenset of activity ids
    defaults: dict  # content id → activity id

    @classmethod
    def load(cls) -> "ActivityRule":
        own, parents, defaults, order = {}, {}, {}, {}
        for (
            content_id,
            parent_id,
            activity_id,
            is_default,
            sort,
            code,
        ) in Content.objects.values_list(
            "pk",
            "parent_id",
            "activity_links__activity_id",
            "activity_links__is_default",
            "activity_links__activity__sort_order",
            "activity_links__activity__code",
        ).order_by():
            parents[content_id] = parent_id
            own.setdefault(content_id, set())
            if activity_id is not None:
                own[content_id].add(activity_id)
                order[activity_id] = (sort, code.zfill(5))
                if is_default:
                    defaults[content_id] = activity_id
        allowed, chosen = {}, {}
        for content_id, parent_id in parents.items():
            ids = own[content_id] or own.get(parent_id, set())
            allowed[content_id] = frozenset(ids)
            found = defaults.get(content_id) or defaults.get(parent_id)
            if found is None and ids:
                found = min(ids, key=order.__getitem__)
            if found is not None:
                chosen[content_id] = found
        return cls(allowed=allowed, defaults=chosen)

    def belongs(self, content_id, activity_id) -> bool:
        return activity_id in self.allowed.get(content_id, ())

    def resolve(self, content_id, activity_id):
        """The activity a đề án of `content_id` carries given the chosen `activity_id`."""
        if activity_id is not None and self.belongs(content_id, activity_id):
            return activity_id
        return self.defaults.get(content_id)


def apply_activity_rule(project: Project, rule: ActivityRule | None = None) -> None:
    """Give `project` its content's default activity when it has none or one of another content."""
    rule = rule or ActivityRule.load()
    project.activity_id = rule.resolve(project.content_id, project.activity_id)


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
    the user's form was built from (None for a new đề án). Child rows match the stored ones on
    their natural key (source, establishment, indicator): stored rows not in the lists are
    deleted. Raises ValidationError (codes of projects.rules) when the money breaks a rule.
    The đề án's reporting activity follows ActivityRule (its content's default when blank or
    of another content).
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
        # Checked under the plan lock, before anything is written or numbered.
        _check_money(plan, project, budget_lines, participations)
        if current is None:
            _number(project, plan)
            project.created_by = user
        else:
            project.lock_version = current.lock_version + 1
            if current.program == project.program:
                project.code, project.sequence = current.code, current.sequence
            else:
                # The code names the programme and the sequence counts within it: a draft moved
                # from KCQG to KCĐP takes the next KCĐP number (keeping the old one would collide
                # with an existing KCĐP đề án's sequence).
                _number(project, plan)
        project.plan = plan
        apply_activity_rule(project)
        project._history_user = user
        project.save()
        sync_children(
            user=user,
            stored=project.budget_lines.all(),
            rows=budget_lines,
            key="source",
            build=lambda row: BudgetLine(project=project, source=row.source),
            fields=("proposed", "approved"),
        )
        sync_children(
            user=user,
            stored=project.participations.all(),
            rows=participations,
            key="beneficiary_id",
            build=lambda row: Participation(project=project, beneficiary=row.beneficiary),
            fields=("support_amount", "counterpart_amount"),
        )
        sync_children(
            user=user,
            stored=project.outputs.all(),
            rows=outputs,
            key="indicator_id",
            build=lambda row: ProjectOutput(project=project, indicator=row.indicator),
            fields=("planned", "actual"),
        )
        refresh_project_totals([project.pk])
    return project
