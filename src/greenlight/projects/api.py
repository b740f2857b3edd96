"""The projects API: projects, episodes, departments, people, memberships, portfolio, export."""

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status

from greenlight.accounts import services as accounts
from greenlight.accounts.capabilities import Capability
from greenlight.accounts.models import Membership
from greenlight.core.errors import InvalidInput
from greenlight.jobs.api import JobOut

from . import schemas as s
from . import services
from .models import Person, Project
from .tasks import start_people_export

router = Router(tags=["projects"])
U = Any  # the request's user


def _project(
    request: HttpRequest, project_id: int, cap: Capability = Capability.VIEW_PROJECT
) -> Project:
    return services.get_project(request.user, project_id, cap)


# --- projects and portfolio ----------------------------------------------------------------


def portfolio_router(figures: Sequence[services.FiguresOf]) -> Router:
    """The portfolio endpoint, with the figure sources the entry point wires in."""
    found = Router(tags=["projects"])

    @found.get("/portfolio", response=list[s.PortfolioRowOut], summary="My portfolio")
    def portfolio(request: HttpRequest) -> Any:
        return _portfolio_rows(services.portfolio(request.user, timezone.localdate(), figures))

    return found


def _portfolio_rows(rows: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            **{
                k: getattr(r, k)
                for k in (
                    "project_id",
                    "title",
                    "code",
                    "kind",
                    "phase",
                    "role",
                    "team_size",
                    "people",
                    "cast",
                    "episodes",
                    "departments",
                    "figures",
                )
            },
            "prep_start": r.dates.prep_start,
            "shoot_start": r.dates.shoot_start,
            "shoot_end": r.dates.shoot_end,
            "delivery_date": r.dates.delivery,
            "next_milestone": r.next_milestone[0] if r.next_milestone else None,
            "next_milestone_date": r.next_milestone[1] if r.next_milestone else None,
        }
        for r in rows
    ]


@router.get("/projects", response=list[s.ProjectOut], summary="Projects I belong to")
def list_projects(request: HttpRequest) -> Any:
    return services.visible_projects(request.user)


@router.post("/projects", response={201: s.ProjectOut}, summary="Create a project")
def create_project(request: HttpRequest, payload: s.ProjectIn) -> Any:
    return Status(201, services.create_project(request.user, payload.dict()))


@router.get("/projects/{int:project_id}", response=s.ProjectOut)
def get_project(request: HttpRequest, project_id: int) -> Any:
    return _project(request, project_id)


@router.patch("/projects/{int:project_id}", response=s.ProjectOut)
def update_project(request: HttpRequest, project_id: int, payload: s.ProjectPatch) -> Any:
    changes, version = s.changes_of(payload)
    return services.update_project(request.user, _project(request, project_id), changes, version)


@router.delete("/projects/{int:project_id}", response={204: None})
def delete_project(request: HttpRequest, project_id: int) -> Any:
    services.delete_project(request.user, _project(request, project_id))
    return Status(204, None)


# --- episodes ------------------------------------------------------------------------------


@router.get("/projects/{int:project_id}/episodes", response=list[s.EpisodeOut], tags=["episodes"])
def list_episodes(request: HttpRequest, project_id: int) -> Any:
    return _project(request, project_id).episodes.all()


@router.post("/projects/{int:project_id}/episodes", response={201: s.EpisodeOut}, tags=["episodes"])
def create_episode(request: HttpRequest, project_id: int, payload: s.EpisodeIn) -> Any:
    return Status(
        201, services.create_episode(request.user, _project(request, project_id), payload.dict())
    )


@router.patch(
    "/projects/{int:project_id}/episodes/{int:episode_id}", response=s.EpisodeOut, tags=["episodes"]
)
def update_episode(
    request: HttpRequest, project_id: int, episode_id: int, payload: s.EpisodePatch
) -> Any:
    changes, version = s.changes_of(payload)
    return services.update_episode(
        request.user, _project(request, project_id), episode_id, changes, version
    )


