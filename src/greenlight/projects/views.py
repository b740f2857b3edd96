"""The projects pages: portfolio, project, episodes, departments, people, members."""

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from greenlight.accounts import services as accounts
from greenlight.accounts.capabilities import Capability, Role
from greenlight.core.errors import NotAllowed, NotFound
from greenlight.web.forms import run_action
from greenlight.web.history import history_of

from . import services
from .forms import (
    DepartmentForm,
    EpisodeForm,
    InviteForm,
    MemberForm,
    PersonForm,
    ProjectForm,
    UnavailabilityForm,
)
from .kinds import PersonKind
from .models import Project
from .portfolio import summarise
from .tasks import start_people_export


def _context(request: HttpRequest, project: Project, **extra: Any) -> dict[str, Any]:
    caps = accounts.capabilities(request.user, project)
    return {"project": project, "caps": {c.value for c in caps}, **extra}


def portfolio(request: HttpRequest, figures: Sequence[services.FiguresOf] = ()) -> HttpResponse:
    """The user's projects; ``figures`` (wired in the route table) add later packages' columns,
    such as the schedule's, without this package depending on them."""
    rows = services.portfolio(request.user, timezone.localdate(), figures)
    summary = summarise(rows)
    return render(
        request,
        "projects/portfolio.html",
        {
            "rows": rows,
            "finance_rows": [r for r in rows if "budget" in r.figures],
            "summary": summary,
            "can_create": accounts.can_create_projects(request.user),
        },
    )


def project_new(request: HttpRequest) -> HttpResponse:
    if not accounts.can_create_projects(request.user):
        raise NotAllowed("Your account may not create projects; ask an administrator.")
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data, _ = form.changes()
        project = run_action(form, lambda: services.create_project(request.user, data))
        if project is not None:
            messages.success(request, f"Created {project}. You are its executive producer.")
            return redirect("project", project.pk)
    return render(request, "projects/project_form.html", {"form": form, "creating": True})


def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project = services.get_project(request.user, project_id)
    history = (
        history_of(project)
        if accounts.can(request.user, project, Capability.VIEW_HISTORY)
        else None
    )
    grant = accounts.grant_for(request.user, project)
    held = accounts.capabilities(request.user, project)
    return render(
        request,
        "projects/project_detail.html",
        _context(
            request,
            project,
            role=grant.role.label if grant else "",
            access=[(c, c in held) for c in Capability],
            history=history,
            episodes=project.episodes.all(),
            departments=project.departments.all(),
        ),
    )


def project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project = services.get_project(request.user, project_id, Capability.EDIT_PROJECT)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        changes, version = form.changes()
        if run_action(
            form, lambda: services.update_project(request.user, project, changes, version)
        ):
            messages.success(request, "Project saved.")
            return redirect("project", project.pk)
    return render(request, "projects/project_form.html", _context(request, project, form=form))


@require_POST
def project_delete(request: HttpRequest, project_id: int) -> HttpResponse:
    project = services.get_project(request.user, project_id, Capability.DELETE_PROJECT)
    if request.POST.get("confirm_code") != project.code:
        messages.error(request, f"Type the project code {project.code} to confirm deletion.")
        return redirect("project_edit", project.pk)
    services.delete_project(request.user, project)
    messages.success(request, f"Deleted {project}.")
    return redirect("portfolio")


# --- episodes ------------------------------------------------------------------------------


def episode_form(
    request: HttpRequest, project_id: int, episode_id: int | None = None
) -> HttpResponse:
    project = services.get_project(request.user, project_id, Capability.MANAGE_EPISODES)
    episode = project.episodes.filter(pk=episode_id).first() if episode_id else None
    if episode_id and episode is None:
        # Never save an edit of a missing (e.g. just deleted) episode as a new one.
        raise NotFound(f"No episode #{episode_id} on {project}.")
    form = EpisodeForm(request.POST or None, instance=episode)
    if request.method == "POST" and form.is_valid():
        data, version = form.changes()
        if episode is None:
            saved = run_action(form, lambda: services.create_episode(request.user, project, data))
        else:
            saved = run_action(
                form,
                lambda: services.update_episode(request.user, project, episode.pk, data, version),
            )
        if saved:
            messages.success(request, f"Saved {saved}.")
            return redirect("project", project.pk)
    history = history_of(episode) if episode else None
    return render(
        request,
        "projects/episode_form.html",
        _context(request, project, form=form, episode=episode, history=history),
    )


