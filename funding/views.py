"""The implementation steps of a đề án (contract, disbursement, acceptance, settlement), its
documents, and their download.

Each view: the scoped fetch first (another province → 404), then the role and the state
(403: not the centre, or the đề án is settled), then the form and the service. A refused POST
answers 400 with the form and the reason, and nothing is written; 409 when someone else acted
first."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from funding import services
from funding.forms import (
    AcceptanceForm,
    AttachmentForm,
    ContractForm,
    DisbursementForm,
    ReversalForm,
    SettlementForm,
)
from funding.implementation import approved_and_disbursed
from funding.models import Disbursement
from khuyencong.errors import REFUSALS, refusal
from khuyencong.scoping import visible_province_ids
from khuyencong.uploads import serve_private_file
from projects import workflow
from projects.models import Attachment, Participation, ProjectOutput
from projects.selectors import get_project_for_user


def _project_for_step(request, pk, action: str):
    """The đề án (404 outside the user's provinces); 403 for anyone but the centre and on a
    settled đề án, for GET and POST alike (the workflow's right to `action`)."""
    project = get_project_for_user(request.user, pk)
    workflow.require_right(request.user, project, action)
    return project


def _render(request, template, project, form, *, status=200, **extra):
    context = {"project": project, "form": form, "money": approved_and_disbursed(project)}
    context.update(extra)
    return render(request, template, context, status=status)


def _step(request, pk, action, *, form_class, template, call, done, project=None, **extra):
    project = project or _project_for_step(request, pk, action)
    if request.method != "POST":
        return _render(request, template, project, form_class(), **extra)
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        return _render(
            request,
            template,
            project,
            form,
            status=400,
            refused=_("Please correct the fields marked below."),
            **extra,
        )
    try:
        call(project, form.cleaned_data)
    except REFUSALS as error:
        message, status = refusal(error)
        return _render(request, template, project, form, status=status, refused=message, **extra)
    messages.success(request, done)
    return redirect("projects:detail", pk=project.pk)


@login_required
def contract_new(request: HttpRequest, pk: int) -> HttpResponse:
    def call(project, data):
        services.contract_add(
            user=request.user,
            project=project,
            number=data["number"],
            date=data["date"],
            party=data["party"],
            value=data["value"],
            upload=data.get("file"),
        )

    return _step(
        request,
        pk,
        "record_contract",
        form_class=ContractForm,
        template="funding/contract_form.html",
        call=call,
        done=_("The contract was recorded."),
    )


@login_required
def disbursement_new(request: HttpRequest, pk: int) -> HttpResponse:
    def call(project, data):
        services.disbursement_record(
            user=request.user,
            project=project,
            source=data["source"],
            kind=data["kind"],
            date=data["date"],
            amount=data["amount"],
            document_number=data["document_number"],
            note=data.get("note", ""),
        )

    return _step(
        request,
        pk,
        "disburse",
        form_class=DisbursementForm,
        template="funding/disbursement_form.html",
        call=call,
        done=_("The disbursement was recorded."),
    )


@login_required
def disbursement_reverse(request: HttpRequest, pk: int, disbursement_pk: int) -> HttpResponse:
    project = _project_for_step(request, pk, "reverse_disbursement")
    disbursement = Disbursement.objects.filter(project=project, pk=disbursement_pk).first()
    if disbursement is None:
        raise Http404

    def call(project, data):
        services.disbursement_reverse(
            user=request.user, disbursement=disbursement, reason=data["reason"]
        )

    return _step(
        request,
        pk,
        "reverse_disbursement",
        form_class=ReversalForm,
        template="funding/reversal_form.html",
        call=call,
        done=_("The reversal was recorded."),
        project=project,
        disbursement=disbursement,
    )


@login_required
def settlement_new(request: HttpRequest, pk: int) -> HttpResponse:
    def call(project, data):
        services.settlement_record(
            user=request.user,
            project=project,
            closed_on=data["closed_on"],
            amount=data["amount"],
            decision_number=data["decision_number"],
            decision_date=data["decision_date"],
            upload=data.get("file"),
        )

    return _step(
        request,
        pk,
        "record_settlement",
        form_class=SettlementForm,
        template="funding/settlement_form.html",
        call=call,
        done=_("The settlement was recorded: the project is now read-only."),
    )


@login_required
@require_POST
def attachment_new(request: HttpRequest, pk: int) -> HttpResponse:
    def call(project, data):
        services.attachment_add(
            user=request.user, project=project, kind=data["kind"], upload=data["file"]
        )

    return _step(
        request,
        pk,
        "attach",
        form_class=AttachmentForm,
        template="funding/attachment_form.html",
        call=call,
        done=_("The document was attached."),
    )


@login_required
def acceptance(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for_step(request, pk, "record_acceptance")
    outputs = list(
        ProjectOutput.objects.filter(project=project).select_related("indicator").order_by("pk")
    )
    participations = list(
        Participation.objects.filter(project=project).select_related("beneficiary").order_by("pk")
    )

    def form(*args):
        return AcceptanceForm(*args, outputs=outputs, participations=participations)

    template = "funding/acceptance_form.html"
    if request.method != "POST":
        return _render(request, template, project, form())
    bound = form(request.POST, request.FILES)
    if not bound.is_valid():
        return _render(
            request,
            template,
            project,
            bound,
            status=400,
            refused=_("Please correct the fields marked below."),
        )
    try:
        services.acceptance_record(user=request.user, project=project, data=bound.service_input())
    except services.Blocked as error:
        message, status = refusal(error)
        return _render(
            request,
            template,
            project,
            bound,
            status=status,
            refused=message,
            blockers=error.blockers,
        )
    except REFUSALS as error:
        message, status = refusal(error)
        return _render(request, template, project, bound, status=status, refused=message)
    messages.success(request, _("The acceptance was recorded."))
    return redirect("projects:detail", pk=project.pk)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A document, to anyone who may read its plan (another province → 404)."""
    attachment = Attachment.objects.select_related("plan").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    ids = visible_province_ids(request.user)
    if ids is not None and attachment.plan.province_id not in ids:
        raise Http404
    return serve_private_file(attachment.file, attachment.original_name, keep_name=True)
