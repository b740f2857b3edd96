"""Schedule actions: create, copy, lock, edit the board, optimise and accept. Each checks the
role's capability and owns its transaction; a board edit is all-or-nothing and version-checked."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, QuerySet

from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import can, require
from greenlight.core.errors import Conflict, InvalidInput, NotFound
from greenlight.projects.models import Project
from greenlight.screenplay.categories import CAST
from greenlight.screenplay.models import BreakdownElement, Draft, Script, TagStatus
from greenlight.web.validation import apply_changes, invalid_from

from .board import BoardView, read_board
from .models import CastMember, Precedence, Schedule, ScheduleStatus, Strip, StripKind

SETTINGS_FIELDS = (
    "name",
    "start_date",
    "work_weekdays",
    "max_eighths_per_day",
    "day_minutes",
    "minutes_per_eighth",
    "setup_minutes",
    "move_minutes",
    "max_locations_per_day",
    "turnaround_hours",
    "cover_minutes",
    "day_call",
    "night_call",
    "weight_holding",
    "move_cost",
    "day_cost",
    "seed",
    "time_limit",
)
COST_SETTINGS = frozenset({"move_cost", "day_cost", "weight_holding"})
STRIP_FIELDS = ("minutes", "pinned_date", "cover", "note")


# --- reading -------------------------------------------------------------------------------


def schedules(actor: Any, project: Project) -> QuerySet[Schedule]:
    require(actor, project, Capability.VIEW_SCHEDULE)
    return project.schedules.select_related("script").annotate(strip_count=Count("strips"))


def get_schedule(actor: Any, project: Project, schedule_id: int) -> Schedule:
    require(actor, project, Capability.VIEW_SCHEDULE)
    schedule = project.schedules.select_related("script", "project").filter(pk=schedule_id).first()
    if schedule is None:
        raise NotFound(f"No schedule #{schedule_id} on {project}.")
    return schedule


def current_schedule(project: Project) -> Schedule | None:
    """The locked schedule, or else the most recently created draft."""
    schedules = Schedule.objects.filter(project=project)
    return (
        schedules.filter(status=ScheduleStatus.LOCKED).first()
        or schedules.order_by("-created_at").first()
    )


def board(actor: Any, schedule: Schedule) -> BoardView:
    require(actor, schedule.project, Capability.VIEW_SCHEDULE)
    return read_board(schedule)


def sees_costs(actor: Any, project: Project) -> bool:
    return can(actor, project, Capability.VIEW_BUDGET)


# --- schedules -----------------------------------------------------------------------------


def create_schedule(
    actor: Any, project: Project, *, script_id: int, name: str, start_date: date, at: datetime
) -> Schedule:
    """A new draft schedule: every scene of the script's latest draft, in script order, with
    day breaks wherever a day's pages would run over."""
    require(actor, project, Capability.EDIT_SCHEDULE)
    script = Script.objects.filter(project=project, pk=script_id).first()
    if script is None:
        raise InvalidInput({"script": [f"No script #{script_id} on {project}."]})
    draft = script.drafts.order_by("-number").first()
    if draft is None:
        raise InvalidInput({"script": [f"{script} has no draft to schedule."]})
    with transaction.atomic():
        schedule = _new_schedule(project, script, name, start_date, actor, at)
        scenes = list(draft.scenes.order_by("index"))
        limit = schedule.max_eighths_per_day or 64
        rows: list[Strip] = []
        load = 0
        for scene in scenes:
            if rows and load + scene.eighths > limit:
                rows.append(Strip(schedule=schedule, kind=StripKind.DAY_BREAK, position=0))
                load = 0
            rows.append(Strip(schedule=schedule, kind=StripKind.SCENE, position=0, scene=scene))
            load += scene.eighths
        if rows:
            rows.append(Strip(schedule=schedule, kind=StripKind.DAY_BREAK, position=0))
        for position, strip in enumerate(rows):
            strip.position = position
        Strip.objects.bulk_create(rows)
        ensure_cast_numbers(project)
    return schedule


