"""The shooting calendar: which dates are shoot days, days off and holidays. Pure.

Shoot day N of a board falls on the N-th shoot date from the schedule's start: a date on one
of the working weekdays that is not a holiday or a day off, or an extra shoot day.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

# Far enough for any real shoot; stops a calendar with no working day from looping forever.
MAX_SPAN_DAYS = 3 * 366


class DateKind(StrEnum):
    SHOOT = "shoot"
    OFF = "off"  # a weekend or a day off
    HOLIDAY = "holiday"


@dataclass(frozen=True)
class Calendar:
    start: date
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # 0 = Monday
    holidays: Mapping[date, str] = field(default_factory=dict)
    days_off: frozenset[date] = frozenset()
    extra_days: frozenset[date] = frozenset()  # shoot days outside the weekly pattern

    def kind(self, day: date) -> DateKind:
        if day in self.holidays:
            return DateKind.HOLIDAY
        if day in self.extra_days:
            return DateKind.SHOOT
        if day in self.days_off or day.weekday() not in self.weekdays:
            return DateKind.OFF
        return DateKind.SHOOT

    def school_day(self, day: date) -> bool:
        """Minors' hour limits are lower on school days: weekdays that are not holidays."""
        return day.weekday() < 5 and day not in self.holidays

    def shoot_dates(self, count: int) -> list[date]:
        """The first ``count`` shoot dates from the start (fewer if the calendar runs dry)."""
        dates: list[date] = []
        for day in self._days():
            if len(dates) >= count:
                break
            if self.kind(day) is DateKind.SHOOT:
                dates.append(day)
        return dates

    def span(self, first: date, last: date) -> list[date]:
        """Every calendar date from ``first`` to ``last`` inclusive."""
        return [first + timedelta(days=i) for i in range((last - first).days + 1)]

    def _days(self) -> Iterator[date]:
        for offset in range(MAX_SPAN_DAYS):
            yield self.start + timedelta(days=offset)


def weekdays_from(text: str) -> frozenset[int]:
    """``"01234"`` -> Monday to Friday; raises ValueError on anything else."""
    days = frozenset(int(ch) for ch in text if ch.isdigit())
    if not days or any(d > 6 for d in days) or len(days) != len(text):
        raise ValueError(f"{text!r} is not a set of weekdays 0 (Monday) to 6 (Sunday)")
    return days
