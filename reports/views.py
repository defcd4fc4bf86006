"""Report pages and downloads: parse the parameters, scope, then the one pipeline
(reports.pipeline). `format=html` is the page inside the portal; `pdf` and `xlsx` are the files,
the same as `render_report` writes and the background job (reports.background) stores for a
report too large for a request."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from khuyencong.converters import parse_id
from khuyencong.models import Region
from khuyencong.scoping import membership_of, visible_provinces
from projects.selectors import get_plan_for_user, plan_queryset_for_user
from reports import background
from reports.params import FORMATS, GROUPINGS, PERIODS, ReportParamError, parse_params
from reports.pipeline import report_document, report_render
from reports.registry import REPORTS
from reports.renderers.html import context as html_context
from reports.selectors import get_report_scope_for_user

PLAN_CHOICES_SHOWN = 60


def _scope(request: HttpRequest):
    if membership_of(request.user) is None and not request.user.is_superuser:
        raise PermissionDenied
    return get_report_scope_for_user(request.user)


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "reports/error.html", {"message": message}, status=400)


def _respond(request: HttpRequest, *, name: str, scope, params, plan=None) -> HttpResponse:
    doc = report_document(name=name, scope=scope, params=params, plan=plan)
    if params.fmt == "html":
        context = html_context(doc)
        context["page_title"] = str(REPORTS[name].title)
        return render(request, "reports/page.html", context)
    output = report_render(doc, params.fmt)
    response = HttpResponse(output.content, content_type=output.content_type)
    response["Content-Disposition"] = output.disposition
    return response


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The reports the user may open, each with a small form for its parameters."""
    scope = _scope(request)
    plans = plan_queryset_for_user(request.user).select_related("province")
    years = list(plans.order_by("-year").values_list("year", flat=True).distinct())
    provinces = list(visible_provinces(request.user).order_by("-era", "code"))
    return render(
        request,
        "reports/index.html",
        {
            "reports": list(REPORTS.values()),
            "years": years,
            "provinces": provinces,
            "plans": list(plans.order_by("-year", "province__name")[:PLAN_CHOICES_SHOWN]),
            "periods": PERIODS,
            "groupings": GROUPINGS,
            "regions": Region.choices,
            "national": scope.national,
        },
    )


@login_required
def plan_report(request: HttpRequest, plan_id: int) -> HttpResponse:
    scope = _scope(request)
    plan = get_plan_for_user(request.user, plan_id)
    try:
        params = parse_params({"format": request.GET.get("format", ""), "year": str(plan.year)})
    except ReportParamError as error:
        return _bad_request(request, error.message)
    return _respond(request, name="plan", scope=scope, params=params, plan=plan)


@login_required
def plan_choose(request: HttpRequest) -> HttpResponse:
    """The index page's plan form (a GET form cannot put the id in the path)."""
    _scope(request)
    plan_id = parse_id(request.GET.get("plan"))
    if plan_id is None:
        return _bad_request(request, _("Choose a plan."))
    plan = get_plan_for_user(request.user, plan_id)
    fmt = request.GET.get("format", "html")
    suffix = f"?format={fmt}" if fmt in FORMATS and fmt != "html" else ""
    return redirect(reverse("reports:plan", args=[plan.pk]) + suffix)


@login_required
def report(request: HttpRequest, name: str) -> HttpResponse:
    spec = REPORTS.get(name)
    if spec is None or spec.build is None:
        raise Http404
    scope = _scope(request)
    try:
        params = parse_params(request.GET)
        rows = background.report_rows(name, scope, params)
        if background.runs_in_background(rows, params.fmt):
            # Too large for a request: written by a task, shown on the job's progress page.
            job = background.report_job_start(
                user=request.user, name=name, scope=scope, params=params, rows=rows
            )
            return redirect("export_job", pk=job.pk)
        return _respond(request, name=name, scope=scope, params=params)
    except ReportParamError as error:
        return _bad_request(request, error.message)
