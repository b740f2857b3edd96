"""What the schedule is built on, one function per action: the cast list with its day-out-of-days
rules and travel, rehearsal and fitting days; the locations the scenes name; the shooting
calendar's holidays, days off and extra shoot days. Also the reads behind the day out of days
and the department day sheets. Every write needs EDIT_SCHEDULE and runs in one transaction."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import require
from greenlight.core.errors import InvalidInput, NotFound
from greenlight.projects.kinds import PersonKind
from greenlight.projects.models import Person, Project
from greenlight.screenplay.models import Scene, Tag, TagStatus
from greenlight.web.validation import apply_changes, save_validated

from . import daysheets
from .board import BoardView, calendar_of, date_label, read_board
from .dood_data import ScheduleDood, dood_for
from .models import (
    CalendarDay,
    CalendarDayKind,
    CastMember,
    ElementDay,
    ElementDayKind,
    Location,
    Schedule,
    Strip,
    StripKind,
)
from .services import ensure_cast_numbers
from .stripboard import site_of

CAST_FIELDS = (
    "number",
    "person",
    "minor_age",
    "allow_hold",
    "drop_pickup_days",
    "makeup_minutes",
    "travel_minutes",
)
LOCATION_FIELDS = ("address", "parking", "hospital", "available_from", "available_to", "notes")


# --- reading the day out of days and the day sheets ------------------------------------------


def dood(actor: Any, schedule: Schedule, *, with_elements: bool = True) -> ScheduleDood:
    """The day out of days of the board as it stands (no costs on it: every member may see)."""
    require(actor, schedule.project, Capability.VIEW_SCHEDULE)
    return dood_for(schedule, with_elements=with_elements)


@dataclass(frozen=True)
class DaySheets:
    view: BoardView
    sheets: tuple[daysheets.DaySheet, ...]
    departments: list[daysheets.Department]  # every department with a need, for the filter
    unfinished: int  # scenes after the last day break: on no day yet


def day_sheets(actor: Any, schedule: Schedule, *, only: frozenset[str] | None = None) -> DaySheets:
    """What each department needs on each shoot day, from the confirmed breakdown tags."""
    require(actor, schedule.project, Capability.VIEW_SCHEDULE)
    view = read_board(schedule)
    scene_ids = [s.scene_id for d in view.days for s in d.scenes if s.scene_id]
    elements = _elements_by_scene(scene_ids)
    days = [
        daysheets.DayInput(
            d.number,
            d.date,
            tuple(
                daysheets.SceneInput(s.number, s.heading, elements.get(s.scene_id or 0, ()))
                for s in d.scenes
            ),
        )
        for d in view.days
    ]
    return DaySheets(
        view,
        daysheets.build(days, only=only),
        daysheets.departments_of(days),
        sum(1 for s in view.open_day if s.kind == StripKind.SCENE),
    )


def _elements_by_scene(scene_ids: list[int]) -> dict[int, tuple[daysheets.Element, ...]]:
    tags = Tag.objects.filter(scene_id__in=scene_ids, status=TagStatus.CONFIRMED).select_related(
        "element__category"
    )
    found: dict[int, list[daysheets.Element]] = defaultdict(list)
    for tag in tags:
        category = tag.element.category
        department = daysheets.Department(
            category.key, category.name, category.colour, category.sort_order
        )
        found[tag.scene_id].append(daysheets.Element(tag.element_id, tag.element.name, department))
    return {scene: tuple(elements) for scene, elements in found.items()}


# --- cast ----------------------------------------------------------------------------------


def cast_members(actor: Any, project: Project) -> QuerySet[CastMember]:
    """The cast list by number; cast elements new to the breakdown get the next numbers."""
    require(actor, project, Capability.VIEW_SCHEDULE)
    with transaction.atomic():
        ensure_cast_numbers(project)
    # Scenes on the schedules only: earlier drafts carry copies of the same tags.
    scheduled = Strip.objects.filter(schedule__project=project, scene__isnull=False)
    in_schedules = Q(
        element__tags__status=TagStatus.CONFIRMED,
        element__tags__scene__in=scheduled.values("scene_id"),
    )
    return (
        CastMember.objects.filter(project=project)
        .select_related("element", "person")
        .prefetch_related("days")
        .annotate(scenes=Count("element__tags__scene", filter=in_schedules, distinct=True))
    )


def get_cast_member(actor: Any, project: Project, member_id: int) -> CastMember:
    require(actor, project, Capability.VIEW_SCHEDULE)
    return _member(project, member_id)


def cast_people(project: Project, member: CastMember | None = None) -> QuerySet[Person]:
    """Who can be linked as a performer: the project's cast, and whoever is linked now."""
    wanted = Q(kind=PersonKind.CAST.value)
    if member is not None and member.person_id:
        wanted |= Q(pk=member.person_id)
    return project.people.filter(wanted).order_by("name")


