"""The workflow table (projects.workflow): every action a user takes × every role → allowed, 403
or 409, and the buttons a page shows (`available`) never disagree with the check a service makes
(`require`).

The expected roles are written here from the rules of the design (who submits, who reviews, who
carries out), not read from the table, so a change to the table that breaks a rule fails here.
"""

import itertools

import pytest
from django.core.exceptions import PermissionDenied

from khuyencong.errors import StateChanged
from projects import workflow
from projects.models import Adjustment, Plan, Project
from projects.workflow import (
    AdjustmentStatus,
    PlanStatus,
    ProjectStatus,
)
from tests.factories import MembershipFactory, PlanFactory, ProjectFactory, UserFactory

OK, FORBIDDEN, CONFLICT = "allowed", 403, 409
ROLES = [
    "center_staff",
    "center_head",
    "department_reviewer",
    "department_head",
    "ministry",
    "ministry_head",
]
CENTRE = {"center_staff", "center_head"}
HEAD = {"center_head"}
REVIEWER = {"department_reviewer", "department_head"}  # a Sở's head reviews like its staff
MINISTRY = {"ministry", "ministry_head"}


def plan(status=PlanStatus.DRAFT):
    return Plan(status=status, year=2026)


def project(status=ProjectStatus.PROPOSED, plan_status=PlanStatus.DRAFT):
    return Project(status=status, plan=plan(plan_status))


def adjustment(status=AdjustmentStatus.DRAFT):
    return Adjustment(status=status, plan=plan(PlanStatus.ADJUSTING))


S, P, A = ProjectStatus, PlanStatus, AdjustmentStatus
APPROVED_PLAN = P.APPROVED
# (kind, action): (who may, an object ready for it, facts, an object that moved on, facts, the
# answer to a user who may but comes too late)
CASES = {
    ("plan", "edit"): (CENTRE, plan(P.DRAFT), {}, plan(P.SUBMITTED), {}, FORBIDDEN),
    ("plan", "submit"): (HEAD, plan(P.RETURNED), {}, plan(P.SUBMITTED), {}, CONFLICT),
    ("plan", "return"): (REVIEWER, plan(P.SUBMITTED), {}, plan(P.RETURNED), {}, CONFLICT),
    ("plan", "approve"): (REVIEWER, plan(P.SUBMITTED), {}, plan(P.APPROVED), {}, CONFLICT),
    ("plan", "open_adjustment"): (
        CENTRE,
        plan(P.APPROVED),
        {"open_adjustment": False},
        plan(P.APPROVED),
        {"open_adjustment": True},
        CONFLICT,
    ),
    ("project", "edit"): (
        CENTRE,
        project(S.PROPOSED, P.RETURNED),
        {},
        project(S.PROPOSED, P.SUBMITTED),
        {},
        FORBIDDEN,
    ),
    ("project", "comment"): (
        REVIEWER,
        project(S.PROPOSED, P.SUBMITTED),
        {},
        project(S.PROPOSED, P.APPROVED),
        {},
        CONFLICT,
    ),
    ("project", "reject"): (
        REVIEWER,
        project(S.PROPOSED, P.SUBMITTED),
        {},
        project(S.REJECTED, P.SUBMITTED),
        {},
        CONFLICT,
    ),
    ("project", "set_amounts"): (
        REVIEWER,
        project(S.PROPOSED, P.SUBMITTED),
        {},
        project(S.PROPOSED, P.RETURNED),
        {},
        CONFLICT,
    ),
    ("project", "ministry_approve"): (
        MINISTRY,
        project(S.AWAITING_MINISTRY, APPROVED_PLAN),
        {},
        project(S.APPROVED, APPROVED_PLAN),
        {},
        CONFLICT,
    ),
    ("project", "ministry_reject"): (
        MINISTRY,
        project(S.AWAITING_MINISTRY, APPROVED_PLAN),
        {},
        project(S.REJECTED, APPROVED_PLAN),
        {},
        CONFLICT,
    ),
    ("project", "record_contract"): (
        CENTRE,
        project(S.APPROVED, APPROVED_PLAN),
        {"settled": False},
        project(S.PROPOSED, P.DRAFT),
        {"settled": False},
        CONFLICT,
    ),
    ("project", "disburse"): (
        CENTRE,
        project(S.IN_PROGRESS, P.ADJUSTING),
        {"settled": False},
        project(S.STOPPED, APPROVED_PLAN),
        {"settled": False},
        CONFLICT,
    ),
    ("project", "reverse_disbursement"): (
        CENTRE,
        project(S.STOPPED, APPROVED_PLAN),
        {"settled": False},
        project(S.STOPPED, APPROVED_PLAN),
        {"settled": True},
        FORBIDDEN,
    ),
    ("project", "record_acceptance"): (
        CENTRE,
        project(S.IN_PROGRESS, APPROVED_PLAN),
        {"settled": False},
        project(S.ACCEPTED, APPROVED_PLAN),
        {"settled": False},
        CONFLICT,
    ),
    ("project", "record_settlement"): (
        CENTRE,
        project(S.ACCEPTED, APPROVED_PLAN),
        {"settled": False},
        project(S.SETTLED, APPROVED_PLAN),
        {"settled": True},
        FORBIDDEN,
    ),
    ("project", "attach"): (
        CENTRE,
        project(S.APPROVED, APPROVED_PLAN),
        {"settled": False},
        project(S.REJECTED, APPROVED_PLAN),
        {"settled": False},
        CONFLICT,
    ),
    ("adjustment", "edit"): (
        CENTRE,
        adjustment(A.RETURNED),
        {},
        adjustment(A.SUBMITTED),
        {},
        CONFLICT,
    ),
    ("adjustment", "submit"): (
        HEAD,
        adjustment(A.DRAFT),
        {},
        adjustment(A.APPROVED),
        {},
        CONFLICT,
    ),
    ("adjustment", "return"): (
        REVIEWER,
        adjustment(A.SUBMITTED),
        {},
        adjustment(A.DRAFT),
        {},
        CONFLICT,
    ),
    ("adjustment", "approve"): (
        REVIEWER,
        adjustment(A.SUBMITTED),
        {},
        adjustment(A.RETURNED),
        {},
        CONFLICT,
    ),
}


