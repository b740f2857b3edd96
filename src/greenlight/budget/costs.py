"""Cost tracking actions: purchase orders and actuals (entered or imported from CSV), estimates
to complete, and the cost report for a period.

Costs are coded to the accounts of the project's current budget (the newest locked version,
else the newest draft) and stored in its base currency at its exchange rates. Every read needs
``view_budget`` and every write ``edit_budget``: the executive producer's, by default.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet, Sum
from simple_history.utils import bulk_create_with_history

from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import require
from greenlight.core.errors import InvalidInput, NotFound
from greenlight.projects.models import Project

from . import costreport, ledger_csv, model, services
from .ledger_csv import LedgerImportError, LedgerRow, LineError
from .models import (
    Account,
    ActualCost,
    Budget,
    BudgetCurrency,
    PurchaseOrder,
)

MAX_IMPORT_BYTES = 5 * 1024 * 1024  # a season's actuals are a few MB at most
LEDGER_ROWS_SHOWN = 500
ZERO = Decimal(0)
CENT = Decimal("0.01")

# Form and API field names for the CSV columns, and how a message names them.
_FIELDS = {"account": "account_code", "date": "on"}
_LABELS = {"account": "Account", "date": "Date", "po": "PO number"}


# --- what costs are coded against ----------------------------------------------------------


@dataclass(frozen=True)
class Basis:
    """The current budget's accounts and currencies: what a cost may be coded to."""

    budget: Budget
    accounts: dict[str, str]  # code -> name, in budget order
    rates: tuple[model.Currency, ...]

    @property
    def currency(self) -> str:
        return self.budget.currency

    @property
    def currencies(self) -> list[str]:
        return [self.currency, *(rate.code for rate in self.rates if rate.code != self.currency)]


def basis(project: Project) -> Basis | None:
    """What costs are coded against, or None before the project has a budget."""
    budget = services.current_budget(project)
    if budget is None:
        return None
    accounts = Account.objects.filter(budget=budget).order_by("category__position", "position")
    rates = BudgetCurrency.objects.filter(budget=budget).order_by("position", "pk")
    return Basis(
        budget,
        dict(accounts.values_list("code", "name")),
        tuple(model.Currency(r.code, r.rate) for r in rates),
    )


def _basis_for_writing(project: Project) -> Basis:
    found = basis(project)
    if found is None:
        raise InvalidInput.single(
            "__all__", "Create a budget first: costs are coded to its accounts."
        )
    return found


# --- entering one purchase order or actual -------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A purchase order or an actual as typed in a form or sent to the API."""

    account_code: str
    on: date | None
    vendor: str
    amount: Decimal | None
    currency: str
    description: str = ""
    kind: str = ""  # actuals: invoice, expense, payroll, credit
    po: str = ""  # a PO's own number; on an actual, the PO it is invoiced against (optional)


def _checked(entry: Entry, found: Basis, *, purchase_order: bool) -> LedgerRow:
    """The entry checked by exactly the rules a CSV row is checked by (one set of rules)."""
    columns = ledger_csv.PO_COLUMNS if purchase_order else ledger_csv.ACTUAL_COLUMNS
    values = {
        "account": entry.account_code,
        "date": entry.on.isoformat() if entry.on else "",
        "vendor": entry.vendor,
        "description": entry.description,
        "amount": format(entry.amount, "f") if entry.amount is not None else "",
        "currency": entry.currency,
        "kind": entry.kind,
        "po": entry.po,
    }
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(columns)
    writer.writerow([" ".join(str(values[c]).split()) for c in columns])
    parse = ledger_csv.parse_purchase_orders if purchase_order else ledger_csv.parse_actuals
    try:
        [row] = parse(text.getvalue(), accounts=found.accounts, currencies=found.currencies)
    except LedgerImportError as error:
        raise InvalidInput(_field_errors(error.problems)) from None
    return row


