"""Price a shooting board and list the rules it breaks, optimised or dragged by hand. Pure.

:func:`evaluate` gives the same costs the optimiser minimises; :func:`check` reports every hard
rule of :mod:`.shooting` that a board breaks, in words a producer reads on the stripboard.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from .problem import Board, Problem, SceneSpec
from .shooting_rules import (
    Index,
    Kind,
    cast_available,
    cast_label,
    format_date,
    format_minutes,
    format_pages,
    in_window,
    join_labels,
    location_available,
    minor_limit,
    nominal_length,
    rest_is_enough,
    shot_minutes,
    window_text,
)


@dataclass(frozen=True)
class Costs:
    """What a board costs: the parts and their weighted total (the optimiser's objective)."""

    holding: int  # sum of daily_rate x days from first to last work day, minor units
    company_moves: int  # per day, distinct locations - 1
    days: int  # shoot days used
    total: int  # holding x w.holding + moves x w.company_move + days x w.day


@dataclass(frozen=True)
class Violation:
    """One broken rule: where (day index, scene id) and a sentence for the producer."""

    kind: str
    day: int | None
    scene: str | None
    message: str


@dataclass(frozen=True)
class _View:
    """The known scenes of a board, each once (its first appearance), and their day."""

    days: list[list[SceneSpec]]
    day_of: dict[str, int]

    @classmethod
    def of(cls, index: Index, board: Board) -> "_View":
        days: list[list[SceneSpec]] = []
        day_of: dict[str, int] = {}
        for k, ids in enumerate(board):
            days.append([])
            for scene_id in ids:
                if scene_id in index.scenes and scene_id not in day_of:
                    day_of[scene_id] = k
                    days[k].append(index.scenes[scene_id])
        return cls(days, day_of)


def evaluate(problem: Problem, board: Board) -> Costs:
    """The costs of ``board``; unknown or repeated scene ids are ignored (see :func:`check`)."""
    index = Index.of(problem)
    view = _View.of(index, board)
    holding = 0
    for cast in problem.cast:
        worked = [k for k, day in enumerate(view.days) if any(cast.id in s.cast for s in day)]
        if worked:
            holding += cast.daily_rate * (max(worked) - min(worked) + 1)
    moves = sum(max(len({s.location for s in day}) - 1, 0) for day in view.days)
    used = max((k + 1 for k, day in enumerate(view.days) if day), default=0)
    weights = problem.weights
    total = holding * weights.holding + moves * weights.company_move + used * weights.day
    return Costs(holding=holding, company_moves=moves, days=used, total=total)


def check(problem: Problem, board: Board) -> list[Violation]:
    """Every hard rule ``board`` breaks; an empty list means the board can be shot."""
    index = Index.of(problem)
    view = _View.of(index, board)
    found = _board_shape(problem, index, board, view)
    for k, day in enumerate(view.days[: len(problem.dates)]):
        found += _capacity(problem, k, day)
        found += _availability(problem, index, k, day)
        found += _minors(problem, index, k, day)
        found += _pinned(problem, k, day)
    found += _turnaround(problem, index, view)
    found += _precedence(problem, index, view)
    found += _weather_cover(problem, view)
    return found


def day_name(problem: Problem, k: int) -> str:
    """How day ``k`` of a board reads: its date, or "day 17" past the last shoot date."""
    return format_date(problem.dates[k].date) if k < len(problem.dates) else f"day {k + 1}"


def _board_shape(problem: Problem, index: Index, board: Board, view: _View) -> list[Violation]:
    found: list[Violation] = []
    if len(board) > len(problem.dates):
        count = len(problem.dates)
        dates = f"{count} shoot date" + ("" if count == 1 else "s")
        message = f"The board has {len(board)} days but only {dates}"
        found.append(Violation(Kind.TOO_MANY_DAYS, len(problem.dates), None, message))
    seen: set[str] = set()
    for k, ids in enumerate(board):
        for scene_id in ids:
            if scene_id not in index.scenes:
                message = f"{day_name(problem, k)} lists scene {scene_id!r}, not in this schedule"
                found.append(Violation(Kind.UNKNOWN_SCENE, k, scene_id, message))
            elif scene_id in seen:
                message = f"{index.scenes[scene_id].label} is on the board more than once"
                found.append(Violation(Kind.DUPLICATE_SCENE, k, scene_id, message))
            seen.add(scene_id)
    for scene in problem.scenes:
        if scene.id not in view.day_of:
            message = f"{scene.label} is not on the board"
            found.append(Violation(Kind.UNSCHEDULED, None, scene.id, message))
    last_used = max((k for k, day in enumerate(view.days) if day), default=-1)
    for k in range(last_used):
        if not view.days[k]:
            message = f"{day_name(problem, k)} has no scenes, but later days do"
            found.append(Violation(Kind.NO_GAPS, k, None, message))
    return found


def _capacity(problem: Problem, k: int, day: list[SceneSpec]) -> list[Violation]:
    rules, name = problem.rules, day_name(problem, k)
    found: list[Violation] = []
    nights = [s.label for s in day if s.night]
    if nights and len(nights) < len(day):
        message = f"{name} mixes day and night scenes (at night: {join_labels(nights)})"
        found.append(Violation(Kind.DAY_NIGHT, k, None, message))
    eighths = sum(s.eighths for s in day)
    if rules.max_eighths_per_day is not None and eighths > rules.max_eighths_per_day:
        message = (
            f"{name} has {format_pages(eighths)}, more than the "
            f"{format_pages(rules.max_eighths_per_day)} a day allowed"
        )
        found.append(Violation(Kind.MAX_EIGHTHS, k, None, message))
    minutes = shot_minutes(rules, day)
    if rules.day_minutes is not None and minutes > rules.day_minutes:
        message = (
            f"{name} needs {format_minutes(minutes)} including company moves, more than "
            f"the {format_minutes(rules.day_minutes)} shooting day"
        )
        found.append(Violation(Kind.DAY_MINUTES, k, None, message))
    locations = list(dict.fromkeys(s.location for s in day))
    if len(locations) > rules.max_locations_per_day:
        message = (
            f"{name} uses {len(locations)} locations ({join_labels(locations)}), more than "
            f"the {rules.max_locations_per_day} allowed"
        )
        found.append(Violation(Kind.MAX_LOCATIONS, k, None, message))
    return found


def _availability(problem: Problem, index: Index, k: int, day: list[SceneSpec]) -> list[Violation]:
    when = problem.dates[k].date
    name = format_date(when)
    found: list[Violation] = []
    for scene in day:
        for cast in (index.cast[c] for c in scene.cast if c in index.cast):
            if cast_available(cast, when):
                continue
            if in_window(when, cast.available_from, cast.available_to):
                message = f"{scene.label} is on {name}, when {cast_label(cast)} is unavailable"
                found.append(Violation(Kind.CAST_UNAVAILABLE, k, scene.id, message))
            else:
                window = window_text(cast.available_from, cast.available_to)
                message = (
                    f"{scene.label} is on {name}, but {cast_label(cast)} is available {window}"
                )
                found.append(Violation(Kind.CAST_WINDOW, k, scene.id, message))
        spec = index.location_specs.get(scene.location)
        if spec is None or location_available(spec, when):
            continue
        if in_window(when, spec.available_from, spec.available_to):
            message = f"{scene.label} is on {name}, when {scene.location} is unavailable"
            found.append(Violation(Kind.LOCATION_UNAVAILABLE, k, scene.id, message))
        else:
            window = window_text(spec.available_from, spec.available_to)
            message = f"{scene.label} is on {name}, but {scene.location} is available {window}"
            found.append(Violation(Kind.LOCATION_WINDOW, k, scene.id, message))
    return found


def _minors(problem: Problem, index: Index, k: int, day: list[SceneSpec]) -> list[Violation]:
    shoot_date = problem.dates[k]
    name = format_date(shoot_date.date)
    night = any(s.night for s in day)
    found: list[Violation] = []
    for cast in problem.cast:
        if cast.minor_age is None:
            continue
        theirs = [s for s in day if cast.id in s.cast]
        if theirs and night:
            message = f"{cast_label(cast)} is a minor but works the night shoot on {name}"
            found.append(Violation(Kind.MINOR_NIGHT, k, theirs[0].id, message))
        limit = minor_limit(problem.rules, cast.minor_age, shoot_date.school_day)
        worked = sum(s.minutes for s in theirs)
        if limit is not None and worked > limit:
            kind_of_day = "a school day" if shoot_date.school_day else "a day without school"
            message = (
                f"{cast_label(cast)} works {format_minutes(worked)} on {name}, more than the "
                f"{format_minutes(limit)} a minor aged {cast.minor_age} may work on {kind_of_day}"
            )
            found.append(Violation(Kind.MINOR_HOURS, k, theirs[0].id, message))
    return found


def _pinned(problem: Problem, k: int, day: list[SceneSpec]) -> list[Violation]:
    when = problem.dates[k].date
    return [
        Violation(
            Kind.PINNED,
            k,
            s.id,
            f"{s.label} is pinned to {format_date(s.pinned)} but is on {format_date(when)}",
        )
        for s in day
        if s.pinned is not None and s.pinned != when
    ]


def _turnaround(problem: Problem, index: Index, view: _View) -> list[Violation]:
    found: list[Violation] = []
    days = view.days[: len(problem.dates)]
    for k in range(len(days) - 1):
        short = _short_rests(problem, k, days[k], days[k + 1])
        if short is None:
            continue
        for cast in problem.cast:
            if any(cast.id in s.cast for s in days[k]) and any(
                cast.id in s.cast for s in days[k + 1]
            ):
                found.append(Violation(Kind.TURNAROUND, k + 1, None, f"{cast_label(cast)} {short}"))
    return found


def _short_rests(
    problem: Problem, k: int, first: list[SceneSpec], then: list[SceneSpec]
) -> str | None:
    """How days ``k`` and ``k + 1`` leave too little rest between them, or None if they do not."""
    rules = problem.rules
    length = nominal_length(rules, shot_minutes(rules, first))
    d1, d2 = problem.dates[k].date, problem.dates[k + 1].date
    # A mixed day (itself a violation) is checked both ways: as a day and as a night shoot.
    for first_night in sorted({s.night for s in first}):
        for then_night in sorted({s.night for s in then}):
            if not rest_is_enough(rules, d1, first_night, length, d2, then_night):
                return (
                    f"works a {_shoot(first_night)} on {format_date(d1)} and a "
                    f"{_shoot(then_night)} on {format_date(d2)}: less than "
                    f"{rules.turnaround_hours} h from wrap to call"
                )
    return None


def _shoot(night: bool) -> str:
    return "night shoot" if night else "day shoot"


def _precedence(problem: Problem, index: Index, view: _View) -> list[Violation]:
    found: list[Violation] = []
    for rule in problem.precedences:
        if rule.before not in view.day_of or rule.after not in view.day_of:
            continue
        k_before, k_after = view.day_of[rule.before], view.day_of[rule.after]
        if k_after > k_before:
            continue
        before, after = index.scenes[rule.before], index.scenes[rule.after]
        reason = f" ({rule.reason})" if rule.reason else ""
        message = (
            f"{after.label} is on {day_name(problem, k_after)}, but must come on a day after "
            f"{before.label} ({day_name(problem, k_before)}){reason}"
        )
        found.append(Violation(Kind.PRECEDENCE, k_after, after.id, message))
    return found


def _weather_cover(problem: Problem, view: _View) -> list[Violation]:
    need = problem.rules.cover_minutes
    if need <= 0:
        return []
    found: list[Violation] = []
    for k, day in enumerate(view.days):
        if not any(s.exterior for s in day):
            continue
        left = _cover_after(view.days, k)
        if left < need:
            message = (
                f"{day_name(problem, k)} shoots exteriors with only {format_minutes(left)} of "
                f"interior cover left for later days; {format_minutes(need)} is needed"
            )
            found.append(Violation(Kind.WEATHER_COVER, k, None, message))
    return found


def _cover_after(days: Sequence[list[SceneSpec]], k: int) -> int:
    return sum(s.minutes for day in days[k + 1 :] for s in day if s.cover)