def _new_schedule(
    project: Project, script: Script, name: str, start: date, actor: Any, at: datetime
) -> Schedule:
    name = name.strip()
    if not name:
        raise InvalidInput({"name": ["Give the schedule a name."]})
    if project.schedules.filter(name=name).exists():
        raise InvalidInput({"name": [f"{project} already has a schedule called {name!r}."]})
    schedule = Schedule(
        project=project, script=script, name=name, start_date=start, created_by=actor
    )
    schedule.created_at = at
    schedule.full_clean(exclude=["created_by"])
    schedule.save()
    return schedule


def duplicate_schedule(actor: Any, schedule: Schedule, *, name: str, at: datetime) -> Schedule:
    """A draft copy of ``schedule`` (board, boneyard, settings and precedences)."""
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    with transaction.atomic():
        copy = Schedule.objects.get(pk=schedule.pk)
        copy.pk = None
        copy.name, copy.status, copy.proposal, copy.version = name.strip(), "draft", None, 1
        copy.created_by, copy.created_at = actor, at
        if not copy.name or schedule.project.schedules.filter(name=copy.name).exists():
            raise InvalidInput({"name": ["Give the copy a new, unused name."]})
        copy.save()
        mapping: dict[int, Strip] = {}
        for strip in schedule.strips.order_by("pk"):
            old = strip.pk
            strip.pk, strip.schedule = None, copy
            strip.save()
            mapping[old] = strip
        for rule in schedule.precedences.all():
            Precedence.objects.create(
                schedule=copy,
                before=mapping[rule.before_id],
                after=mapping[rule.after_id],
                reason=rule.reason,
            )
    return copy


def lock_schedule(actor: Any, schedule: Schedule, *, version: int) -> Schedule:
    """Make this the project's locked schedule; the one locked before becomes a draft."""
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    with transaction.atomic():
        locked = lock_for_edit(schedule, version, allow_locked=True)
        Schedule.objects.filter(project_id=schedule.project_id, status="locked").exclude(
            pk=schedule.pk
        ).update(status=ScheduleStatus.DRAFT)
        locked.status = ScheduleStatus.LOCKED
        locked.version += 1
        locked.save()
    return locked


def unlock_schedule(actor: Any, schedule: Schedule, *, version: int) -> Schedule:
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    with transaction.atomic():
        row = lock_for_edit(schedule, version, allow_locked=True)
        row.status = ScheduleStatus.DRAFT
        row.version += 1
        row.save()
    return row


def delete_schedule(actor: Any, schedule: Schedule) -> None:
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    if schedule.status == ScheduleStatus.LOCKED:
        raise Conflict(f"{schedule} is locked; unlock it before deleting it.")
    schedule.delete()


def update_settings(
    actor: Any, schedule: Schedule, changes: Mapping[str, Any], *, version: int | None
) -> Schedule:
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    if set(changes) & COST_SETTINGS and not sees_costs(actor, schedule.project):
        changes = {k: v for k, v in changes.items() if k not in COST_SETTINGS}
    with transaction.atomic():
        updated = apply_changes(Schedule, schedule.pk, changes, SETTINGS_FIELDS, actor, version)
    return updated


def lock_for_edit(
    schedule: Schedule, version: int | None, *, allow_locked: bool = False
) -> Schedule:
    """The schedule row, locked; refuses a stale version and (unless allowed) a locked board."""
    row = Schedule.objects.select_for_update().get(pk=schedule.pk)
    if version is not None and row.version != version:
        raise Conflict(
            f"{row} was changed by someone else (version {row.version}, you had version "
            f"{version}). Reload to see their change; nothing was saved."
        )
    if row.status == ScheduleStatus.LOCKED and not allow_locked:
        raise Conflict(f"{row} is locked. Copy it to a draft to change the board.")
    return row


# --- the board -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardOrder:
    board: Sequence[int]  # strip ids, board order (scenes, day breaks, banners)
    boneyard: Sequence[int]


def reorder(actor: Any, schedule: Schedule, order: BoardOrder, *, version: int) -> Schedule:
    """Save the board after a drag: every strip must appear exactly once."""
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    with transaction.atomic():
        row = lock_for_edit(schedule, version)
        strips = {s.pk: s for s in row.strips.all()}
        listed = [*order.board, *order.boneyard]
        if len(listed) != len(set(listed)) or set(listed) != set(strips):
            raise InvalidInput(
                {"order": ["The board changed since you loaded it. Reload; nothing was saved."]}
            )
        _place(strips, order)
        return bump_version(row)


