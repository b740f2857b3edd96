"""Why no schedule exists: a smallest set of named rules that cannot all hold together.

Each rule group of the relaxable model has an enforcement literal. CP-SAT, solving under the
assumption that every group holds, returns a sufficient subset; deletion filtering then drops
each member whose removal still leaves the rest infeasible, so what remains is minimal: take
any one away and the others can be met. Generic rules (the calendar, gaps, day or night) are
tried first, so the explanation keeps the specific ones a producer can act on (pins, days off).
"""

import time
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .problem import Problem
from .shooting_model import ShootingModel
from .shooting_rules import Conflict, Kind

_GENERIC_FIRST = (
    Kind.CALENDAR,
    Kind.NO_GAPS,
    Kind.DAY_NIGHT,
    Kind.WEATHER_COVER,
    Kind.MAX_LOCATIONS,
    Kind.DAY_MINUTES,
    Kind.MAX_EIGHTHS,
    Kind.TURNAROUND,
    Kind.MINOR_HOURS,
    Kind.MINOR_NIGHT,
)

_READING_ORDER = (
    Kind.PINNED,
    Kind.PRECEDENCE,
    Kind.CAST_UNAVAILABLE,
    Kind.CAST_WINDOW,
    Kind.LOCATION_UNAVAILABLE,
    Kind.LOCATION_WINDOW,
    *reversed(_GENERIC_FIRST),
)


@dataclass(frozen=True)
class Explanation:
    """The conflicting rules and whether each was proven necessary within the time allowed."""

    conflicts: tuple[Conflict, ...]
    minimal: bool


def explain(problem: Problem, *, budget: float, seed: int, wall_limit: float) -> Explanation | None:
    """A minimal conflicting set of rules, or None if none could be shown to conflict.

    ``budget`` is deterministic time (see :mod:`.shooting`); ``wall_limit`` a safety net only.
    """
    built = ShootingModel(problem, relaxable=True)
    cores = _Cores(built, budget=budget, seed=seed, wall_limit=wall_limit)
    everything = list(range(len(cores.built.groups)))
    verdict, core = cores.infeasible(everything)
    if verdict is not True:
        return None
    if len(core) < len(everything) and cores.infeasible(core)[0] is not True:
        core = everything  # the solver's subset did not hold up on its own
    found, minimal = _filter(cores, core, refine=True)
    if minimal and cores.infeasible(found)[0] is False:
        found, minimal = _filter(cores, core, refine=False)
    # Read the specific rules first (pins, days off), the general ones (the calendar) last.
    found.sort(key=lambda n: (_READING_ORDER.index(cores.built.groups[n].conflict.kind), n))
    return Explanation(tuple(cores.built.groups[n].conflict for n in found), minimal)


def _generic_rank(kind: str) -> int:
    """0 for the most general rule (the calendar); the most specific kinds rank highest."""
    return _GENERIC_FIRST.index(kind) if kind in _GENERIC_FIRST else len(_GENERIC_FIRST)


def conflict_message(conflicts: Sequence[Conflict]) -> str:
    """One sentence for a producer listing rules that cannot all hold together."""
    if len(conflicts) == 1:
        return f"This cannot hold: {conflicts[0].description}."
    return "These constraints cannot all hold: " + "; ".join(c.description for c in conflicts) + "."


def blocking_message(conflicts: Sequence[Conflict]) -> str:
    """One sentence for a producer listing rules that each fail on their own."""
    return "This cannot be scheduled: " + "; ".join(c.description for c in conflicts) + "."


def _filter(cores: "_Cores", core: list[int], *, refine: bool) -> tuple[list[int], bool]:
    """Deletion filtering: drop each member the others stay infeasible without."""
    groups = cores.built.groups

    minimal = True
    for member in sorted(core, key=lambda n: (_generic_rank(groups[n].conflict.kind), n)):
        if member not in core:
            continue  # already dropped along with another member
        trial = [n for n in core if n != member]
        verdict, smaller = cores.infeasible(trial)
        if verdict is True:
            core = smaller if refine else trial
        elif verdict is None:
            minimal = False  # out of time: keep it, the set still cannot hold
    return sorted(core), minimal


class _Cores:
    """Infeasibility tests of subsets of the rule groups, within one time budget."""

    def __init__(
        self, built: ShootingModel, *, budget: float, seed: int, wall_limit: float
    ) -> None:
        self.built, self.seed = built, seed
        self.deterministic_left = budget
        self.deadline = time.perf_counter() + wall_limit
        self.position = {g.literal.index: n for n, g in enumerate(built.groups)}

    def infeasible(self, members: list[int]) -> tuple[bool | None, list[int]]:
        """(True, a sufficient subset) if proven infeasible; False if feasible; None if unknown."""
        wall_left = self.deadline - time.perf_counter()
        if self.deterministic_left <= 0 or wall_left <= 0:
            return None, members
        model = self.built.model
        model.clear_assumptions()
        model.add_assumptions([self.built.groups[n].literal for n in members])
        solver = cp_model.CpSolver()
        # One worker: its cores are small and its runs repeat exactly for a given seed.
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = self.seed
        solver.parameters.max_deterministic_time = self.deterministic_left
        solver.parameters.max_time_in_seconds = wall_left
        status = solver.solve(model)
        self.deterministic_left -= solver.deterministic_time
        if status == cp_model.INFEASIBLE:
            named = {
                self.position[i]
                for i in solver.sufficient_assumptions_for_infeasibility()
                if i in self.position
            }
            return True, [n for n in members if n in named] or members
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False, members
        return None, members
