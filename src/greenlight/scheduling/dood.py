"""Day out of days (DOOD): each element's status on each calendar day of the shoot. Pure.

The grid follows Movie Magic Scheduling. Columns are calendar days in date order; a column with
a ``day_number`` is a shoot day, one without is a company day off (weekend) or a holiday. Each
element (cast member, extra, animal, vehicle...) gets one code per column by these rules:

1. Work. The shoot days in ``work`` are work days: the first is ``SW`` (start work), the last
   ``WF`` (work finish), a single work day ``SWF``, the others ``W``. The *span* runs from the
   first to the last work day. Travel, rehearsal or fitting before the first work day does not
   move ``SW``: the start code marks the first day in front of the camera.
2. Inside the span, a day that is not a work day is, in this order of precedence:
   ``T``/``R``/``F`` when it is one of the element's travel, rehearsal or fitting dates (work
   wins over these, so they never show on a work day); ``D`` or blank when it lies in the drop
   (rule 3); when ``allow_hold``, ``HOL`` on a holiday and ``H`` (hold) on a shoot day;
   without it, blank, and a shoot day so left counts as *idle* (an element that is not held
   is not paid for the holiday either); blank on a company day off, counted as nothing
   (nobody is held on a day the company does not shoot).
3. Drop and pick-up (SAG-AFTRA: one unpaid break per production, with a firm pick-up date more
   than N calendar days after release; N is 10 for US theatrical and TV films, 14 otherwise).
   When ``drop_pickup_days`` is N, the candidate breaks are the runs of days between two
   consecutive *engaged* dates inside the span (work, travel, rehearsal or fitting: the
   performer is paid on each). A break qualifies when ``pick_up - release > N`` days, counted
   on the calendar between the engaged date before it and the one after it. The longest
   qualifying break (the earliest on a tie) becomes the drop, at most one per element: its
   first day is ``D``, its other days blank; no day in it is a hold or a holiday, and every
   shoot day in it counts as idle. The first work day after the drop is ``PW`` (pick-up work),
   or ``PWF`` when it is also the last work day. A break that is too short stays held.
4. Outside the span only travel, rehearsal and fitting dates show (``T``/``R``/``F``); every
   other day is blank, holidays included.

Totals per element: ``work`` (work days), ``hold`` (H), ``holiday`` (HOL), ``travel`` (T),
``rehearsal`` (R), ``fitting`` (F), ``idle`` (shoot days inside the span on which the element
is neither working nor paid: no-hold gaps and the drop), ``total`` (the paid days: work, hold,
holiday, travel, rehearsal and fitting), ``start`` and ``finish`` (first and last date of
work, travel or rehearsal; fittings are paid by the hour before employment starts, so they
move neither).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import pairwise


class Code(StrEnum):
    SW = "SW"  # start work
    W = "W"  # work
    WF = "WF"  # work finish
    SWF = "SWF"  # start, work and finish on one day
    H = "H"  # hold: paid, not working
    D = "D"  # drop: released, unpaid until the pick-up
    PW = "PW"  # pick-up work, the first work day after a drop
    PWF = "PWF"  # a pick-up that is also the finish
    T = "T"  # travel
    R = "R"  # rehearsal
    F = "F"  # fitting
    HOL = "HOL"  # company holiday inside the span
    OFF = ""  # not engaged that day


WORK_CODES = frozenset({Code.SW, Code.W, Code.WF, Code.SWF, Code.PW, Code.PWF})

CODE_MEANINGS: dict[Code, str] = {
    Code.SW: "Start work",
    Code.W: "Work",
    Code.WF: "Work finish",
    Code.SWF: "Start, work, finish",
    Code.PW: "Pick-up work",
    Code.PWF: "Pick-up, work, finish",
    Code.H: "Hold",
    Code.D: "Drop",
    Code.T: "Travel",
    Code.R: "Rehearsal",
    Code.F: "Fitting",
    Code.HOL: "Holiday",
}


@dataclass(frozen=True)
class Column:
    """One calendar day: a shoot day when it has a day number, else a day off or a holiday."""

    date: date
    day_number: int | None
    holiday: bool = False

    @property
    def shoot_day(self) -> bool:
        return self.day_number is not None


@dataclass(frozen=True)
class ElementRowInput:
    """One element's engagements; every date must be one of the grid's columns."""

    key: str
    label: str
    work: frozenset[date]
    allow_hold: bool = True
    drop_pickup_days: int | None = None  # None: no drop allowed; else the SAG minimum gap
    travel: frozenset[date] = frozenset()
    rehearsal: frozenset[date] = frozenset()
    fitting: frozenset[date] = frozenset()


@dataclass(frozen=True)
class Totals:
    work: int
    hold: int
    holiday: int
    travel: int
    rehearsal: int
    fitting: int
    idle: int
    start: date | None
    finish: date | None

    @property
    def total(self) -> int:
        """Paid days: work, hold, holiday, travel, rehearsal and fitting."""
        return self.work + self.hold + self.holiday + self.travel + self.rehearsal + self.fitting


@dataclass(frozen=True)
class ElementRow:
    key: str
    label: str
    codes: tuple[Code, ...]
    totals: Totals
    drop_used: bool


@dataclass(frozen=True)
class Dood:
    columns: tuple[Column, ...]
    rows: tuple[ElementRow, ...]

    def row(self, key: str) -> ElementRow:
        """The row of element ``key``; KeyError when there is none."""
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)


def build(columns: Sequence[Column], rows: Sequence[ElementRowInput]) -> Dood:
    """The day-out-of-days grid of ``rows`` over ``columns`` (rules in the module docstring)."""
    _check_columns(columns)
    index = {column.date: i for i, column in enumerate(columns)}
    return Dood(tuple(columns), tuple(_row(columns, index, row) for row in rows))


def _check_columns(columns: Sequence[Column]) -> None:
    for before, after in pairwise(columns):
        if after.date <= before.date:
            raise ValueError(
                "DOOD columns must be in date order without repeats: "
                f"{after.date} comes after {before.date}"
            )


def _indices(
    row: ElementRowInput, what: str, dates: Iterable[date], index: dict[date, int]
) -> set[int]:
    """Column indices of ``dates``; a date outside the grid is an error naming the element."""
    found = set()
    for day in dates:
        if day not in index:
            raise ValueError(f"{row.label}: {what} date {day} is not a day of the schedule")
        found.add(index[day])
    return found


def _row(columns: Sequence[Column], index: dict[date, int], row: ElementRowInput) -> ElementRow:
    work = _indices(row, "work", row.work, index)
    for i in sorted(work):
        if not columns[i].shoot_day:
            raise ValueError(f"{row.label}: works on {columns[i].date}, which is not a shoot day")
    extra = {
        Code.T: _indices(row, "travel", row.travel, index) - work,
        Code.R: _indices(row, "rehearsal", row.rehearsal, index) - work,
        Code.F: _indices(row, "fitting", row.fitting, index) - work,
    }
    codes = [Code.OFF] * len(columns)
    for code, days in extra.items():
        for i in days:
            codes[i] = code
    idle = 0
    drop = None
    if work:
        drop = _drop(columns, row, work, set().union(*extra.values()))
        idle = _fill_span(codes, columns, row, work, drop)
    totals = _totals(codes, columns, idle)
    return ElementRow(row.key, row.label, tuple(codes), totals, drop is not None)


def _drop(
    columns: Sequence[Column], row: ElementRowInput, work: set[int], extra: set[int]
) -> range | None:
    """Column indices of the drop: the longest break between engaged days that qualifies."""
    if row.drop_pickup_days is None:
        return None
    first, last = min(work), max(work)
    engaged = sorted(i for i in work | extra if first <= i <= last)
    best: range | None = None
    best_days = row.drop_pickup_days  # a break must be strictly longer than this
    for release, pickup in pairwise(engaged):
        days = (columns[pickup].date - columns[release].date).days
        if pickup - release > 1 and days > best_days:
            best, best_days = range(release + 1, pickup), days
    return best


def _fill_span(
    codes: list[Code],
    columns: Sequence[Column],
    row: ElementRowInput,
    work: set[int],
    drop: range | None,
) -> int:
    """Write work, hold, holiday and drop codes between first and last work; return idle days."""
    first, last = min(work), max(work)
    pickup = None if drop is None else min(i for i in work if i >= drop.stop)
    idle = 0
    for i in range(first, last + 1):
        column = columns[i]
        if i in work:
            codes[i] = _work_code(i, first, last, pickup)
        elif codes[i] != Code.OFF:
            continue  # travel, rehearsal or fitting: already written, and paid
        elif drop is not None and i in drop:
            codes[i] = Code.D if i == drop.start else Code.OFF
            idle += column.shoot_day
        elif column.holiday and row.allow_hold:
            codes[i] = Code.HOL
        elif column.shoot_day and row.allow_hold:
            codes[i] = Code.H
        elif column.shoot_day:
            idle += 1
    return idle


def _work_code(i: int, first: int, last: int, pickup: int | None) -> Code:
    if i == first:
        return Code.SWF if i == last else Code.SW
    if i == pickup:
        return Code.PWF if i == last else Code.PW
    return Code.WF if i == last else Code.W


def _totals(codes: Sequence[Code], columns: Sequence[Column], idle: int) -> Totals:
    counted = [code for code in codes if code]
    dated = sorted(
        column.date
        for column, code in zip(columns, codes, strict=True)
        if code in WORK_CODES or code in (Code.T, Code.R)
    )
    return Totals(
        work=sum(code in WORK_CODES for code in counted),
        hold=counted.count(Code.H),
        holiday=counted.count(Code.HOL),
        travel=counted.count(Code.T),
        rehearsal=counted.count(Code.R),
        fitting=counted.count(Code.F),
        idle=idle,
        start=dated[0] if dated else None,
        finish=dated[-1] if dated else None,
    )
