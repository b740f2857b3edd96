"""Background jobs of the projects package (thin: they call a service)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks import task

from greenlight.core.errors import GreenlightError
from greenlight.jobs import services as jobs
from greenlight.jobs.models import Job

from . import services
from .models import Project

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@task()
def export_people_xlsx(job_id: str, project_id: int, user_id: int) -> str:
    """Export a project's people to XLSX; capabilities are checked again as the job runs."""
    jobs.mark_running(job_id, timezone.now())
    try:
        user = get_user_model().objects.get(pk=user_id)
        project = Project.objects.get(pk=project_id)
        name, data = services.export_people(user, project, jobs.progress_reporter(job_id))
    except (GreenlightError, Project.DoesNotExist) as error:
        jobs.fail(job_id, str(error), timezone.now())
        return "failed"
    except Exception:
        jobs.fail(
            job_id,
            "The export failed unexpectedly; the error is in the worker log.",
            timezone.now(),
        )
        raise
    jobs.succeed(job_id, name, XLSX, data, timezone.now())
    return name


def start_people_export(actor: Any, project: Project) -> Job:
    """Queue the people export for ``actor``; the page and the API both call this."""
    services.require_export(actor, project)
    return jobs.start_job(
        actor,
        "export_people",
        f"People of {project.title} (XLSX)",
        export_people_xlsx,
        project.pk,
        actor.pk,
        project=project,
        at=timezone.now(),
    )