def _user(world, role):
    if role == "ministry":
        return world.ministry
    if role == "department_head":
        return _member(role, world.cantho.department)
    if role == "ministry_head":
        return _member(role, world.ministry_org)
    return getattr(world.cantho, role)


def _member(role, organisation):
    return MembershipFactory(
        user=UserFactory(username=f"{role}.workflow"), organisation=organisation, role=role
    ).user


def _answer(user, obj, action, facts):
    try:
        workflow.require(user, obj, action, **facts)
    except PermissionDenied:
        return FORBIDDEN
    except StateChanged:
        return CONFLICT
    return OK


def test_every_action_a_user_takes_has_a_case_here():
    actions = {key for key, t in workflow.TRANSITIONS.items() if not t.effect}
    assert actions == set(CASES)


@pytest.mark.parametrize(
    ("key", "role"),
    [pytest.param(key, role, id=f"{key[0]}.{key[1]} {role}") for key in CASES for role in ROLES],
)
def test_each_role_may_act_only_where_the_rules_say(world, key, role):
    may, ready, ready_facts, moved_on, moved_on_facts, too_late = CASES[key]
    user = _user(world, role)
    action = key[1]
    assert _answer(user, ready, action, ready_facts) == (OK if role in may else FORBIDDEN)
    assert _answer(user, moved_on, action, moved_on_facts) == (
        too_late if role in may else FORBIDDEN
    )


def test_a_settled_project_is_read_only_for_everyone(world):
    settled = project(S.STOPPED, APPROVED_PLAN)
    for role, action in itertools.product(
        CENTRE, ["disburse", "reverse_disbursement", "record_settlement", "attach"]
    ):
        assert _answer(_user(world, role), settled, action, {"settled": True}) == FORBIDDEN


