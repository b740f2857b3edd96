"""Fringes: payroll taxes, pension & health and fees on labour lines, with per-person caps. Pure.

A **percent** fringe is ``rate`` % of a line's pay (its subtotal in the base currency, already
rounded to cents). When the fringe has a ``cap`` (a wage base such as OASDI's $176,100), the cap
applies to *one person's* pay across all of that person's lines together (prep, shoot, wrap),
in the budget's line order: lines sharing :attr:`DetailLine.person` and the fringe count as one
person; a line without a person is a person of its own. Only pay on lines the fringe applies to
counts toward its cap. Each line is fringed on the part of its pay that falls under the cap::

    fringed pay = min(paid so far + pay, cap) - min(paid so far, cap)

so a person's fringe adds up to ``rate × min(total pay, cap)`` (negative lines, such as a
credit, give back what they take off).

A **flat** fringe is ``rate`` base-currency units per hour worked: hours = amount × multiplier ×
the hours of the line's unit (:data:`model.HOURS_PER_UNIT`: day 12, week 60, month 240). A flat
fringe on a line in ``flat`` or ``allow`` units is an **error** (the line has no hours, so a
silent zero would hide a mistake), and a flat fringe cannot have a cap (a cap is a wage base).

A fringe applies to a line only when the line's ``paid_on`` falls within the fringe's
``effective_from``/``effective_to`` (inclusive); a line without ``paid_on`` gets every fringe it
names. Each line's amount for each fringe is rounded to the currency's minor unit (cents),
half up.
"""

from collections.abc import Callable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import NamedTuple

from .formulas import CONTEXT, BudgetError, Problems
from .model import Fringe, FringeKind

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal(0)


class FringeError(BudgetError):
    """Fringes that cannot be applied: an unknown code, a flat fringe on a line with no hours."""


class PaidLine(NamedTuple):
    """What fringes need to know of one detail line."""

    pay: Decimal  # the line's subtotal in the base currency, rounded
    hours: Decimal | None  # amount × multiplier × hours per unit; None for flat and allow
    fringes: tuple[str, ...]  # codes
    person: str = ""
    paid_on: date | None = None
    where: str = ""  # how messages name the line (else ``place``, else its number)


class _Rule(NamedTuple):
    """A usable fringe, ready to apply."""

    code: str
    flat: bool
    rate: Decimal  # per hour, for a flat fringe
    factor: Decimal  # rate / 100, for a percent fringe
    cap: Decimal | None
    start: date | None
    end: date | None


def fringe_lines(
    lines: Sequence[PaidLine],
    fringes: Sequence[Fringe],
    quantum: Decimal = CENT,
    place: Callable[[int], str] | None = None,
) -> list[dict[str, Decimal]]:
    """Each line's fringe amounts by code, in the lines' order (see the module for the rules).

    ``place(index)`` names a line in messages when its ``where`` is empty.
    """
    problems = Problems()
    rules = _rules(fringes, problems)
    defined = {fringe.code for fringe in fringes}
    chosen: dict[tuple[str, ...], tuple[_Rule, ...]] = {}  # a line's codes → its rules
    paid_so_far: dict[tuple[str, object], Decimal] = {}  # (fringe code, person): pay counted
    result: list[dict[str, Decimal]] = []
    with localcontext(CONTEXT) as context:
        context.rounding = ROUND_HALF_UP
        for index, line in enumerate(lines):
            mine = chosen.get(line.fringes)
            if mine is None:
                codes = dict.fromkeys(line.fringes)  # a code named twice is applied once
                mine = chosen[line.fringes] = tuple(rules[c] for c in codes if c in rules)
            amounts: dict[str, Decimal] = {}
            if len(mine) != len(line.fringes):
                for code in dict.fromkeys(line.fringes):
                    if code not in defined:
                        problems.add(_place(line, index, place), f"unknown fringe {code}")
            paid_on = line.paid_on
            for rule in mine:
                if paid_on is not None and (
                    (rule.start is not None and paid_on < rule.start)
                    or (rule.end is not None and paid_on > rule.end)
                ):
                    continue  # paid outside the fringe's effective dates
                if rule.flat:
                    if line.hours is None:
                        problems.add(
                            _place(line, index, place),
                            f"fringe {rule.code} is per hour, but the line's unit has no hours"
                            " (use hour, day, week or month)",
                        )
                        continue
                    amount = line.hours * rule.rate
                elif rule.cap is None:
                    amount = line.pay * rule.factor
                else:
                    person = (rule.code, line.person or index)
                    before = paid_so_far.get(person, ZERO)
                    after = paid_so_far[person] = before + line.pay
                    amount = (min(after, rule.cap) - min(before, rule.cap)) * rule.factor
                amounts[rule.code] = amount.quantize(quantum)
            result.append(amounts)
    problems.raise_as(FringeError)
    return result


def _place(line: PaidLine, index: int, place: Callable[[int], str] | None) -> str:
    if line.where:
        return line.where
    return place(index) if place is not None else f"line {index + 1}"


def _rules(fringes: Sequence[Fringe], problems: Problems) -> dict[str, _Rule]:
    """The usable fringes by code; problems with the definitions themselves."""
    rules: dict[str, _Rule] = {}
    seen: set[str] = set()
    for fringe in fringes:
        where = f"fringe {fringe.code}"
        start, end = fringe.effective_from, fringe.effective_to
        if fringe.code in seen:
            problems.add(where, "defined more than once")
        elif fringe.kind is FringeKind.FLAT and fringe.cap is not None:
            problems.add(where, "a flat fringe cannot have a cap (a cap is a wage base)")
        elif fringe.cap is not None and fringe.cap < 0:
            problems.add(where, "the cap cannot be negative")
        elif start is not None and end is not None and start > end:
            problems.add(where, "effective_from is after effective_to")
        else:
            flat = fringe.kind is FringeKind.FLAT
            factor = fringe.rate / HUNDRED
            rules[fringe.code] = _Rule(
                fringe.code, flat, fringe.rate, factor, fringe.cap, start, end
            )
        seen.add(fringe.code)
    return rules
