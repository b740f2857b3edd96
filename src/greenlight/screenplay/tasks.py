"""Background jobs of the screenplay package (thin: they call a service)."""

from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks import task

from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import require
from greenlight.core.errors import GreenlightError
from greenlight.jobs import services as jobs
from greenlight.jobs.models import Job

from . import reports
from .models import Draft


@task()
def breakdown_sheets_pdf(job_id: str, draft_id: int, user_id: int) -> str:
    """Every breakdown sheet of a draft as one PDF; the reader's access is checked as it runs."""
    jobs.mark_running(job_id, timezone.now())
    try:
        user = get_user_model().objects.get(pk=user_id)
        draft = Draft.objects.select_related("script__project").get(pk=draft_id)
        name, data = reports.sheets_pdf(user, draft, progress=jobs.progress_reporter(job_id))
    except (GreenlightError, Draft.DoesNotExist) as error:
        message = str(error) if isinstance(error, GreenlightError) else "The draft was deleted."
        jobs.fail(job_id, message, timezone.now())
        return "failed"
    except Exception:
        jobs.fail(
            job_id, "The PDF failed unexpectedly; the error is in the worker log.", timezone.now()
        )
        raise
    jobs.succeed(job_id, name, "application/pdf", data, timezone.now())
    return name


def start_breakdown_sheets(actor: Any, draft: Draft, *, at: datetime) -> Job:
    """Queue the PDF of every breakdown sheet of ``draft``; the pages and the API call this."""
    script = draft.script
    require(actor, script.project, Capability.VIEW_PROJECT)
    return jobs.start_job(
        actor,
        "breakdown_sheets",
        f"Breakdown sheets of {script.title} ({draft.colour} draft, PDF)",
        breakdown_sheets_pdf,
        draft.pk,
        actor.pk,
        project=script.project,
        at=at,
    )
