"""The weekly cost report: budget against actuals, open POs and estimates to complete. Pure.

Columns are the ones production accountants send to the studio and the completion guarantor
(Periscope, Showbiz): locked budget, approved overages, final budget, actual this period,
actual to date (ATD), open PO commitments, total cost, estimate to complete (ETC), estimated
final cost (EFC = ATD + POs + ETC) and the variance against the final budget.

Decisions:

* ETC defaults to ``max(0, final budget - ATD - committed)``: an account is assumed to spend
  its final budget (locked + approved overages) unless the accountant overrides the ETC, with a
  note. An override is never negative, so ETC >= 0 always holds.
* Variance = final budget - EFC; negative is over budget. Variance % is of the final budget,
  to one decimal place; ``None`` where the final budget is zero.
* Every cost is reported on the account it is coded to. Costs on accounts that are not in the
  budget get their own rows, flagged ``unbudgeted``, under the category and section
  :data:`UNBUDGETED`, so nothing is ever dropped and totals still equal the sum of the rows.
* Actuals dated after the period end are not in this report (they belong to a later one).
* Amounts are summed exactly; nothing is rounded (inputs are already in cents).
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from greenlight.budget.model import Section

ZERO = Decimal(0)
UNBUDGETED = "unbudgeted"  # category and section code of accounts that are not in the budget
UNBUDGETED_NAME = "Not in the budget"
_TENTH = Decimal("0.1")
_HUNDRED = Decimal(100)


class ActualKind(StrEnum):
    INVOICE = "invoice"
    EXPENSE = "expense"  # petty cash, card spend, reimbursements
    PAYROLL = "payroll"
    CREDIT = "credit"  # a vendor credit note or refund: a negative amount


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One account's locked budget, with where it sits on the topsheet."""

    account_code: str
    account_name: str
    category_code: str
    category_name: str
    section: Section
    budget: Decimal


@dataclass(frozen=True, slots=True)
class Actual:
    """A cost incurred, in the base currency, coded to the account it truly belongs to."""

    account_code: str
    amount: Decimal
    on: date
    kind: ActualKind = ActualKind.INVOICE
    vendor: str = ""
    po_ref: str = ""  # the purchase order it was invoiced against, if any


@dataclass(frozen=True, slots=True)
class PurchaseOrder:
    """An approved purchase order line: money promised to a vendor, coded to one account."""

    po_ref: str
    account_code: str
    amount: Decimal
    on: date
    vendor: str = ""


@dataclass(frozen=True, slots=True)
class Commitment:
    """What is still open on a purchase order for one account."""

    account_code: str
    po_ref: str
    amount_open: Decimal


@dataclass(frozen=True, slots=True)
class EtcOverride:
    """The accountant's own estimate to complete for an account, with the reason."""

    account_code: str
    amount: Decimal
    note: str

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError(f"the ETC of account {self.account_code} cannot be negative")
        if not self.note.strip():
            raise ValueError(f"say why the ETC of account {self.account_code} is overridden")


@dataclass(frozen=True, slots=True)
class Overage:
    """An approved change to an account's budget (negative for a transfer out)."""

    account_code: str
    amount: Decimal
    note: str


@dataclass(frozen=True, slots=True)
class Figures:
    """The money columns of one row or of a roll-up; the derived columns are computed."""

    budget: Decimal = ZERO  # locked
    overages: Decimal = ZERO  # approved
    period: Decimal = ZERO  # actual this period
    to_date: Decimal = ZERO  # actual to date (ATD)
    committed: Decimal = ZERO  # open purchase orders
    etc: Decimal = ZERO  # estimate to complete

    @property
    def final_budget(self) -> Decimal:
        return self.budget + self.overages

    @property
    def total_cost(self) -> Decimal:
        return self.to_date + self.committed

    @property
    def efc(self) -> Decimal:
        """Estimated final cost: ATD + POs + ETC."""
        return self.to_date + self.committed + self.etc

    @property
    def variance(self) -> Decimal:
        """Final budget - EFC: negative is over budget."""
        return self.final_budget - self.efc

    @property
    def variance_percent(self) -> Decimal | None:
        """Variance as a percentage of the final budget, to 0.1; None without a budget."""
        if not self.final_budget:
            return None
        return (self.variance * _HUNDRED / self.final_budget).quantize(_TENTH, ROUND_HALF_UP)

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(
            self.budget + other.budget,
            self.overages + other.overages,
            self.period + other.period,
            self.to_date + other.to_date,
            self.committed + other.committed,
            self.etc + other.etc,
        )


