"""The shooting-schedule problem as plain data: what the solver, the checker and the costs read.

Pure. Services build a :class:`Problem` from the breakdown, people, locations and calendar;
the solver (``shooting.py``) assigns scenes to shoot days; ``evaluate.py`` prices any board,
optimised or dragged by hand. Money is in integer minor units (cents) so CP-SAT can use it.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class DayKind(StrEnum):
    DAY = "day"
    NIGHT = "night"


@dataclass(frozen=True)
class ShootDate:
    """One date on which the unit may shoot (the calendar has already removed days off)."""

    date: date
    school_day: bool = True  # for minors' hour limits (California: fewer hours on school days)


@dataclass(frozen=True)
class CastSpec:
    """A performer whose days cost money and whose availability binds."""

    id: str
    name: str
    daily_rate: int = 0  # minor units per paid day, first to last work day inclusive
    unavailable: frozenset[date] = frozenset()
    available_from: date | None = None
    available_to: date | None = None
    minor_age: int | None = None  # years; None for adults


@dataclass(frozen=True)
class LocationSpec:
    """A location and the dates it can be used (permits, owners)."""

    name: str
    available_from: date | None = None
    available_to: date | None = None
    unavailable: frozenset[date] = frozenset()


@dataclass(frozen=True)
class SceneSpec:
    """A strip: one scene to shoot on exactly one day."""

    id: str
    label: str  # what a producer calls it, e.g. "Sc 12" (used in conflict explanations)
    eighths: int
    minutes: int  # estimated shooting time including set-up
    location: str
    night: bool = False
    exterior: bool = False
    cast: tuple[str, ...] = ()  # CastSpec ids
    pinned: date | None = None  # must shoot on this date
    cover: bool = False  # an interior scene that may be kept back as weather cover


@dataclass(frozen=True)
class Precedence:
    before: str  # scene id
    after: str  # scene id, shot on a strictly later day
    reason: str = ""


@dataclass(frozen=True)
class Weights:
    """How the producer trades money against moves and days; all non-negative integers."""

    holding: int = 1  # multiplies cast holding cost (minor units)
    company_move: int = 50_000  # cost of one company move, in minor units
    day: int = 0  # cost of one more shoot day, in minor units


@dataclass(frozen=True)
class Rules:
    max_eighths_per_day: int | None = 64  # 8 pages
    day_minutes: int | None = 12 * 60  # shooting hours available in a day
    move_minutes: int = 60  # lost to each company move inside a day
    max_locations_per_day: int = 2
    turnaround_hours: int = 12  # wrap to next call for the same cast
    day_call_minute: int = 7 * 60  # nominal call time of a day shoot, minutes after midnight
    night_call_minute: int = 18 * 60
    cover_minutes: int = 0  # interior cover to keep in reserve after each exterior day
    # Daily hour limits for minors (work hours, school day / non-school day) by age;
    # the defaults follow California (see docs/domain notes).
    minor_limits: tuple[tuple[int, int, int], ...] = (
        # (max age exclusive, school-day minutes, non-school-day minutes)
        (2, 2 * 60, 2 * 60),
        (6, 3 * 60, 3 * 60),
        (9, 4 * 60, 6 * 60),
        (16, 5 * 60, 7 * 60),
        (18, 6 * 60, 8 * 60),
    )


@dataclass(frozen=True)
class Problem:
    dates: tuple[ShootDate, ...]  # the days that may be used, in order
    scenes: tuple[SceneSpec, ...]
    cast: tuple[CastSpec, ...] = ()
    locations: tuple[LocationSpec, ...] = ()  # locations not listed are always available
    precedences: tuple[Precedence, ...] = ()
    weights: Weights = field(default_factory=Weights)
    rules: Rules = field(default_factory=Rules)


# A board: for each used shoot day (index into Problem.dates), the scene ids shot that day,
# in shooting order. Days are consecutive from the first date.
Board = list[list[str]]
