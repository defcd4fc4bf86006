"""Reads of plans and đề án, always through the user's province scope."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from khuyencong.scoping import can_edit, scope_by_province
from projects.models import Plan, Project


class PlanLocked(PermissionDenied):
    """A write on a plan that is not in draft or returned."""


def plan_queryset_for_user(user) -> QuerySet[Plan]:
    return scope_by_province(Plan.objects.all(), user)


def project_queryset_for_user(user) -> QuerySet[Project]:
    return scope_by_province(Project.objects.all(), user, field="plan__province")


def _check_write(user, plan: Plan) -> None:
    if not can_edit(user):
        raise PermissionDenied(_("Only the centre's staff can change plans and projects."))
    if not plan.is_editable:
        raise PlanLocked(
            _("The %(year)s plan is %(status)s: it can be changed only in draft or returned.")
            % {"year": plan.year, "status": plan.get_status_display().lower()}
        )


def get_plan_for_user(user, pk, *, write: bool = False) -> Plan:
    """Another province's plan → 404; a write without the right or on a locked plan → 403."""
    plan = plan_queryset_for_user(user).select_related("province").filter(pk=pk).first()
    if plan is None:
        raise Http404
    if write:
        _check_write(user, plan)
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
        _check_write(user, project.plan)
    return project