@dataclass(frozen=True, slots=True)
class AccountRow:
    account_code: str
    account_name: str
    category_code: str
    category_name: str
    section: Section | None  # None when the account is not in the budget
    figures: Figures
    unbudgeted: bool = False
    etc_note: str = ""  # the override's reason; "" when the ETC is the default
    overage_notes: tuple[str, ...] = ()

    @property
    def etc_overridden(self) -> bool:
        return bool(self.etc_note)


@dataclass(frozen=True, slots=True)
class Rollup:
    """A category's or a section's totals: the sums of its rows."""

    code: str
    name: str
    figures: Figures


@dataclass(frozen=True, slots=True)
class CostReport:
    period_start: date
    period_end: date
    rows: tuple[AccountRow, ...]
    categories: tuple[Rollup, ...]
    sections: tuple[Rollup, ...]
    total: Figures

    def row(self, account_code: str) -> AccountRow:
        for row in self.rows:
            if row.account_code == account_code:
                return row
        raise KeyError(f"account {account_code} is not in this cost report")


def open_commitments(
    purchase_orders: Iterable[PurchaseOrder], actuals: Iterable[Actual], *, as_of: date
) -> list[Commitment]:
    """What remains open on each PO line at ``as_of``: its amount less what was invoiced on it.

    An actual reduces a PO when it names the PO and is coded to the same account. A PO that has
    been invoiced in full (or over) is closed: its open amount is zero and it is left out.
    """
    ordered: dict[tuple[str, str], Decimal] = {}
    for po in purchase_orders:
        if po.on <= as_of:
            key = (po.po_ref, po.account_code)
            ordered[key] = ordered.get(key, ZERO) + po.amount
    invoiced: dict[tuple[str, str], Decimal] = {}
    for actual in actuals:
        if actual.po_ref and actual.on <= as_of:
            key = (actual.po_ref, actual.account_code)
            if key in ordered:
                invoiced[key] = invoiced.get(key, ZERO) + actual.amount
    commitments = []
    for (po_ref, account_code), amount in ordered.items():
        remaining = amount - invoiced.get((po_ref, account_code), ZERO)
        if remaining > 0:
            commitments.append(Commitment(account_code, po_ref, remaining))
    return commitments


def report(
    budget_lines: Sequence[BudgetLine],
    actuals: Iterable[Actual],
    commitments: Iterable[Commitment],
    overrides: Iterable[EtcOverride],
    overages: Iterable[Overage],
    *,
    period_start: date,
    period_end: date,
) -> CostReport:
    """The cost report for the period ``period_start``..``period_end`` (both included)."""
    if period_start > period_end:
        raise ValueError(f"the period starts ({period_start}) after it ends ({period_end})")
    overages = list(overages)
    period, to_date = _sum_actuals(actuals, period_start, period_end)
    sums = _Sums(
        period=period,
        to_date=to_date,
        committed=_sum_by_account((c.account_code, c.amount_open) for c in commitments),
        approved=_sum_by_account((o.account_code, o.amount) for o in overages),
        notes=_overage_notes(overages),
        overrides=_index_overrides(overrides),
    )
    rows = [_row(line, sums, unbudgeted=False) for line in budget_lines]
    rows += [
        _row(_unbudgeted_line(code), sums, unbudgeted=True)
        for code in sums.unbudgeted(budget_lines)
    ]
    return CostReport(
        period_start=period_start,
        period_end=period_end,
        rows=tuple(rows),
        categories=_roll_up(rows, lambda r: (r.category_code, r.category_name)),
        sections=_roll_up(rows, _section_key),
        total=sum((r.figures for r in rows), Figures()),
    )


