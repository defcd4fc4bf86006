"""The progress page and the download of a background export. Only the user who asked for an
export sees it (anyone else: 404)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from khuyencong.exports import export_dir
from khuyencong.models import ExportJob


def get_export_job_for_user(user, pk) -> ExportJob:
    job = ExportJob.objects.filter(pk=pk, user_id=user.pk).first()
    if job is None:
        raise Http404
    return job


@login_required
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_export_job_for_user(request.user, pk)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": job.status,
                "percent": job.percent,
                "done": job.done_rows,
                "total": job.total_rows,
            }
        )
    return render(request, "khuyencong/export_job.html", {"job": job})


@login_required
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    job = get_export_job_for_user(request.user, pk)
    path = export_dir() / job.path if job.path else None
    if job.status != ExportJob.Status.DONE or path is None or not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=job.filename)
