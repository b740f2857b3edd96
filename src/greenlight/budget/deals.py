"""Crew deal memos: overtime rules as data, pay-hours, quotes, day pay and budget lines. Pure.

An overtime rule is a set of bands ("1x up to 8 hours, 1.5x to 12, 2x beyond") for an ordinary
day, optional bands for the 6th and 7th consecutive day, and an optional weekly threshold. A
rule is attached to a deal by its key, so productions can add rule sets (a union agreement, a
state) without code: pass your own ``rules`` mapping.

Decisions:

* A weekly threshold (FLSA: 1.5x over 40 hours) is applied to one day as if the week were five
  such days: 40 / 5 = 8 straight hours a day on days 1-5, none on days 6 and 7. Over a real
  week of timecards, :func:`week_pay_hours` applies it exactly (straight-time hours only count
  toward the threshold, so no hour is paid two premiums).
* A daily or weekly rate buys the guaranteed hours of a day: its hourly rate is the rate over
  the pay-hours of that day (``$500/10`` under CA rules -> 500 / 11). A weekly rate is five
  such days. Pay is computed from the exact hourly rate and rounded once, to the cent, at the
  end; :func:`hourly_from_quote` shows the rate rounded to the cent, as a deal memo prints it.
* The 6th/7th-day rules of section 4.2 (6th: 1.5x for 12 hours then 2x; 7th: 1.5x for 8 hours
  then 2x) belong to the two Californian rule sets; the FLSA rule has none.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from greenlight.budget.model import DetailLine, Unit

ZERO = Decimal(0)
CENT = Decimal("0.01")
RATE_PLACES = Decimal("0.0001")  # hourly rates on budget lines: payroll carries four places
DAYS_PER_WEEK = 5
KIT_SUFFIX = "85"  # box/kit rentals are coded to the department's xx-85 account


@dataclass(frozen=True, slots=True)
class Band:
    """From ``after`` worked hours on, each hour pays ``multiplier`` pay-hours."""

    after: Decimal
    multiplier: Decimal


def bands(*pairs: tuple[str | int, str | int]) -> tuple[Band, ...]:
    """``bands((0, 1), (8, "1.5"), (12, 2))``: a day's bands from plain numbers."""
    return tuple(Band(Decimal(after), Decimal(multiplier)) for after, multiplier in pairs)


@dataclass(frozen=True, slots=True)
class OvertimeRule:
    key: str  # "ca_daily"
    name: str
    daily: tuple[Band, ...] = (Band(ZERO, Decimal(1)),)
    sixth_day: tuple[Band, ...] | None = None  # None: the 6th day is an ordinary day
    seventh_day: tuple[Band, ...] | None = None
    weekly_after: Decimal | None = None  # straight-time hours a week before the premium
    weekly_multiplier: Decimal = Decimal("1.5")
    source: str = ""

    def __post_init__(self) -> None:
        for schedule in (self.daily, self.sixth_day, self.seventh_day):
            if schedule is None:
                continue
            afters = [band.after for band in schedule]
            if not afters or afters[0] != 0 or afters != sorted(set(afters)):
                raise ValueError(f"rule {self.key}: bands must start at 0 hours and increase")

    def bands_for(self, day: int) -> tuple[Band, ...]:
        """The bands of the ``day``-th consecutive day of the work week (1-7)."""
        if not 1 <= day <= 7:
            raise ValueError(f"day {day} is not a day of the week (1-7)")
        if day == 6 and self.sixth_day is not None:
            return self.sixth_day
        if day == 7 and self.seventh_day is not None:
            return self.seventh_day
        return self.daily


