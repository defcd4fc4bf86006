"""Pages of the beneficiary registry (cơ sở CNNT). Every view starts from the scoped selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries import selectors, services
from beneficiaries.exports import BENEFICIARIES
from beneficiaries.filters import BeneficiaryFilter, BeneficiarySort
from beneficiaries.forms import BeneficiaryForm, RecognitionFormSetFactory, SnapshotFormSetFactory
from beneficiaries.models import Beneficiary
from beneficiaries.places import communes_of_visible_province
from khuyencong.errors import StaleEditError
from khuyencong.exports import EXPORT_FORMATS, export_list
from khuyencong.listing import paginate, sort_list
from khuyencong.scoping import can_edit


def _communes_json(request: HttpRequest) -> JsonResponse:
    """Options of the commune select for a province (static/js/beneficiaries.js)."""
    communes = communes_of_visible_province(request.user, request.GET.get("communes_for"))
    return JsonResponse(
        {"results": [{"id": c.pk, "name": c.name} for c in communes.only("pk", "name")]}
    )


@login_required
def beneficiary_list(request: HttpRequest) -> HttpResponse:
    beneficiaries = selectors.beneficiary_queryset_for_user(request.user)
    if "communes_for" in request.GET:
        return _communes_json(request)
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS:
        return export_list(request, BENEFICIARIES, fmt)
    filterset = BeneficiaryFilter(request.GET, queryset=beneficiaries, user=request.user)
    rows, sort = sort_list(
        BeneficiarySort, request.GET, filterset.qs.select_related("province", "commune")
    )
    page = paginate(request, rows)
    return render(
        request,
        "beneficiaries/list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "beneficiaries": selectors.attach_project_counts(page, request.user),
            "sort": sort,
            "can_edit": can_edit(request.user),
        },
    )


@login_required
def beneficiary_search(request: HttpRequest) -> JsonResponse:
    """Search-as-you-type for the đề án form: {"results": [{id, name, tax_code, commune,
    province}]}, at most 20 of the user's visible establishments."""
    found = selectors.beneficiary_search(request.user, request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {
                    "id": b.pk,
                    "name": b.name,
                    "tax_code": b.tax_code or "",
                    "commune": b.commune.name if b.commune else "",
                    "province": str(b.province),
                }
                for b in found
            ]
        }
    )


def _after_save(request: HttpRequest, form: BeneficiaryForm, beneficiary: Beneficiary, text):
    messages.success(request, text % {"name": beneficiary.name})
    if form.tax_code_warning:
        messages.warning(request, form.tax_code_warning)
    return redirect("beneficiaries:detail", pk=beneficiary.pk)


@login_required
def beneficiary_create(request: HttpRequest) -> HttpResponse:
    selectors.check_can_create_beneficiary(request.user)
    duplicates = []
    status = 200
    if request.method == "POST":
        form = BeneficiaryForm(request.POST, user=request.user)
        if form.is_valid():
            if not form.cleaned_data["confirm_not_duplicate"]:
                duplicates = selectors.possible_duplicates(
                    request.user,
                    name=form.cleaned_data["name"],
                    province=form.cleaned_data["province"],
                    commune=form.cleaned_data["commune"],
                    tax_code=form.cleaned_data["tax_code"],
                )
            if not duplicates:
                try:
                    beneficiary = services.beneficiary_create(
                        user=request.user, data=form.model_data()
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    return _after_save(request, form, beneficiary, _("%(name)s was registered."))
        status = 200 if duplicates else 400
    else:
        form = BeneficiaryForm(user=request.user)
    return render(
        request,
        "beneficiaries/form.html",
        {"form": form, "duplicates": duplicates, "creating": True},
        status=status,
    )


@login_required
def beneficiary_edit(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = selectors.get_beneficiary_for_user(request.user, pk, write=True)
    # Taken before the form exists: validating it copies the typed values onto the instance.
    location_warning = beneficiary.location_warning(on=timezone.localdate())
    stored_name = beneficiary.name
    status = 200
    data = request.POST if request.method == "POST" else None
    form = BeneficiaryForm(data, instance=beneficiary, user=request.user)
    recognitions = RecognitionFormSetFactory(data, instance=beneficiary, prefix="recognitions")
    snapshots = SnapshotFormSetFactory(data, instance=beneficiary, prefix="snapshots")
    if request.method == "POST":
        valid = all([form.is_valid(), recognitions.is_valid(), snapshots.is_valid()])
        if valid:
            try:
                saved = services.beneficiary_update(
                    user=request.user,
                    beneficiary=beneficiary,
                    expected_version=form.cleaned_data["lock_version"],
                    data=form.model_data(),
                    recognitions=recognitions.rows(),
                    snapshots=snapshots.rows(),
                )
            except StaleEditError as error:
                form.add_error(None, error.message)
                # Everything typed stays; the form now carries the current version, so saving
                # again (after looking at the other person's changes) is a deliberate overwrite.
                form.data = form.data.copy()
                form.data[form.add_prefix("lock_version")] = selectors.beneficiary_version(pk)
                status = 409
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                return _after_save(request, form, saved, _("The changes to %(name)s were saved."))
        else:
            status = 400
    return render(
        request,
        "beneficiaries/form.html",
        {
            "form": form,
            "beneficiary": beneficiary,
            "recognitions": recognitions,
            "snapshots": snapshots,
            "location_warning": location_warning,
            "stored_name": stored_name,
            "creating": False,
        },
        status=status,
    )


@login_required
def beneficiary_detail(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = selectors.get_beneficiary_for_user(request.user, pk)
    return render(
        request,
        "beneficiaries/detail.html",
        {
            "beneficiary": beneficiary,
            "location_warning": beneficiary.location_warning(on=timezone.localdate()),
            "recognitions": list(beneficiary.recognitions.all()),
            "snapshots": list(beneficiary.snapshots.all()),
            "participations": selectors.beneficiary_participations(request.user, beneficiary),
            "history": selectors.beneficiary_history(beneficiary),
            "can_edit": can_edit(request.user),
        },
    )
