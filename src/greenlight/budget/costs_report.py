"""The cost report for a period and the estimates to complete behind it.

The report compares the current budget (the newest locked version, else the newest draft,
labelled as such) with the ledger: actuals to the period's end, the purchase orders still open
then, and the producer's estimate-to-complete overrides. Every read needs ``view_budget`` and
every write ``edit_budget``.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction

from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import require
from greenlight.core.errors import InvalidInput, NotFound
from greenlight.projects.models import Project

from . import costreport, model, services
from .costs import basis
from .costs_export import CONTRACTUALS
from .models import ActualCost, Budget, BudgetStatus, EstimateToComplete, PurchaseOrder

OVERAGES_NOTE = (
    "Approved overages are not recorded in Greenlight yet: the column is 0 and the final "
    "budget equals the budget."
)


# --- estimates to complete -----------------------------------------------------------------


def set_etc(
    actor: Any, project: Project, account_code: str, *, amount: Decimal, note: str, at: datetime
) -> EstimateToComplete:
    """Override an account's estimate to complete, saying why (each change is kept)."""
    require(actor, project, Capability.EDIT_BUDGET)
    code, note = account_code.strip(), " ".join(note.split())
    errors: dict[str, list[str]] = {}
    if code not in _known_codes(project):
        errors["account_code"] = [f"{code!r} is not an account of the current budget."]
    if amount < 0:
        errors["amount"] = ["An estimate to complete cannot be negative."]
    if not note:
        errors["note"] = ["Say why the estimate is overridden."]
    elif len(note) > 300:
        errors["note"] = ["Keep the note under 300 characters."]
    if errors:
        raise InvalidInput(errors)
    values = {"amount": amount, "note": note, "updated_by": actor, "updated_at": at}
    with transaction.atomic():
        row, _ = EstimateToComplete.objects.update_or_create(
            project=project, account_code=code, defaults=values
        )
    return row


def clear_etc(actor: Any, project: Project, account_code: str) -> None:
    """Go back to the default estimate (budget - actual - committed, at least zero)."""
    require(actor, project, Capability.EDIT_BUDGET)
    with transaction.atomic():
        deleted, _ = EstimateToComplete.objects.filter(
            project=project, account_code=account_code
        ).delete()
    if not deleted:
        raise NotFound(f"Account {account_code} has no estimate override.")


def etc_overrides(actor: Any, project: Project) -> list[EstimateToComplete]:
    require(actor, project, Capability.VIEW_BUDGET)
    return list(EstimateToComplete.objects.filter(project=project).order_by("account_code"))


def etc_history(actor: Any, project: Project, limit: int = 50) -> list[Any]:
    """The latest changes to the overrides: set, changed, cleared, with who and why."""
    require(actor, project, Capability.VIEW_BUDGET)
    records = EstimateToComplete.history.filter(project_id=project.pk)
    return list(
        records.select_related("history_user", "updated_by").order_by("-history_date")[:limit]
    )


def _known_codes(project: Project) -> set[str]:
    """The current budget's accounts and any code that has costs (an unbudgeted row)."""
    found = basis(project)
    codes = set(found.accounts) if found else set()
    codes.update(ActualCost.objects.filter(project=project).values_list("account_code", flat=True))
    codes.update(
        PurchaseOrder.objects.filter(project=project).values_list("account_code", flat=True)
    )
    return codes


# --- the cost report -----------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise InvalidInput.single("end", "The period ends before it starts.")
        if (self.end - self.start).days > 366 * 20:
            raise InvalidInput.single("start", "Choose a period of at most twenty years.")

    @classmethod
    def week_of(cls, day: date) -> "Period":
        """Monday to Sunday around ``day``."""
        monday = day - timedelta(days=day.weekday())
        return cls(monday, monday + timedelta(days=6))

    @property
    def is_week(self) -> bool:
        return self.start.weekday() == 0 and (self.end - self.start).days == 6


@dataclass(frozen=True)
class CostReportView:
    project: Project
    budget: Budget | None
    currency: str
    report: costreport.CostReport
    overages_note: str = OVERAGES_NOTE

    @property
    def locked(self) -> bool:
        return self.budget is not None and self.budget.status == BudgetStatus.LOCKED

    @property
    def budget_label(self) -> str:
        if self.budget is None:
            return "No budget yet"
        if self.locked:
            return f"Locked budget: {self.budget.name}"
        return f"Draft budget: {self.budget.name} (no version is locked yet)"


def cost_report(actor: Any, project: Project, period: Period) -> CostReportView:
    """Budget against actuals, open POs and estimates to complete, for ``period``."""
    require(actor, project, Capability.VIEW_BUDGET)
    budget = services.current_budget(project)
    lines = _budget_lines(actor, budget) if budget else []
    actual_rows = ActualCost.objects.filter(project=project, on__lte=period.end).values_list(
        "account_code", "base_amount", "on", "purchase_order__number"
    )
    actuals = [
        costreport.Actual(code, amount, on, po_ref=number or "")
        for code, amount, on, number in actual_rows
    ]
    open_orders = PurchaseOrder.objects.filter(project=project, closed=False).values_list(
        "number", "account_code", "base_amount", "on"
    )
    commitments = costreport.open_commitments(
        (costreport.PurchaseOrder(*row) for row in open_orders), actuals, as_of=period.end
    )
    overrides = [
        costreport.EtcOverride(e.account_code, e.amount, e.note)
        for e in EstimateToComplete.objects.filter(project=project)
    ]
    report = costreport.report(
        lines, actuals, commitments, overrides, (), period_start=period.start, period_end=period.end
    )
    return CostReportView(project, budget, budget.currency if budget else project.currency, report)


def _budget_lines(actor: Any, budget: Budget) -> list[costreport.BudgetLine]:
    """Each account's total, then the topsheet percentages (contingency, bond ...) as rows of
    their own, so the report's budget equals the topsheet's grand total."""
    computed = services.sheet(actor, budget).computed
    names = {c.code: c.name for c in computed.categories}
    lines = [
        costreport.BudgetLine(
            a.code, a.name, a.category, names.get(a.category, ""), a.section, a.total
        )
        for a in computed.accounts
    ]
    codes = {a.code for a in computed.accounts}
    lines += [
        costreport.BudgetLine(
            c.code, c.name, CONTRACTUALS, "Contractual charges", model.Section.OTHER, c.amount
        )
        for c in computed.contractuals
        if c.code not in codes
    ]
    return lines
