"""Benchmark: a weekly cost report over a production's ledger.

Target (budget issue): a cost report over 50,000 actuals and 5,000 purchase orders on about
1,000 accounts in at most 500 ms. The ledger is generated (seeded, so every run is the same);
what is timed is what a report does: working out what is still open on each PO from the
invoices against it, then the report itself. Best of 5 runs.

    .venv/bin/python benchmarks/costreport_bench.py

``measure()`` returns (seconds, actuals) for ``benchmarks/budget.py``.
"""

import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal

from greenlight.budget.costreport import (
    Actual,
    ActualKind,
    BudgetLine,
    EtcOverride,
    Overage,
    PurchaseOrder,
    open_commitments,
    report,
)
from greenlight.budget.model import Section

TARGET_SECONDS = 0.5
ACCOUNTS, ACTUALS, PURCHASE_ORDERS, RUNS = 1_000, 50_000, 5_000, 5
START = date(2025, 1, 6)
PERIOD_START, PERIOD_END = date(2025, 6, 2), date(2025, 6, 8)


Ledger = tuple[
    list[BudgetLine], list[Actual], list[PurchaseOrder], list[EtcOverride], list[Overage]
]


def ledger(seed: int = 2025) -> Ledger:
    """A generated ledger: accounts in 50 categories, POs, invoices (a third against a PO)."""
    rng = random.Random(seed)
    sections = list(Section)
    lines = [
        BudgetLine(
            account_code=f"{1000 + n}",
            account_name=f"Account {n}",
            category_code=f"{1000 + n // 20 * 20}",
            category_name=f"Category {n // 20}",
            section=sections[n // 250],
            budget=Decimal(rng.randrange(10_000, 5_000_000)),
        )
        for n in range(ACCOUNTS)
    ]
    codes = [line.account_code for line in lines] + ["9998", "9999"]  # two unbudgeted
    orders = [
        PurchaseOrder(
            f"PO-{n}",
            rng.choice(codes),
            Decimal(rng.randrange(1_000, 20_000_000)) / 100,
            START + timedelta(days=rng.randrange(150)),
        )
        for n in range(PURCHASE_ORDERS)
    ]
    kinds = list(ActualKind)[:3]
    actuals = []
    for _ in range(ACTUALS):
        po = rng.choice(orders) if rng.random() < 1 / 3 else None
        actuals.append(
            Actual(
                po.account_code if po else rng.choice(codes),
                Decimal(rng.randrange(100, 2_000_000)) / 100,
                START + timedelta(days=rng.randrange(180)),
                rng.choice(kinds),
                f"Vendor {rng.randrange(400)}",
                po.po_ref if po else "",
            )
        )
    overrides = [EtcOverride(code, Decimal(50_000), "estimate") for code in codes[:100:7]]
    overages = [Overage(code, Decimal(10_000), "approved") for code in codes[:200:11]]
    return lines, actuals, orders, overrides, overages


def one_report(data: Ledger) -> int:
    lines, actuals, orders, overrides, overages = data
    commitments = open_commitments(orders, actuals, as_of=PERIOD_END)
    result = report(
        lines,
        actuals,
        commitments,
        overrides,
        overages,
        period_start=PERIOD_START,
        period_end=PERIOD_END,
    )
    return len(result.rows)


def measure() -> tuple[float, int]:
    """Seconds of the best of 5 cost reports over the generated ledger, and the actuals."""
    data = ledger()
    best = float("inf")
    for _ in range(RUNS):
        began = time.perf_counter()
        one_report(data)
        best = min(best, time.perf_counter() - began)
    return best, len(data[1])


def main() -> int:
    seconds, count = measure()
    ratio = TARGET_SECONDS / seconds
    verdict = "PASS" if seconds <= TARGET_SECONDS else "FAIL"
    print(
        f"cost report: {count:,} actuals, {PURCHASE_ORDERS:,} POs, {ACCOUNTS:,} accounts "
        f"(best of {RUNS})"
    )
    print(f"time: {seconds * 1000:.1f} ms   target: <= {TARGET_SECONDS * 1000:.0f} ms")
    print(f"ratio: {ratio:.1f}x under the target   {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
