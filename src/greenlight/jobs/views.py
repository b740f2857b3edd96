"""Job pages: a list of my jobs, one job's live progress, and its download."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from greenlight.core.errors import NotFound

from . import services
from .models import Job


def download_response(job: Job) -> HttpResponse:
    if not job.result_name or job.result_data is None:
        raise NotFound("This job has no file (yet).")
    response = HttpResponse(bytes(job.result_data), content_type=job.result_content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.result_name}"'
    return response


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    return render(request, "jobs/list.html", {"jobs": services.jobs_of(request.user)[:50]})


@login_required
def job_detail(request: HttpRequest, job_id: str) -> HttpResponse:
    return render(request, "jobs/detail.html", {"job": services.job_for(request.user, job_id)})


@login_required
def job_download(request: HttpRequest, job_id: str) -> HttpResponse:
    return download_response(services.job_for(request.user, job_id))
