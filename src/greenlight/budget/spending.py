"""When a budget's money is spent: each line's cost placed in a phase of the production and
turned into cash-flow spend items. Pure.

Rules (kept simple on purpose; the producer adjusts with payment terms and funding dates):

* Above- and below-the-line lines (ATL, BTL) are labour-like. A line tagged ``group: prep``
  (the charts tag the prep, shoot and wrap lines of a person) is spread over prep, from prep
  start to the day before the shoot; ``group: wrap`` over the :data:`WRAP_DAYS` after the
  last shoot day; every other ATL/BTL line over the shoot, first to last shoot day.
* Post-production (POST) is spread from the day after the shoot to delivery; without a
  delivery date it is one payment the day after the shoot.
* Other (insurance, legal, publicity) and the contractuals (contingency, bond, insurance
  percentages) are one payment at prep start: the cautious assumption, money out early.
* Without a prep start, prep lines and lump sums fall on the first shoot day.
* Lines of one account in one phase are one spend item; zero amounts are left out.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from greenlight.budget.cashflow import SpendItem, Spread
from greenlight.budget.model import Section

WRAP_DAYS = 14
_ONE_DAY = timedelta(days=1)


class Phase(StrEnum):
    PREP = "prep"
    SHOOT = "shoot"
    WRAP = "wrap"
    POST = "post"
    UPFRONT = "upfront"  # one payment at prep start


@dataclass(frozen=True, slots=True)
class Phases:
    """The production's key dates; the shoot dates come from the schedule when there is one."""

    shoot_start: date
    shoot_end: date
    prep_start: date | None = None
    delivery: date | None = None

    def __post_init__(self) -> None:
        if self.shoot_end < self.shoot_start:
            raise ValueError("the shoot ends before it starts")

    @property
    def first_day(self) -> date:
        """Prep start, or the first shoot day without one (or with one after it)."""
        if self.prep_start is None or self.prep_start > self.shoot_start:
            return self.shoot_start
        return self.prep_start


@dataclass(frozen=True, slots=True)
class Cost:
    """One budget line's total (fringes included), or one contractual, in the base currency."""

    account_code: str
    section: Section
    amount: Decimal
    group: str = ""  # the line's ``group`` tag: prep, shoot, wrap ...


def phase_of(cost: Cost) -> Phase:
    if cost.section in (Section.ATL, Section.BTL):
        group = cost.group.strip().lower()
        if group == Phase.PREP:
            return Phase.PREP
        if group == Phase.WRAP:
            return Phase.WRAP
        return Phase.SHOOT
    if cost.section is Section.POST:
        return Phase.POST
    return Phase.UPFRONT


def window(phase: Phase, phases: Phases) -> tuple[date, date, Spread]:
    """The first and last day of a phase's payments and how they are spread."""
    after_shoot = phases.shoot_end + _ONE_DAY
    if phase is Phase.PREP and phases.first_day < phases.shoot_start:
        return phases.first_day, phases.shoot_start - _ONE_DAY, Spread.SPREAD
    if phase in (Phase.PREP, Phase.SHOOT):
        return phases.shoot_start, phases.shoot_end, Spread.SPREAD
    if phase is Phase.WRAP:
        return after_shoot, phases.shoot_end + timedelta(days=WRAP_DAYS), Spread.SPREAD
    if phase is Phase.POST:
        if phases.delivery is not None and phases.delivery > after_shoot:
            return after_shoot, phases.delivery, Spread.SPREAD
        return after_shoot, after_shoot, Spread.LUMP
    return phases.first_day, phases.first_day, Spread.LUMP


def spend_items(costs: Iterable[Cost], phases: Phases, *, terms_days: int = 0) -> list[SpendItem]:
    """The budget as cash-flow spend items: one per account and phase, in first-seen order."""
    sums: dict[tuple[str, Phase], Decimal] = {}
    for cost in costs:
        key = (cost.account_code, phase_of(cost))
        sums[key] = sums.get(key, Decimal(0)) + cost.amount
    items = []
    for (code, phase), amount in sums.items():
        if not amount:
            continue
        start, end, spread = window(phase, phases)
        items.append(
            SpendItem(
                account_code=code,
                amount=amount,
                start=start,
                end=end,
                spread=spread,
                terms_days=terms_days,
                description=f"{code} {phase.value}",
            )
        )
    return items
