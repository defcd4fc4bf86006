"""The đề án list (filters, sorting, exports) and a đề án's page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from khuyencong.exports import EXPORT_FORMATS, export_list
from khuyencong.listing import paginate, sort_list
from khuyencong.scoping import can_edit
from projects import selectors
from projects.exports import PROJECTS
from projects.filters import ProjectSort


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
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "dossier": selectors.project_dossier(project),
            "dossier_day": project.plan.eligibility_date,
            "can_edit_project": can_edit(request.user) and project.plan.is_editable,
            "history": selectors.project_history(project),
        },
    )
