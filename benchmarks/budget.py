"""Benchmark: computing a large budget, and (to come) a cost report over many actuals.

Targets (issue 5, "Budgets"): a generated 10,000-line budget with 20 globals (some defined by
others) and 6 fringes (two with a per-person cap, people paid on several lines) recomputes in
at most 250 ms; a cost report over 50,000 actuals in at most 500 ms.

    .venv/bin/python benchmarks/budget.py [--lines 10000] [--runs 5] [--seed 5]

``compute()`` is timed with time.perf_counter: one warm-up call, then the best of ``--runs``.
The budget is generated once (not timed) with a fixed seed: rates are random cents, so nearly
every line has a formula of its own, and amounts mix plain numbers with formulas over the
globals. The headline figure is a cold start: the cache of parsed formulas is emptied before
each timed run, so every formula is parsed again (as after a server restart); the figure with
the cache kept (what an edit and recompute costs) is printed for information.
"""

import argparse
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from greenlight.budget import formulas
from greenlight.budget.jsonformat import dump, load
from greenlight.budget.model import (
    Account,
    Budget,
    Category,
    Contractual,
    Currency,
    DetailLine,
    Fringe,
    FringeKind,
    Global,
    Section,
    Unit,
)
from greenlight.budget.totals import compute

BUDGET_TARGET_MS = 250.0
COST_REPORT_TARGET_MS = 500.0


def make_globals() -> tuple[Global, ...]:
    """20 globals: ten typed, ten defined by others (two levels deep)."""
    typed = [Global(f"G{n}", str(2 + n)) for n in range(8)]
    typed += [Global("SHOOT_DAYS", "40"), Global("PREP_WEEKS", "10")]
    derived = [
        Global("SHOOT_WEEKS", "SHOOT_DAYS / 5"),
        Global("WRAP_WEEKS", "PREP_WEEKS / 4"),
        Global("PAID_WEEKS", "PREP_WEEKS + SHOOT_WEEKS + WRAP_WEEKS"),
        Global("OFFICE_WEEKS", "PAID_WEEKS + 2"),
        Global("CREW_DAYS", "SHOOT_DAYS + PREP_WEEKS * 5"),
        Global("OT_FACTOR", "(G1 + G2) / 10"),
        Global("SECOND_UNIT_DAYS", "SHOOT_DAYS / 4"),
        Global("DAILY_DAYS", "SHOOT_DAYS - SECOND_UNIT_DAYS"),
        Global("KIT_WEEKS", "SHOOT_WEEKS + 1"),
        Global("POST_WEEKS", "G3 * 3 + G4"),
    ]
    return (*typed, *derived)


FRINGES = (
    Fringe(
        "FICA",
        "FICA-OASDI",
        FringeKind.PERCENT,
        Decimal("6.2"),
        Decimal(176100),
        date(2025, 1, 1),
        date(2025, 12, 31),
    ),
    Fringe("MEDI", "Medicare", FringeKind.PERCENT, Decimal("1.45")),
    Fringe("FUTA", "FUTA", FringeKind.PERCENT, Decimal("0.6"), Decimal(7000)),
    Fringe("FEE", "Payroll fee", FringeKind.PERCENT, Decimal("0.5")),
    Fringe("PH-PCT", "P&H percent", FringeKind.PERCENT, Decimal("17.5")),
    Fringe("PH-HOUR", "P&H per hour", FringeKind.FLAT, Decimal("10.00")),
)
FRINGE_SETS = (
    ("FICA", "MEDI", "FUTA", "FEE"),
    ("FICA", "MEDI", "FUTA", "FEE", "PH-PCT"),
    ("FICA", "MEDI", "FUTA", "FEE", "PH-HOUR"),
    (),
)
AMOUNTS = (
    "SHOOT_DAYS",
    "PREP_WEEKS",
    "WRAP_WEEKS",
    "SHOOT_WEEKS + 1",
    "CREW_DAYS",
    "DAILY_DAYS",
    "KIT_WEEKS",
    "POST_WEEKS",
    "OFFICE_WEEKS * OT_FACTOR",
)