@router.delete(
    "/projects/{int:project_id}/episodes/{int:episode_id}", response={204: None}, tags=["episodes"]
)
def delete_episode(request: HttpRequest, project_id: int, episode_id: int) -> Any:
    services.delete_episode(request.user, _project(request, project_id), episode_id)
    return Status(204, None)


# --- departments ---------------------------------------------------------------------------


@router.get(
    "/projects/{int:project_id}/departments", response=list[s.DepartmentOut], tags=["departments"]
)
def list_departments(request: HttpRequest, project_id: int) -> Any:
    return _project(request, project_id).departments.all()


@router.post(
    "/projects/{int:project_id}/departments", response={201: s.DepartmentOut}, tags=["departments"]
)
def create_department(request: HttpRequest, project_id: int, payload: s.DepartmentIn) -> Any:
    project = _project(request, project_id)
    return Status(201, services.create_department(request.user, project, payload.dict()))


@router.patch(
    "/projects/{int:project_id}/departments/{int:department_id}",
    response=s.DepartmentOut,
    tags=["departments"],
)
def update_department(
    request: HttpRequest, project_id: int, department_id: int, payload: s.DepartmentPatch
) -> Any:
    changes, version = s.changes_of(payload)
    project = _project(request, project_id)
    return services.update_department(request.user, project, department_id, changes, version)


@router.delete(
    "/projects/{int:project_id}/departments/{int:department_id}",
    response={204: None},
    tags=["departments"],
)
def delete_department(request: HttpRequest, project_id: int, department_id: int) -> Any:
    services.delete_department(request.user, _project(request, project_id), department_id)
    return Status(204, None)


# --- people --------------------------------------------------------------------------------


def _person_out(request: HttpRequest, project: Project, person: Person) -> dict[str, Any]:
    visible = services.person_view(request.user, project, person)
    return {
        **visible,
        "id": person.pk,
        "department": person.department_id,
        "version": person.version,
        "unavailable": list(person.unavailable.all()),
    }


@router.get("/projects/{int:project_id}/people", response=list[s.PersonOut], tags=["people"])
def list_people(request: HttpRequest, project_id: int, kind: str | None = None, q: str = "") -> Any:
    project = _project(request, project_id)
    return [
        _person_out(request, project, p) for p in services.people(request.user, project, kind, q)
    ]


@router.get(
    "/projects/{int:project_id}/people/{int:person_id}", response=s.PersonOut, tags=["people"]
)
def get_person(request: HttpRequest, project_id: int, person_id: int) -> Any:
    project = _project(request, project_id)
    return _person_out(request, project, services.get_person(request.user, project, person_id))


@router.post("/projects/{int:project_id}/people", response={201: s.PersonOut}, tags=["people"])
def create_person(request: HttpRequest, project_id: int, payload: s.PersonIn) -> Any:
    project = _project(request, project_id)
    fields = payload.dict(exclude_unset=True)
    person = services.create_person(request.user, project, fields)
    return Status(201, _person_out(request, project, person))


@router.patch(
    "/projects/{int:project_id}/people/{int:person_id}", response=s.PersonOut, tags=["people"]
)
def update_person(
    request: HttpRequest, project_id: int, person_id: int, payload: s.PersonPatch
) -> Any:
    project = _project(request, project_id)
    changes, version = s.changes_of(payload)
    person = services.update_person(request.user, project, person_id, changes, version)
    return _person_out(request, project, person)


@router.delete(
    "/projects/{int:project_id}/people/{int:person_id}", response={204: None}, tags=["people"]
)
def delete_person(request: HttpRequest, project_id: int, person_id: int) -> Any:
    services.delete_person(request.user, _project(request, project_id), person_id)
    return Status(204, None)


