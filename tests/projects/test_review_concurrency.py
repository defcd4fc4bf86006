"""Two people at once, with real concurrent connections on PostgreSQL (threads): exactly one
wins, the other gets a clear refusal, never a half-state. SQLite serialises whole-database writes
and has no row locks (select_for_update is a no-op there), so these run on PostgreSQL only."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import close_old_connections, connection

from khuyencong.errors import StaleEditError, StateChanged
from khuyencong.models import Role
from projects import review
from projects.models import PlanEvent, PlanStatus, Program, Project, ProjectOutput
from projects.services import BudgetLineData, project_save
from tests.factories import MembershipFactory, UserFactory
from tests.projects.review_world import DECISION_DATE, complete_plan, submitted_plan

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks and concurrent connections (SQLite has neither)",
    ),
]


def run_together(*actions):
    """Start every action at the same moment, each in its own thread (own connection); return
    what each returned or raised."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = ("ok", action())
        except Exception as error:  # noqa: BLE001 - the outcome is what is measured
            results[index] = ("error", error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.mark.parametrize("attempt", range(3))
def test_two_reviewers_approving_and_returning_at_once_exactly_one_wins(world, attempt):
    plan = submitted_plan(world.cantho)
    second = MembershipFactory(
        user=UserFactory(username=f"reviewer2.{attempt}"),
        organisation=world.cantho.department,
        role=Role.DEPARTMENT_REVIEWER,
    ).user
    results = run_together(
        lambda: review.plan_approve(
            user=world.cantho.department_reviewer,
            plan=plan,
            decision_number="1/QĐ",
            decision_date=DECISION_DATE,
        ),
        lambda: review.plan_return(user=second, plan=plan, comment="Trả lại."),
    )
    outcomes = sorted(kind for kind, _value in results)
    assert outcomes == ["error", "ok"]
    (error,) = [value for kind, value in results if kind == "error"]
    assert isinstance(error, StateChanged)
    assert error.message  # a clear message for the one who lost
    plan.refresh_from_db()
    winner = "approve" if results[0][0] == "ok" else "return"
    assert plan.status == (PlanStatus.APPROVED if winner == "approve" else PlanStatus.RETURNED)
    kinds = list(PlanEvent.objects.filter(plan=plan).values_list("kind", flat=True))
    assert sorted(kinds) == sorted(
        [
            PlanEvent.Kind.SUBMITTED,
            PlanEvent.Kind.APPROVED if winner == "approve" else PlanEvent.Kind.RETURNED,
        ]
    )


@pytest.mark.parametrize("attempt", range(3))
def test_an_edit_during_submit_is_seen_or_refused_never_half(world, attempt):
    plan = complete_plan(world.cantho)
    project = plan.projects.get(program=Program.KCDP)
    lines = [
        BudgetLineData(source=line.source, proposed=line.proposed)
        for line in project.budget_lines.all()
    ]

    def edit_dropping_outputs():
        fresh = Project.objects.get(pk=project.pk)
        # The edit removes the only planned output: the plan is then incomplete.
        return project_save(
            user=world.cantho.center_staff,
            project=fresh,
            budget_lines=lines,
            participations=[],
            outputs=[],
            expected_version=fresh.lock_version,
        )

    results = run_together(
        lambda: review.plan_submit(user=world.cantho.center_head, plan=plan), edit_dropping_outputs
    )
    (submit_kind, submit_value), (edit_kind, edit_value) = results
    plan.refresh_from_db()
    has_outputs = ProjectOutput.objects.filter(project=project).exists()
    if submit_kind == "ok":
        # Submitted first: the edit came after and was refused; the outputs are still there.
        assert plan.status == PlanStatus.SUBMITTED
        assert edit_kind == "error" and isinstance(edit_value, PermissionDenied | StaleEditError)
        assert has_outputs
    else:
        # The edit went first: the submit saw it and listed the missing output.
        assert isinstance(submit_value, review.IncompletePlan)
        assert edit_kind == "ok" and not has_outputs
        assert plan.status == PlanStatus.DRAFT
