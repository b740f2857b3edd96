"""Shooting-schedule rules shared by the solver, the checker and the explanations. Pure.

One place says when someone is available, how long a minor may work, whether a crew member gets
their turnaround, how scenes are ordered inside a day and how dates and lengths read to a
producer, so that the optimiser and :func:`~.evaluate.check` can never disagree.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from greenlight.core.eighths import format_eighths

from .problem import Board, CastSpec, LocationSpec, Problem, Rules, SceneSpec

MINUTES_PER_DAY = 24 * 60
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Kind(StrEnum):
    """The kinds of rule a schedule can break; conflicts and violations share them."""

    CALENDAR = "calendar"  # every scene on one of the shoot dates
    DAY_NIGHT = "day_night"
    MAX_EIGHTHS = "max_eighths"
    DAY_MINUTES = "day_minutes"
    MAX_LOCATIONS = "max_locations"
    CAST_UNAVAILABLE = "cast_unavailable"
    CAST_WINDOW = "cast_window"
    LOCATION_UNAVAILABLE = "location_unavailable"
    LOCATION_WINDOW = "location_window"
    AVAILABILITY = "availability"  # a scene whose people and place never meet on a shoot date
    TURNAROUND = "turnaround"
    MINOR_HOURS = "minor_hours"
    MINOR_NIGHT = "minor_night"
    PRECEDENCE = "precedence"
    PINNED = "pinned"
    WEATHER_COVER = "weather_cover"
    NO_GAPS = "no_gaps"
    # Only a board dragged by hand can break these.
    UNKNOWN_SCENE = "unknown_scene"
    DUPLICATE_SCENE = "duplicate_scene"
    UNSCHEDULED = "unscheduled"
    TOO_MANY_DAYS = "too_many_days"


@dataclass(frozen=True)
class Conflict:
    """One named constraint taking part in an infeasibility, in a producer's words."""

    kind: str
    name: str
    description: str


def format_date(day: date) -> str:
    """``date(2026, 3, 2)`` -> ``"Mon 2 Mar 2026"`` (fixed English, whatever the locale)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_minutes(minutes: int) -> str:
    """``720`` -> ``"12 h"``, ``90`` -> ``"1 h 30 min"``, ``45`` -> ``"45 min"``."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def format_pages(eighths: int) -> str:
    """``64`` -> ``"8 pages"``, ``12`` -> ``"1 4/8 pages"``."""
    return f"{format_eighths(eighths)} page" + ("" if eighths == 8 else "s")


def cast_label(cast: CastSpec) -> str:
    """``MARY (Anna Lee)``: the role a producer reads on the board, then the performer."""
    return f"{cast.id} ({cast.name})" if cast.name and cast.name != cast.id else cast.id


def join_labels(labels: Sequence[str]) -> str:
    """``["A", "B", "C"]`` -> ``"A, B and C"``."""
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def within(day: date, start: date | None, end: date | None, unavailable: frozenset[date]) -> bool:
    """Whether ``day`` lies in the window ``start``..``end`` and is not a listed day off."""
    if start is not None and day < start:
        return False
    if end is not None and day > end:
        return False
    return day not in unavailable


def cast_available(cast: CastSpec, day: date) -> bool:
    """Whether ``cast`` can work on ``day``."""
    return within(day, cast.available_from, cast.available_to, cast.unavailable)


def location_available(spec: LocationSpec | None, day: date) -> bool:
    """Whether a location can be used on ``day``; unlisted locations always can."""
    if spec is None:
        return True
    return within(day, spec.available_from, spec.available_to, spec.unavailable)


def in_window(day: date, start: date | None, end: date | None) -> bool:
    """Whether ``day`` lies inside an availability window (days off aside)."""
    return within(day, start, end, frozenset())


def window_text(start: date | None, end: date | None) -> str:
    """How a window reads: "only from Mon 2 Mar 2026 to Fri 6 Mar 2026"."""
    if start is not None and end is not None:
        return f"only from {format_date(start)} to {format_date(end)}"
    if start is not None:
        return f"only from {format_date(start)}"
    return f"only until {format_date(end)}" if end is not None else "any day"


def minor_limit(rules: Rules, age: int | None, school_day: bool) -> int | None:
    """The most minutes a performer of ``age`` may work that day; None for adults."""
    if age is None:
        return None
    for max_age, school, other in sorted(rules.minor_limits):
        if age < max_age:
            return school if school_day else other
    return None  # older than every band: an adult for these rules


def call_minute(rules: Rules, night: bool) -> int:
    """Nominal call time of a day or night shoot, in minutes after midnight."""
    return rules.night_call_minute if night else rules.day_call_minute


def rest_is_enough(
    rules: Rules, first: date, first_night: bool, length: int, then: date, then_night: bool
) -> bool:
    """Whether wrap of a day ``length`` minutes long leaves the turnaround before the next call."""
    wrap = call_minute(rules, first_night) + length
    next_call = (then - first).days * MINUTES_PER_DAY + call_minute(rules, then_night)
    return next_call - wrap >= rules.turnaround_hours * 60


def shot_minutes(rules: Rules, scenes: Iterable[SceneSpec]) -> int:
    """Minutes a day's scenes take, with the time lost to each company move between locations."""
    scenes = list(scenes)
    moves = max(len({s.location for s in scenes}) - 1, 0)
    return sum(s.minutes for s in scenes) + rules.move_minutes * moves


def nominal_length(rules: Rules, shot_minutes: int) -> int:
    """A day's length for turnaround: the full shooting day when one is set, else what is shot."""
    return rules.day_minutes if rules.day_minutes is not None else shot_minutes


@dataclass(frozen=True)
class Index:
    """Look-ups over a valid :class:`Problem` built once: by id, by name, by position."""

    scenes: dict[str, SceneSpec]
    position: dict[str, int]  # scene id -> index in problem.scenes
    cast: dict[str, CastSpec]
    location_specs: dict[str, LocationSpec]
    locations: tuple[str, ...]  # every scene location, in order of first appearance

    @classmethod
    def of(cls, problem: Problem) -> "Index":
        """Index ``problem`` (assumed valid: unique ids)."""
        return cls(
            scenes={s.id: s for s in problem.scenes},
            position={s.id: i for i, s in enumerate(problem.scenes)},
            cast={c.id: c for c in problem.cast},
            location_specs={spec.name: spec for spec in problem.locations},
            locations=tuple(dict.fromkeys(s.location for s in problem.scenes)),
        )

    def scenes_of(self, cast_id: str) -> list[SceneSpec]:
        """The scenes ``cast_id`` is in, in problem order."""
        return [s for s in self.scenes.values() if cast_id in s.cast]


def order_day(index: Index, scene_ids: Iterable[str], previous_location: str | None) -> list[str]:
    """A day's shooting order: by location, the one the company is already at first."""
    known = [i for i in scene_ids if i in index.scenes]
    first_seen = {loc: n for n, loc in enumerate(index.locations)}

    def key(scene_id: str) -> tuple[int, int, int]:
        location = index.scenes[scene_id].location
        stay = 0 if location == previous_location else 1
        return stay, first_seen[location], index.position[scene_id]

    return sorted(known, key=key)


def order_board(index: Index, days: Sequence[Iterable[str]]) -> Board:
    """Order each day's scenes so that every day continues from where the last one ended."""
    board: Board = []
    previous: str | None = None
    for day in days:
        ordered = order_day(index, day, previous)
        if ordered:
            previous = index.scenes[ordered[-1]].location
        board.append(ordered)
    return board