def update_cast_member(
    actor: Any, project: Project, member_id: int, changes: Mapping[str, Any], *, version: int | None
) -> CastMember:
    """Change a cast member's number, performer and rules; numbers stay unique."""
    require(actor, project, Capability.EDIT_SCHEDULE)
    member = _member(project, member_id)
    data = dict(changes)
    if data.get("person") is not None:
        data["person"] = _cast_person(project, data["person"])
    with transaction.atomic():
        if "number" in data and data["number"] is not None:
            _check_number_free(project, member, data["number"])
        updated: CastMember = apply_changes(
            CastMember, member.pk, data, CAST_FIELDS, actor, version
        )
    return updated


def _check_number_free(project: Project, member: CastMember, number: int) -> None:
    taken = (
        CastMember.objects.select_for_update()
        .filter(project=project, number=number)
        .exclude(pk=member.pk)
        .select_related("element")
        .first()
    )
    if taken is None:
        return
    free = max(CastMember.objects.filter(project=project).values_list("number", flat=True)) + 1
    raise InvalidInput.single(
        "number",
        f"Cast number {number} is already {taken.element.name}'s. Choose a free number "
        f"({free} is the next), or renumber {taken.element.name} first; nothing was saved.",
    )


def _cast_person(project: Project, value: Any) -> Person:
    person_id = value.pk if isinstance(value, Person) else value
    person = project.people.filter(pk=person_id).first()
    if person is None:
        raise InvalidInput.single("person", f"No person #{person_id} on {project}.")
    return person


def add_element_day(
    actor: Any, project: Project, member_id: int, *, on: date, kind: str, note: str = ""
) -> ElementDay:
    """A travel, rehearsal or fitting day for a cast member (one entry per date)."""
    require(actor, project, Capability.EDIT_SCHEDULE)
    member = _member(project, member_id)
    if kind not in ElementDayKind.values:
        raise InvalidInput.single("kind", "Choose travel, rehearsal or fitting.")
    with transaction.atomic():
        taken = member.days.select_for_update().filter(date=on).first()
        if taken is not None:
            raise InvalidInput.single(
                "date",
                f"{member.element.name} already has a {taken.get_kind_display().lower()} day on "
                f"{date_label(on)}; remove it first.",
            )
        return save_validated(
            ElementDay(cast_member=member, date=on, kind=kind, note=note.strip()[:200]), actor
        )


def remove_element_day(actor: Any, project: Project, member_id: int, day_id: int) -> None:
    require(actor, project, Capability.EDIT_SCHEDULE)
    member = _member(project, member_id)
    with transaction.atomic():
        deleted, _ = member.days.filter(pk=day_id).delete()
    if not deleted:
        raise NotFound(f"No day #{day_id} for {member}.")


def _member(project: Project, member_id: int) -> CastMember:
    member = (
        CastMember.objects.filter(project=project, pk=member_id)
        .select_related("element", "person")
        .first()
    )
    if member is None:
        raise NotFound(f"No cast member #{member_id} on {project}.")
    return member


# --- locations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """A place the scenes are shot at, with its Location row once someone has set it up."""

    name: str
    scenes: int  # scheduled scenes shot there
    location: Location | None


def sites(actor: Any, project: Project) -> list[Site]:
    """Every site the project's schedules' scenes name, and every Location row, by name."""
    require(actor, project, Capability.VIEW_SCHEDULE)
    headings = Scene.objects.filter(
        pk__in=project.schedules.values("strips__scene_id")
    ).values_list("location", flat=True)
    counts: dict[str, int] = defaultdict(int)
    for heading in headings:
        if heading.strip():
            counts[site_of(heading)] += 1
    rows = {loc.name.upper(): loc for loc in Location.objects.filter(project=project)}
    named = {name.upper(): name for name in counts}
    found = [Site(name, counts[name], rows.get(name.upper())) for name in counts]
    found += [Site(loc.name, 0, loc) for key, loc in rows.items() if key not in named]
    return sorted(found, key=lambda s: s.name.upper())


