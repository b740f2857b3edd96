"""Reading a schedule: its strips as shoot days with dates and totals, and the pure
:class:`Problem` the optimiser, the checker and the cost figures work on."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from greenlight.core.eighths import format_eighths
from greenlight.projects.models import Unavailability
from greenlight.screenplay.categories import CAST
from greenlight.screenplay.models import Scene, Tag, TagStatus

from .calendar import Calendar, weekdays_from
from .evaluate import Costs, Violation, check, evaluate
from .models import CalendarDay, CalendarDayKind, CastMember, Location, Schedule, Strip, StripKind
from .problem import (
    CastSpec,
    LocationSpec,
    Precedence,
    Problem,
    Rules,
    SceneSpec,
    ShootDate,
    Weights,
)
from .stripboard import (
    StripColour,
    is_exterior,
    is_night,
    shooting_times,
    site_of,
    split_days,
    strip_colour,
)

CENTS = Decimal(100)


@dataclass
class StripRow:
    """A strip as the board, the day sheets and the call sheet show it."""

    id: int
    kind: str
    position: int
    boneyard: bool
    text: str = ""
    scene_id: int | None = None
    number: str = ""
    heading: str = ""
    int_ext: str = ""
    location: str = ""
    site: str = ""
    time_of_day: str = ""
    light: str = ""  # the time it is shot in: CONTINUOUS takes the scene before's
    colour: StripColour = StripColour.INT_DAY
    eighths: int = 0
    minutes: int = 0
    synopsis: str = ""
    cast: tuple[int, ...] = ()  # cast numbers
    cast_elements: tuple[int, ...] = ()
    pinned_date: date | None = None
    cover: bool = False
    note: str = ""

    @property
    def pages(self) -> str:
        return format_eighths(self.eighths)

    @property
    def night(self) -> bool:
        return is_night(self.light or self.time_of_day)

    @property
    def label(self) -> str:
        return f"Sc {self.number}" if self.number else f"Strip {self.id}"


@dataclass
class DayView:
    number: int
    date: date | None  # None when the calendar has run out of shoot dates
    strips: list[StripRow]  # scenes and banners in board order
    break_id: int | None  # the day-break strip closing the day; None for the open day
    violations: list[Violation] = field(default_factory=list)

    @property
    def scenes(self) -> list[StripRow]:
        return [s for s in self.strips if s.kind == StripKind.SCENE]

    @property
    def eighths(self) -> int:
        return sum(s.eighths for s in self.scenes)

    @property
    def pages(self) -> str:
        return format_eighths(self.eighths)

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.scenes)

    @property
    def hours(self) -> str:
        return f"{self.minutes // 60}:{self.minutes % 60:02d}"

    @property
    def night(self) -> bool:
        return any(s.night for s in self.scenes)

    @property
    def cast(self) -> list[int]:
        return sorted({n for s in self.scenes for n in s.cast})


@dataclass
class BoardView:
    schedule: Schedule
    days: list[DayView]
    open_day: list[StripRow]  # strips after the last day break
    boneyard: list[StripRow]
    cast: list[CastMember]
    costs: Costs
    violations: list[Violation]
    problem: Problem

    @property
    def holding_cost(self) -> Decimal:
        return (Decimal(self.costs.holding) / CENTS).quantize(Decimal("0.01"))

    @property
    def scheduled_eighths(self) -> int:
        return sum(d.eighths for d in self.days)

    @property
    def scheduled_pages(self) -> str:
        return format_eighths(self.scheduled_eighths)


def calendar_of(schedule: Schedule) -> Calendar:
    exceptions = CalendarDay.objects.filter(project_id=schedule.project_id)
    return Calendar(
        start=schedule.start_date,
        weekdays=weekdays_from(schedule.work_weekdays),
        holidays={d.date: d.label for d in exceptions if d.kind == CalendarDayKind.HOLIDAY},
        days_off=frozenset(d.date for d in exceptions if d.kind == CalendarDayKind.DAY_OFF),
        extra_days=frozenset(d.date for d in exceptions if d.kind == CalendarDayKind.WORK),
    )


def strip_rows(schedule: Schedule) -> list[StripRow]:
    """Every strip of the schedule in board order (board first, then the boneyard)."""
    strips = list(schedule.strips.select_related("scene").order_by("boneyard", "position"))
    scene_ids = [s.scene_id for s in strips if s.scene_id]
    cast_of = _cast_by_scene(scene_ids)
    light = _light_by_scene({s.scene.draft_id for s in strips if s.scene is not None})
    numbers = dict(
        CastMember.objects.filter(project_id=schedule.project_id).values_list(
            "element_id", "number"
        )
    )
    return [_row(schedule, s, cast_of.get(s.scene_id or 0, ()), numbers, light) for s in strips]


def _light_by_scene(draft_ids: set[int]) -> dict[int, str]:
    """Scene id -> the time of day it is shot in (``CONTINUOUS`` resolved)."""
    found: dict[int, str] = {}
    for draft_id in draft_ids:
        rows = list(
            Scene.objects.filter(draft_id=draft_id)
            .order_by("index")
            .values_list("pk", "time_of_day")
        )
        found.update(zip((pk for pk, _ in rows), shooting_times([t for _, t in rows]), strict=True))
    return found


def _cast_by_scene(scene_ids: list[int]) -> dict[int, tuple[int, ...]]:
    tags = Tag.objects.filter(
        scene_id__in=scene_ids, element__category__key=CAST, status=TagStatus.CONFIRMED
    ).values_list("scene_id", "element_id")
    found: dict[int, list[int]] = defaultdict(list)
    for scene_id, element_id in tags:
        found[scene_id].append(element_id)
    return {k: tuple(v) for k, v in found.items()}


def _row(
    schedule: Schedule,
    strip: Strip,
    elements: tuple[int, ...],
    numbers: dict[int, int],
    light: dict[int, str],
) -> StripRow:
    row = StripRow(
        id=strip.pk,
        kind=strip.kind,
        position=strip.position,
        boneyard=strip.boneyard,
        text=strip.text,
        pinned_date=strip.pinned_date,
        cover=strip.cover,
        note=strip.note,
    )
    scene = strip.scene
    if scene is None:
        return row
    row.scene_id = scene.pk
    row.number = scene.number or str(scene.index + 1)
    row.heading, row.int_ext, row.synopsis = scene.heading, scene.int_ext, scene.synopsis
    row.location, row.site = scene.location, site_of(scene.location)
    row.time_of_day = scene.time_of_day
    row.light = light.get(scene.pk, scene.time_of_day)
    row.colour = strip_colour(scene.int_ext, row.light)
    row.eighths = scene.eighths
    row.minutes = strip.minutes or (
        schedule.setup_minutes + scene.eighths * schedule.minutes_per_eighth
    )
    row.cast_elements = elements
    row.cast = tuple(sorted(numbers[e] for e in elements if e in numbers))
    return row


def read_board(schedule: Schedule) -> BoardView:
    """The schedule as shoot days with dates, totals, costs and broken rules."""
    rows = strip_rows(schedule)
    board_rows = [r for r in rows if not r.boneyard]
    days, open_day = split_days(board_rows, [r.kind == StripKind.DAY_BREAK for r in board_rows])
    breaks = [r.id for r in board_rows if r.kind == StripKind.DAY_BREAK]
    calendar = calendar_of(schedule)
    dates = calendar.shoot_dates(len(days) + (1 if open_day else 0))
    views = [
        DayView(
            d.number,
            dates[i] if i < len(dates) else None,
            list(d.items),
            breaks[i] if i < len(breaks) else None,
        )
        for i, d in enumerate(days)
    ]
    cast = list(
        CastMember.objects.filter(project_id=schedule.project_id).select_related(
            "element", "person"
        )
    )
    scenes = [r for r in board_rows if r.kind == StripKind.SCENE]
    horizon = max(len(views), 1)
    problem = build_problem(schedule, scenes, cast, calendar, horizon)
    board = [[str(s.id) for s in v.scenes] for v in views]
    costs = evaluate(problem, board)
    violations = check(problem, board)
    for violation in violations:
        if violation.day is not None and violation.day < len(views):
            views[violation.day].violations.append(violation)
    boneyard = [r for r in rows if r.boneyard]
    return BoardView(schedule, views, open_day, boneyard, cast, costs, violations, problem)


def build_problem(
    schedule: Schedule,
    scenes: list[StripRow],
    cast: list[CastMember],
    calendar: Calendar,
    horizon: int,
) -> Problem:
    """The pure problem for ``scenes`` over at least ``horizon`` shoot dates."""
    dates = calendar.shoot_dates(max(horizon, 1))
    pinned = [s.pinned_date for s in scenes if s.pinned_date]
    if pinned and dates and max(pinned) > dates[-1]:
        # Reach far enough to hold every pinned date, so a late pin is not a false conflict.
        extra = calendar.shoot_dates(len(dates) + (max(pinned) - dates[-1]).days + 1)
        dates = [d for d in extra if d <= max(pinned)] or dates
    used = {e for s in scenes for e in s.cast_elements}
    # Cast are named by character (unique in the breakdown), so rules read "TEO (Leo Grant)".
    names = {c.element_id: c.element.name for c in cast}
    return Problem(
        dates=tuple(ShootDate(d, calendar.school_day(d)) for d in dates),
        scenes=tuple(_scene_spec(s, names) for s in scenes),
        cast=_cast_specs([c for c in cast if c.element_id in used]),
        locations=_location_specs(schedule),
        precedences=tuple(
            Precedence(str(p.before_id), str(p.after_id), p.reason)
            for p in schedule.precedences.all()
        ),
        weights=Weights(
            holding=schedule.weight_holding,
            company_move=int(schedule.move_cost * CENTS),
            day=int(schedule.day_cost * CENTS),
        ),
        rules=rules_of(schedule),
    )


def rules_of(schedule: Schedule) -> Rules:
    return Rules(
        max_eighths_per_day=schedule.max_eighths_per_day,
        day_minutes=schedule.day_minutes,
        move_minutes=schedule.move_minutes,
        max_locations_per_day=schedule.max_locations_per_day,
        turnaround_hours=schedule.turnaround_hours,
        day_call_minute=_minute_of(schedule.day_call),
        night_call_minute=_minute_of(schedule.night_call),
        cover_minutes=schedule.cover_minutes,
    )


def _minute_of(value: time | str) -> int:
    if isinstance(value, str):
        value = time.fromisoformat(value)
    return value.hour * 60 + value.minute


def _scene_spec(row: StripRow, names: dict[int, str]) -> SceneSpec:
    return SceneSpec(
        id=str(row.id),
        label=row.label,
        eighths=row.eighths,
        minutes=row.minutes,
        location=row.site.upper(),
        night=row.night,
        exterior=is_exterior(row.int_ext),
        cast=tuple(names[e] for e in row.cast_elements if e in names),
        pinned=row.pinned_date,
        cover=row.cover and not is_exterior(row.int_ext),
    )


def _cast_specs(members: list[CastMember]) -> tuple[CastSpec, ...]:
    unavailable = _unavailable_dates([m.person_id for m in members if m.person_id])
    return tuple(_cast_spec(m, unavailable.get(m.person_id or 0, set())) for m in members)


def _cast_spec(member: CastMember, unavailable: set[date]) -> CastSpec:
    person = member.person
    rate = person.daily_rate if person is not None and person.daily_rate is not None else 0
    return CastSpec(
        id=member.element.name,
        name=person.name if person else "",
        daily_rate=int(Decimal(rate) * CENTS),
        unavailable=frozenset(unavailable),
        minor_age=member.minor_age,
    )


def _unavailable_dates(person_ids: list[int]) -> dict[int, set[date]]:
    """Person id -> every date they cannot work, in one query for the whole cast."""
    days: dict[int, set[date]] = defaultdict(set)
    ranges = Unavailability.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "start", "end"
    )
    for person_id, start, end in ranges:
        days[person_id].update(start + timedelta(days=i) for i in range((end - start).days + 1))
    return days


def _location_specs(schedule: Schedule) -> tuple[LocationSpec, ...]:
    return tuple(
        LocationSpec(loc.name.upper(), loc.available_from, loc.available_to)
        for loc in Location.objects.filter(project_id=schedule.project_id)
        if loc.available_from or loc.available_to
    )


def date_label(on: date | datetime | None) -> str:
    return on.strftime("%a %-d %b %Y") if on else "no date"
