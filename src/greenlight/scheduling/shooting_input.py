"""What the shooting optimiser refuses before it builds a model. Pure.

:func:`problems_in` finds bad input (the producer must fix the data, status INVALID);
:func:`obvious_conflicts` finds rules that one scene or one person can never meet, which a
sentence explains better than a search for the smallest conflicting set of constraints.
"""

from collections.abc import Iterator
from datetime import date

from .problem import Problem, Rules, SceneSpec, Weights
from .shooting_rules import (
    Conflict,
    Index,
    Kind,
    cast_available,
    cast_label,
    format_date,
    format_minutes,
    format_pages,
    join_labels,
    location_available,
    minor_limit,
)

_MAX_REPORTED = 10  # enough to fix a batch of mistakes without drowning the message


def problems_in(problem: Problem) -> list[str]:
    """What is wrong with ``problem`` as input, each naming the field and where; [] if nothing."""
    found = [
        *_date_problems(problem),
        *_scene_problems(problem),
        *_people_problems(problem),
        *_precedence_problems(problem),
        *_number_problems(problem.rules, problem.weights),
    ]
    return found[:_MAX_REPORTED]


def _date_problems(problem: Problem) -> Iterator[str]:
    for earlier, later in zip(problem.dates, problem.dates[1:], strict=False):
        if later.date <= earlier.date:
            yield (
                f"shoot dates must be in order without repeats: {format_date(later.date)} "
                f"comes after {format_date(earlier.date)}"
            )


def _scene_problems(problem: Problem) -> Iterator[str]:
    seen: set[str] = set()
    cast_ids = {c.id for c in problem.cast}
    for n, scene in enumerate(problem.scenes, start=1):
        where = f"scene {n} ({scene.label or repr(scene.id)})"
        if not scene.id:
            yield f"{where} has no id"
        elif scene.id in seen:
            yield f"{where}: the id {scene.id!r} is used by another scene"
        seen.add(scene.id)
        for field in ("eighths", "minutes"):
            if getattr(scene, field) < 0:
                yield f"{where}: {field} cannot be negative ({getattr(scene, field)})"
        for cast_id in scene.cast:
            if cast_id not in cast_ids:
                yield f"{where} needs cast {cast_id!r}, who is not in the cast list"


def _people_problems(problem: Problem) -> Iterator[str]:
    seen: set[str] = set()
    for cast in problem.cast:
        if cast.id in seen:
            yield f"cast {cast.id!r} is listed twice"
        seen.add(cast.id)
        if cast.daily_rate < 0:
            yield f"cast {cast.id!r}: daily rate cannot be negative ({cast.daily_rate})"
        if cast.minor_age is not None and cast.minor_age < 0:
            yield f"cast {cast.id!r}: age cannot be negative ({cast.minor_age})"
        if _reversed(cast.available_from, cast.available_to):
            yield f"cast {cast.id!r}: available from a date after available to"
    names: set[str] = set()
    for spec in problem.locations:
        if spec.name in names:
            yield f"location {spec.name!r} is listed twice"
        names.add(spec.name)
        if _reversed(spec.available_from, spec.available_to):
            yield f"location {spec.name!r}: available from a date after available to"


def _reversed(start: date | None, end: date | None) -> bool:
    return start is not None and end is not None and start > end


def _precedence_problems(problem: Problem) -> Iterator[str]:
    ids = {s.id for s in problem.scenes}
    edges: dict[str, list[str]] = {}
    for n, rule in enumerate(problem.precedences, start=1):
        unknown = [i for i in (rule.before, rule.after) if i not in ids]
        if unknown:
            yield f"precedence {n} names scene {unknown[0]!r}, which is not in the schedule"
        elif rule.before == rule.after:
            yield f"precedence {n} asks scene {rule.before!r} to come after itself"
        else:
            edges.setdefault(rule.before, []).append(rule.after)
    cycle = _find_cycle(edges)
    if cycle:
        labels = {s.id: s.label or s.id for s in problem.scenes}
        path = " then ".join(labels[i] for i in cycle)
        yield f"precedences go round in a circle: {path}"


