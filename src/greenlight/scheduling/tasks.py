"""Background jobs of the scheduling package (thin: they call a service)."""

from datetime import datetime
from typing import Any

from django.utils import timezone
from django_tasks import task

from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import require
from greenlight.core.errors import Conflict
from greenlight.jobs import services as jobs
from greenlight.jobs.models import Job

from . import proposals
from .models import Schedule, ScheduleStatus
from .shooting import Progress


@task()
def optimise_schedule(job_id: str, schedule_id: int) -> str:
    """Run the optimiser on a schedule; its proposal waits on the board to be accepted."""
    jobs.mark_running(job_id, timezone.now())
    report = jobs.progress_reporter(job_id)
    try:
        limit = Schedule.objects.values_list("time_limit", flat=True).get(pk=schedule_id)
    except Schedule.DoesNotExist:
        jobs.fail(job_id, "The schedule was deleted.", timezone.now())
        return "failed"

    def progress(step: Progress) -> None:
        gap = (step.objective - step.bound) / max(1, abs(step.objective))
        # No money here: the job is visible to whoever started it, not only to cost roles.
        report(
            min(int(step.seconds), limit),
            limit,
            f"Schedule {step.solutions} found, within {100 * gap:.1f}% of the best possible",
        )

    try:
        solution = proposals.optimise(schedule_id, at=timezone.now(), progress=progress)
    except Exception:
        jobs.fail(job_id, "The optimiser failed; the error is in the worker log.", timezone.now())
        raise
    summary = f"{solution.status.value}: {solution.message}".encode()
    jobs.succeed(job_id, "optimiser.txt", "text/plain", summary, timezone.now())
    return solution.status.value


def start_optimise(actor: Any, schedule: Schedule, *, at: datetime) -> Job:
    """Queue the optimiser for ``schedule``; the board, the API and the CLI call this."""
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    if schedule.status == ScheduleStatus.LOCKED:
        raise Conflict(f"{schedule} is locked; copy it to a draft to optimise it.")
    return jobs.start_job(
        actor,
        "optimise_schedule",
        f"Optimise {schedule.name}",
        optimise_schedule,
        schedule.pk,
        project=schedule.project,
        at=at,
    )
