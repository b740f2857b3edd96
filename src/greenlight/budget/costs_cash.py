"""Hot costs per shoot day and the cash-flow schedule against funding drops.

Shoot days come from the current schedule (the locked one, else the newest draft). The cash
flow spreads the current budget over the production's weeks (:mod:`.spending`), pays it with
the project's payment terms and compares it with the funding drops the producer enters.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction

from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import require
from greenlight.core.eighths import format_eighths, parse_eighths
from greenlight.core.errors import InvalidInput, NotFound
from greenlight.projects.models import Project
from greenlight.scheduling.board import read_board
from greenlight.scheduling.models import Schedule
from greenlight.scheduling.services import current_schedule

from . import cashflow, hotcosts, services, spending
from .costs import basis
from .model import Section
from .models import Budget, BudgetStatus, FundingDrop, HotCost

ZERO = Decimal(0)
TERMS_KEY = "payment_terms_days"  # in the current budget's info, as text (info is text)
MAX_TERMS_DAYS = 365


# --- hot costs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ShootDay:
    number: int
    on: date
    eighths: int  # scheduled on the board

    @property
    def label(self) -> str:
        return f"Day {self.number} · {self.on:%a %-d %b %Y} · {format_eighths(self.eighths)} pgs"


def shoot_days(project: Project) -> list[ShootDay]:
    """The dated shoot days of the current schedule; none without a schedule."""
    return _schedule_days(project)[1]


def _schedule_days(project: Project) -> tuple[Schedule | None, list[ShootDay]]:
    schedule = current_schedule(project)
    if schedule is None:
        return None, []
    days = read_board(schedule).days
    return schedule, [ShootDay(d.number, d.date, d.eighths) for d in days if d.date]


@dataclass(frozen=True)
class HotEntry:
    on: date | None
    description: str
    actual: Decimal | None
    budgeted: Decimal = ZERO
    account_code: str = ""
    pages_scheduled: str = ""  # "4 2/8"; blank: as given earlier that day, else the board's
    pages_shot: str = ""


def add_hot_cost(actor: Any, project: Project, entry: HotEntry) -> HotCost:
    """Record one overrun (overtime, a meal penalty ...) on a shoot day."""
    require(actor, project, Capability.EDIT_BUDGET)
    days = {d.on: d for d in shoot_days(project)}
    errors: dict[str, list[str]] = {}
    _check_day(entry.on, days, errors)
    description = " ".join(entry.description.split())
    if not description:
        errors["description"] = ["Say what the cost is, e.g. 'Crew overtime: 1.5 hours'."]
    for name in ("budgeted", "actual"):
        value = getattr(entry, name)
        if value is None or value < 0:
            errors[name] = ["Give an amount of zero or more."]
    code = entry.account_code.strip()
    found = basis(project)
    if code and found is not None and code not in found.accounts:
        errors["account_code"] = [f"{code!r} is not an account of the current budget."]
    scheduled = _eighths(entry.pages_scheduled, "pages_scheduled", errors)
    shot = _eighths(entry.pages_shot, "pages_shot", errors)
    if errors or entry.on is None or entry.actual is None:
        raise InvalidInput(errors)
    with transaction.atomic():
        return HotCost.objects.create(
            project=project,
            on=entry.on,
            account_code=code,
            description=description[:300],
            budgeted=entry.budgeted,
            actual=entry.actual,
            pages_scheduled=scheduled,
            pages_shot=shot,
        )


def _check_day(on: date | None, days: dict[date, ShootDay], errors: dict[str, list[str]]) -> None:
    if on is None:
        errors["on"] = ["Choose the shoot day."]
    elif days and on not in days:
        first, last = min(days), max(days)
        errors["on"] = [
            f"{on:%a %-d %b %Y} is not a shoot day of the current schedule "
            f"({first:%-d %b} to {last:%-d %b %Y})."
        ]


def _eighths(text: str, name: str, errors: dict[str, list[str]]) -> int | None:
    if not text.strip():
        return None
    try:
        return parse_eighths(text)
    except ValueError as error:
        errors[name] = [f"{error}."]
        return None


def delete_hot_cost(actor: Any, project: Project, hot_id: int) -> None:
    require(actor, project, Capability.EDIT_BUDGET)
    with transaction.atomic():
        deleted, _ = HotCost.objects.filter(project=project, pk=hot_id).delete()
    if not deleted:
        raise NotFound(f"No hot cost #{hot_id} on {project}.")


@dataclass(frozen=True)
class HotDay:
    number: int | None  # the shoot day's number; None off the schedule
    on: date
    entries: tuple[HotCost, ...]
    report: hotcosts.HotCost  # its over/under and pages
    pages_known: bool  # both pages scheduled and shot were given
    running_over: Decimal  # over/under of the shoot up to and including this day


@dataclass(frozen=True)
class HotCostSheet:
    currency: str
    days: tuple[HotDay, ...]
    shoot_days: tuple[ShootDay, ...]

    @property
    def total_over(self) -> Decimal:
        return self.days[-1].running_over if self.days else ZERO

    @property
    def eighths_behind(self) -> int:
        return sum(d.report.eighths_behind for d in self.days if d.pages_known)

    @property
    def pages_summary(self) -> str:
        behind = self.eighths_behind
        if not behind:
            return "on schedule"
        return f"{format_eighths(abs(behind))} {'behind' if behind > 0 else 'ahead'}"


def hot_cost_sheet(actor: Any, project: Project) -> HotCostSheet:
    """Each day's overruns, its over/under and pages behind, and the running total."""
    require(actor, project, Capability.VIEW_BUDGET)
    days = shoot_days(project)
    numbers = {d.on: d for d in days}
    by_day: dict[date, list[HotCost]] = {}
    for row in HotCost.objects.filter(project=project).order_by("on", "pk"):
        by_day.setdefault(row.on, []).append(row)
    rows, running = [], ZERO
    for on, entries in by_day.items():
        day = numbers.get(on)
        scheduled = _last(e.pages_scheduled for e in entries)
        scheduled = scheduled if scheduled is not None else (day.eighths if day else None)
        shot = _last(e.pages_shot for e in entries)
        extras = tuple(hotcosts.Extra(e.description, e.budgeted, e.actual) for e in entries)
        report = hotcosts.HotCost(
            day.number if day else 0, on, (), extras, scheduled or 0, shot or 0
        )
        running += report.over
        known = scheduled is not None and shot is not None
        rows.append(HotDay(day.number if day else None, on, tuple(entries), report, known, running))
    found = basis(project)
    currency = found.currency if found else project.currency
    return HotCostSheet(currency, tuple(rows), tuple(days))