@dataclass(frozen=True, slots=True)
class _Sums:
    """The inputs summed per account code."""

    period: dict[str, Decimal]
    to_date: dict[str, Decimal]
    committed: dict[str, Decimal]
    approved: dict[str, Decimal]
    notes: dict[str, tuple[str, ...]]
    overrides: dict[str, EtcOverride]

    def unbudgeted(self, budget_lines: Sequence[BudgetLine]) -> list[str]:
        """Codes with figures but no budget line, sorted; refuses a budget listing one twice."""
        known = {line.account_code for line in budget_lines}
        if len(known) != len(budget_lines):
            raise ValueError("an account appears twice in the budget lines")
        indexes: tuple[Mapping[str, object], ...] = (
            self.to_date,
            self.committed,
            self.approved,
            self.overrides,
        )
        return sorted({code for index in indexes for code in index} - known)


def _sum_actuals(
    actuals: Iterable[Actual], start: date, end: date
) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    period: dict[str, Decimal] = {}
    to_date: dict[str, Decimal] = {}
    for actual in actuals:  # the hot loop: plain dict arithmetic, no rounding
        on = actual.on
        if on > end:
            continue
        code = actual.account_code
        to_date[code] = to_date.get(code, ZERO) + actual.amount
        if on >= start:
            period[code] = period.get(code, ZERO) + actual.amount
    return period, to_date


def _sum_by_account(pairs: Iterable[tuple[str, Decimal]]) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for code, amount in pairs:
        sums[code] = sums.get(code, ZERO) + amount
    return sums


def _overage_notes(overages: Iterable[Overage]) -> dict[str, tuple[str, ...]]:
    notes: dict[str, tuple[str, ...]] = {}
    for overage in overages:
        if overage.note:
            notes[overage.account_code] = (*notes.get(overage.account_code, ()), overage.note)
    return notes


def _index_overrides(overrides: Iterable[EtcOverride]) -> dict[str, EtcOverride]:
    index: dict[str, EtcOverride] = {}
    for override in overrides:
        if override.account_code in index:
            raise ValueError(f"account {override.account_code} has two ETC overrides")
        index[override.account_code] = override
    return index


def _unbudgeted_line(code: str) -> BudgetLine:
    # The section is a placeholder: _row reports None for an unbudgeted account.
    return BudgetLine(code, "", UNBUDGETED, UNBUDGETED_NAME, Section.OTHER, ZERO)


def _row(line: BudgetLine, sums: _Sums, *, unbudgeted: bool) -> AccountRow:
    code = line.account_code
    atd = sums.to_date.get(code, ZERO)
    committed = sums.committed.get(code, ZERO)
    overages = sums.approved.get(code, ZERO)
    override = sums.overrides.get(code)
    if override is None:
        etc = max(ZERO, line.budget + overages - atd - committed)
    else:
        etc = override.amount
    return AccountRow(
        account_code=code,
        account_name=line.account_name,
        category_code=line.category_code,
        category_name=line.category_name,
        section=None if unbudgeted else line.section,
        figures=Figures(line.budget, overages, sums.period.get(code, ZERO), atd, committed, etc),
        unbudgeted=unbudgeted,
        etc_note=override.note if override else "",
        overage_notes=sums.notes.get(code, ()),
    )


def _section_key(row: AccountRow) -> tuple[str, str]:
    if row.section is None:
        return UNBUDGETED, UNBUDGETED_NAME
    return row.section.value, _SECTION_NAMES[row.section]


_SECTION_NAMES = {
    Section.ATL: "Above the line",
    Section.BTL: "Below the line: production",
    Section.POST: "Below the line: post-production",
    Section.OTHER: "Other",
}


def _roll_up(
    rows: Sequence[AccountRow], key: Callable[[AccountRow], tuple[str, str]]
) -> tuple[Rollup, ...]:
    """Sums of the rows per key, in the order the keys first appear."""
    sums: dict[tuple[str, str], Figures] = {}
    for row in rows:
        group = key(row)
        sums[group] = sums.get(group, Figures()) + row.figures
    return tuple(Rollup(code, name, figures) for (code, name), figures in sums.items())