@router.post(
    "/projects/{int:project_id}/people/{int:person_id}/unavailable",
    response={201: s.UnavailabilityOut},
    tags=["people"],
)
def add_unavailability(
    request: HttpRequest, project_id: int, person_id: int, payload: s.UnavailabilityIn
) -> Any:
    project = _project(request, project_id)
    entry = services.add_unavailability(
        request.user, project, person_id, payload.start, payload.end, payload.reason
    )
    return Status(201, entry)


@router.delete(
    "/projects/{int:project_id}/people/{int:person_id}/unavailable/{int:entry_id}",
    response={204: None},
    tags=["people"],
)
def remove_unavailability(
    request: HttpRequest, project_id: int, person_id: int, entry_id: int
) -> Any:
    services.remove_unavailability(request.user, _project(request, project_id), person_id, entry_id)
    return Status(204, None)


@router.post(
    "/projects/{int:project_id}/people/export", response={202: JobOut}, tags=["people", "jobs"]
)
def export_people(request: HttpRequest, project_id: int) -> Any:
    """Start a background export of the people list to XLSX; follow it at /api/jobs/{id}."""
    project = _project(request, project_id, Capability.EXPORT_PEOPLE)
    job = start_people_export(request.user, project)
    return Status(202, job)


# --- memberships ---------------------------------------------------------------------------


def _membership_out(m: Membership) -> dict[str, Any]:
    return {
        "id": m.pk,
        "user_id": m.user_id,
        "username": m.user.get_username(),
        "email": m.user.email,
        "name": m.user.get_full_name(),
        "role": m.role,
        "departments": [d.pk for d in m.departments.all()],
        "version": m.version,
    }


def _departments(project: Project, ids: list[int]) -> list[Any]:
    found = list(project.departments.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise InvalidInput.single("departments", "Some departments are not on this project.")
    return found


@router.get("/projects/{int:project_id}/members", response=list[s.MembershipOut], tags=["members"])
def list_members(request: HttpRequest, project_id: int) -> Any:
    project = _project(request, project_id, Capability.VIEW_MEMBERS)
    members = project.memberships.select_related("user").prefetch_related("departments")
    return [_membership_out(m) for m in members]


@router.post("/projects/{int:project_id}/members", response={201: s.InviteOut}, tags=["members"])
def invite_member(request: HttpRequest, project_id: int, payload: s.InviteIn) -> Any:
    project = _project(request, project_id)
    result = accounts.invite_member(
        request.user,
        project,
        payload.email,
        payload.role,
        _departments(project, payload.departments),
        at=timezone.now(),
    )
    invitation = result.invitation
    body = {
        "membership": _membership_out(result.membership) if result.membership else None,
        "invitation_id": invitation.pk if invitation else None,
        "invited_email": invitation.email if invitation else None,
        "invitation_link": result.link,
        "emailed": result.emailed,
    }
    return Status(201, body)


@router.delete(
    "/projects/{int:project_id}/invitations/{int:invitation_id}",
    response={204: None},
    tags=["members"],
)
def revoke_invitation(request: HttpRequest, project_id: int, invitation_id: int) -> Any:
    project = _project(request, project_id)
    accounts.revoke_invitation(request.user, project, invitation_id, at=timezone.now())
    return Status(204, None)


@router.patch(
    "/projects/{int:project_id}/members/{int:member_id}", response=s.MembershipOut, tags=["members"]
)
def change_member(
    request: HttpRequest, project_id: int, member_id: int, payload: s.MembershipPatch
) -> Any:
    project = _project(request, project_id)
    departments = (
        None if payload.departments is None else _departments(project, payload.departments)
    )
    membership = accounts.change_member(
        request.user,
        member_id,
        project,
        role=payload.role,
        departments=departments,
        expected_version=payload.version,
    )
    return _membership_out(membership)


@router.delete(
    "/projects/{int:project_id}/members/{int:member_id}", response={204: None}, tags=["members"]
)
def remove_member(request: HttpRequest, project_id: int, member_id: int) -> Any:
    accounts.remove_member(request.user, member_id, _project(request, project_id))
    return Status(204, None)