def _last(values: Any) -> int | None:
    """The last value given (a later entry corrects the day's page count)."""
    found = None
    for value in values:
        if value is not None:
            found = value
    return found


# --- cash flow -----------------------------------------------------------------------------


def payment_terms(budget: Budget | None) -> int:
    """Days after a cost falls due that it is paid (net-30: 30); 0 by default."""
    text = str((budget.info if budget else {}).get(TERMS_KEY, "0"))
    return int(text) if text.isdigit() else 0


def set_payment_terms(actor: Any, project: Project, days: int) -> Budget:
    """The project's payment terms, kept with its current budget."""
    require(actor, project, Capability.EDIT_BUDGET)
    if not 0 <= days <= MAX_TERMS_DAYS:
        raise InvalidInput.single("days", f"Give 0 to {MAX_TERMS_DAYS} days.")
    budget = services.current_budget(project)
    if budget is None:
        raise InvalidInput.single("days", "Create a budget first: the cash flow spends it.")
    with transaction.atomic():
        row = Budget.objects.select_for_update().get(pk=budget.pk)
        row.info = {**row.info, TERMS_KEY: str(days)}
        row.save(update_fields=["info"])
    return row


def add_funding(
    actor: Any, project: Project, *, on: date | None, amount: Decimal | None, source: str
) -> FundingDrop:
    """A drawdown of financing expected on a date (signing, start of photography ...)."""
    require(actor, project, Capability.EDIT_BUDGET)
    source = " ".join(source.split())
    errors: dict[str, list[str]] = {}
    if on is None:
        errors["on"] = ["Give the date the money arrives."]
    if amount is None or amount <= 0:
        errors["amount"] = ["Give an amount above zero."]
    if not source:
        errors["source"] = ["Say where it comes from, e.g. 'Signing (30%)'."]
    if errors or on is None or amount is None:
        raise InvalidInput(errors)
    with transaction.atomic():
        return FundingDrop.objects.create(
            project=project, on=on, amount=amount, source=source[:200]
        )


