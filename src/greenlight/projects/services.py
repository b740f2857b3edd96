"""Projects actions: one function per user action; each checks capability, owns its transaction."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Count, Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from greenlight.accounts.capabilities import Capability, Role, permits
from greenlight.accounts.models import Membership
from greenlight.accounts.services import add_member, can_create_projects, grant_for, require
from greenlight.core.errors import InvalidInput, NotAllowed, NotFound
from greenlight.web.history import HistoryEntry, history_with_related
from greenlight.web.validation import apply_changes, save_validated

from .defaults import departments_for
from .kinds import PersonKind
from .models import Department, Episode, Person, Project, Unavailability
from .people_sheet import PersonRow, build_workbook
from .portfolio import PortfolioRow

M = TypeVar("M", bound=Model)

PROJECT_FIELDS = (
    "title",
    "code",
    "kind",
    "phase",
    "logline",
    "currency",
    "prep_start",
    "shoot_start",
    "shoot_end",
    "delivery_date",
)
EPISODE_FIELDS = ("number", "title", "synopsis", "shoot_start", "air_date")
DEPARTMENT_FIELDS = ("code", "name", "sort_order")
PERSON_FIELDS = (
    "name",
    "kind",
    "position",
    "department",
    "email",
    "phone",
    "agent",
    "notes",
    "daily_rate",
)
CONTACT_FIELDS = ("email", "phone", "agent")
COST_FIELDS = ("daily_rate",)


# --- projects ------------------------------------------------------------------------------


def visible_projects(user: Any) -> QuerySet[Project]:
    """Only the projects the user belongs to."""
    if not getattr(user, "is_authenticated", False):
        return Project.objects.none()
    # A subquery, not a join: a join on memberships would also filter later aggregates.
    return Project.objects.filter(pk__in=Membership.objects.filter(user=user).values("project_id"))


def get_project(
    user: Any, project_id: int, capability: Capability = Capability.VIEW_PROJECT
) -> Project:
    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        raise NotFound("No such project, or you are not a member of it.")
    require(user, project, capability)
    return project


def create_project(actor: Any, fields: Mapping[str, Any]) -> Project:
    """Create a project with its default departments; the creator becomes executive producer."""
    if not can_create_projects(actor):
        raise NotAllowed("Your account may not create projects; ask an administrator.")
    _only(fields, PROJECT_FIELDS)
    with transaction.atomic():
        project = save_validated(Project(**fields), actor)
        for order, template in enumerate(departments_for(project.kind), start=1):
            save_validated(
                Department(
                    project=project, code=template.code, name=template.name, sort_order=order * 10
                ),
                actor,
            )
        add_member(project, actor, Role.EXECUTIVE_PRODUCER, actor=actor)
    return project


def update_project(
    actor: Any, project: Project, changes: Mapping[str, Any], expected_version: int | None = None
) -> Project:
    require(actor, project, Capability.EDIT_PROJECT)
    with transaction.atomic():
        updated = apply_changes(
            Project, project.pk, changes, PROJECT_FIELDS, actor, expected_version
        )
        if "kind" in changes and updated.kind != "series" and updated.episodes.exists():
            raise InvalidInput.single(
                "kind", "Remove the episodes before changing a series to another kind."
            )
    return updated


def delete_project(actor: Any, project: Project) -> None:
    require(actor, project, Capability.DELETE_PROJECT)
    with transaction.atomic():
        project._history_user = actor  # type: ignore[attr-defined]
        project.delete()


# --- episodes ------------------------------------------------------------------------------


def create_episode(actor: Any, project: Project, fields: Mapping[str, Any]) -> Episode:
    require(actor, project, Capability.MANAGE_EPISODES)
    if not project.is_series:
        raise InvalidInput.single(
            "project", f"{project} is not a series; only series have episodes."
        )
    _only(fields, EPISODE_FIELDS)
    with transaction.atomic():
        return save_validated(Episode(project=project, **fields), actor)


def update_episode(
    actor: Any,
    project: Project,
    episode_id: int,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
) -> Episode:
    require(actor, project, Capability.MANAGE_EPISODES)
    _in_project(Episode, project, episode_id)
    with transaction.atomic():
        return apply_changes(Episode, episode_id, changes, EPISODE_FIELDS, actor, expected_version)


def delete_episode(actor: Any, project: Project, episode_id: int) -> None:
    require(actor, project, Capability.MANAGE_EPISODES)
    _delete(_in_project(Episode, project, episode_id), actor)


# --- departments ---------------------------------------------------------------------------


def create_department(actor: Any, project: Project, fields: Mapping[str, Any]) -> Department:
    require(actor, project, Capability.MANAGE_DEPARTMENTS)
    _only(fields, DEPARTMENT_FIELDS)
    with transaction.atomic():
        return save_validated(Department(project=project, **fields), actor)


def update_department(
    actor: Any,
    project: Project,
    department_id: int,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
) -> Department:
    require(actor, project, Capability.MANAGE_DEPARTMENTS)
    _in_project(Department, project, department_id)
    with transaction.atomic():
        return apply_changes(
            Department, department_id, changes, DEPARTMENT_FIELDS, actor, expected_version
        )


def delete_department(actor: Any, project: Project, department_id: int) -> None:
    """Delete a department; its people stay on the project without a department.

    Refused while it is the only department of a scoped member: deleting it would silently
    widen an associate producer to the whole project, or leave a department head with none.
    """
    require(actor, project, Capability.MANAGE_DEPARTMENTS)
    department = _in_project(Department, project, department_id)
    with transaction.atomic():
        stranded = [
            m.user.get_username()
            for m in project.memberships.select_related("user").prefetch_related("departments")
            if [d.pk for d in m.departments.all()] == [department.pk]
        ]
        stranded += [
            f"the invitation to {i.email}"
            for i in project.invitations.filter(accepted_at=None, revoked_at=None)
            if [d.pk for d in i.departments.all()] == [department.pk]
        ]
        if stranded:
            raise InvalidInput.single(
                "department",
                f"{department} is the only department of {', '.join(stranded)}; "
                "change their departments first.",
            )
        _delete(department, actor)


# --- people --------------------------------------------------------------------------------


def people(
    actor: Any, project: Project, kind: str | None = None, search: str = ""
) -> QuerySet[Person]:
    require(actor, project, Capability.VIEW_PEOPLE)
    found = project.people.select_related("department").prefetch_related("unavailable")
    if kind:
        found = found.filter(kind=kind)
    if search:
        found = found.filter(Q(name__icontains=search) | Q(position__icontains=search))
    return found


def get_person(actor: Any, project: Project, person_id: int) -> Person:
    require(actor, project, Capability.VIEW_PEOPLE)
    return _in_project(Person, project, person_id)


def create_person(actor: Any, project: Project, fields: Mapping[str, Any]) -> Person:
    # Membership first: an outsider learns nothing about the project, even from bad input.
    require(actor, project, Capability.VIEW_PEOPLE)
    _only(fields, PERSON_FIELDS)
    department = _department_of(project, fields.get("department"))
    require(actor, project, Capability.MANAGE_PEOPLE, department.pk if department else None)
    _guard_costs(actor, project, fields)
    data = dict(fields, department=department)
    with transaction.atomic():
        return save_validated(Person(project=project, **data), actor)


def update_person(
    actor: Any,
    project: Project,
    person_id: int,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
) -> Person:
    person = get_person(actor, project, person_id)  # membership first
    require(actor, project, Capability.MANAGE_PEOPLE, person.department_id)
    _guard_costs(actor, project, changes)
    data = dict(changes)
    if "department" in data:
        department = _department_of(project, data["department"])
        # Moving someone into a department needs the right there too.
        require(actor, project, Capability.MANAGE_PEOPLE, department.pk if department else None)
        data["department"] = department

    def still_allowed(locked: Person) -> None:
        require(actor, project, Capability.MANAGE_PEOPLE, locked.department_id)

    with transaction.atomic():
        updated: Person = apply_changes(
            Person, person_id, data, PERSON_FIELDS, actor, expected_version, still_allowed
        )
    return updated


def delete_person(actor: Any, project: Project, person_id: int) -> None:
    person = get_person(actor, project, person_id)  # membership first
    require(actor, project, Capability.MANAGE_PEOPLE, person.department_id)
    _delete(person, actor)


def add_unavailability(
    actor: Any, project: Project, person_id: int, start: date, end: date, reason: str = ""
) -> Unavailability:
    person = get_person(actor, project, person_id)  # membership first
    require(actor, project, Capability.MANAGE_PEOPLE, person.department_id)
    with transaction.atomic():
        return save_validated(
            Unavailability(person=person, start=start, end=end, reason=reason), actor
        )


def remove_unavailability(
    actor: Any, project: Project, person_id: int, unavailability_id: int
) -> None:
    person = get_person(actor, project, person_id)  # membership first
    require(actor, project, Capability.MANAGE_PEOPLE, person.department_id)
    entry = person.unavailable.filter(pk=unavailability_id).first()
    if entry is None:
        raise NotFound(f"No unavailability #{unavailability_id} for {person}.")
    _delete(entry, actor)


def hidden_person_fields(actor: Any, project: Project) -> frozenset[str]:
    """Person fields this user may not see: contacts and rates need their capabilities."""
    grant = grant_for(actor, project)
    hidden: set[str] = set()
    if not permits(grant, Capability.VIEW_CONTACTS):
        hidden.update(CONTACT_FIELDS)
    if not permits(grant, Capability.VIEW_BUDGET):
        hidden.update(COST_FIELDS)
    return frozenset(hidden)


def person_view(actor: Any, project: Project, person: Person) -> dict[str, Any]:
    """A person's fields as this user may see them: contacts and rates only with the capability."""
    hidden = hidden_person_fields(actor, project)
    return {name: (None if name in hidden else getattr(person, name)) for name in PERSON_FIELDS}


