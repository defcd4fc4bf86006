"""The ministry's list of KCQG đề án awaiting it, and its decision on each (approve with its
decision and the approved amounts, or reject with a reason)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyencong.errors import REFUSALS
from khuyencong.listing import paginate
from khuyencong.scoping import can_approve_for_ministry
from projects import ministry, selectors, workflow
from projects.forms.review import MinistryDecisionForm, ReasonForm
from projects.views.projects import render_project
from projects.views.review import budget_lines_of, refused_on_project


@login_required
def ministry_list(request: HttpRequest) -> HttpResponse:
    """Every KCQG đề án awaiting the ministry, across provinces (filter province, content)."""
    if not (can_approve_for_ministry(request.user) or request.user.is_superuser):
        raise PermissionDenied(_("This page is the ministry's."))
    projects = selectors.awaiting_ministry(user=request.user, params=request.GET)
    page = paginate(request, projects.qs)
    rows = selectors.attach_totals(page)
    for row in rows:
        row.age_days = selectors.age_in_days(row.updated_at)
    return render(
        request,
        "projects/ministry_list.html",
        {"filter": projects, "page_obj": page, "projects": rows},
    )


@login_required
@require_POST
def ministry_approve(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for_user(request.user, pk)
    workflow.require_right(request.user, project, "ministry_approve")
    form = MinistryDecisionForm(request.POST, lines=budget_lines_of(project))
    if not form.is_valid():
        return render_project(request, project, status=400, ministry_form=form)
    try:
        ministry.ministry_project_approve(
            user=request.user,
            project=project,
            decision_number=form.cleaned_data["decision_number"],
            decision_date=form.cleaned_data["decision_date"],
            amounts=form.amounts(),
        )
    except REFUSALS as error:
        return refused_on_project(request, project, error, ministry_form=form)
    messages.success(request, _("Project %(code)s was approved.") % {"code": project.code})
    return redirect("projects:ministry_list")


@login_required
@require_POST
def ministry_reject(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for_user(request.user, pk)
    workflow.require_right(request.user, project, "ministry_reject")
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return render_project(
            request, project, status=400, refused=_("Give the reason for rejecting the project.")
        )
    try:
        ministry.ministry_project_reject(
            user=request.user, project=project, reason=form.cleaned_data["reason"]
        )
    except REFUSALS as error:
        return refused_on_project(request, project, error)
    messages.success(request, _("Project %(code)s was rejected.") % {"code": project.code})
    return redirect("projects:ministry_list")
