"""The daily hot cost: yesterday's labour and pages against what the budget allowed. Pure.

The production accountant reads the Daily Production Report (call and wrap times, unpaid
meals, heads per department, pages shot) and reports, per group of crew or cast, the pay-hours
and cost the budget allowed against what the day actually cost, fringes included, with the
pages shot against the pages scheduled.

Decisions:

* Pay-hours come from the group's overtime rule (:mod:`.deals`); a day shorter than the
  guarantee is paid the guarantee. A weekly rule counts the day as one of five such days.
* Costs are rounded to the cent per group and per column; the day's totals are sums of them.
* Pages behind is scheduled minus shot in eighths: negative means ahead of schedule.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from greenlight.budget.deals import OVERTIME_RULES, OvertimeRule, pay_hours, rule_for
from greenlight.core.eighths import format_eighths

ZERO = Decimal(0)
CENT = Decimal("0.01")
_HUNDRED = Decimal(100)
_SECONDS_PER_HOUR = Decimal(3600)


@dataclass(frozen=True, slots=True)
class LabourGroup:
    """One department (or one actor) on the day: budget allowance and what the DPR says."""

    name: str
    hourly_rate: Decimal  # straight time
    budgeted_heads: int
    budgeted_hours: Decimal  # worked hours a day the budget allows, e.g. 12
    heads: int  # on the production report
    call: time
    wrap: time  # a wrap at or before the call is after midnight
    meal_minutes: int = 0  # unpaid meal breaks
    guaranteed_hours: Decimal = ZERO
    fringe_percent: Decimal = ZERO
    overtime: str = "ca_daily"
    day_in_week: int = 1  # 6 and 7 pay the 6th/7th-day rules

    def __post_init__(self) -> None:
        if min(self.heads, self.budgeted_heads, self.meal_minutes) < 0:
            raise ValueError(f"{self.name}: heads and meal minutes cannot be negative")


@dataclass(frozen=True, slots=True)
class Extra:
    """A non-labour daily cost on the report: catering, media, ..."""

    name: str
    budgeted: Decimal
    actual: Decimal


@dataclass(frozen=True, slots=True)
class ShootDay:
    number: int  # "Day 12"
    on: date
    labour: tuple[LabourGroup, ...]
    scheduled_eighths: int
    shot_eighths: int
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True, slots=True)
class LabourLine:
    name: str
    worked_hours: Decimal  # per head
    budgeted_pay_hours: Decimal  # per head
    actual_pay_hours: Decimal  # per head
    budgeted_labour: Decimal
    actual_labour: Decimal
    budgeted_fringe: Decimal
    actual_fringe: Decimal

    @property
    def pay_hours_over(self) -> Decimal:
        """Pay-hours per head over the budget (negative: under)."""
        return self.actual_pay_hours - self.budgeted_pay_hours

    @property
    def budgeted(self) -> Decimal:
        return self.budgeted_labour + self.budgeted_fringe

    @property
    def actual(self) -> Decimal:
        return self.actual_labour + self.actual_fringe

    @property
    def over(self) -> Decimal:
        """Actual minus budgeted, fringe included: positive is over budget."""
        return self.actual - self.budgeted


@dataclass(frozen=True, slots=True)
class HotCost:
    day: int
    on: date
    labour: tuple[LabourLine, ...]
    extras: tuple[Extra, ...]
    scheduled_eighths: int
    shot_eighths: int

    @property
    def budgeted(self) -> Decimal:
        return sum((line.budgeted for line in self.labour), ZERO) + sum(
            (extra.budgeted for extra in self.extras), ZERO
        )

    @property
    def actual(self) -> Decimal:
        return sum((line.actual for line in self.labour), ZERO) + sum(
            (extra.actual for extra in self.extras), ZERO
        )

    @property
    def over(self) -> Decimal:
        """The day's cost over budget (negative: under)."""
        return self.actual - self.budgeted

    @property
    def eighths_behind(self) -> int:
        """Scheduled minus shot, in eighths: negative means ahead."""
        return self.scheduled_eighths - self.shot_eighths

    @property
    def pages_summary(self) -> str:
        """``"5/8 behind"``, ``"1 2/8 ahead"`` or ``"on schedule"``."""
        behind = self.eighths_behind
        if not behind:
            return "on schedule"
        return f"{format_eighths(abs(behind))} {'behind' if behind > 0 else 'ahead'}"


def worked_hours(call: time, wrap: time, meal_minutes: int = 0) -> Decimal:
    """Hours from call to wrap less unpaid meals; a wrap at or before call is the next day."""
    start = datetime.combine(date.min, call)
    end = datetime.combine(date.min, wrap)
    if end <= start:
        end += timedelta(days=1)
    seconds = Decimal(int((end - start).total_seconds())) - meal_minutes * 60
    if seconds < 0:
        raise ValueError(f"the meals ({meal_minutes} minutes) are longer than the day")
    return seconds / _SECONDS_PER_HOUR


def hot_cost(day: ShootDay, rules: Mapping[str, OvertimeRule] = OVERTIME_RULES) -> HotCost:
    """The hot cost report for one shooting day."""
    if min(day.scheduled_eighths, day.shot_eighths) < 0:
        raise ValueError("page counts cannot be negative")
    return HotCost(
        day=day.number,
        on=day.on,
        labour=tuple(_labour_line(group, rules) for group in day.labour),
        extras=day.extras,
        scheduled_eighths=day.scheduled_eighths,
        shot_eighths=day.shot_eighths,
    )


def total_over(days: Sequence[HotCost]) -> Decimal:
    """The running over/under of several days' hot costs."""
    return sum((day.over for day in days), ZERO)


def _labour_line(group: LabourGroup, rules: Mapping[str, OvertimeRule]) -> LabourLine:
    rule = rule_for(group.overtime, rules)
    worked = worked_hours(group.call, group.wrap, group.meal_minutes)
    budget_hours = _paid(group.budgeted_hours, group, rule)
    actual_hours = _paid(worked, group, rule)
    budgeted = _cents(group.hourly_rate * budget_hours * group.budgeted_heads)
    actual = _cents(group.hourly_rate * actual_hours * group.heads)
    return LabourLine(
        name=group.name,
        worked_hours=worked,
        budgeted_pay_hours=budget_hours,
        actual_pay_hours=actual_hours,
        budgeted_labour=budgeted,
        actual_labour=actual,
        budgeted_fringe=_cents(budgeted * group.fringe_percent / _HUNDRED),
        actual_fringe=_cents(actual * group.fringe_percent / _HUNDRED),
    )


def _paid(hours: Decimal, group: LabourGroup, rule: OvertimeRule) -> Decimal:
    return pay_hours(max(hours, group.guaranteed_hours), rule, day=group.day_in_week)


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, ROUND_HALF_UP)