@require_POST
def episode_delete(request: HttpRequest, project_id: int, episode_id: int) -> HttpResponse:
    project = services.get_project(request.user, project_id)
    services.delete_episode(request.user, project, episode_id)
    messages.success(request, "Episode deleted.")
    return redirect("project", project.pk)


# --- departments ---------------------------------------------------------------------------


def departments(request: HttpRequest, project_id: int) -> HttpResponse:
    project = services.get_project(request.user, project_id)
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data, _ = form.changes()
        if run_action(form, lambda: services.create_department(request.user, project, data)):
            messages.success(request, f"Added department {data['name']}.")
            return redirect("departments", project.pk)
    return render(
        request,
        "projects/departments.html",
        _context(request, project, form=form, departments=project.departments.all()),
    )


def department_edit(request: HttpRequest, project_id: int, department_id: int) -> HttpResponse:
    project = services.get_project(request.user, project_id, Capability.MANAGE_DEPARTMENTS)
    department = project.departments.filter(pk=department_id).first()
    if department is None:
        return redirect("departments", project.pk)
    form = DepartmentForm(request.POST or None, instance=department)
    if request.method == "POST" and form.is_valid():
        data, version = form.changes()
        if run_action(
            form,
            lambda: services.update_department(request.user, project, department.pk, data, version),
        ):
            messages.success(request, "Department saved.")
            return redirect("departments", project.pk)
    return render(
        request,
        "projects/department_form.html",
        _context(
            request, project, form=form, department=department, history=history_of(department)
        ),
    )


@require_POST
def department_delete(request: HttpRequest, project_id: int, department_id: int) -> HttpResponse:
    project = services.get_project(request.user, project_id)
    services.delete_department(request.user, project, department_id)
    messages.success(request, "Department deleted; its people are kept without a department.")
    return redirect("departments", project.pk)


# --- people --------------------------------------------------------------------------------


def people(request: HttpRequest, project_id: int) -> HttpResponse:
    project = services.get_project(request.user, project_id)
    kind = request.GET.get("kind") or None
    if kind not in {k.value for k in PersonKind}:
        kind = None
    search = request.GET.get("q", "").strip()[:100]
    found = services.people(request.user, project, kind, search)
    rows = [(p, services.person_view(request.user, project, p)) for p in found]
    return render(
        request,
        "projects/people.html",
        _context(request, project, rows=rows, kind=kind, q=search, kinds=list(PersonKind)),
    )


def _person_form(request: HttpRequest, project: Project, instance: Any = None) -> PersonForm:
    caps = accounts.capabilities(request.user, project)
    return PersonForm(
        request.POST or None,
        instance=instance,
        project=project,
        show_contacts=Capability.VIEW_CONTACTS in caps,
        show_rates=Capability.EDIT_BUDGET in caps,
    )


def person_new(request: HttpRequest, project_id: int) -> HttpResponse:
    project = services.get_project(request.user, project_id)
    if Capability.MANAGE_PEOPLE not in accounts.capabilities(request.user, project):
        raise NotAllowed("Your role does not allow adding people to this project.")
    form = _person_form(request, project)
    if request.method == "POST" and form.is_valid():
        data, _ = form.changes()
        person = run_action(form, lambda: services.create_person(request.user, project, data))
        if person is not None:
            messages.success(request, f"Added {person}.")
            return redirect("person", project.pk, person.pk)
    return render(request, "projects/person_form.html", _context(request, project, form=form))


def person_detail(request: HttpRequest, project_id: int, person_id: int) -> HttpResponse:
    project = services.get_project(request.user, project_id)
    person = services.get_person(request.user, project, person_id)
    form = UnavailabilityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run_action(
            form,
            lambda: services.add_unavailability(
                request.user, project, person.pk, d["start"], d["end"], d["reason"]
            ),
        ):
            messages.success(request, "Unavailability added.")
            return redirect("person", project.pk, person.pk)
    can_history = accounts.can(request.user, project, Capability.VIEW_HISTORY)
    return render(
        request,
        "projects/person_detail.html",
        _context(
            request,
            project,
            person=person,
            view=services.person_view(request.user, project, person),
            form=form,
            history=services.person_history(request.user, project, person) if can_history else None,
            can_manage=accounts.can(
                request.user, project, Capability.MANAGE_PEOPLE, person.department_id
            ),
        ),
    )