def _field_errors(problems: Iterable[LineError]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for problem in problems:
        column = problem.column or ""
        name = _FIELDS.get(column, column) or "__all__"
        message = problem.message
        if message.startswith("is "):
            message = f"{_LABELS.get(column, column.capitalize())} {message}."
        errors.setdefault(name, []).append(message[0].upper() + message[1:])
    return errors


def _in_base(rows: Sequence[LedgerRow], found: Basis) -> list[Decimal]:
    converted = ledger_csv.to_purchase_orders(
        rows, base_currency=found.currency, currencies=found.rates
    )
    return [order.amount for order in converted]


def add_purchase_order(actor: Any, project: Project, entry: Entry) -> PurchaseOrder:
    """Record a purchase order (a commitment); its number is unique on the project."""
    require(actor, project, Capability.EDIT_BUDGET)
    found = _basis_for_writing(project)
    row = _checked(entry, found, purchase_order=True)
    [base] = _in_base([row], found)
    taken = InvalidInput.single(
        "po", f"PO {row.po_ref} already exists on {project}: PO numbers are unique."
    )
    with transaction.atomic():
        if PurchaseOrder.objects.filter(project=project, number=row.po_ref).exists():
            raise taken
        try:
            with transaction.atomic():
                order = PurchaseOrder.objects.create(
                    **_po_fields(project, row, base), created_by=actor
                )
        except IntegrityError:  # created by someone else since the check
            raise taken from None
    order.refresh_from_db()  # amounts as stored (to the cent)
    return order


def add_actual(actor: Any, project: Project, entry: Entry) -> ActualCost:
    """Record an actual (invoice, expense, payroll or credit), optionally against a PO."""
    require(actor, project, Capability.EDIT_BUDGET)
    found = _basis_for_writing(project)
    row = _checked(entry, found, purchase_order=False)
    [base] = _in_base([row], found)
    with transaction.atomic():
        orders = _orders(project, [row])
        problems = _po_problems([row], orders)
        if problems:
            raise InvalidInput(_field_errors(problems))
        actual = ActualCost.objects.create(
            **_actual_fields(project, row, base, orders), created_by=actor
        )
    actual.refresh_from_db()  # amounts as stored (to the cent)
    return actual


def _po_fields(project: Project, row: LedgerRow, base: Decimal) -> dict[str, Any]:
    return {
        "project": project,
        "number": row.po_ref,
        "account_code": row.account_code,
        "vendor": row.vendor[:200],
        "description": row.description[:300],
        "on": row.on,
        "currency": row.currency,
        "amount": row.amount,
        "base_amount": base,
    }


def _actual_fields(
    project: Project, row: LedgerRow, base: Decimal, orders: dict[str, PurchaseOrder]
) -> dict[str, Any]:
    return {
        "project": project,
        "account_code": row.account_code,
        "kind": (row.kind or costreport.ActualKind.INVOICE).value,
        "vendor": row.vendor[:200],
        "description": row.description[:300],
        "on": row.on,
        "currency": row.currency,
        "amount": row.amount,
        "base_amount": base,
        "purchase_order": orders.get(row.po_ref) if row.po_ref else None,
    }


def _orders(project: Project, rows: Iterable[LedgerRow]) -> dict[str, PurchaseOrder]:
    numbers = {row.po_ref for row in rows if row.po_ref}
    found = PurchaseOrder.objects.filter(project=project, number__in=numbers)
    return {order.number: order for order in found}


def _po_problems(rows: Iterable[LedgerRow], orders: dict[str, PurchaseOrder]) -> list[LineError]:
    """An actual's PO must exist and be coded to the same account (so it reduces it)."""
    problems = []
    for row in rows:
        if not row.po_ref:
            continue
        order = orders.get(row.po_ref)
        if order is None:
            message = f"there is no purchase order {row.po_ref!r} on this project"
            problems.append(LineError(row.line_number, "po", message))
        elif order.account_code != row.account_code:
            message = (
                f"PO {order.number} is coded to account {order.account_code}; code the cost "
                f"to the same account so it reduces the PO"
            )
            problems.append(LineError(row.line_number, "po", message))
    return problems


def set_po_closed(actor: Any, project: Project, po_id: int, *, closed: bool) -> PurchaseOrder:
    """Close a PO (nothing more is committed on it) or reopen it."""
    require(actor, project, Capability.EDIT_BUDGET)
    with transaction.atomic():
        order = PurchaseOrder.objects.select_for_update().filter(project=project, pk=po_id).first()
        if order is None:
            raise NotFound(f"No purchase order #{po_id} on {project}.")
        if order.closed != closed:
            order.closed = closed
            order.save(update_fields=["closed"])
    return order


# --- importing a CSV file ------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    count: int
    total: Decimal  # in the base currency
    currency: str


def import_actuals(actor: Any, project: Project, data: bytes | str) -> Imported:
    """Every row of an actuals CSV file, or none: each problem is reported with its line."""
    require(actor, project, Capability.EDIT_BUDGET)
    found = _basis_for_writing(project)
    rows = ledger_csv.parse_actuals(
        data, accounts=found.accounts, currencies=found.currencies, max_bytes=MAX_IMPORT_BYTES
    )
    _refuse_empty(rows)
    bases = _in_base(rows, found)
    with transaction.atomic():
        orders = _orders(project, rows)
        problems = _po_problems(rows, orders)
        if problems:
            raise LedgerImportError(problems=tuple(problems))
        made = [
            ActualCost(**_actual_fields(project, row, base, orders), created_by=actor)
            for row, base in zip(rows, bases, strict=True)
        ]
        bulk_create_with_history(made, ActualCost, default_user=actor)
    return Imported(len(made), sum(bases, ZERO).quantize(CENT), found.currency)


def import_purchase_orders(actor: Any, project: Project, data: bytes | str) -> Imported:
    """Every row of a purchase-order CSV file, or none; PO numbers must be new and unique."""
    require(actor, project, Capability.EDIT_BUDGET)
    found = _basis_for_writing(project)
    rows = ledger_csv.parse_purchase_orders(
        data, accounts=found.accounts, currencies=found.currencies, max_bytes=MAX_IMPORT_BYTES
    )
    _refuse_empty(rows)
    bases = _in_base(rows, found)
    with transaction.atomic():
        problems = _duplicate_numbers(project, rows)
        if problems:
            raise LedgerImportError(problems=tuple(problems))
        made = [
            PurchaseOrder(**_po_fields(project, row, base), created_by=actor)
            for row, base in zip(rows, bases, strict=True)
        ]
        try:
            with transaction.atomic():
                bulk_create_with_history(made, PurchaseOrder, default_user=actor)
        except IntegrityError:  # a clashing PO was entered meanwhile
            message = "a PO in the file was entered by someone else meanwhile; import it again"
            raise LedgerImportError(problems=(LineError(0, None, message),)) from None
    return Imported(len(made), sum(bases, ZERO).quantize(CENT), found.currency)


def _refuse_empty(rows: Sequence[LedgerRow]) -> None:
    if not rows:
        message = "the file has a header but no rows: nothing to import"
        raise LedgerImportError(problems=(LineError(2, None, message),))


def _duplicate_numbers(project: Project, rows: Sequence[LedgerRow]) -> list[LineError]:
    existing = set(
        PurchaseOrder.objects.filter(
            project=project, number__in={row.po_ref for row in rows}
        ).values_list("number", flat=True)
    )
    first_line: dict[str, int] = {}
    problems = []
    for row in rows:
        if row.po_ref in existing:
            message = f"PO {row.po_ref} already exists on this project: PO numbers are unique"
            problems.append(LineError(row.line_number, "po", message))
        elif row.po_ref in first_line:
            message = f"PO {row.po_ref} is also on line {first_line[row.po_ref]}: one row per PO"
            problems.append(LineError(row.line_number, "po", message))
        else:
            first_line[row.po_ref] = row.line_number
    return problems


# --- the ledger ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerFilter:
    account: str = ""
    vendor: str = ""  # part of the vendor's name, any letter case
    start: date | None = None
    end: date | None = None

    def apply(self, rows: QuerySet[Any]) -> QuerySet[Any]:
        if self.account:
            rows = rows.filter(account_code=self.account)
        if self.vendor:
            rows = rows.filter(vendor__icontains=self.vendor)
        if self.start:
            rows = rows.filter(on__gte=self.start)
        if self.end:
            rows = rows.filter(on__lte=self.end)
        return rows


@dataclass(frozen=True)
class PoRow:
    order: PurchaseOrder
    invoiced: Decimal  # actuals against it on its account, in the base currency
    open: Decimal  # still committed: zero once closed or invoiced in full


@dataclass(frozen=True)
class Ledger:
    basis: Basis | None
    actuals: list[ActualCost]  # the newest LEDGER_ROWS_SHOWN of the filtered ones
    actual_count: int
    actual_total: Decimal
    purchase_orders: list[PoRow]
    po_total: Decimal
    open_total: Decimal
    filters: LedgerFilter = field(default_factory=LedgerFilter)


def ledger(actor: Any, project: Project, filters: LedgerFilter | None = None) -> Ledger:
    """The purchase orders and actuals matching ``filters``, with their totals."""
    filters = filters or LedgerFilter()
    actuals = actual_costs(actor, project, filters)
    orders = purchase_order_rows(actor, project, filters)
    return Ledger(
        basis=basis(project),
        actuals=list(actuals.order_by("-on", "-pk")[:LEDGER_ROWS_SHOWN]),
        actual_count=actuals.count(),
        actual_total=(actuals.aggregate(t=Sum("base_amount"))["t"] or ZERO).quantize(CENT),
        purchase_orders=orders,
        po_total=sum((r.order.base_amount for r in orders), ZERO),
        open_total=sum((r.open for r in orders), ZERO),
        filters=filters,
    )


def actual_costs(
    actor: Any, project: Project, filters: LedgerFilter | None = None
) -> QuerySet[ActualCost]:
    """The actuals matching ``filters``, oldest first."""
    require(actor, project, Capability.VIEW_BUDGET)
    rows = ActualCost.objects.filter(project=project).select_related("purchase_order")
    return (filters or LedgerFilter()).apply(rows).order_by("on", "pk")


def purchase_order_rows(
    actor: Any, project: Project, filters: LedgerFilter | None = None, *, po_id: int | None = None
) -> list[PoRow]:
    """The purchase orders matching ``filters`` (or the one ``po_id``), with what is open."""
    require(actor, project, Capability.VIEW_BUDGET)
    invoiced = Sum("actuals__base_amount", filter=Q(actuals__account_code=F("account_code")))
    orders = (filters or LedgerFilter()).apply(PurchaseOrder.objects.filter(project=project))
    if po_id is not None:
        orders = orders.filter(pk=po_id)
    rows = []
    for order in orders.annotate(spent=invoiced).order_by("on", "number"):
        spent = (order.spent or ZERO).quantize(CENT)  # SQLite sums drop trailing zeros
        still = max(ZERO, order.base_amount - spent) if not order.closed else ZERO
        still = still.quantize(CENT)
        rows.append(PoRow(order, spent, still))
    return rows


def purchase_orders(actor: Any, project: Project) -> list[PurchaseOrder]:
    require(actor, project, Capability.VIEW_BUDGET)
    return list(PurchaseOrder.objects.filter(project=project).order_by("on", "number"))