def _find_cycle(edges: dict[str, list[str]]) -> list[str]:
    """One cycle in the precedence graph as a closed path of scene ids, or [] if none."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    for root in sorted(edges):
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(edges.get(root, [])))]
        if state.get(root):
            continue
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                path = [n for n, _ in stack]
                return [*path[path.index(child) :], child]
            elif not state.get(child):
                state[child] = 1
                stack.append((child, iter(edges.get(child, []))))
    return []


def _number_problems(rules: Rules, weights: Weights) -> Iterator[str]:
    for owner, values in (
        ("weights", vars(weights)),
        ("rules", {k: v for k, v in vars(rules).items() if k != "minor_limits"}),
    ):
        for field, value in values.items():
            if value is not None and value < 0:
                yield f"{owner}.{field} cannot be negative ({value})"
    if rules.max_locations_per_day < 1:
        yield "rules.max_locations_per_day must be at least 1"
    for field in ("day_call_minute", "night_call_minute"):
        if not 0 <= getattr(rules, field) < 24 * 60:
            yield f"rules.{field} must be a minute of the day, 0 to 1439"
    for band in rules.minor_limits:
        if len(band) != 3 or any(v < 0 for v in band):
            yield f"rules.minor_limits: {band} is not (max age, school minutes, other minutes)"


def obvious_conflicts(problem: Problem) -> list[Conflict]:
    """Rules a single scene can never meet whatever else happens (input assumed valid)."""
    if problem.scenes and not problem.dates:
        return [Conflict(Kind.CALENDAR, "calendar", "There are no shoot dates")]
    index = Index.of(problem)
    found: list[Conflict] = []
    for scene in problem.scenes:
        found += _too_long(problem.rules, scene)
        found += _pinned_off_calendar(problem, scene)
        found += _never_available(problem, index, scene)
        found += _minor_cannot(problem, index, scene)
    first_of_each = {c.name: c for c in reversed(found)}  # one per rule, its first occurrence
    return [c for c in found if first_of_each[c.name] is c]


def _too_long(rules: Rules, scene: SceneSpec) -> list[Conflict]:
    found = []
    if rules.day_minutes is not None and scene.minutes > rules.day_minutes:
        text = (
            f"{scene.label} needs {format_minutes(scene.minutes)}, longer than the "
            f"{format_minutes(rules.day_minutes)} shooting day"
        )
        found.append(Conflict(Kind.DAY_MINUTES, f"day_minutes:{scene.label}", text))
    if rules.max_eighths_per_day is not None and scene.eighths > rules.max_eighths_per_day:
        text = (
            f"{scene.label} has {format_pages(scene.eighths)}, more than the "
            f"{format_pages(rules.max_eighths_per_day)} allowed in a day"
        )
        found.append(Conflict(Kind.MAX_EIGHTHS, f"max_eighths:{scene.label}", text))
    return found


def _pinned_off_calendar(problem: Problem, scene: SceneSpec) -> list[Conflict]:
    if scene.pinned is None or scene.pinned in {d.date for d in problem.dates}:
        return []
    text = f"{scene.label} is pinned to {format_date(scene.pinned)}, which is not a shoot date"
    return [Conflict(Kind.PINNED, f"pinned:{scene.label}", text)]


def _never_available(problem: Problem, index: Index, scene: SceneSpec) -> list[Conflict]:
    cast = [index.cast[c] for c in scene.cast]
    spec = index.location_specs.get(scene.location)

    def free(when: date) -> bool:
        return all(cast_available(c, when) for c in cast) and location_available(spec, when)

    if any(free(d.date) for d in problem.dates):
        return []
    dates = [d.date for d in problem.dates]
    nobody = [cast_label(c) for c in cast if not any(cast_available(c, d) for d in dates)]
    if spec is not None and not any(location_available(spec, d) for d in dates):
        nobody.append(scene.location)
    if len(nobody) == 1:
        text = f"{nobody[0]} is available on none of the shoot dates, but {scene.label} needs them"
    else:
        needed = [cast_label(c) for c in cast] + ([scene.location] if spec is not None else [])
        text = f"No shoot date has {join_labels(needed)} all available for {scene.label}"
    return [Conflict(Kind.AVAILABILITY, f"availability:{scene.label}", text)]


def _minor_cannot(problem: Problem, index: Index, scene: SceneSpec) -> list[Conflict]:
    found = []
    for cast in (index.cast[c] for c in scene.cast):
        if cast.minor_age is None or minor_limit(problem.rules, cast.minor_age, False) is None:
            continue
        if scene.night:
            text = f"{scene.label} is a night scene, and {cast_label(cast)} is a minor"
            found.append(Conflict(Kind.MINOR_NIGHT, f"minor_night:{cast.id}", text))
        best = max(
            minor_limit(problem.rules, cast.minor_age, d.school_day) or 0 for d in problem.dates
        )
        if scene.minutes > best:
            text = (
                f"{scene.label} needs {format_minutes(scene.minutes)}, but {cast_label(cast)}, "
                f"aged {cast.minor_age}, may work at most {format_minutes(best)} a day"
            )
            found.append(Conflict(Kind.MINOR_HOURS, f"minor_hours:{cast.id}", text))
    return found
