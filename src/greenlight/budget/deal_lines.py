"""Labour lines from an approved deal memo, written into a draft budget in place of the deal's
earlier lines, with the cost impact. The lines themselves come from :func:`deals.labour_lines`.

Decisions:

* Prep, shoot and wrap days: see :func:`split_days`. The day counts are written into the lines
  as numbers; when the schedule or the deal's dates change, generate the lines again.
* The pay lines go into the deal's account and the kit rental into the department's xx-85
  account when the budget has it (else into the deal's account). Nothing is created: without
  the deal's account (or one of its fringes) in the budget, nothing is generated.
* Every line carries the deal (``Line.deal``), the person (so fringe caps apply across all
  their lines) and the key ``deal:<id>:<phase>``, its identity across budget versions.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet

from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import require
from greenlight.core.errors import Conflict, InvalidInput
from greenlight.projects.models import Person, Project

from . import deal_pdf, deals, services
from .binding import ScheduleFacts
from .deal_memos import locked_deal, pure_deal
from .models import Account, Budget, DealMemo, DealStatus, Fringe, Line
from .schedule_link import facts_for_project

MAX_HOURS = Decimal(24)


@dataclass(frozen=True)
class PhaseDays:
    prep: int
    shoot: int
    wrap: int
    how: str  # where the figures came from, in words


def split_days(
    start: date, end: date, shoot: tuple[date, date] | None, scheduled: int | None
) -> PhaseDays:
    """Prep, shoot and wrap days of a deal from ``start`` to ``end`` (working days, Mon-Fri).

    The shoot window is the project's planned shoot dates. Working days of the deal before it
    are prep and after it wrap; the days inside it are shoot days, except that a deal covering
    the whole window takes the schedule's count of shoot days (``scheduled``), which is what
    the budget's ``SHOOT_DAYS`` follows. Without shoot dates every working day is a shoot day
    (never more than the schedule's days).
    """
    days = deals.working_days
    if shoot is None:
        count = days(start, end)
        if scheduled is not None and scheduled < count:
            return PhaseDays(0, scheduled, 0, "the schedule's shoot days; no shoot dates")
        return PhaseDays(0, count, 0, "every working day of the deal; no shoot dates")
    first, last = shoot
    one = timedelta(days=1)
    prep = days(start, min(end, first - one))
    wrap = days(max(start, last + one), end)
    inside = days(max(start, first), min(end, last))
    if start <= first and end >= last and scheduled is not None:
        return PhaseDays(prep, scheduled, wrap, "the schedule's shoot days")
    if scheduled is not None:
        inside = min(inside, scheduled)
    return PhaseDays(prep, inside, wrap, "working days inside the planned shoot dates")


def phase_days(project: Project, deal: DealMemo, facts: ScheduleFacts | None) -> PhaseDays:
    window = None
    if project.shoot_start and project.shoot_end and project.shoot_start <= project.shoot_end:
        window = (project.shoot_start, project.shoot_end)
    return split_days(deal.start, deal.end, window, facts.shoot_days if facts else None)


@dataclass(frozen=True)
class Generated:
    """Labour lines written into a budget, with the cost impact."""

    budget: Budget
    deal: DealMemo
    lines: list[Line]
    days: PhaseDays
    currency: str
    before: Decimal  # grand total before
    after: Decimal

    @property
    def change(self) -> Decimal:
        return self.after - self.before


def generate_lines(
    actor: Any, project: Project, deal_id: int, budget_id: int, *, shoot_hours: Decimal
) -> Generated:
    """Replace the deal's lines in a draft budget with fresh ones; all or nothing."""
    require(actor, project, Capability.EDIT_BUDGET)
    budget = services.get_budget(actor, project, budget_id)
    if not Decimal(0) < shoot_hours <= MAX_HOURS:
        raise InvalidInput.single(
            "shoot_hours", "A shoot day has more than 0 and 24 hours at most."
        )
    facts = facts_for_project(project)
    with transaction.atomic():
        row = services.editable(budget, None)
        deal = locked_deal(project, deal_id, None)
        if deal.status != DealStatus.APPROVED:
            raise Conflict(f"Only an approved deal makes budget lines; {deal} is {deal.status}.")
        targets = _targets(row, deal)
        before = services.sheet(actor, row, facts=facts).computed.grand_total
        days = phase_days(project, deal, facts)
        pure = pure_deal(deal, person_key=_person_key(deal.person), base_currency=row.currency)
        made = deals.labour_lines(
            pure, prep_days=days.prep, shoot_days=days.shoot, wrap_days=days.wrap,
            shoot_hours_per_day=shoot_hours,
        )  # fmt: skip
        lines = _replace_lines(row, deal, made, targets)
        after = services.sheet(actor, row, facts=facts).computed.grand_total  # the recheck
        services.touch(row)
    return Generated(row, deal, lines, days, row.currency, before, after)


def _targets(budget: Budget, deal: DealMemo) -> dict[str, Account]:
    """The pay account and the kit account (the xx-85 one, else the pay account)."""
    accounts = {a.code: a for a in Account.objects.filter(budget=budget)}
    pay = accounts.get(deal.account_code)
    if pay is None:
        raise InvalidInput.single(
            "account_code",
            f"{budget} has no account {deal.account_code}: add it there, or code the deal to "
            "an account it has. Nothing was generated.",
        )
    missing = set(deal.fringes) - set(
        Fringe.objects.filter(budget=budget).values_list("code", flat=True)
    )
    if missing:
        raise InvalidInput.single(
            "fringes",
            f"{budget} has no fringe {', '.join(sorted(missing))}. Nothing was generated.",
        )
    return {"pay": pay, "kit": accounts.get(deals.kit_account(deal.account_code), pay)}


def _replace_lines(
    budget: Budget, deal: DealMemo, made: list[Any], targets: dict[str, Account]
) -> list[Line]:
    old = Line.objects.filter(budget=budget, deal=deal)
    starts = _first_positions(old)  # new lines take the old ones' place
    old.delete()
    rows: list[Line] = []
    for detail in made:
        account = targets["kit" if detail.tags.get("group") == "kit" else "pay"]
        position = starts.get(account.pk)
        if position is None:
            last = Line.objects.filter(account=account).aggregate(m=Max("position"))["m"]
            position = (last or 0) + 1
        starts[account.pk] = position + 1
        rows.append(_line_row(budget, account, deal, detail, position))
    for row in rows:
        row.save()  # one by one: each gets its history record
    return rows


def _first_positions(lines: QuerySet[Line]) -> dict[int, int]:
    found: dict[int, int] = {}
    for account_id, position in lines.values_list("account_id", "position"):
        found[account_id] = min(position, found.get(account_id, position))
    return found


def _line_row(budget: Budget, account: Account, deal: DealMemo, detail: Any, position: int) -> Line:
    phase = detail.tags.get("group", "pay")
    return Line(
        budget=budget,
        account=account,
        position=position,
        description=detail.description[:300],
        amount=detail.amount,
        unit=detail.unit.value,
        multiplier=detail.multiplier,
        rate=detail.rate,
        currency=detail.currency,
        fringes=list(detail.fringes),
        person=detail.person,
        paid_on=detail.paid_on,
        tags={**detail.tags, "deal": str(deal.pk)},
        deal=deal,
        key=f"deal:{deal.pk}:{phase}",  # one identity per deal and phase across versions
    )


def _person_key(person: Person) -> str:
    """Who a line pays, for fringe caps: the name, with the id when two people share it."""
    twins = Person.objects.filter(project_id=person.project_id, name=person.name)
    name = person.name[:100]
    return f"{name} (#{person.pk})" if twins.exclude(pk=person.pk).exists() else name


def describe(change: Generated) -> str:
    """The cost impact in words, for the message after generating."""
    currency = change.currency
    before, after = deal_pdf.money(change.before, currency), deal_pdf.money(change.after, currency)
    difference = ("+" if change.change >= 0 else "−") + deal_pdf.money(abs(change.change), currency)
    days = change.days
    return (
        f"{len(change.lines)} lines for {change.deal.person} in {change.budget} "
        f"({days.prep} prep, {days.shoot} shoot and {days.wrap} wrap days: {days.how}). "
        f"Grand total {before} → {after} ({difference})."
    )