_SIXTH = bands((0, "1.5"), (12, 2))
_SEVENTH = bands((0, "1.5"), (8, 2))
_CA_SOURCE = "CA daily overtime as used by the industry; see domain notes 4.2"
OVERTIME_RULES: Mapping[str, OvertimeRule] = {
    rule.key: rule
    for rule in (
        OvertimeRule(
            "ca_daily",
            "California daily: 1.5x after 8 hours, 2x after 12",
            bands((0, 1), (8, "1.5"), (12, 2)),
            _SIXTH,
            _SEVENTH,
            source=_CA_SOURCE,
        ),
        OvertimeRule(
            "after_10",
            "1.5x after 10 hours, 2x after 12",
            bands((0, 1), (10, "1.5"), (12, 2)),
            _SIXTH,
            _SEVENTH,
            source=_CA_SOURCE,
        ),
        OvertimeRule(
            "flsa_weekly",
            "Federal FLSA: 1.5x over 40 hours a week",
            weekly_after=Decimal(40),
            source="29 U.S.C. 207 (FLSA)",
        ),
    )
}


class RateType(StrEnum):
    HOURLY = "hourly"
    DAILY = "daily"  # buys one day of the guaranteed hours
    WEEKLY = "weekly"  # buys five days of the guaranteed hours
    FLAT = "flat"  # one fee for the engagement: no overtime


@dataclass(frozen=True, slots=True)
class Deal:
    """The pay terms of one crew member's deal memo."""

    person: str  # stable key: every budget line of this person carries it (fringe caps)
    name: str
    position: str
    department: str
    account_code: str
    rate: Decimal
    rate_type: RateType
    start: date
    end: date
    guaranteed_hours: Decimal = ZERO  # a day's guarantee: "$500/10" guarantees 10
    overtime: str = "ca_daily"  # key of an OvertimeRule
    kit_rental: Decimal = ZERO  # a week; not payroll, so never fringed
    union: str = ""
    fringes: tuple[str, ...] = ()  # fringe codes applied to the pay lines
    currency: str = ""  # "" means the budget's base currency

    def __post_init__(self) -> None:
        if self.rate < 0 or self.kit_rental < 0 or self.guaranteed_hours < 0:
            raise ValueError(f"deal of {self.name}: rate, kit and hours cannot be negative")
        if self.end < self.start:
            raise ValueError(f"deal of {self.name}: it ends ({self.end}) before it starts")
        if self.rate_type in (RateType.DAILY, RateType.WEEKLY) and not self.guaranteed_hours:
            raise ValueError(f"deal of {self.name}: a {self.rate_type} rate needs its hours")


@dataclass(frozen=True, slots=True)
class ApprovalThreshold:
    """Deals above either figure need the producer's approval; None means no limit."""

    weekly: Decimal | None = None  # weekly-equivalent pay
    total: Decimal | None = None  # contract value, kit included


def rule_for(key: str, rules: Mapping[str, OvertimeRule] = OVERTIME_RULES) -> OvertimeRule:
    try:
        return rules[key]
    except KeyError:
        known = ", ".join(sorted(rules))
        raise ValueError(f"there is no overtime rule {key!r}; the rules are: {known}") from None


def pay_hours(worked_hours: Decimal | int, rule: OvertimeRule, *, day: int = 1) -> Decimal:
    """Pay-hours of one day: 13.5 worked hours under ``ca_daily`` -> 8 + 4 x 1.5 + 1.5 x 2 = 17."""
    hours = Decimal(worked_hours)
    if hours < 0:
        raise ValueError(f"worked hours cannot be negative: {hours}")
    schedule = rule.bands_for(day)
    paid = _banded(hours, schedule)
    if rule.weekly_after is not None:
        # Five ordinary days share the weekly threshold; days 6 and 7 are beyond it.
        allowance = rule.weekly_after / DAYS_PER_WEEK if day <= DAYS_PER_WEEK else ZERO
        paid += max(ZERO, _straight(hours, schedule) - allowance) * (rule.weekly_multiplier - 1)
    return paid