def make_line(rng: random.Random, number: int, people: list[str]) -> DetailLine:
    unit = rng.choice((Unit.DAY, Unit.WEEK, Unit.WEEK, Unit.HOUR, Unit.FLAT, Unit.ALLOW))
    fringes = rng.choice(FRINGE_SETS)
    if unit in (Unit.FLAT, Unit.ALLOW) and "PH-HOUR" in fringes:
        fringes = FRINGE_SETS[0]
    labour = bool(fringes)
    amount = rng.choice(AMOUNTS) if rng.random() < 0.6 else str(rng.randint(1, 60))
    return DetailLine(
        description=f"Line {number}",
        amount=amount,
        unit=unit,
        multiplier=str(rng.choice((1, 1, 1, 2, 3, 4))),
        rate=f"{rng.randint(50, 15000)}.{rng.randint(0, 99):02d}",
        currency="GBP" if rng.random() < 0.1 else "",
        fringes=fringes,
        person=rng.choice(people) if labour and rng.random() < 0.7 else "",
        paid_on=date(2025, rng.randint(1, 12), rng.randint(1, 28)) if rng.random() < 0.5 else None,
        key=str(number),
    )


def make_budget(lines: int, seed: int) -> Budget:
    """``lines`` detail lines in 50 categories of 10 accounts, 1,500 people on ~4 lines each."""
    rng = random.Random(seed)
    people = [f"Person {n}" for n in range(max(1, lines * 3 // 20))]
    sections = (Section.ATL, Section.BTL, Section.BTL, Section.POST, Section.OTHER)
    per_account = max(1, lines // 500)
    number = 0
    categories = []
    for c in range(50):
        accounts = []
        for a in range(10):
            mine = []
            for _ in range(per_account):
                number += 1
                mine.append(make_line(rng, number, people))
            accounts.append(Account(f"{1000 + c * 100 + a}", f"Account {c}-{a}", tuple(mine)))
        categories.append(
            Category(str(1000 + c * 100), f"Category {c}", sections[c % 5], tuple(accounts))
        )
    return Budget(
        title="Benchmark",
        currency="USD",
        categories=tuple(categories),
        globals=make_globals(),
        fringes=FRINGES,
        currencies=(Currency("GBP", Decimal("1.2714")),),
        contractuals=(
            Contractual("CONT", "Contingency", Decimal(10)),
            Contractual(
                "BOND", "Completion bond", Decimal(3), ("atl", "btl", "post", "other", "CONT")
            ),
        ),
    )


def best_ms(call: Callable[[], object], runs: int, before: Callable[[], None]) -> float:
    call()  # warm-up
    timings = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        call()
        timings.append(time.perf_counter() - start)
    return min(timings) * 1000


def cost_report_benchmark() -> float | None:
    """Best time in ms of a cost report over 50,000 actuals and 5,000 POs on 1,000 accounts
    (``costreport_bench.measure``: best of 5 after a warm-up)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from costreport_bench import measure  # noqa: PLC0415 - a sibling script, not a package

    seconds, _count = measure()
    return seconds * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000, help="detail lines (default 10000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs, best kept (default 5)")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    budget = make_budget(args.lines, args.seed)
    count = sum(len(a.lines) for c in budget.categories for a in c.accounts)
    computed = compute(budget)
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs; best of {args.runs} runs"
        " after a warm-up"
    )
    print(
        f"budget: {count:,} lines, {len(budget.globals)} globals, {len(budget.fringes)} fringes"
        f" (2 capped), {len({line.line.person for line in computed.lines} - {''}):,} people;"
        f" grand total {computed.grand_total:,} {computed.currency}"
    )
    warm = best_ms(lambda: compute(budget), args.runs, lambda: None)
    cold = best_ms(lambda: compute(budget), args.runs, formulas.clear_cache)
    ok = cold <= BUDGET_TARGET_MS
    print(f"compute, formulas parsed before:   {warm:8.1f} ms")
    print(
        f"compute, cold (parse cache empty): {cold:8.1f} ms   target <= {BUDGET_TARGET_MS:.0f} ms"
        f"   ratio {cold / BUDGET_TARGET_MS:.2f}   {'PASS' if ok else 'FAIL'}"
    )
    text = dump(budget)
    dumped = best_ms(lambda: dump(budget), args.runs, lambda: None)
    loaded = best_ms(lambda: load(text, source="benchmark"), args.runs, formulas.clear_cache)
    print(
        f"for information: JSON file {len(text) / 1e6:.1f} MB, dump {dumped:.1f} ms,"
        f" load and check {loaded:.1f} ms"
    )
    report = cost_report_benchmark()
    if report is None:
        print("cost report: not measured yet")
    else:
        report_ok = report <= COST_REPORT_TARGET_MS
        ok = ok and report_ok
        print(
            f"cost report, 50,000 actuals:       {report:8.1f} ms   target <="
            f" {COST_REPORT_TARGET_MS:.0f} ms   ratio {report / COST_REPORT_TARGET_MS:.2f}"
            f"   {'PASS' if report_ok else 'FAIL'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
