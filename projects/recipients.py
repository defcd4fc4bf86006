"""Who is told of each step, and the link they get: the centre of a plan, its Sở reviewers, the
ministry. The plan's people are those of its province and of the unit that keeps its records now
(Cần Thơ's people are told of a Sóc Trăng 2023 plan)."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from khuyencong.notifications import notify
from khuyencong.scoping import EDITOR_ROLES, MINISTRY_ROLES, REVIEWER_ROLES
from projects.models import Plan, Project


def _province_ids(plan: Plan) -> list[int]:
    """The plan's province and the unit that keeps its records now (Cần Thơ for Sóc Trăng)."""
    ids = [plan.province_id]
    if plan.province.successor_id:
        ids.append(plan.province.successor_id)
    return ids


def province_users(plan: Plan, roles):
    return get_user_model().objects.filter(
        membership__role__in=list(roles),
        membership__organisation__province_id__in=_province_ids(plan),
        is_active=True,
    )


def reviewers_of(plan: Plan):
    return province_users(plan, REVIEWER_ROLES)


def centre_of(plan: Plan):
    return province_users(plan, EDITOR_ROLES)


def ministry_users():
    return get_user_model().objects.filter(membership__role__in=MINISTRY_ROLES, is_active=True)


def plan_url(plan: Plan) -> str:
    return reverse("projects:plan_detail", args=[plan.pk])


def project_url(project: Project) -> str:
    return reverse("projects:detail", args=[project.pk])


def adjustment_url(adjustment) -> str:
    return reverse("projects:adjustment_detail", args=[adjustment.pk])


def notify_ministry_awaiting(plan: Plan, projects: list[Project]) -> None:
    """Tell the ministry that KCQG đề án of the plan await its decision (plan approval and
    adjustment approval both send them)."""
    notify(
        recipients=ministry_users(),
        text=_("%(count)s KCQG project(s) of %(plan)s await the ministry's approval.")
        % {"count": len(projects), "plan": plan},
        url=reverse("projects:ministry_list") + f"?province={plan.province_id}",
    )