def week_pay_hours(worked_hours: Sequence[Decimal | int], rule: OvertimeRule) -> Decimal:
    """Pay-hours of a week of consecutive days (day 1 first), the weekly threshold exact."""
    if len(worked_hours) > 7:
        raise ValueError(f"a week has 7 days, not {len(worked_hours)}")
    paid = ZERO
    straight_so_far = ZERO
    for number, worked in enumerate(worked_hours, start=1):
        hours = Decimal(worked)
        if hours < 0:
            raise ValueError(f"worked hours cannot be negative: {hours}")
        schedule = rule.bands_for(number)
        paid += _banded(hours, schedule)
        straight = _straight(hours, schedule)
        if rule.weekly_after is not None:
            before = max(ZERO, rule.weekly_after - straight_so_far)
            paid += max(ZERO, straight - before) * (rule.weekly_multiplier - 1)
        straight_so_far += straight
    return paid


def hourly_from_quote(
    amount: Decimal, guaranteed_hours: Decimal | int, rule: OvertimeRule
) -> Decimal:
    """The straight-time hourly rate of a day quote, to the cent: ``$500/10`` -> 45.45."""
    return _exact_hourly(amount, Decimal(guaranteed_hours), rule).quantize(CENT, ROUND_HALF_UP)


def equivalent_quote(
    amount: Decimal, quoted_hours: Decimal | int, other_hours: Decimal | int, rule: OvertimeRule
) -> Decimal:
    """The same hourly rate quoted for another day: ``$750/10`` -> ``$954.55/12``."""
    hourly = _exact_hourly(amount, Decimal(quoted_hours), rule)
    return (hourly * pay_hours(other_hours, rule)).quantize(CENT, ROUND_HALF_UP)


def straight_hourly(deal: Deal, rules: Mapping[str, OvertimeRule] = OVERTIME_RULES) -> Decimal:
    """The deal's exact straight-time hourly rate (not rounded)."""
    rule = rule_for(deal.overtime, rules)
    if deal.rate_type is RateType.HOURLY:
        return deal.rate
    if deal.rate_type is RateType.DAILY:
        return _exact_hourly(deal.rate, deal.guaranteed_hours, rule)
    if deal.rate_type is RateType.WEEKLY:
        return _exact_hourly(deal.rate / DAYS_PER_WEEK, deal.guaranteed_hours, rule)
    raise ValueError(f"deal of {deal.name}: a flat fee has no hourly rate")


def day_pay(
    deal: Deal,
    worked_hours: Decimal | int,
    *,
    day: int = 1,
    rules: Mapping[str, OvertimeRule] = OVERTIME_RULES,
) -> Decimal:
    """One day's pay, to the cent; never less than the guaranteed hours pay."""
    rule = rule_for(deal.overtime, rules)
    hours = max(Decimal(worked_hours), deal.guaranteed_hours)
    return (straight_hourly(deal, rules) * pay_hours(hours, rule, day=day)).quantize(
        CENT, ROUND_HALF_UP
    )


def base_day_hours(deal: Deal, rule: OvertimeRule) -> Decimal:
    """The hours a prep, wrap or budgeted base day pays: the guarantee, else the straight day."""
    if deal.guaranteed_hours:
        return deal.guaranteed_hours
    if len(rule.daily) > 1:
        return rule.daily[1].after
    if rule.weekly_after is not None:
        return rule.weekly_after / DAYS_PER_WEEK
    return Decimal(8)


def working_days(start: date, end: date) -> int:
    """Monday-to-Friday days from ``start`` to ``end``, both included."""
    if end < start:
        return 0
    weeks, extra = divmod((end - start).days + 1, 7)
    count = weeks * DAYS_PER_WEEK
    for offset in range(extra):
        if (start + timedelta(days=weeks * 7 + offset)).weekday() < DAYS_PER_WEEK:
            count += 1
    return count


def weekly_equivalent(deal: Deal, rules: Mapping[str, OvertimeRule] = OVERTIME_RULES) -> Decimal:
    """What the deal pays for a five-day week of base days (a flat fee: per contract week)."""
    if deal.rate_type is RateType.WEEKLY:
        return deal.rate
    if deal.rate_type is RateType.DAILY:
        return deal.rate * DAYS_PER_WEEK
    if deal.rate_type is RateType.FLAT:
        weeks = Decimal(max(1, working_days(deal.start, deal.end))) / DAYS_PER_WEEK
        return (deal.rate / max(weeks, Decimal(1))).quantize(CENT, ROUND_HALF_UP)
    rule = rule_for(deal.overtime, rules)
    day = deal.rate * pay_hours(base_day_hours(deal, rule), rule)
    return (day * DAYS_PER_WEEK).quantize(CENT, ROUND_HALF_UP)


