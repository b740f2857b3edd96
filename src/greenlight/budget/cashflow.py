"""The weekly cash-flow schedule: when money is paid out against when financing arrives. Pure.

Each spend item is turned into dated payments, the payments and the funding drops are put in
weeks counted from a start date (week 0 is the seven days from the start), and each week shows
spend, cumulative spend, funding, cumulative funding and the cash position. A week is a
shortfall when the cash position goes negative in it; the first one is the early warning.

Decisions:

* ``SPREAD`` (labour, by its prep/shoot/wrap dates): the amount is shared over the calendar
  days from start to end, each week taking its days' share, paid on the last of its days.
  ``RENTAL``: billed in advance per rental week from the pickup date until the return (end)
  date, equal amounts. ``LUMP``: all of it on the start date.
* Shares are truncated to the cent and the rounding remainder goes to the last instalment, so
  an item's payments always add up to it exactly and the same input gives the same weeks.
* Payment terms (net-30: 30) move each payment that many days later.
* Funding counts as arriving at the end of its week (a milestone such as picture lock pays on
  that week's work), so it does not cover spend in the same week: a week is a shortfall when
  the position before its funding, or after it, is negative.
* Payments dated before the start fall in week 0; the schedule runs at least ``weeks`` weeks
  and longer if payments or funding fall later, so no money is ever left out.
* One currency per schedule: run one schedule per currency of a foreign shoot.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

ZERO = Decimal(0)
CENT = Decimal("0.01")
DAYS_PER_WEEK = 7


class Spread(StrEnum):
    LUMP = "lump"  # all on the start date: deposits, fees, one-off purchases
    SPREAD = "spread"  # evenly over the days from start to end: labour by its phase
    RENTAL = "rental"  # billed in advance each rental week from pickup (start) to return


@dataclass(frozen=True, slots=True)
class SpendItem:
    account_code: str
    amount: Decimal
    start: date
    end: date | None = None  # last day of a spread or a rental; None: same as start
    spread: Spread = Spread.LUMP
    terms_days: int = 0  # net-30: 30
    description: str = ""

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"{self.description or self.account_code}: ends before it starts")
        if self.terms_days < 0:
            raise ValueError(f"{self.description or self.account_code}: negative payment terms")


@dataclass(frozen=True, slots=True)
class FundingDrop:
    on: date
    amount: Decimal
    source: str = ""  # "signing", "start of PP", "tax credit sale" ...


@dataclass(frozen=True, slots=True)
class Payment:
    on: date
    amount: Decimal
    account_code: str


@dataclass(frozen=True, slots=True)
class CashFlowWeek:
    number: int
    starts: date
    spend: Decimal
    cumulative_spend: Decimal
    funding: Decimal
    cumulative_funding: Decimal
    sources: tuple[str, ...]

    @property
    def cash_position(self) -> Decimal:
        """At the end of the week, after its funding."""
        return self.cumulative_funding - self.cumulative_spend

    @property
    def lowest_position(self) -> Decimal:
        """The lowest the position goes in the week: before its funding arrives, or after."""
        return min(self.cash_position - self.funding, self.cash_position)

    @property
    def shortfall(self) -> bool:
        return self.lowest_position < 0


@dataclass(frozen=True, slots=True)
class CashFlow:
    start: date
    weeks: tuple[CashFlowWeek, ...]

    @property
    def first_shortfall(self) -> CashFlowWeek | None:
        """The first week in which the cash position goes negative: the early warning."""
        return next((week for week in self.weeks if week.shortfall), None)

    @property
    def total_spend(self) -> Decimal:
        return self.weeks[-1].cumulative_spend if self.weeks else ZERO

    @property
    def total_funding(self) -> Decimal:
        return self.weeks[-1].cumulative_funding if self.weeks else ZERO

    def week(self, number: int) -> CashFlowWeek:
        return self.weeks[number]


def payments(item: SpendItem, *, weeks_from: date) -> list[Payment]:
    """The dated payments of one spend item; they add up to its amount exactly.

    A spread is cut into the weeks of a schedule that starts on ``weeks_from``.
    """
    end = item.end or item.start
    if item.spread is Spread.LUMP or end == item.start:
        dated = [(item.start, item.amount)]
    elif item.spread is Spread.RENTAL:
        periods = -(-((end - item.start).days + 1) // DAYS_PER_WEEK)
        starts = [item.start + timedelta(weeks=n) for n in range(periods)]
        dated = list(zip(starts, _shares(item.amount, [1] * periods), strict=True))
    else:
        segments = _week_segments(item.start, end, weeks_from)
        weights = [(last - first).days + 1 for first, last in segments]
        dated = [
            (last, share)
            for (_, last), share in zip(segments, _shares(item.amount, weights), strict=True)
        ]
    terms = timedelta(days=item.terms_days)
    return [Payment(on + terms, amount, item.account_code) for on, amount in dated]


def cash_flow(
    items: Iterable[SpendItem],
    funding: Iterable[FundingDrop],
    *,
    start: date,
    weeks: int = 1,
) -> CashFlow:
    """The weekly schedule from ``start``: at least ``weeks`` weeks, more if money falls later."""
    spend_by_week: dict[int, Decimal] = {}
    for item in items:
        for payment in payments(item, weeks_from=start):
            number = _week_number(start, payment.on)
            spend_by_week[number] = spend_by_week.get(number, ZERO) + payment.amount
    funding_by_week: dict[int, Decimal] = {}
    sources: dict[int, tuple[str, ...]] = {}
    for drop in funding:
        number = _week_number(start, drop.on)
        funding_by_week[number] = funding_by_week.get(number, ZERO) + drop.amount
        sources[number] = (
            (*sources.get(number, ()), drop.source) if drop.source else sources.get(number, ())
        )
    last = max([weeks - 1, *spend_by_week, *funding_by_week])
    return CashFlow(start, _weeks(start, last, spend_by_week, funding_by_week, sources))


def _weeks(
    start: date,
    last: int,
    spend: dict[int, Decimal],
    funding: dict[int, Decimal],
    sources: dict[int, tuple[str, ...]],
) -> tuple[CashFlowWeek, ...]:
    rows = []
    spent = funded = ZERO
    for number in range(last + 1):
        week_spend = spend.get(number, ZERO)
        week_funding = funding.get(number, ZERO)
        spent += week_spend
        funded += week_funding
        rows.append(
            CashFlowWeek(
                number=number,
                starts=start + timedelta(weeks=number),
                spend=week_spend,
                cumulative_spend=spent,
                funding=week_funding,
                cumulative_funding=funded,
                sources=sources.get(number, ()),
            )
        )
    return tuple(rows)


def _week_number(start: date, on: date) -> int:
    return max(0, (on - start).days // DAYS_PER_WEEK)


def _week_segments(first: date, last: date, weeks_from: date) -> list[tuple[date, date]]:
    """``first``..``last`` cut where the schedule's weeks (from ``weeks_from``) change."""
    segments = []
    day = first
    while day <= last:
        into_week = (day - weeks_from).days % DAYS_PER_WEEK
        week_end = day + timedelta(days=DAYS_PER_WEEK - 1 - into_week)
        segments.append((day, min(week_end, last)))
        day = week_end + timedelta(days=1)
    return segments


def _shares(amount: Decimal, weights: Sequence[int]) -> list[Decimal]:
    """``amount`` in proportion to ``weights``: truncated to the cent, remainder on the last."""
    total = sum(weights)
    shares = [(amount * weight / total).quantize(CENT, ROUND_DOWN) for weight in weights[:-1]]
    return [*shares, amount - sum(shares, ZERO)]
