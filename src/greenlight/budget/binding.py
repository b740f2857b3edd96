"""Globals bound to the schedule: ``SHOOT_DAYS`` and each cast member's work and hold days
follow the current schedule, so the budget recalculates when the schedule changes. Pure.

A global's ``binding`` names its source:

- ``schedule.shoot_days``: shoot days of the current schedule;
- ``schedule.cast.<NAME>.work`` / ``.hold`` / ``.paid``: a cast member's work days, hold days,
  or both, from the day out of days (``NAME`` as the breakdown names the character).

Until a project has a schedule, ``schedule.shoot_days`` counts the weekdays of the project's
planned shoot dates, and cast bindings keep the value typed in.
"""

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from .model import Budget, Global

SHOOT_DAYS = "schedule.shoot_days"
CAST_PREFIX = "schedule.cast."
CAST_FIELDS = ("work", "hold", "paid")


@dataclass(frozen=True)
class CastDays:
    work: int
    hold: int

    @property
    def paid(self) -> int:
        return self.work + self.hold


@dataclass(frozen=True)
class ScheduleFacts:
    """What the schedule says, for the budget: where it came from, days, cast days."""

    source: str
    shoot_days: int
    cast: dict[str, CastDays] = field(default_factory=dict)  # upper-case character name


def planned_facts(start: date | None, end: date | None) -> ScheduleFacts | None:
    """Facts from a project's planned shoot dates alone (weekdays, inclusive)."""
    if start is None or end is None or end < start:
        return None
    days = sum(
        1 for i in range((end - start).days + 1) if (start + timedelta(days=i)).weekday() < 5
    )
    return ScheduleFacts("planned shoot dates", days)


def bound_value(binding: str, facts: ScheduleFacts) -> int | None:
    """The value a binding takes from ``facts``; None when the facts do not say."""
    if binding == SHOOT_DAYS:
        return facts.shoot_days
    if binding.startswith(CAST_PREFIX):
        name, _, what = binding[len(CAST_PREFIX) :].rpartition(".")
        days = facts.cast.get(name.upper())
        if days is None or what not in CAST_FIELDS:
            return None
        return int(getattr(days, what))
    return None


def known_binding(binding: str) -> bool:
    if binding in ("", SHOOT_DAYS):
        return True
    name, _, what = binding.removeprefix(CAST_PREFIX).rpartition(".")
    return binding.startswith(CAST_PREFIX) and bool(name) and what in CAST_FIELDS


def bind(budget: Budget, facts: ScheduleFacts | None) -> Budget:
    """The budget with each bound global's expression replaced by its value from ``facts``."""
    if facts is None:
        return budget
    changed: list[Global] = []
    for item in budget.globals:
        value = bound_value(item.binding, facts) if item.binding else None
        changed.append(item if value is None else replace(item, expression=str(value)))
    return replace(budget, globals=tuple(changed))
