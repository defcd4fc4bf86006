"""Creating and editing a đề án inside its plan (projects/new/?plan=<id>, projects/<pk>/edit/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from khuyencong.converters import parse_id
from khuyencong.errors import StaleEditError
from projects.forms import ProjectEditor
from projects.models import Project
from projects.selectors import get_plan_for_user, get_project_for_user
from projects.services import project_save


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    plan = get_plan_for_user(request.user, _plan_pk(request), write=True)
    return _project_form(request, Project(plan=plan))


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk, write=True)
    return _project_form(request, project)


def _plan_pk(request: HttpRequest) -> int:
    pk = parse_id(request.GET.get("plan"))
    if pk is None:
        raise Http404
    return pk


def _project_form(request: HttpRequest, project: Project) -> HttpResponse:
    is_post = request.method == "POST"
    editor = ProjectEditor(
        user=request.user,
        project=project,
        data=request.POST.copy() if is_post else None,
        search_url=reverse("beneficiaries:search"),
    )
    if not is_post:
        return _render(request, editor)
    if not editor.is_valid():
        return _render(request, editor, status=400)
    try:
        saved = project_save(
            user=request.user,
            project=editor.instance(),
            budget_lines=editor.budget_lines(),
            participations=editor.participations(),
            outputs=editor.output_rows(),
            expected_version=editor.expected_version,
        )
    except StaleEditError as error:
        # The other save wins. Keep every value typed here, but build the next save on the
        # version now stored, so saving again (after a look at the other changes) goes through.
        current = get_project_for_user(request.user, project.pk)
        editor.form.data["lock_version"] = str(current.lock_version)
        return _render(request, editor, status=409, top_error=error.message)
    except PermissionDenied as error:
        # The plan was submitted or approved while this form was open.
        return _render(request, editor, status=403, top_error=str(error) or None)
    except ValidationError as error:
        # A money rule the service enforces (the form showed the same ones; a cap may have
        # changed since): nothing was written, every value typed is kept.
        return _render(request, editor, status=400, top_error=" ".join(error.messages))
    messages.success(request, _("Project %(code)s saved.") % {"code": saved.code})
    for warning in editor.warnings:
        messages.warning(request, warning)
    return redirect("projects:detail", pk=saved.pk)


def _render(request, editor: ProjectEditor, *, status: int = 200, top_error=None):
    project = editor.project
    if editor.is_new:
        cancel_url = reverse("projects:plan_detail", args=[editor.plan.pk])
    else:
        cancel_url = reverse("projects:detail", args=[project.pk])
    return render(
        request,
        "projects/project_form.html",
        {
            "editor": editor,
            "form": editor.form,
            "plan": editor.plan,
            "project": project,
            "top_error": top_error,
            "cancel_url": cancel_url,
        },
        status=status,
    )