def delete_funding(actor: Any, project: Project, drop_id: int) -> None:
    require(actor, project, Capability.EDIT_BUDGET)
    with transaction.atomic():
        deleted, _ = FundingDrop.objects.filter(project=project, pk=drop_id).delete()
    if not deleted:
        raise NotFound(f"No funding drop #{drop_id} on {project}.")


@dataclass(frozen=True)
class CashFlowPlan:
    budget: Budget | None
    currency: str
    terms_days: int
    phases: spending.Phases | None
    shoot_dates_from: str  # "the schedule 'First pass'" or "the project's shoot dates"
    drops: tuple[FundingDrop, ...]
    flow: cashflow.CashFlow | None
    problem: str = ""  # why there is no flow

    @property
    def locked(self) -> bool:
        return self.budget is not None and self.budget.status == BudgetStatus.LOCKED


def cash_flow(actor: Any, project: Project) -> CashFlowPlan:
    """The current budget spent week by week against the funding drops."""
    require(actor, project, Capability.VIEW_BUDGET)
    budget = services.current_budget(project)
    drops = tuple(FundingDrop.objects.filter(project=project).order_by("on", "pk"))
    terms = payment_terms(budget)
    currency = budget.currency if budget else project.currency
    phases, source = _phases(project)
    plan = CashFlowPlan(budget, currency, terms, phases, source, drops, None)
    if budget is None:
        return _without(plan, "There is no budget yet: create one to see its cash flow.")
    if phases is None:
        return _without(
            plan, "Give the project its shoot dates, or make a schedule, to spread the budget."
        )
    items = spending.spend_items(_costs(actor, budget), phases, terms_days=terms)
    start = min([phases.first_day, *(d.on for d in drops)])
    monday = start - timedelta(days=start.weekday())
    funding = [cashflow.FundingDrop(d.on, d.amount, d.source) for d in drops]
    flow = cashflow.cash_flow(items, funding, start=monday)
    return CashFlowPlan(budget, currency, terms, phases, source, drops, flow)


def _without(plan: CashFlowPlan, problem: str) -> CashFlowPlan:
    return CashFlowPlan(
        plan.budget,
        plan.currency,
        plan.terms_days,
        plan.phases,
        plan.shoot_dates_from,
        plan.drops,
        None,
        problem,
    )


def _phases(project: Project) -> tuple[spending.Phases | None, str]:
    schedule, days = _schedule_days(project)
    dated = [d.on for d in days]
    if dated:
        first, last, source = min(dated), max(dated), f"the schedule '{schedule}'"
    elif project.shoot_start and project.shoot_end:
        first, last, source = project.shoot_start, project.shoot_end, "the project's shoot dates"
    else:
        return None, ""
    phases = spending.Phases(first, last, project.prep_start, project.delivery_date)
    return phases, source


def _costs(actor: Any, budget: Budget) -> list[spending.Cost]:
    """Each line's total (fringes included) and each topsheet percentage."""
    computed = services.sheet(actor, budget).computed
    costs = [
        spending.Cost(
            line.account,
            computed.account(line.account).section,
            line.total,
            line.line.tags.get("group", ""),
        )
        for line in computed.lines
    ]
    costs += [spending.Cost(c.code, Section.OTHER, c.amount) for c in computed.contractuals]
    return costs