def _place(strips: Mapping[int, Strip], order: BoardOrder) -> None:
    changed: list[Strip] = []
    for boneyard, ids in ((False, order.board), (True, order.boneyard)):
        for position, strip_id in enumerate(ids):
            strip = strips[strip_id]
            if strip.position != position or strip.boneyard != boneyard:
                strip.position, strip.boneyard = position, boneyard
                changed.append(strip)
    Strip.objects.bulk_update(changed, ["position", "boneyard"])


def bump_version(schedule: Schedule) -> Schedule:
    schedule.version += 1
    schedule.save(update_fields=["version"])
    return schedule


def add_strip(actor: Any, schedule: Schedule, *, kind: str, text: str = "", version: int) -> Strip:
    """A day break or a banner at the end of the board."""
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    if kind not in (StripKind.DAY_BREAK, StripKind.BANNER):
        raise InvalidInput({"kind": ["Only day breaks and banners can be added."]})
    if kind == StripKind.BANNER and not text.strip():
        raise InvalidInput({"text": ["A banner needs some words."]})
    with transaction.atomic():
        row = lock_for_edit(schedule, version)
        last = row.strips.filter(boneyard=False).aggregate(m=Max("position"))["m"]
        strip = Strip.objects.create(
            schedule=row, kind=kind, text=text.strip()[:200], position=(last or 0) + 1
        )
        bump_version(row)
    return strip


def remove_strip(actor: Any, schedule: Schedule, strip_id: int, *, version: int) -> None:
    """Remove a day break or banner; a scene strip goes to the boneyard instead."""
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    with transaction.atomic():
        row = lock_for_edit(schedule, version)
        strip = _strip_in(row, strip_id)
        if strip.kind == StripKind.SCENE:
            last = row.strips.filter(boneyard=True).aggregate(m=Max("position"))["m"]
            strip.boneyard, strip.position = True, (last or 0) + 1
            strip.save(update_fields=["boneyard", "position"])
        else:
            strip.delete()
        bump_version(row)


def update_strip(
    actor: Any, schedule: Schedule, strip_id: int, changes: Mapping[str, Any], *, version: int
) -> Strip:
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    unknown = set(changes) - set(STRIP_FIELDS)
    if unknown:
        raise InvalidInput({n: ["This field cannot be changed here."] for n in sorted(unknown)})
    with transaction.atomic():
        row = lock_for_edit(schedule, version)
        strip = _strip_in(row, strip_id)
        for name, value in changes.items():
            setattr(strip, name, value)
        _validate(strip)
        strip.save()
        bump_version(row)
    return strip


def _validate(instance: Any) -> None:
    try:
        instance.full_clean(exclude=["schedule", "scene"])
    except ValidationError as error:
        raise invalid_from(error) from None


def get_strip(actor: Any, schedule: Schedule, strip_id: int) -> Strip:
    require(actor, schedule.project, Capability.VIEW_SCHEDULE)
    return _strip_in(schedule, strip_id)


def _strip_in(schedule: Schedule, strip_id: int) -> Strip:
    strip = schedule.strips.filter(pk=strip_id).first()
    if strip is None:
        raise NotFound(f"No strip #{strip_id} on {schedule}.")
    return strip


def add_precedence(
    actor: Any, schedule: Schedule, *, before: int, after: int, reason: str, version: int
) -> Precedence:
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    if before == after:
        raise InvalidInput({"after": ["A scene cannot come before itself."]})
    with transaction.atomic():
        row = lock_for_edit(schedule, version)
        first, second = _strip_in(row, before), _strip_in(row, after)
        if StripKind.SCENE not in (first.kind, second.kind) or first.kind != second.kind:
            raise InvalidInput({"before": ["Precedence links two scene strips."]})
        try:
            with transaction.atomic():
                rule = Precedence.objects.create(
                    schedule=row, before=first, after=second, reason=reason.strip()[:200]
                )
        except IntegrityError:
            raise InvalidInput({"after": ["That precedence is already there."]}) from None
        bump_version(row)
    return rule


