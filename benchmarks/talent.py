"""Benchmark: the exact talent scheduler against a plain CP-SAT model, instance by instance.

Targets (issue "Scheduling", part 1): every film instance (MobStory and films 103-119, each copy)
proven optimal in at most 1 s; the 20 x 20 instances (Shaw2020, Warwick1201) in at most 10 s;
over all instances, at least 10 times faster in total than CP-SAT.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/talent.py [--cp-sat-limit 60] [--workers 2] [--runs 3] [--only NAME]

Ours: median wall time of ``--runs`` calls of ``solve`` (file reading not timed). CP-SAT: one
solve of the model below with a time limit; a CP-SAT time-out counts as the limit, so the ratio
is then a lower bound. The CP-SAT model is the plain position model: a permutation of scene
positions, scene start days by prefix sums of durations, per actor the first and last day, and
the objective sum(cost * (last - first + 1)); no preprocessing, no symmetry breaking.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from greenlight.scheduling.talent import TalentInstance, solve
from greenlight.scheduling.talent_formats import read_talent

try:
    import ortools
    from ortools.sat.python import cp_model
except ImportError:  # pragma: no cover - the bench extra is not installed
    sys.exit("OR-Tools is not installed: .venv/bin/pip install -e '.[bench]'")

DATA = Path(__file__).resolve().parents[2] / "shared/data/talent"
FILM_LIMIT, BIG_LIMIT, TOTAL_RATIO = 1.0, 10.0, 10.0
FILMS = ("MobStory", "film1_from_spec", *(f"film{n}" for n in (103, 105, 114, 116, 117, 118, 119)))
BIG = ("Shaw2020", "Warwick1201")


@dataclass(frozen=True)
class Row:
    name: str
    instance: TalentInstance
    ours_cost: int
    ours_optimal: bool
    ours_seconds: float
    nodes: int
    cp_cost: int | None
    cp_status: str
    cp_seconds: float


def cp_sat(instance: TalentInstance, limit: float, workers: int) -> tuple[int | None, str, float]:
    """Total cost, status name and wall time of the CP-SAT position model (see the module)."""
    n = instance.scene_count
    model = cp_model.CpModel()
    position = [model.new_int_var(0, max(n - 1, 0), f"pos{s}") for s in range(n)]
    model.add_all_different(position)
    at = [[model.new_bool_var(f"at{s}_{k}") for k in range(n)] for s in range(n)]
    for s in range(n):  # channel positions to booleans: a permutation matrix
        model.add_exactly_one(at[s])
        model.add(sum(k * at[s][k] for k in range(n)) == position[s])
    for k in range(n):
        model.add_exactly_one(at[s][k] for s in range(n))
    if n >= 2:
        model.add(position[0] < position[n - 1])  # an order and its reverse cost the same
    cost = [_actor_cost(model, instance, position, actor) for actor in range(instance.actor_count)]
    model.minimize(sum(cost))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = workers
    began = time.perf_counter()
    status = solver.solve(model)
    seconds = time.perf_counter() - began
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return (round(solver.objective_value) if found else None), solver.status_name(status), seconds


def _actor_cost(
    model: cp_model.CpModel, instance: TalentInstance, position: list[cp_model.IntVar], actor: int
) -> cp_model.LinearExprT:
    """cost * (last day - first day + 1): own days, plus each other scene shot between the
    actor's first and last scene (positions strictly between first and last)."""
    scenes = instance.scenes_of(actor)
    rate = instance.costs[actor]
    if not scenes:
        return 0
    n = instance.scene_count
    first = model.new_int_var(0, n - 1, f"first{actor}")
    last = model.new_int_var(0, n - 1, f"last{actor}")
    model.add_min_equality(first, [position[s] for s in scenes])
    model.add_max_equality(last, [position[s] for s in scenes])
    waiting = []
    for s in set(range(n)) - set(scenes):
        after_first, before_last = model.new_bool_var(""), model.new_bool_var("")
        model.add(position[s] > first).only_enforce_if(after_first)
        model.add(position[s] <= first).only_enforce_if(~after_first)
        model.add(position[s] < last).only_enforce_if(before_last)
        model.add(position[s] >= last).only_enforce_if(~before_last)
        on = model.new_bool_var(f"on{actor}_{s}")
        model.add_bool_and([after_first, before_last]).only_enforce_if(on)
        model.add_bool_or([~after_first, ~before_last]).only_enforce_if(~on)
        waiting.append(instance.durations[s] * on)
    return rate * (sum(instance.durations[s] for s in scenes) + sum(waiting))