def person_history(actor: Any, project: Project, person: Person) -> list[HistoryEntry]:
    """A person's audit trail with their unavailable dates, minus values the actor may not see."""
    require(actor, project, Capability.VIEW_HISTORY)
    dates = Unavailability.history.filter(person_id=person.pk)
    return history_with_related(
        person, {"unavailable": dates}, hide=hidden_person_fields(actor, project)
    )


# --- portfolio -----------------------------------------------------------------------------


FiguresOf = Callable[[Any, list[PortfolioRow], date], dict[int, dict[str, str]]]


def portfolio(user: Any, today: date, figures: Sequence[FiguresOf] = ()) -> list[PortfolioRow]:
    """One row per project the user belongs to; ``figures`` (wired by the entry points) add
    the columns of packages that build on projects, such as the schedule's and the budget's."""
    rows = _portfolio_rows(user, today)
    for source in figures:
        extra = source(user, rows, today)
        rows = [replace(r, figures={**r.figures, **extra.get(r.project_id, {})}) for r in rows]
    return rows


def _portfolio_rows(user: Any, today: date) -> list[PortfolioRow]:
    memberships = {
        m.project_id: m.role
        for m in Membership.objects.filter(user=user).only("project_id", "role")
    }
    projects = visible_projects(user).annotate(
        n_members=_count_per_project(Membership.objects.all()),
        n_people=_count_per_project(Person.objects.all()),
        n_cast=_count_per_project(Person.objects.filter(kind=PersonKind.CAST.value)),
        n_episodes=_count_per_project(Episode.objects.all()),
        n_departments=_count_per_project(Department.objects.all()),
    )
    return [
        PortfolioRow(
            project_id=p.pk,
            title=p.title,
            code=p.code,
            kind=p.kind,
            phase=p.phase,
            role=memberships[p.pk],
            dates=p.key_dates,
            team_size=p.n_members,
            people=p.n_people,
            cast=p.n_cast,
            episodes=p.n_episodes,
            departments=p.n_departments,
            next_milestone=p.key_dates.next_milestone(today),
        )
        for p in projects
    ]