def remove_precedence(actor: Any, schedule: Schedule, rule_id: int, *, version: int) -> None:
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    with transaction.atomic():
        row = lock_for_edit(schedule, version)
        deleted, _ = row.precedences.filter(pk=rule_id).delete()
        if not deleted:
            raise NotFound(f"No precedence #{rule_id} on {row}.")
        bump_version(row)


# --- script revisions -----------------------------------------------------------------------


@dataclass(frozen=True)
class FollowReport:
    draft: Draft
    kept: int  # strips now pointing at the revised scene
    added: list[str]  # new scenes, put in the boneyard
    omitted: list[str]  # scenes cut from the script, their strips removed


def latest_draft(schedule: Schedule) -> Draft | None:
    return schedule.script.drafts.order_by("-number").first()


def behind_latest(schedule: Schedule) -> Draft | None:
    """The script's latest draft when the board still shows scenes of an earlier one."""
    latest = latest_draft(schedule)
    if latest is None:
        return None
    stale = schedule.strips.filter(scene__isnull=False).exclude(scene__draft=latest)
    return latest if stale.exists() else None


def follow_latest_draft(actor: Any, schedule: Schedule, *, version: int) -> FollowReport:
    """Move the board onto the script's latest draft: each strip follows its scene through
    the revisions; new scenes wait in the boneyard; omitted scenes leave the board."""
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    with transaction.atomic():
        row = lock_for_edit(schedule, version)
        latest = latest_draft(row)
        if latest is None:
            raise NotFound(f"{row.script} has no draft.")
        successor = _successors(latest)
        strips = list(row.strips.filter(scene__isnull=False).select_related("scene"))
        kept, omitted = [], []
        for strip in strips:
            new = successor.get(strip.scene_id or 0)
            if new is None:
                omitted.append(strip)
            elif new != strip.scene_id:
                strip.scene_id = new
                kept.append(strip)
        Strip.objects.bulk_update(kept, ["scene"])
        # Their precedences go with them (cascade).
        Strip.objects.filter(pk__in=[s.pk for s in omitted]).delete()
        added = _add_new_scenes(row, latest)
        ensure_cast_numbers(row.project)
        bump_version(row)
    return FollowReport(latest, len(kept), added, [s.scene.label for s in omitted if s.scene])


def _successors(latest: Draft) -> dict[int, int]:
    """Any earlier scene id (and the latest's own) -> the latest draft's scene it became."""
    found: dict[int, int] = {}
    for scene in latest.scenes.all():
        found[scene.pk] = scene.pk
        earlier, seen = scene.previous, set()
        while earlier is not None and earlier.pk not in seen:
            seen.add(earlier.pk)
            found[earlier.pk] = scene.pk
            earlier = earlier.previous
    return found


def _add_new_scenes(schedule: Schedule, latest: Draft) -> list[str]:
    on_board = set(schedule.strips.filter(scene__isnull=False).values_list("scene_id", flat=True))
    last = schedule.strips.filter(boneyard=True).aggregate(m=Max("position"))["m"] or 0
    new = [s for s in latest.scenes.order_by("index") if s.pk not in on_board]
    Strip.objects.bulk_create(
        Strip(schedule=schedule, kind=StripKind.SCENE, scene=s, boneyard=True, position=last + i)
        for i, s in enumerate(new, start=1)
    )
    return [s.label for s in new]


# --- cast numbers --------------------------------------------------------------------------


def ensure_cast_numbers(project: Project) -> None:
    """Give every cast element a cast number: most scenes first, as boards number them."""
    numbered = set(CastMember.objects.filter(project=project).values_list("element_id", flat=True))
    missing = (
        BreakdownElement.objects.filter(project=project, category__key=CAST)
        .exclude(pk__in=numbered)
        .annotate(scenes=Count("tags", filter=Q(tags__status=TagStatus.CONFIRMED)))
        .order_by("-scenes", "name")
    )
    top = CastMember.objects.filter(project=project).aggregate(m=Max("number"))["m"] or 0
    for offset, element in enumerate(missing, start=1):
        CastMember.objects.create(project=project, element=element, number=top + offset)
