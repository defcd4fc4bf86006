"""The đề án list (filters, sorting, exports) and a đề án's page (the dossier)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from khuyencong.exports import EXPORT_FORMATS, export_list
from khuyencong.listing import paginate, sort_list
from projects import selectors, workflow
from projects.exports import PROJECTS
from projects.filters import ProjectSort
from projects.forms.review import ApprovedAmountsForm, CommentForm, MinistryDecisionForm, ReasonForm
from projects.sections import project_sections


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS:
        return export_list(request, PROJECTS, fmt)
    projects = selectors.project_list(user=request.user, params=request.GET)
    rows, sort = sort_list(ProjectSort, request.GET, projects.qs)
    page = paginate(request, rows)
    return render(
        request,
        "projects/project_list.html",
        {
            "filter": projects,
            "page_obj": page,
            "projects": selectors.attach_totals(page),
            "sort": sort,
        },
    )


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for_user(request.user, pk)
    return render_project(request, project)


def render_project(request, project, *, status: int = 200, **extra) -> HttpResponse:
    """The dossier, for its GET and for a review action refused on it (with the reason). The
    review's forms are those the workflow offers this user now; the later apps' sections
    (funding: how the đề án is carried out) come through projects.sections."""
    dossier = selectors.project_dossier(project)
    actions = workflow.available(request.user, project)
    context = {
        "project": project,
        "dossier": dossier,
        "dossier_day": project.plan.eligibility_date,
        "actions": actions,
        "can_edit_project": "edit" in actions,
        "sections": project_sections(request, project, dossier),
        "history": selectors.project_history(project),
        "events": selectors.project_events(project),
        "comment_form": CommentForm(),
        "reject_form": ReasonForm(),
    }
    if "set_amounts" in actions and "amounts_form" not in extra:
        context["amounts_form"] = ApprovedAmountsForm(lines=dossier.budget_lines)
    if "ministry_approve" in actions and "ministry_form" not in extra:
        context["ministry_form"] = MinistryDecisionForm(lines=dossier.budget_lines)
    context.update(extra)
    return render(request, "projects/project_detail.html", context, status=status)


@login_required
def project_versions(request: HttpRequest, pk: int) -> HttpResponse:
    """The approved versions of a đề án, one per version of its plan (kept by every approval)."""
    project = selectors.get_project_for_user(request.user, pk)
    return render(
        request,
        "projects/project_versions.html",
        {"project": project, "versions": selectors.project_versions(project)},
    )