def contract_value(deal: Deal, rules: Mapping[str, OvertimeRule] = OVERTIME_RULES) -> Decimal:
    """Pay for every working day from start to end at base days, plus the kit rental."""
    weeks = Decimal(working_days(deal.start, deal.end)) / DAYS_PER_WEEK
    kit = deal.kit_rental * weeks
    pay = deal.rate if deal.rate_type is RateType.FLAT else weekly_equivalent(deal, rules) * weeks
    return (pay + kit).quantize(CENT, ROUND_HALF_UP)


def needs_approval(
    deal: Deal, threshold: ApprovalThreshold, rules: Mapping[str, OvertimeRule] = OVERTIME_RULES
) -> bool:
    """Whether the weekly-equivalent pay or the contract value is above the threshold."""
    if threshold.weekly is not None and weekly_equivalent(deal, rules) > threshold.weekly:
        return True
    return threshold.total is not None and contract_value(deal, rules) > threshold.total


def kit_account(account_code: str) -> str:
    """The department's kit/box rental account: ``2501`` -> ``2585`` (the xx-85 convention)."""
    return account_code[:-2] + KIT_SUFFIX if len(account_code) > 2 else account_code + KIT_SUFFIX


def labour_lines(
    deal: Deal,
    *,
    prep_days: int,
    shoot_days: int,
    wrap_days: int,
    shoot_hours_per_day: Decimal | int,
    rules: Mapping[str, OvertimeRule] = OVERTIME_RULES,
) -> list[DetailLine]:
    """Budget detail lines for a deal: prep, shoot and wrap pay, shoot overtime, kit rental.

    Pay lines are in the deal's own unit (hours, days or weeks of five days) at its rate, for
    base days (:func:`base_day_hours`). When a shooting day pays more pay-hours than a base
    day, the difference is budgeted on its own overtime line, in pay-hours at the straight
    hourly rate. The kit rental is a line of its own with no fringes. Every line carries the
    deal's person key, so fringe caps apply to the person's pay across all of them.
    """
    if min(prep_days, shoot_days, wrap_days) < 0:
        raise ValueError("prep, shoot and wrap days cannot be negative")
    rule = rule_for(deal.overtime, rules)
    total_days = prep_days + shoot_days + wrap_days
    lines: list[DetailLine] = []
    if deal.rate_type is RateType.FLAT:
        lines.append(_line(deal, "fee", "Flat fee", Decimal(1), Unit.FLAT, deal.rate, deal.start))
    else:
        offset = 0
        for phase, days in (("prep", prep_days), ("shoot", shoot_days), ("wrap", wrap_days)):
            if days:
                paid_on = _after_working_days(deal.start, offset)
                lines.append(_phase_line(deal, rule, phase, days, paid_on))
            offset += days
        shoot_start = _after_working_days(deal.start, prep_days)
        hours = Decimal(shoot_hours_per_day)
        overtime = _overtime_line(deal, rule, rules, shoot_days, hours, shoot_start)
        if overtime is not None:
            lines.append(overtime)
    if deal.kit_rental and total_days:
        lines.append(_kit_line(deal, total_days))
    return lines


def _phase_line(deal: Deal, rule: OvertimeRule, phase: str, days: int, paid_on: date) -> DetailLine:
    label = f"{phase.capitalize()}: {deal.position} {deal.name}".rstrip()
    if deal.rate_type is RateType.DAILY:
        return _line(deal, phase, label, Decimal(days), Unit.DAY, deal.rate, paid_on)
    if deal.rate_type is RateType.WEEKLY:
        weeks = Decimal(days) / DAYS_PER_WEEK
        return _line(deal, phase, label, weeks, Unit.WEEK, deal.rate, paid_on)
    day_hours = pay_hours(base_day_hours(deal, rule), rule)
    label += f" ({days} days of {_plain(day_hours)} pay-hours)"
    return _line(deal, phase, label, day_hours * days, Unit.HOUR, deal.rate, paid_on)