def _objects():
    """One object of each kind in every status, its plan in every status."""
    for plan_status in PlanStatus:
        yield plan(plan_status)
        for status in ProjectStatus:
            yield project(status, plan_status)
    for status in AdjustmentStatus:
        yield adjustment(status)


@pytest.mark.parametrize("role", ROLES)
def test_the_buttons_and_the_services_never_disagree(world, role):
    user = _user(world, role)
    checked = 0
    for obj, flag in itertools.product(_objects(), [False, True]):
        facts = {"settled": flag, "open_adjustment": flag}
        offered = workflow.available(user, obj, **facts)
        for (kind, action), t in workflow.TRANSITIONS.items():
            if kind != workflow.kind_of(obj) or t.effect:
                continue
            assert (action in offered) == (_answer(user, obj, action, facts) == OK), (
                obj,
                action,
            )
            checked += 1
    assert checked > 1000


def test_steps_of_other_actions_are_never_offered_as_buttons(world):
    reviewer = world.cantho.department_reviewer
    offered = workflow.available(reviewer, project(S.PROPOSED, P.SUBMITTED))
    assert "reject" in offered
    assert "approve" not in offered and "send_to_ministry" not in offered


def test_a_page_asks_only_the_facts_it_shows(world, django_assert_num_queries):
    """The dossier's review buttons ask nothing about the money carried out: no query."""
    reviewer = world.cantho.department_reviewer
    reviewer_project = project(S.PROPOSED, P.SUBMITTED)
    workflow.available(reviewer, reviewer_project)["comment"]  # the membership, read once
    with django_assert_num_queries(0):
        offered = workflow.available(reviewer, reviewer_project)
        assert offered["comment"] and offered["reject"] and not offered["edit"]


@pytest.mark.django_db
def test_apply_sets_the_status_names_the_user_and_saves(world):
    stored = PlanFactory(province=world.cantho.province, year=2026, status=PlanStatus.SUBMITTED)
    workflow.apply(stored, "return", user=world.cantho.department_reviewer, reason="Thiếu")
    stored.refresh_from_db()
    assert stored.status == PlanStatus.RETURNED
    latest = stored.history.first()
    assert latest.history_user == world.cantho.department_reviewer
    assert latest.history_change_reason == "Thiếu"


@pytest.mark.django_db
def test_apply_refuses_a_step_from_a_state_it_is_not_taken_from(world):
    stored = PlanFactory(province=world.cantho.province, year=2026, status=PlanStatus.DRAFT)
    with pytest.raises(StateChanged):
        workflow.apply(stored, "approve", user=world.cantho.department_reviewer)
    stored.refresh_from_db()
    assert stored.status == PlanStatus.DRAFT


@pytest.mark.django_db
def test_a_change_the_ministry_refuses_goes_back_to_the_status_it_had(world):
    stored = ProjectFactory(
        plan=PlanFactory(province=world.cantho.province, year=2026, status=APPROVED_PLAN),
        implementing_organisation=world.cantho.centre,
        status=ProjectStatus.AWAITING_MINISTRY,
    )
    workflow.apply(
        stored, "ministry_restore", user=world.ministry, previous_status=ProjectStatus.IN_PROGRESS
    )
    assert Project.objects.get(pk=stored.pk).status == ProjectStatus.IN_PROGRESS


def test_the_groups_split_the_statuses_the_way_the_totals_need():
    assert set(S) == workflow.COUNTED_PROJECT_STATUSES | workflow.INACTIVE_PROJECT_STATUSES
    assert not workflow.COUNTED_PROJECT_STATUSES & workflow.INACTIVE_PROJECT_STATUSES
    assert workflow.OPEN_PROJECT_STATUSES < workflow.APPROVED_PROJECT_STATUSES
    assert workflow.EDITABLE_ADJUSTMENT_STATUSES < workflow.OPEN_ADJUSTMENT_STATUSES
