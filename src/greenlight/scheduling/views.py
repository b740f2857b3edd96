"""Schedule pages: the versions side by side, the stripboard, its settings and the optimiser."""

import json
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from greenlight.accounts import services as accounts
from greenlight.accounts.capabilities import Capability
from greenlight.core.errors import GreenlightError, InvalidInput
from greenlight.projects import services as projects
from greenlight.projects.models import Project
from greenlight.web.forms import posted_version, run_action

from . import proposals, services, tasks
from .forms import CopyForm, NewScheduleForm, PrecedenceForm, SettingsForm, StripForm
from .models import Schedule, StripKind


def context(request: HttpRequest, project: Project, **extra: Any) -> dict[str, Any]:
    caps = accounts.capabilities(request.user, project)
    return {
        "project": project,
        "caps": {c.value for c in caps},
        "costs": Capability.VIEW_BUDGET in caps,
        **extra,
    }


def project_of(request: HttpRequest, project_id: int, *, writing: bool = False) -> Project:
    capability = Capability.EDIT_SCHEDULE if writing else Capability.VIEW_SCHEDULE
    return projects.get_project(request.user, project_id, capability)


def schedule_of(
    request: HttpRequest, project_id: int, schedule_id: int, *, writing: bool = False
) -> Schedule:
    project = project_of(request, project_id, writing=writing)
    return services.get_schedule(request.user, project, schedule_id)


