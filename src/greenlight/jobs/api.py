"""Job status endpoints: the user who started a job can follow it and fetch its file."""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from . import services
from .views import download_response

router = Router(tags=["jobs"])


class JobOut(Schema):
    id: UUID
    kind: str
    label: str
    status: str
    done: int
    total: int
    percent: int
    message: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    download_url: str | None

    @staticmethod
    def resolve_download_url(obj: Any) -> str | None:
        return f"/api/jobs/{obj.pk}/download" if obj.result_name else None


@router.get("/jobs", response=list[JobOut], summary="My recent jobs")
def list_jobs(request: HttpRequest) -> Any:
    return services.jobs_of(request.user)[:50]


@router.get("/jobs/{uuid:job_id}", response=JobOut, summary="A job's status and progress")
def get_job(request: HttpRequest, job_id: UUID) -> Any:
    return services.job_for(request.user, job_id)


@router.get("/jobs/{uuid:job_id}/download", summary="The file a finished job produced")
def download(request: HttpRequest, job_id: UUID) -> HttpResponse:
    return download_response(services.job_for(request.user, job_id))