def ours(instance: TalentInstance, runs: int) -> tuple[int, bool, float, int]:
    times, solution = [], None
    for _ in range(runs):
        began = time.perf_counter()
        solution = solve(instance)
        times.append(time.perf_counter() - began)
    assert solution is not None
    return solution.total_cost, solution.optimal, statistics.median(times), solution.nodes


def measure(path: Path, args: argparse.Namespace) -> Row:
    instance = read_talent(path)
    cost, optimal, seconds, nodes = ours(instance, args.runs)
    cp_cost, cp_status, cp_seconds = cp_sat(instance, args.cp_sat_limit, args.workers)
    name = str(path.relative_to(args.data))
    return Row(name, instance, cost, optimal, seconds, nodes, cp_cost, cp_status, cp_seconds)


def target(row: Row) -> tuple[str, float] | None:
    """The per-instance time target that applies to ``row``, if any: (label, seconds)."""
    stem = Path(row.name).name.split(".")[0]
    if stem in FILMS:
        return "film", FILM_LIMIT
    if stem in BIG:
        return "20x20", BIG_LIMIT
    return None


HEADER = (
    f"{'instance':40} {'n':>3} {'m':>3} | {'ours C':>7} {'proven':>6} {'s':>8} {'nodes':>7} |"
    f" {'CP-SAT C':>8} {'status':>8} {'s':>8} | {'ratio':>7} | target"
)


def report(row: Row) -> bool:
    """Print one instance's line; whether it meets its target (and agrees with CP-SAT)."""
    agree = row.cp_status != "OPTIMAL" or row.cp_cost == row.ours_cost
    limit = target(row)
    verdict, passed = "", agree
    if limit is not None:
        ok = row.ours_optimal and row.ours_seconds <= limit[1] and agree
        verdict = f"{limit[0]} <= {limit[1]:g} s {'PASS' if ok else 'FAIL'}"
        passed = ok
    if not agree:
        verdict += "  DISAGREES WITH CP-SAT"
    prefix = ">=" if row.cp_status != "OPTIMAL" else "  "
    ratio = row.cp_seconds / max(row.ours_seconds, 1e-9)
    cp_cost = "-" if row.cp_cost is None else str(row.cp_cost)
    print(
        f"{row.name:40} {row.instance.scene_count:>3} {row.instance.actor_count:>3} |"
        f" {row.ours_cost:>7} {'yes' if row.ours_optimal else 'NO':>6}"
        f" {row.ours_seconds:>8.3f} {row.nodes:>7} | {cp_cost:>8} {row.cp_status:>8}"
        f" {row.cp_seconds:>8.2f} | {prefix}{ratio:>5.0f}x | {verdict}",
        flush=True,
    )
    return passed


def summary(rows: list[Row], limit: float) -> bool:
    """Print the totals; whether ours is at least TOTAL_RATIO times faster than CP-SAT."""
    ours_total = sum(row.ours_seconds for row in rows)
    cp_total = sum(row.cp_seconds for row in rows)
    ratio = cp_total / ours_total
    timed_out = sum(1 for row in rows if row.cp_status != "OPTIMAL")
    ok = ratio >= TOTAL_RATIO
    print(
        f"total: ours {ours_total:.2f} s, CP-SAT {cp_total:.2f} s ({timed_out} of {len(rows)} not"
        f" proven within {limit:g} s, counted at the time used), ratio {ratio:.1f}x;"
        f" target >= {TOTAL_RATIO:g}x {'PASS' if ok else 'FAIL'}"
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder of instance files")
    parser.add_argument("--cp-sat-limit", type=float, default=60.0, help="seconds per instance")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT workers (default 2)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of ours (median)")
    parser.add_argument("--only", action="append", default=[], help="instances whose path has this")
    args = parser.parse_args(argv)
    paths = sorted(
        p
        for p in args.data.rglob("*")
        if p.is_file()
        and p.name != "README.md"
        and (not args.only or any(o in str(p) for o in args.only))
    )
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs; ours: median of {args.runs}"
        f" runs, one thread; CP-SAT (OR-Tools {ortools.__version__}): {args.workers} workers,"
        f" limit {args.cp_sat_limit:g} s per instance"
    )
    print(HEADER, flush=True)
    rows, passed = [], True
    for path in paths:
        rows.append(measure(path, args))
        passed = report(rows[-1]) and passed
    return 0 if summary(rows, args.cp_sat_limit) and passed else 1


if __name__ == "__main__":
    sys.exit(main())