def schedules(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=request.method == "POST")
    scripts = project.scripts.all()
    form = NewScheduleForm(request.POST or None, scripts=scripts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        schedule = run_action(
            form,
            lambda: services.create_schedule(
                request.user,
                project,
                script_id=data["script"],
                name=data["name"],
                start_date=data["start_date"],
                at=timezone.now(),
            ),
        )
        if schedule is not None:
            messages.success(request, f"Created {schedule.name}.")
            return redirect("schedule", project.pk, schedule.pk)
    figures = proposals.compare(request.user, project)
    return render(
        request,
        "scheduling/schedules.html",
        context(request, project, figures=figures, form=form, has_scripts=scripts.exists()),
    )


def board(request: HttpRequest, project_id: int, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(request, project_id, schedule_id)
    view = services.board(request.user, schedule)
    job_id = request.GET.get("job", "")
    proposal = proposals.proposal_of(schedule)
    names = _strip_names(view)
    caps = accounts.capabilities(request.user, schedule.project)
    return render(
        request,
        "scheduling/board.html",
        context(
            request,
            schedule.project,
            schedule=schedule,
            board=view,
            proposal=proposal,
            proposal_days=[[names.get(str(i), str(i)) for i in day] for day in proposal.board]
            if proposal
            else [],
            job_id=job_id,
            editable_board=Capability.EDIT_SCHEDULE in caps and schedule.status != "locked",
            newer_draft=services.behind_latest(schedule),
        ),
    )


def _strip_names(view: Any) -> dict[str, str]:
    rows = [s for d in view.days for s in d.strips] + view.open_day + view.boneyard
    return {str(s.id): s.label for s in rows if s.kind == StripKind.SCENE}


@require_POST
def reorder(request: HttpRequest, project_id: int, schedule_id: int) -> JsonResponse:
    """The drag-and-drop save: the whole order, as JSON, version-checked."""
    schedule = schedule_of(request, project_id, schedule_id, writing=True)
    try:
        body = json.loads(request.body or b"{}")
        order = services.BoardOrder(
            board=[int(i) for i in body["board"]], boneyard=[int(i) for i in body["boneyard"]]
        )
        version = int(body["version"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse(
            {"detail": "Send {board: [ids], boneyard: [ids], version: n}."}, status=422
        )
    try:
        saved = services.reorder(request.user, schedule, order, version=version)
    except GreenlightError as error:
        return JsonResponse({"detail": str(error)}, status=error.status)
    return JsonResponse({"version": saved.version})


@require_POST
def add_strip(request: HttpRequest, project_id: int, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(request, project_id, schedule_id, writing=True)
    kind = request.POST.get("kind", "")
    services.add_strip(
        request.user,
        schedule,
        kind=kind,
        text=request.POST.get("text", ""),
        version=posted_version(request.POST),
    )
    messages.success(request, "Banner added." if kind == StripKind.BANNER else "Day break added.")
    return redirect("schedule", project_id, schedule_id)


@require_POST
def remove_strip(
    request: HttpRequest, project_id: int, schedule_id: int, strip_id: int
) -> HttpResponse:
    schedule = schedule_of(request, project_id, schedule_id, writing=True)
    services.remove_strip(request.user, schedule, strip_id, version=posted_version(request.POST))
    return redirect("schedule", project_id, schedule_id)


def strip(request: HttpRequest, project_id: int, schedule_id: int, strip_id: int) -> HttpResponse:
    schedule = schedule_of(request, project_id, schedule_id, writing=request.method == "POST")
    instance = services.get_strip(request.user, schedule, strip_id)
    form = StripForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.fields}
        saved = run_action(
            form,
            lambda: services.update_strip(
                request.user, schedule, strip_id, changes, version=posted_version(request.POST)
            ),
        )
        if saved is not None:
            messages.success(request, "Strip saved.")
            return redirect("schedule", project_id, schedule_id)
    return render(
        request,
        "scheduling/strip.html",
        context(request, schedule.project, schedule=schedule, strip=instance, form=form),
    )


def settings(request: HttpRequest, project_id: int, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(request, project_id, schedule_id, writing=request.method == "POST")
    costs = services.sees_costs(request.user, schedule.project)
    form = SettingsForm(request.POST or None, instance=schedule, costs=costs)
    if request.method == "POST" and form.is_valid():
        changes, version = form.changes()
        saved = run_action(
            form, lambda: services.update_settings(request.user, schedule, changes, version=version)
        )
        if saved is not None:
            messages.success(request, "Settings saved.")
            return redirect("schedule", project_id, schedule_id)
    view = services.board(request.user, schedule)
    scenes = [s for d in view.days for s in d.scenes] + [
        s for s in view.open_day + view.boneyard if s.kind == StripKind.SCENE
    ]
    return render(
        request,
        "scheduling/settings.html",
        context(
            request,
            schedule.project,
            schedule=schedule,
            form=form,
            precedence_form=PrecedenceForm(strips=scenes),
            precedences=schedule.precedences.select_related("before__scene", "after__scene"),
        ),
    )


@require_POST
def precedence_add(request: HttpRequest, project_id: int, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(request, project_id, schedule_id, writing=True)
    before, after = request.POST.get("before", "0"), request.POST.get("after", "0")
    if not (before.isdigit() and after.isdigit()):
        raise InvalidInput({"before": ["Choose two scenes."]})
    services.add_precedence(
        request.user,
        schedule,
        before=int(before),
        after=int(after),
        reason=request.POST.get("reason", ""),
        version=posted_version(request.POST),
    )
    messages.success(request, "Precedence added.")
    return redirect("schedule_settings", project_id, schedule_id)


@require_POST
def precedence_remove(
    request: HttpRequest, project_id: int, schedule_id: int, rule_id: int
) -> HttpResponse:
    schedule = schedule_of(request, project_id, schedule_id, writing=True)
    services.remove_precedence(
        request.user, schedule, rule_id, version=posted_version(request.POST)
    )
    return redirect("schedule_settings", project_id, schedule_id)


@require_POST
def optimise(request: HttpRequest, project_id: int, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(request, project_id, schedule_id, writing=True)
    job = tasks.start_optimise(request.user, schedule, at=timezone.now())
    return redirect(f"{request.path.rsplit('optimise/', 1)[0]}?job={job.pk}")


@require_POST
def proposal(request: HttpRequest, project_id: int, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(request, project_id, schedule_id, writing=True)
    if request.POST.get("decision") == "accept":
        proposals.accept_proposal(request.user, schedule, version=posted_version(request.POST))
        messages.success(request, "The optimised schedule is now on the board.")
    else:
        proposals.discard_proposal(request.user, schedule)
        messages.success(request, "Proposal discarded; the board is unchanged.")
    return redirect("schedule", project_id, schedule_id)


@require_POST
def follow_draft(request: HttpRequest, project_id: int, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(request, project_id, schedule_id, writing=True)
    report = services.follow_latest_draft(
        request.user, schedule, version=posted_version(request.POST)
    )
    parts = [f"The board now follows the {report.draft.colour} draft: {report.kept} strips moved"]
    if report.added:
        parts.append(f"new scenes {', '.join(report.added)} are in the boneyard")
    if report.omitted:
        parts.append(f"omitted scenes {', '.join(report.omitted)} left the board")
    messages.success(request, "; ".join(parts) + ".")
    return redirect("schedule", project_id, schedule_id)


@require_POST
def status(request: HttpRequest, project_id: int, schedule_id: int) -> HttpResponse:
    """Lock, unlock, copy or delete a schedule version."""
    schedule = schedule_of(request, project_id, schedule_id, writing=True)
    action = request.POST.get("action")
    if action == "lock":
        services.lock_schedule(request.user, schedule, version=posted_version(request.POST))
        messages.success(request, f"{schedule.name} is now the locked schedule.")
    elif action == "unlock":
        services.unlock_schedule(request.user, schedule, version=posted_version(request.POST))
    elif action == "copy":
        form = CopyForm(request.POST)
        name = form.data.get("name", "")
        copy = services.duplicate_schedule(request.user, schedule, name=name, at=timezone.now())
        messages.success(request, f"Copied to {copy.name}.")
        return redirect("schedule", project_id, copy.pk)
    elif action == "delete":
        services.delete_schedule(request.user, schedule)
        messages.success(request, f"Deleted {schedule.name}.")
    return redirect("schedules", project_id)