def create_location(actor: Any, project: Project, name: str) -> Location:
    """A location row for a site (named as scene headings name it before " - ")."""
    require(actor, project, Capability.EDIT_SCHEDULE)
    name = " ".join(name.split())
    if not name:
        raise InvalidInput.single("name", "Name the location as the scene headings do.")
    with transaction.atomic():
        if Location.objects.filter(project=project, name__iexact=name).exists():
            raise InvalidInput.single("name", f"{name} is already on the locations list.")
        return save_validated(Location(project=project, name=name), actor)


def get_location(actor: Any, project: Project, location_id: int) -> Location:
    require(actor, project, Capability.VIEW_SCHEDULE)
    return _location(project, location_id)


def update_location(
    actor: Any,
    project: Project,
    location_id: int,
    changes: Mapping[str, Any],
    *,
    version: int | None,
) -> Location:
    """Address, parking, hospital, availability window and notes; the window must run forward."""
    require(actor, project, Capability.EDIT_SCHEDULE)
    _location(project, location_id)

    def window_runs_forward(row: Location) -> None:
        start = changes.get("available_from", row.available_from)
        end = changes.get("available_to", row.available_to)
        if start and end and end < start:
            raise InvalidInput.single(
                "available_to",
                f"Available to ({date_label(end)}) is before available from ({date_label(start)}).",
            )

    with transaction.atomic():
        updated: Location = apply_changes(
            Location, location_id, changes, LOCATION_FIELDS, actor, version, window_runs_forward
        )
    return updated


def delete_location(actor: Any, project: Project, location_id: int) -> None:
    require(actor, project, Capability.EDIT_SCHEDULE)
    location = _location(project, location_id)
    with transaction.atomic():
        location._history_user = actor  # type: ignore[attr-defined]
        location.delete()


def _location(project: Project, location_id: int) -> Location:
    location = Location.objects.filter(project=project, pk=location_id).first()
    if location is None:
        raise NotFound(f"No location #{location_id} on {project}.")
    return location


# --- the shooting calendar -----------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleDates:
    """Where a schedule's shoot days fall on the calendar as it stands."""

    schedule: Schedule
    days: int
    first: date | None
    last: date | None


def calendar_days(actor: Any, project: Project) -> QuerySet[CalendarDay]:
    require(actor, project, Capability.VIEW_SCHEDULE)
    return CalendarDay.objects.filter(project=project).order_by("date")


def schedule_dates(actor: Any, project: Project) -> list[ScheduleDates]:
    """Each schedule's first and last shoot date, so a calendar change shows its effect."""
    require(actor, project, Capability.VIEW_SCHEDULE)
    found = []
    for schedule in project.schedules.annotate(
        breaks=Count("strips", filter=_day_breaks_on_board())
    ).order_by("-created_at"):
        dates = calendar_of(schedule).shoot_dates(schedule.breaks)
        found.append(
            ScheduleDates(
                schedule,
                schedule.breaks,
                dates[0] if dates else None,
                dates[-1] if dates else None,
            )
        )
    return found


def _day_breaks_on_board() -> Q:
    return Q(strips__kind=StripKind.DAY_BREAK, strips__boneyard=False)


def add_calendar_day(
    actor: Any, project: Project, *, on: date, kind: str, label: str = ""
) -> CalendarDay:
    """A holiday, day off or extra shoot day; one entry per date."""
    require(actor, project, Capability.EDIT_SCHEDULE)
    if kind not in CalendarDayKind.values:
        raise InvalidInput.single("kind", "Choose holiday, day off or extra shoot day.")
    with transaction.atomic():
        taken = CalendarDay.objects.select_for_update().filter(project=project, date=on).first()
        if taken is not None:
            what = taken.get_kind_display().lower() + (f" ({taken.label})" if taken.label else "")
            raise InvalidInput.single(
                "date",
                f"{date_label(on)} is already on the calendar as a {what}; remove it first.",
            )
        return save_validated(
            CalendarDay(project=project, date=on, kind=kind, label=label.strip()[:100]), actor
        )


def remove_calendar_day(actor: Any, project: Project, day_id: int) -> None:
    require(actor, project, Capability.EDIT_SCHEDULE)
    day = CalendarDay.objects.filter(project=project, pk=day_id).first()
    if day is None:
        raise NotFound(f"No calendar day #{day_id} on {project}.")
    with transaction.atomic():
        day._history_user = actor  # type: ignore[attr-defined]
        day.delete()
