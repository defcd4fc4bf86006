"""The import pages, the same for every kind: upload → preview (with the column mapping and the
feedback workbook) → confirm. Domain apps route their URLs here with the kind's name
(`import_urls` in beneficiaries/urls.py and projects/urls.py). Only the uploader reaches a batch
(anyone else: 404); a user who may not import the kind gets 403. The check and the write are
jobs of the runner (khuyencong.importing.batches, khuyencong.jobs): the page shows their progress
and, when one failed or its worker died, offers to check the file again."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from khuyencong import jobs
from khuyencong.exports import XLSX_CONTENT_TYPE
from khuyencong.forms import StyledFormMixin
from khuyencong.importing import batches
from khuyencong.importing.columns import IGNORE
from khuyencong.importing.engine import (
    ERROR,
    OUTCOME_LABELS,
    ImportKind,
    get_kind,
    remember_mapping,
)
from khuyencong.importing.reading import ImportRefused
from khuyencong.importing.workbooks import feedback_workbook, template_workbook
from khuyencong.models import ImportBatch

# Rows listed on the preview page besides every row with an error (all are in the feedback file).
PREVIEW_ROWS = 500


class UploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (.xlsx or .xls)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls"}),
    )


def _kind_for(request, name: str) -> ImportKind:
    kind = get_kind(name)
    kind.check_user(request.user)
    return kind


def _batch_for(request, kind: ImportKind, pk) -> ImportBatch:
    batch = ImportBatch.objects.filter(pk=pk, user_id=request.user.pk, kind=kind.name).first()
    if batch is None:
        raise Http404
    return jobs.job_refresh(batch)


def _urls(namespace: str, batch: ImportBatch | None = None) -> dict:
    urls = {
        "start": reverse(f"{namespace}:import"),
        "template": reverse(f"{namespace}:import_template"),
    }
    if batch is not None:
        urls["batch"] = reverse(f"{namespace}:import_batch", args=[batch.pk])
        urls["feedback"] = reverse(f"{namespace}:import_feedback", args=[batch.pk])
    return urls


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest, *, kind_name: str, namespace: str) -> HttpResponse:
    kind = _kind_for(request, kind_name)
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                batch = batches.batch_create(
                    user=request.user, kind=kind.name, upload=form.cleaned_data["file"]
                )
            except ImportRefused as error:
                form.add_error("file", error.message)
            else:
                batches.batch_start(batch, batches.CHECK)
                return redirect(_urls(namespace, batch)["batch"])
        status = 400
    return render(
        request,
        "khuyencong/import_start.html",
        {"kind": kind, "form": form, "urls": _urls(namespace)},
        status=status,
    )


def _mapping_choices(kind: ImportKind) -> list[tuple[str, str]]:
    return [(IGNORE, _("— do not import —"))] + [
        (spec.key, spec.header + (" *" if spec.required else "")) for spec in kind.fields
    ]


def _rows_to_show(result: dict) -> tuple[list[dict], int]:
    rows = result.get("rows", [])
    shown = [row for row in rows if row["outcome"] == ERROR]
    others = [row for row in rows if row["outcome"] != ERROR]
    hidden = max(0, len(others) - PREVIEW_ROWS)
    shown += others[:PREVIEW_ROWS]
    shown.sort(key=lambda row: row["n"])
    for row in shown:
        row["outcome_label"] = OUTCOME_LABELS.get(row["outcome"], row["outcome"])
    return shown, hidden


@login_required
@require_http_methods(["GET", "POST"])
def import_batch(request: HttpRequest, pk, *, kind_name: str, namespace: str) -> HttpResponse:
    kind = _kind_for(request, kind_name)
    batch = _batch_for(request, kind, pk)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {"status": batch.status, "percent": batch.percent, "done": batch.done_rows}
        )
    result = batch.result or {}
    headers = result.get("headers") or []
    if request.method == "POST" and not batch.is_busy and batch.status != ImportBatch.Status.DONE:
        action = request.POST.get("action")
        if action == "map" and headers:
            valid = {key for key, _label in _mapping_choices(kind)}
            mapping = {}
            for index in range(len(headers)):
                key = request.POST.get(f"column-{index}", IGNORE)
                mapping[index] = key if key in valid else IGNORE
            targets = [key for key in mapping.values() if key]
            if len(targets) != len(set(targets)):
                return _render_batch(
                    request,
                    kind,
                    batch,
                    namespace,
                    mapping_error=_("Each field can be taken from one column only."),
                    status=400,
                )
            batch.mapping = {str(k): v for k, v in mapping.items()}
            batch.save(update_fields=["mapping"])
            remember_mapping(request.user, kind, headers, mapping)
            batches.batch_start(batch, batches.CHECK)
            return redirect(_urls(namespace, batch)["batch"])
        if action == "retry" and batch.status == ImportBatch.Status.FAILED:
            # A check or write that failed (or whose worker died) starts over from the check.
            batches.batch_start(batch, batches.CHECK)
            return redirect(_urls(namespace, batch)["batch"])
        if action == "confirm":
            if not result or result.get("refused") or result["counts"].get(ERROR):
                return _render_batch(
                    request,
                    kind,
                    batch,
                    namespace,
                    mapping_error=_("Correct the errors first: nothing was written."),
                    status=400,
                )
            batches.batch_start(batch, batches.WRITE)
            batch.refresh_from_db()
            return redirect(_urls(namespace, batch)["batch"])
        return _render_batch(request, kind, batch, namespace, status=400)
    return _render_batch(request, kind, batch, namespace)


def _render_batch(request, kind, batch, namespace, *, mapping_error: str = "", status=200):
    batch.refresh_from_db()
    result = batch.result or {}
    rows, hidden = _rows_to_show(result)
    headers = result.get("headers") or []
    mapping = result.get("mapping") or {}
    columns = [
        {"index": index, "header": header, "selected": mapping.get(str(index), IGNORE)}
        for index, header in enumerate(headers)
    ]
    counts = result.get("counts") or {}
    context = {
        "kind": kind,
        "batch": batch,
        "result": result,
        "rows": rows,
        "hidden": hidden,
        "counts": counts,
        "columns": columns,
        "choices": _mapping_choices(kind),
        "show_mapping": bool(headers)
        and (
            bool(result.get("missing"))
            or any(c["selected"] == IGNORE and c["header"] for c in columns)
        ),
        "can_confirm": batch.status == ImportBatch.Status.CHECKED
        and bool(result.get("rows"))
        and not result.get("refused")
        and not counts.get(ERROR),
        "mapping_error": mapping_error,
        "urls": _urls(namespace, batch),
        "done_url": kind.done_url(None),
        "unit_label": {1: "đồng", 1000: "nghìn đồng", 1_000_000: "triệu đồng"}.get(
            result.get("unit", 1), ""
        ),
    }
    return render(request, "khuyencong/import_batch.html", context, status=status)


@login_required
def import_feedback(request: HttpRequest, pk, *, kind_name: str, namespace: str) -> HttpResponse:
    kind = _kind_for(request, kind_name)
    batch = _batch_for(request, kind, pk)
    if not batch.result or batch.result.get("refused_code") in ("not_spreadsheet", "password"):
        raise Http404
    try:
        content = feedback_workbook(batches.batch_data(batch), batch.result)
    except (ImportRefused, FileNotFoundError) as error:
        raise Http404 from error
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    stem = batch.filename.rsplit(".", 1)[0] or "import"
    response["Content-Disposition"] = f'attachment; filename="{stem}-ket-qua.xlsx"'
    return response


@login_required
def import_template(request: HttpRequest, *, kind_name: str, namespace: str) -> HttpResponse:
    kind = _kind_for(request, kind_name)
    response = HttpResponse(template_workbook(kind), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-{kind.name}.xlsx"'
    return response


def import_urls(namespace: str, kind_name: str, prefix: str = "import/") -> list:
    """The four URL patterns of a kind's import pages, for a domain app's urls.py."""
    from django.urls import path

    kwargs = {"kind_name": kind_name, "namespace": namespace}
    return [
        path(prefix, import_start, kwargs, name="import"),
        path(f"{prefix}template.xlsx", import_template, kwargs, name="import_template"),
        path(f"{prefix}<uuid:pk>/", import_batch, kwargs, name="import_batch"),
        path(f"{prefix}<uuid:pk>/feedback.xlsx", import_feedback, kwargs, name="import_feedback"),
    ]