def _count_per_project(rows: QuerySet[Any]) -> Coalesce:
    """A correlated COUNT subquery; separate joins would multiply each other's rows."""
    counted = (
        rows.filter(project=OuterRef("pk")).order_by().values("project").annotate(n=Count("pk"))
    )
    return Coalesce(Subquery(counted.values("n")), 0)


# --- helpers -------------------------------------------------------------------------------


def _only(fields: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise InvalidInput({name: ["Unknown field."] for name in sorted(unknown)})


def _in_project(model: type[M], project: Project, object_id: int) -> M:
    found = model._default_manager.filter(project=project, pk=object_id).first()
    if found is None:
        raise NotFound(f"No {model._meta.verbose_name} #{object_id} on {project}.")
    return found


def _department_of(project: Project, value: Any) -> Department | None:
    if value in (None, ""):
        return None
    department_id = value.pk if isinstance(value, Department) else value
    try:
        return project.departments.get(pk=int(department_id))
    except (Department.DoesNotExist, TypeError, ValueError):
        raise InvalidInput.single(
            "department", f"No department #{department_id} on {project}."
        ) from None


def _guard_costs(actor: Any, project: Project, fields: Mapping[str, Any]) -> None:
    # Rates are cost figures: setting or clearing one needs the budget capability.
    if any(name in fields for name in COST_FIELDS):
        require(actor, project, Capability.EDIT_BUDGET)


def _delete(instance: Any, actor: Any) -> None:
    with transaction.atomic():
        instance._history_user = actor
        instance.delete()


# --- export --------------------------------------------------------------------------------


def require_export(actor: Any, project: Project) -> None:
    require(actor, project, Capability.EXPORT_PEOPLE)


def export_people(actor: Any, project: Project, progress: Any = None) -> tuple[str, bytes]:
    """The people list as XLSX bytes with a file name; columns follow the actor's capabilities."""
    require(actor, project, Capability.EXPORT_PEOPLE)
    grant = grant_for(actor, project)
    rows = [
        PersonRow(
            name=p.name,
            kind=p.get_kind_display(),
            position=p.position,
            department=p.department.name if p.department else "",
            email=p.email,
            phone=p.phone,
            agent=p.agent,
            daily_rate=p.daily_rate,
            unavailable=tuple((u.start, u.end) for u in p.unavailable.all()),
            notes=p.notes,
        )
        for p in people(actor, project)
    ]
    data = build_workbook(
        project.title,
        rows,
        contacts=permits(grant, Capability.VIEW_CONTACTS),
        rates=permits(grant, Capability.VIEW_BUDGET),
        currency=project.currency,
        progress=progress,
    )
    return f"{project.code.lower()}-people.xlsx", data