def person_edit(request: HttpRequest, project_id: int, person_id: int) -> HttpResponse:
    project = services.get_project(request.user, project_id)
    person = services.get_person(request.user, project, person_id)
    accounts.require(request.user, project, Capability.MANAGE_PEOPLE, person.department_id)
    form = _person_form(request, project, person)
    if request.method == "POST" and form.is_valid():
        data, version = form.changes()
        if run_action(
            form, lambda: services.update_person(request.user, project, person.pk, data, version)
        ):
            messages.success(request, "Saved.")
            return redirect("person", project.pk, person.pk)
    return render(
        request, "projects/person_form.html", _context(request, project, form=form, person=person)
    )


@require_POST
def person_delete(request: HttpRequest, project_id: int, person_id: int) -> HttpResponse:
    project = services.get_project(request.user, project_id)
    services.delete_person(request.user, project, person_id)
    messages.success(request, "Person deleted.")
    return redirect("people", project.pk)


@require_POST
def unavailability_delete(
    request: HttpRequest, project_id: int, person_id: int, entry_id: int
) -> HttpResponse:
    project = services.get_project(request.user, project_id)
    services.remove_unavailability(request.user, project, person_id, entry_id)
    return redirect("person", project.pk, person_id)


@require_POST
def people_export(request: HttpRequest, project_id: int) -> HttpResponse:
    project = services.get_project(request.user, project_id, Capability.EXPORT_PEOPLE)
    job = start_people_export(request.user, project)
    return redirect("job", job.pk)


# --- members -------------------------------------------------------------------------------


def members(request: HttpRequest, project_id: int) -> HttpResponse:
    project = services.get_project(request.user, project_id, Capability.VIEW_MEMBERS)
    form = InviteForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_action(
            form,
            lambda: accounts.invite_member(
                request.user,
                project,
                d["email"],
                Role(d["role"]),
                list(d["departments"]),
                at=timezone.now(),
            ),
        )
        if result is not None:
            if result.membership:
                messages.success(
                    request, f"{result.membership.user} joined as {Role(d['role']).label}."
                )
            elif result.emailed:
                messages.success(
                    request, f"Invitation emailed to {d['email']}. Link: {result.link}"
                )
            else:
                messages.warning(
                    request,
                    f"The invitation is saved but the email could not be sent; "
                    f"share this link with {d['email']}: {result.link}",
                )
            return redirect("members", project.pk)
    seniority = {role.value: index for index, role in enumerate(Role)}
    listing = sorted(
        project.memberships.select_related("user").prefetch_related("departments"),
        key=lambda m: (seniority[m.role], m.user.get_full_name() or m.user.get_username()),
    )
    invitations = project.invitations.filter(
        accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
    )
    return render(
        request,
        "projects/members.html",
        _context(request, project, form=form, members=listing, invitations=invitations),
    )


def member_edit(request: HttpRequest, project_id: int, member_id: int) -> HttpResponse:
    project = services.get_project(request.user, project_id, Capability.MANAGE_MEMBERS)
    membership = project.memberships.select_related("user").filter(pk=member_id).first()
    if membership is None:
        return redirect("members", project.pk)
    initial = {
        "role": membership.role,
        "departments": membership.departments.all(),
        "version": membership.version,
    }
    form = MemberForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run_action(
            form,
            lambda: accounts.change_member(
                request.user,
                membership.pk,
                project,
                role=Role(d["role"]),
                departments=list(d["departments"]),
                expected_version=d["version"],
            ),
        ):
            messages.success(request, f"Updated {membership.user}.")
            return redirect("members", project.pk)
    return render(
        request,
        "projects/member_form.html",
        _context(
            request, project, form=form, membership=membership, history=history_of(membership)
        ),
    )


@require_POST
def invitation_revoke(request: HttpRequest, project_id: int, invitation_id: int) -> HttpResponse:
    project = services.get_project(request.user, project_id)
    accounts.revoke_invitation(request.user, project, invitation_id, at=timezone.now())
    messages.success(request, "Invitation revoked; its link no longer works.")
    return redirect("members", project.pk)


@require_POST
def member_remove(request: HttpRequest, project_id: int, member_id: int) -> HttpResponse:
    project = services.get_project(request.user, project_id)
    accounts.remove_member(request.user, member_id, project)
    messages.success(request, "Member removed.")
    return redirect("members", project.pk)
