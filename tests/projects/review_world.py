"""A plan ready for review: helpers shared by the review tests."""

import datetime

from django.utils import timezone

from projects import review
from projects.models import Plan, PlanStatus, Program
from tests.factories import (
    PlanFactory,
    ProjectFactory,
    add_budget,
    add_output,
    add_participant,
    content,
)

DECISION_DATE = datetime.date(2026, 2, 20)


def complete_kcdp(plan, kcdp=100_000_000, counterpart=0, title=None):
    """A KCĐP training đề án (content 1, no establishments needed) complete for submission."""
    extra = {"title": title} if title else {}
    project = ProjectFactory(plan=plan, program=Program.KCDP, content=content("1"), **extra)
    amounts = {"kcdp": kcdp}
    if counterpart:
        amounts["counterpart"] = counterpart
    add_budget(project, **amounts)
    add_output(project, planned=30)
    return project


def complete_kcqg(plan, kcqg=200_000_000, counterpart=300_000_000):
    """A KCQG machinery đề án (content 3.2) with its establishment, within the caps."""
    project = ProjectFactory(plan=plan, program=Program.KCQG, content=content("3.2"))
    add_budget(project, kcqg=kcqg, counterpart=counterpart)
    add_participant(project, support=kcqg, counterpart=counterpart)
    add_output(project, planned=1)
    return project


def complete_plan(side, year=2026) -> Plan:
    plan = PlanFactory(province=side.province, year=year)
    complete_kcdp(plan)
    complete_kcqg(plan)
    return plan


def submitted_plan(side, year=2026) -> Plan:
    plan = complete_plan(side, year)
    return review.plan_submit(user=side.center_head, plan=plan)


def approved_plan(side, year=2026) -> Plan:
    plan = submitted_plan(side, year)
    return review.plan_approve(
        user=side.department_reviewer,
        plan=plan,
        decision_number="123/QĐ-UBND",
        decision_date=DECISION_DATE,
    )


def set_status(plan, status):
    Plan.objects.filter(pk=plan.pk).update(status=status, submitted_at=timezone.now())
    plan.refresh_from_db()
    return plan


__all__ = ["PlanStatus", "approved_plan", "complete_plan", "set_status", "submitted_plan"]
