"""The page of a background job that writes a file (a large list export or a big report): its
progress, the download when it is done, and a new start when it failed. Only the user who asked
for it sees it (anyone else: 404). The lifecycle itself is the job runner's (khuyencong.jobs)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from khuyencong import jobs
from khuyencong.models import ExportJob


def get_export_job_for_user(user, pk) -> ExportJob:
    job = ExportJob.objects.filter(pk=pk, user_id=user.pk).first()
    if job is None:
        raise Http404
    return jobs.job_refresh(job)


@login_required
@require_http_methods(["GET", "POST"])
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_export_job_for_user(request.user, pk)
    if request.method == "POST":
        # Start a failed job again (its worker died, or the work failed): same parameters, the
        # user's scope as it is now. Anything else has changed under the user: 409.
        if job.status != ExportJob.Status.FAILED:
            return render(request, "khuyencong/export_job.html", {"job": job}, status=409)
        jobs.job_start(job, job_kind=job.kind)
        return redirect("export_job", pk=job.pk)
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
    return jobs.job_download(job, filename=job.filename)
