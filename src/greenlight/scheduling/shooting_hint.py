"""A quick first-fit schedule, location by location, to start CP-SAT near a good board. Pure.

It respects the rules that one day and its neighbours decide (capacity, day or night,
availability, minors, turnaround, pins, precedence), then holds interior cover back for the
weather; gaps it ignores. The solver repairs what it misses: a hint guides, never constrains.
"""

import heapq

from .problem import Problem, SceneSpec
from .shooting_rules import (
    Index,
    cast_available,
    location_available,
    minor_limit,
    nominal_length,
    rest_is_enough,
    shot_minutes,
)


def greedy_days(problem: Problem, index: Index) -> list[list[str]]:
    """Scene ids per date: each scene on the earliest date it fits, location by location."""
    days: list[list[SceneSpec]] = [[] for _ in problem.dates]
    placed: dict[str, int] = {}
    date_index = {d.date: k for k, d in enumerate(problem.dates)}
    before: dict[str, list[str]] = {}
    for rule in problem.precedences:
        before.setdefault(rule.after, []).append(rule.before)
    for scene in _first_fit_order(problem, index):
        earliest = max((placed[b] + 1 for b in before.get(scene.id, []) if b in placed), default=0)
        if scene.pinned is not None:
            choices = [date_index[scene.pinned]] if scene.pinned in date_index else []
        else:
            choices = list(range(earliest, len(days)))
        fitting = [k for k in choices if _fits(problem, index, days, k, scene)]
        # Join a day already at this location if one fits: no extra company move.
        staying = [k for k in fitting if any(s.location == scene.location for s in days[k])]
        if fitting:
            k = (staying or fitting)[0]
            days[k].append(scene)
            placed[scene.id] = k
    _hold_back_cover(problem, index, days)
    return [[s.id for s in day] for day in days]


def _hold_back_cover(problem: Problem, index: Index, days: list[list[SceneSpec]]) -> None:
    """Move interior cover scenes after the last exterior day until the reserve is met."""
    need = problem.rules.cover_minutes
    outside = [k for k, day in enumerate(days) if any(s.exterior for s in day)]
    if need <= 0 or not outside:
        return
    last = outside[-1]  # the reserve after the last exterior day is the smallest one
    kept = sum(s.minutes for day in days[last + 1 :] for s in day if s.cover)
    anchored = {rule.before for rule in problem.precedences}  # moving these later could break
    for k in range(last + 1):
        for scene in [s for s in days[k] if s.cover and not s.exterior]:
            if kept >= need:
                return
            if scene.pinned is not None or scene.id in anchored:
                continue
            days[k].remove(scene)
            later = [j for j in range(last + 1, len(days)) if _fits(problem, index, days, j, scene)]
            days[later[0] if later else k].append(scene)
            kept += scene.minutes if later else 0


def _first_fit_order(problem: Problem, index: Index) -> list[SceneSpec]:
    """Predecessors first; among the ready: pinned, day before night, location, problem order."""
    rank = {loc: n for n, loc in enumerate(index.locations)}
    waiting = {s.id: 0 for s in problem.scenes}
    after: dict[str, list[str]] = {}
    for rule in problem.precedences:
        waiting[rule.after] += 1
        after.setdefault(rule.before, []).append(rule.after)

    # Nights last, so they share a block at the end instead of breaking everyone's turnaround.
    def key(scene: SceneSpec) -> tuple[bool, bool, int, int]:
        return scene.pinned is None, scene.night, rank[scene.location], index.position[scene.id]

    ready = [(key(s), s.id) for s in problem.scenes if not waiting[s.id]]
    heapq.heapify(ready)
    order: list[SceneSpec] = []
    while ready:
        _, scene_id = heapq.heappop(ready)
        order.append(index.scenes[scene_id])
        for later in after.get(scene_id, []):
            waiting[later] -= 1
            if not waiting[later]:
                heapq.heappush(ready, (key(index.scenes[later]), later))
    return order


def _fits(
    problem: Problem, index: Index, days: list[list[SceneSpec]], k: int, scene: SceneSpec
) -> bool:
    rules, when = problem.rules, problem.dates[k]
    trial = [*days[k], scene]
    if days[k] and days[k][0].night != scene.night:
        return False
    pages = sum(s.eighths for s in trial)
    if rules.max_eighths_per_day is not None and pages > rules.max_eighths_per_day:
        return False
    if rules.day_minutes is not None and shot_minutes(rules, trial) > rules.day_minutes:
        return False
    if len({s.location for s in trial}) > rules.max_locations_per_day:
        return False
    if not location_available(index.location_specs.get(scene.location), when.date):
        return False
    for cast in (index.cast[c] for c in scene.cast):
        if not cast_available(cast, when.date):
            return False
        limit = minor_limit(rules, cast.minor_age, when.school_day)
        worked = sum(s.minutes for s in trial if cast.id in s.cast)
        if limit is not None and (scene.night or worked > limit):
            return False
    days[k].append(scene)  # try it in place: the neighbours' rest depends on the new day
    rested = all(_rested(problem, days, j) for j in (k - 1, k) if 0 <= j < len(days) - 1)
    days[k].pop()
    return rested


def _rested(problem: Problem, days: list[list[SceneSpec]], k: int) -> bool:
    """Whether everyone working days ``k`` and ``k + 1`` gets their turnaround."""
    first, then = days[k], days[k + 1]
    if not first or not then:
        return True
    rules = problem.rules
    length = nominal_length(rules, shot_minutes(rules, first))
    d1, d2 = problem.dates[k].date, problem.dates[k + 1].date
    if rest_is_enough(rules, d1, first[0].night, length, d2, then[0].night):
        return True
    return not ({c for s in first for c in s.cast} & {c for s in then for c in s.cast})
