"""The shooting-schedule optimiser: scenes to shoot days under every hard rule, with CP-SAT. Pure.

:func:`solve` checks the input, refuses what can obviously never be scheduled, then searches
with CP-SAT from a greedy first-fit board and returns the best board found in the time allowed,
its costs (:func:`~.evaluate.evaluate`), the proven bound and the gap. When no board exists it
names a minimal set of rules that cannot all hold (:mod:`.shooting_conflicts`).

Runs repeat exactly for a given seed: the time limit is CP-SAT's deterministic time (a count of
work, close to seconds on an idle 2-core machine, two or three times that on a busy one), never
the wall clock, and the workers take turns (``interleave_search``) instead of racing. Turns end
at task boundaries, so a run may overrun by a fraction of a second of that work. A wall-clock
limit of five times ``time_limit`` stays only as a safety net; hitting it would cost exactness.
"""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from ortools.sat.python import cp_model

from .evaluate import Costs, evaluate
from .problem import Board, Problem
from .shooting_conflicts import blocking_message, conflict_message, explain
from .shooting_hint import greedy_days
from .shooting_input import obvious_conflicts, problems_in
from .shooting_model import ShootingModel
from .shooting_rules import Conflict, order_board

__all__ = ["Conflict", "Progress", "Solution", "Status", "solve"]

# Wall-clock safety net as a multiple of the limit. Generous: on a busy machine a deterministic
# second takes two or three real ones, and hitting this net is what would break repeatability.
_WALL_GUARD = 5.0
_SUBSOLVERS = ("core", "no_lp", "default_lp")
_EXPLAIN_SHARE = 0.25  # least share of the time limit kept for explaining an infeasibility


class Status(StrEnum):
    OPTIMAL = "optimal"  # proven best
    FEASIBLE = "feasible"  # a board that holds every rule, maybe not the best
    INFEASIBLE = "infeasible"  # no board can hold every rule; see Solution.conflicts
    UNKNOWN = "unknown"  # no board found within the time limit, none ruled out either
    INVALID = "invalid"  # bad input; see Solution.message


@dataclass(frozen=True)
class Progress:
    """An improving board found during the search."""

    solutions: int  # improving boards so far
    objective: int
    bound: int
    seconds: float


@dataclass(frozen=True)
class Solution:
    """What :func:`solve` found, and how far from proven best it may be."""

    status: Status
    board: Board
    costs: Costs | None
    objective: int | None
    bound: int | None
    gap: float | None  # (objective - bound) / max(1, |objective|)
    seconds: float
    conflicts: tuple[Conflict, ...]
    message: str


def solve(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    workers: int = 2,
    on_progress: Callable[[Progress], None] | None = None,
) -> Solution:
    """The cheapest board found within ``time_limit``; never raises for bad input."""
    started = time.perf_counter()
    wrong = problems_in(problem) + _argument_problems(time_limit, seed, workers)
    if wrong:
        message = "Cannot schedule: " + "; ".join(wrong) + "."
        return _without_board(Status.INVALID, started, message)
    blocking = obvious_conflicts(problem)
    if blocking:
        return _without_board(
            Status.INFEASIBLE, started, blocking_message(blocking), tuple(blocking)
        )
    if not problem.scenes:
        return _with_board(problem, [], Status.OPTIMAL, (0, 0), started)
    return _search(problem, time_limit, seed, workers, on_progress, started)


def _search(
    problem: Problem,
    time_limit: float,
    seed: int,
    workers: int,
    on_progress: Callable[[Progress], None] | None,
    started: float,
) -> Solution:
    """Run CP-SAT from the greedy board and turn its answer into a :class:`Solution`."""
    built = ShootingModel(problem)
    built.hint(greedy_days(problem, built.index))
    solver = _solver(time_limit, seed, workers)
    reporter = _Reporter(on_progress, started) if on_progress is not None else None
    status = solver.solve(built.model, reporter)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        objective = round(solver.objective_value)
        bound = objective if status == cp_model.OPTIMAL else _bound(solver.best_objective_bound)
        found = Status.OPTIMAL if status == cp_model.OPTIMAL else Status.FEASIBLE
        scores = (objective, min(bound, objective))
        return _with_board(problem, _board(built, solver), found, scores, started)
    if status == cp_model.INFEASIBLE:
        budget = max(time_limit - solver.deterministic_time, _EXPLAIN_SHARE * time_limit)
        return _explained(problem, budget, seed, started)
    if status == cp_model.MODEL_INVALID:  # a bug of ours, not of the input: say so plainly
        message = f"Internal error, the schedule model is invalid: {built.model.validate()}"
        return _without_board(Status.INVALID, started, message)
    message = f"No schedule found within {time_limit:g} s; allow more time"
    return _without_board(Status.UNKNOWN, started, message)


