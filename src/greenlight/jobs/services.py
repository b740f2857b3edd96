"""Starting, reporting on and finishing background jobs."""

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django_tasks.base import Task

from greenlight.core.errors import NotFound

from .models import Job, JobStatus

Progress = Callable[[int, int, str], None]


def start_job(
    actor: Any,
    kind: str,
    label: str,
    task: Task[Any, Any],
    *args: Any,
    project: Any = None,
    at: datetime,
) -> Job:
    """Record the job and enqueue its task in the same transaction.

    With the database queue both rows commit together, so a worker never sees a task whose
    job row is missing.
    """
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind, label=label, created_by=actor, project=project, created_at=at
        )
        result = task.enqueue(str(job.pk), *args)
        job.task_result_id = str(result.id)
        job.save(update_fields=["task_result_id"])
    job.refresh_from_db()
    return job


def jobs_of(user: Any) -> QuerySet[Job]:
    return Job.objects.filter(created_by=user).defer("result_data")


def job_for(user: Any, job_id: Any) -> Job:
    """A job is visible only to the user who started it."""
    job = Job.objects.filter(pk=job_id, created_by=user).first() if _is_uuid(job_id) else None
    if job is None:
        raise NotFound("No such job, or it is not yours.")
    return job


def mark_running(job_id: str, at: datetime) -> None:
    Job.objects.filter(pk=job_id).update(status=JobStatus.RUNNING, started_at=at, message="Started")


def progress_reporter(job_id: str) -> Progress:
    """A callback that stores done/total/message, for pure code to call as it works."""

    def report(done: int, total: int, message: str) -> None:
        Job.objects.filter(pk=job_id).update(done=done, total=total, message=message[:500])

    return report


def succeed(job_id: str, name: str, content_type: str, data: bytes, at: datetime) -> None:
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.SUCCEEDED,
        finished_at=at,
        message="Done",
        result_name=name,
        result_content_type=content_type,
        result_data=data,
    )


def fail(job_id: str, message: str, at: datetime) -> None:
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.FAILED, finished_at=at, message=message[:500]
    )


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def prune_jobs(before: datetime) -> int:
    """Delete finished jobs (and their files) that ended before ``before``; returns how many."""
    deleted, _ = Job.objects.filter(
        status__in=[JobStatus.SUCCEEDED, JobStatus.FAILED], finished_at__lt=before
    ).delete()
    return deleted