def _overtime_line(
    deal: Deal,
    rule: OvertimeRule,
    rules: Mapping[str, OvertimeRule],
    shoot_days: int,
    shoot_hours: Decimal,
    paid_on: date,
) -> DetailLine | None:
    base = base_day_hours(deal, rule)
    extra = pay_hours(max(shoot_hours, base), rule) - pay_hours(base, rule)
    if not shoot_days or extra <= 0:
        return None
    hourly = straight_hourly(deal, rules).quantize(RATE_PLACES, ROUND_HALF_UP)
    label = (
        f"Shoot overtime: {deal.position} {deal.name}, {shoot_days} days of "
        f"{_plain(shoot_hours)} hours, {_plain(extra)} pay-hours a day over the "
        f"{_plain(base)}-hour day ({rule.key})"
    )
    return _line(deal, "overtime", label, extra * shoot_days, Unit.HOUR, hourly, paid_on)


def _kit_line(deal: Deal, total_days: int) -> DetailLine:
    weeks = Decimal(total_days) / DAYS_PER_WEEK
    label = (
        f"Kit rental: {deal.name}, not payroll, no fringes; "
        f"code to {kit_account(deal.account_code)} (the xx-{KIT_SUFFIX} account)"
    )
    return replace(_line(deal, "kit", label, weeks, Unit.WEEK, deal.kit_rental, None), fringes=())


def _line(
    deal: Deal,
    phase: str,
    description: str,
    amount: Decimal,
    unit: Unit,
    rate: Decimal,
    paid_on: date | None,
) -> DetailLine:
    return DetailLine(
        description=description,
        amount=_plain(amount),
        unit=unit,
        rate=_plain(rate),
        currency=deal.currency,
        fringes=deal.fringes,
        person=deal.person,
        paid_on=paid_on,
        tags={"group": phase},
        key=f"deal:{deal.person}:{phase}",
    )


def _plain(number: Decimal) -> str:
    """A decimal as an expression the formula evaluator reads: ``1.40`` -> ``"1.4"``."""
    text = format(number.normalize(), "f")
    return text if text != "-0" else "0"


def _after_working_days(start: date, count: int) -> date:
    """The working day ``count`` working days after ``start`` (a weekend start moves on)."""
    day = start
    while day.weekday() >= DAYS_PER_WEEK:
        day += timedelta(days=1)
    for _ in range(count):
        day += timedelta(days=1)
        while day.weekday() >= DAYS_PER_WEEK:
            day += timedelta(days=1)
    return day


def _exact_hourly(amount: Decimal, guaranteed_hours: Decimal, rule: OvertimeRule) -> Decimal:
    paid = pay_hours(guaranteed_hours, rule)
    if not paid:
        raise ValueError("a quote needs its guaranteed hours: '$500/10' guarantees 10")
    return amount / paid


def _banded(hours: Decimal, schedule: tuple[Band, ...]) -> Decimal:
    paid = ZERO
    for index, band in enumerate(schedule):
        if hours <= band.after:
            break
        upper = schedule[index + 1].after if index + 1 < len(schedule) else hours
        paid += (min(hours, upper) - band.after) * band.multiplier
    return paid


def _straight(hours: Decimal, schedule: tuple[Band, ...]) -> Decimal:
    """Hours of the day paid at straight time (multiplier 1)."""
    straight = ZERO
    for index, band in enumerate(schedule):
        if hours <= band.after:
            break
        upper = schedule[index + 1].after if index + 1 < len(schedule) else hours
        if band.multiplier == 1:
            straight += min(hours, upper) - band.after
    return straight
