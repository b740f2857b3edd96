"""A budget as plain data: what the calculator, the file formats and the reports read. Pure.

The tree is the one production accountants use (Movie Magic Budgeting, Showbiz): a topsheet of
categories, each category's accounts, each account's detail lines. Amount, multiplier and rate
of a line are *expressions* (``"SHOOT_DAYS + 2"``, ``"450"``) over the budget's globals;
:mod:`.formulas` evaluates them safely. Money is ``Decimal`` everywhere; see :mod:`.totals`
for where it is rounded.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class Section(StrEnum):
    """Where a category sits on the topsheet."""

    ATL = "atl"  # above the line: story, producers, director, cast
    BTL = "btl"  # below the line: production
    POST = "post"  # below the line: post-production
    OTHER = "other"  # insurance, legal, publicity, contractual accounts


class Unit(StrEnum):
    FLAT = "flat"
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    ALLOW = "allow"


# Hours a unit stands for, so a flat per-hour fringe applies to lines in days or weeks
# (Movie Magic's defaults: Day = 12, Week = 60, Month = 240).
HOURS_PER_UNIT: dict[Unit, Decimal | None] = {
    Unit.HOUR: Decimal(1),
    Unit.DAY: Decimal(12),
    Unit.WEEK: Decimal(60),
    Unit.MONTH: Decimal(240),
    Unit.FLAT: None,
    Unit.ALLOW: None,
}


class FringeKind(StrEnum):
    PERCENT = "percent"  # rate is a percentage of the line's pay
    FLAT = "flat"  # rate is an amount per hour worked (via the unit's hours)


@dataclass(frozen=True)
class Fringe:
    code: str  # "FICA", "MEDI", "PH-IATSE"
    name: str
    kind: FringeKind
    rate: Decimal  # 6.2 (percent) or 10.00 (per hour)
    cap: Decimal | None = None  # wage base per person: pay above it is not fringed
    effective_from: date | None = None
    effective_to: date | None = None


@dataclass(frozen=True)
class Global:
    name: str  # UPPER_SNAKE, e.g. SHOOT_DAYS
    expression: str  # "25", "PREP_WEEKS * 5"
    description: str = ""
    binding: str = ""  # "" (typed) or what it is bound to, e.g. "schedule.shoot_days"


@dataclass(frozen=True)
class Currency:
    code: str  # ISO 4217
    rate: Decimal  # base currency units per one unit of this currency


@dataclass(frozen=True)
class DetailLine:
    description: str
    amount: str = "1"  # expression: how many units
    unit: Unit = Unit.FLAT
    multiplier: str = "1"  # expression: e.g. number of people
    rate: str = "0"  # expression: money per unit, in the line's currency
    currency: str = ""  # "" means the budget's base currency
    fringes: tuple[str, ...] = ()  # fringe codes applied to this line
    person: str = ""  # who is paid: fringe caps apply across all of one person's lines
    paid_on: date | None = None  # when the pay falls, for fringes' effective dates
    tags: dict[str, str] = field(default_factory=dict)  # group, location, set, episode ...
    key: str = ""  # stable identity across versions (for variance), e.g. a database id


@dataclass(frozen=True)
class Account:
    code: str  # "2500"
    name: str  # "Set Operations"
    lines: tuple[DetailLine, ...] = ()


@dataclass(frozen=True)
class Category:
    code: str  # "2500" or "B"
    name: str
    section: Section
    accounts: tuple[Account, ...] = ()


@dataclass(frozen=True)
class Contractual:
    """A topsheet percentage: contingency, completion bond, insurance, overhead.

    ``base`` names what it is a percentage of: sections (``"atl"``, ``"btl"``, ``"post"``,
    ``"other"``), and earlier contractuals' codes, so a bond can include the contingency.
    """

    code: str  # "CONT", "BOND", "INS"
    name: str
    percent: Decimal
    base: tuple[str, ...] = ("atl", "btl", "post", "other")


@dataclass(frozen=True)
class Incentive:
    """A tax incentive: financing the production receives, never a cut in its cost."""

    name: str
    percent: Decimal  # of qualifying spend
    sections: tuple[str, ...] = ("atl", "btl", "post")  # what qualifies
    sale_price: Decimal = Decimal(1)  # cash per unit of credit when sold (0.88 ...)
    expected: date | None = None


@dataclass(frozen=True)
class Budget:
    title: str
    currency: str  # the base currency: lines without one are in it; totals are in it
    categories: tuple[Category, ...] = ()
    globals: tuple[Global, ...] = ()
    fringes: tuple[Fringe, ...] = ()
    currencies: tuple[Currency, ...] = ()  # rates of the other currencies against the base
    contractuals: tuple[Contractual, ...] = ()
    incentives: tuple[Incentive, ...] = ()
    info: dict[str, str] = field(default_factory=dict)  # production, episode, status ...