def _argument_problems(time_limit: float, seed: int, workers: int) -> list[str]:
    found = []
    if not time_limit > 0 or math.isinf(time_limit):
        found.append(f"the time limit must be a positive number of seconds, not {time_limit}")
    if not 0 <= seed < 2**31:  # CP-SAT's seed is a 32-bit integer
        found.append(f"the seed must be a whole number from 0 to 2147483647, not {seed}")
    if workers < 1:
        found.append(f"workers must be at least 1, not {workers}")
    return found


def _solver(time_limit: float, seed: int, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.random_seed = seed
    params.num_workers = workers
    # Workers take turns in fixed batches instead of racing: the same run every time.
    params.interleave_search = True
    # A lean portfolio (plus the LNS workers CP-SAT adds): the default one spends its first
    # batches in slow LP chunks and finds far worse boards within a few seconds.
    params.subsolvers.extend(_SUBSOLVERS)
    params.interleave_batch_size = workers  # one task per worker a batch: finer time steps
    params.max_deterministic_time = time_limit
    params.max_time_in_seconds = _WALL_GUARD * (time_limit + 1)
    return solver


def _bound(value: float) -> int:
    """The solver's float bound as an integer the objective cannot go below."""
    return math.ceil(value - 1e-6)


def _board(built: ShootingModel, solver: cp_model.CpSolver) -> Board:
    days = built.scene_days(solver.boolean_value)
    while days and not days[-1]:
        days.pop()
    return order_board(built.index, days)


def _with_board(
    problem: Problem, board: Board, status: Status, scores: tuple[int, int], started: float
) -> Solution:
    objective, bound = scores
    costs = evaluate(problem, board)
    gap = (objective - bound) / max(1, abs(objective))
    scenes = f"{len(problem.scenes)} scene" + ("" if len(problem.scenes) == 1 else "s")
    days = f"{len(board)} shoot day" + ("" if len(board) == 1 else "s")
    word = "proven best" if status == Status.OPTIMAL else f"{gap:.1%} from the proven bound"
    message = f"{scenes} on {days}, {word}"
    return Solution(
        status, board, costs, objective, bound, gap, time.perf_counter() - started, (), message
    )


def _without_board(
    status: Status, started: float, message: str, conflicts: tuple[Conflict, ...] = ()
) -> Solution:
    seconds = time.perf_counter() - started
    return Solution(status, [], None, None, None, None, seconds, conflicts, message)


def _explained(problem: Problem, budget: float, seed: int, started: float) -> Solution:
    wall_limit = _WALL_GUARD * (budget + 1)
    explanation = explain(problem, budget=budget, seed=seed, wall_limit=wall_limit)
    if explanation is None or not explanation.conflicts:
        message = "No schedule can hold every rule (the conflicting rules could not be isolated)"
        return _without_board(Status.INFEASIBLE, started, message)
    message = conflict_message(explanation.conflicts)
    if not explanation.minimal:
        message += " (Time ran out before this list could be shortened further.)"
    return _without_board(Status.INFEASIBLE, started, message, explanation.conflicts)


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Passes each improving board's objective and bound to the caller."""

    def __init__(self, report: Callable[[Progress], None], started: float) -> None:
        super().__init__()
        self.report, self.started = report, started
        self.count, self.best = 0, math.inf

    def on_solution_callback(self) -> None:
        objective = round(self.objective_value)
        if objective >= self.best:
            return
        self.count, self.best = self.count + 1, objective
        bound = min(_bound(self.best_objective_bound), objective)
        seconds = time.perf_counter() - self.started
        self.report(Progress(self.count, objective, bound, seconds))
