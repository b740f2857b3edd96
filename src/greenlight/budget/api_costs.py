"""The cost-tracking API: the cost report for a period, purchase orders and actuals (one at a
time or a CSV file), estimates to complete and the cash flow. Every call needs the cost
capabilities of the pages (``view_budget`` to read, ``edit_budget`` to write)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from greenlight.core.errors import InvalidInput
from greenlight.projects import services as projects
from greenlight.projects.models import Project

from . import costreport, costs, costs_cash, costs_report
from .ledger_csv import LedgerImportError, LineError
from .models import ActualCost, EstimateToComplete

router = Router(tags=["costs"])
C = "/projects/{int:project_id}/costs"


class FiguresOut(Schema):
    budget: Decimal
    overages: Decimal
    final_budget: Decimal
    period: Decimal
    to_date: Decimal
    committed: Decimal
    total_cost: Decimal
    etc: Decimal
    efc: Decimal
    variance: Decimal
    variance_percent: Decimal | None


class ReportRowOut(Schema):
    account_code: str
    account_name: str
    category_code: str
    category_name: str
    section: str | None
    unbudgeted: bool
    etc_note: str
    figures: FiguresOut


class RollupOut(Schema):
    code: str
    name: str
    figures: FiguresOut


class CostReportOut(Schema):
    period_start: date
    period_end: date
    currency: str
    budget_id: int | None
    budget_locked: bool
    budget_label: str
    overages_note: str
    rows: list[ReportRowOut]
    categories: list[RollupOut]
    sections: list[RollupOut]
    total: FiguresOut


class ActualIn(Schema):
    account_code: str
    on: date
    vendor: str
    amount: Decimal
    currency: str
    description: str = ""
    kind: str = "invoice"
    po: str = ""  # the purchase order it is invoiced against


class ActualOut(Schema):
    id: int
    account_code: str
    kind: str
    vendor: str
    description: str
    on: date
    currency: str
    amount: Decimal
    base_amount: Decimal
    po: str | None


class PurchaseOrderIn(Schema):
    number: str
    account_code: str
    on: date
    vendor: str
    amount: Decimal
    currency: str
    description: str = ""


class PurchaseOrderOut(Schema):
    id: int
    number: str
    account_code: str
    vendor: str
    description: str
    on: date
    currency: str
    amount: Decimal
    base_amount: Decimal
    closed: bool
    invoiced: Decimal
    open: Decimal


class ImportOut(Schema):
    imported: int
    total: Decimal
    currency: str


class LineErrorOut(Schema):
    line: int  # as a spreadsheet numbers it: the header is 1; 0 is the file as a whole
    column: str | None
    message: str


class ImportErrorsOut(Schema):
    detail: str
    errors: list[LineErrorOut]


class EtcIn(Schema):
    amount: Decimal
    note: str


class EtcOut(Schema):
    account_code: str
    amount: Decimal
    note: str
    updated_at: datetime


class WeekOut(Schema):
    number: int
    starts: date
    spend: Decimal
    cumulative_spend: Decimal
    funding: Decimal
    cumulative_funding: Decimal
    cash_position: Decimal
    lowest_position: Decimal
    shortfall: bool
    sources: list[str]


class FundingOut(Schema):
    id: int
    on: date
    amount: Decimal
    source: str


class CashFlowOut(Schema):
    currency: str
    budget_id: int | None
    budget_locked: bool
    terms_days: int
    start: date | None
    first_shortfall_week: int | None
    total_spend: Decimal
    total_funding: Decimal
    weeks: list[WeekOut]
    funding: list[FundingOut]
    problem: str


def _project(request: HttpRequest, project_id: int) -> Project:
    return projects.get_project(request.user, project_id)


def _figures(figures: costreport.Figures) -> FiguresOut:
    return FiguresOut(
        **{name: getattr(figures, name) for name in FiguresOut.model_fields},
    )


def _period(week: date | None, start: date | None, end: date | None) -> costs_report.Period:
    if start or end:
        first, last = start or end, end or start
        assert first is not None and last is not None
        return costs_report.Period(first, last)
    return costs_report.Period.week_of(week or timezone.localdate())


@router.get(C + "/report", response=CostReportOut, summary="The cost report for a period")
def cost_report(
    request: HttpRequest,
    project_id: int,
    week: date | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Any:
    """The week around ``week`` (default: this week), or ``start``..``end``."""
    view = costs_report.cost_report(
        request.user, _project(request, project_id), _period(week, start, end)
    )
    report = view.report
    return CostReportOut(
        period_start=report.period_start,
        period_end=report.period_end,
        currency=view.currency,
        budget_id=view.budget.pk if view.budget else None,
        budget_locked=view.locked,
        budget_label=view.budget_label,
        overages_note=view.overages_note,
        rows=[
            ReportRowOut(
                account_code=r.account_code,
                account_name=r.account_name,
                category_code=r.category_code,
                category_name=r.category_name,
                section=r.section.value if r.section else None,
                unbudgeted=r.unbudgeted,
                etc_note=r.etc_note,
                figures=_figures(r.figures),
            )
            for r in report.rows
        ],
        categories=[
            RollupOut(code=c.code, name=c.name, figures=_figures(c.figures))
            for c in report.categories
        ],
        sections=[
            RollupOut(code=s.code, name=s.name, figures=_figures(s.figures))
            for s in report.sections
        ],
        total=_figures(report.total),
    )


def _actual(row: ActualCost) -> ActualOut:
    return ActualOut(
        id=row.pk,
        account_code=row.account_code,
        kind=row.kind,
        vendor=row.vendor,
        description=row.description,
        on=row.on,
        currency=row.currency,
        amount=row.amount,
        base_amount=row.base_amount,
        po=row.purchase_order.number if row.purchase_order else None,
    )


def _order(row: costs.PoRow) -> PurchaseOrderOut:
    o = row.order
    return PurchaseOrderOut(
        id=o.pk,
        number=o.number,
        account_code=o.account_code,
        vendor=o.vendor,
        description=o.description,
        on=o.on,
        currency=o.currency,
        amount=o.amount,
        base_amount=o.base_amount,
        closed=o.closed,
        invoiced=row.invoiced,
        open=row.open,
    )


@router.get(C + "/actuals", response=list[ActualOut], summary="Actuals, filtered, oldest first")
@paginate(LimitOffsetPagination)
def list_actuals(
    request: HttpRequest,
    project_id: int,
    account: str = "",
    vendor: str = "",
    start: date | None = None,
    end: date | None = None,
) -> Any:
    filters = costs.LedgerFilter(account, vendor, start, end)
    rows = costs.actual_costs(request.user, _project(request, project_id), filters)
    return [_actual(row) for row in rows]


@router.post(C + "/actuals", response={201: ActualOut}, summary="Record an actual")
def add_actual(request: HttpRequest, project_id: int, payload: ActualIn) -> Any:
    entry = costs.Entry(**payload.dict())
    return Status(
        201, _actual(costs.add_actual(request.user, _project(request, project_id), entry))
    )


@router.get(C + "/purchase-orders", response=list[PurchaseOrderOut], summary="Purchase orders")
def list_purchase_orders(
    request: HttpRequest,
    project_id: int,
    account: str = "",
    vendor: str = "",
    start: date | None = None,
    end: date | None = None,
) -> Any:
    filters = costs.LedgerFilter(account, vendor, start, end)
    rows = costs.purchase_order_rows(request.user, _project(request, project_id), filters)
    return [_order(row) for row in rows]


@router.post(C + "/purchase-orders", response={201: PurchaseOrderOut}, summary="Record a PO")
def add_purchase_order(request: HttpRequest, project_id: int, payload: PurchaseOrderIn) -> Any:
    fields = payload.dict()
    entry = costs.Entry(po=fields.pop("number"), **fields)
    order = costs.add_purchase_order(request.user, _project(request, project_id), entry)
    return Status(201, _order(costs.PoRow(order, Decimal(0), order.base_amount)))


@router.post(
    C + "/purchase-orders/{int:po_id}/{action}",
    response=PurchaseOrderOut,
    summary="Close or reopen a PO (action: close | reopen)",
)
def po_status(request: HttpRequest, project_id: int, po_id: int, action: str) -> Any:
    project = _project(request, project_id)
    if action not in ("close", "reopen"):
        raise InvalidInput.single("action", "Use close or reopen.")
    costs.set_po_closed(request.user, project, po_id, closed=action == "close")
    [row] = costs.purchase_order_rows(request.user, project, po_id=po_id)
    return _order(row)


def _import(request: HttpRequest, project_id: int, upload: UploadedFile, kind: str) -> Any:
    project = _project(request, project_id)
    action = costs.import_actuals if kind == "actuals" else costs.import_purchase_orders
    try:
        if upload.size is not None and upload.size > costs.MAX_IMPORT_BYTES:
            message = f"is {upload.size:,} bytes; the limit is {costs.MAX_IMPORT_BYTES:,}: split it"
            raise LedgerImportError(problems=(LineError(0, None, message),))
        done = action(request.user, project, upload.read())
    except LedgerImportError as error:
        errors = [
            LineErrorOut(line=p.line_number, column=p.column, message=p.message)
            for p in error.problems
        ]
        return Status(422, ImportErrorsOut(detail=error.summary(), errors=errors))
    return Status(201, ImportOut(imported=done.count, total=done.total, currency=done.currency))


@router.post(
    C + "/actuals/import",
    response={201: ImportOut, 422: ImportErrorsOut},
    summary="Import actuals from a CSV file: all rows or none",
)
def import_actuals(request: HttpRequest, project_id: int, file: File[UploadedFile]) -> Any:
    return _import(request, project_id, file, "actuals")


@router.post(
    C + "/purchase-orders/import",
    response={201: ImportOut, 422: ImportErrorsOut},
    summary="Import purchase orders from a CSV file: all rows or none",
)
def import_purchase_orders(
    request: HttpRequest,
    project_id: int,
    file: File[UploadedFile],
) -> Any:
    return _import(request, project_id, file, "purchase_orders")


def _etc(row: EstimateToComplete) -> EtcOut:
    return EtcOut(
        account_code=row.account_code, amount=row.amount, note=row.note, updated_at=row.updated_at
    )


@router.get(C + "/etc", response=list[EtcOut], summary="Estimate-to-complete overrides")
def list_etc(request: HttpRequest, project_id: int) -> Any:
    return [
        _etc(row) for row in costs_report.etc_overrides(request.user, _project(request, project_id))
    ]


@router.put(C + "/etc/{account_code}", response=EtcOut, summary="Override an account's ETC")
def set_etc(request: HttpRequest, project_id: int, account_code: str, payload: EtcIn) -> Any:
    row = costs_report.set_etc(
        request.user,
        _project(request, project_id),
        account_code,
        amount=payload.amount,
        note=payload.note,
        at=timezone.now(),
    )
    return _etc(row)


@router.delete(C + "/etc/{account_code}", response={204: None}, summary="Clear an override")
def clear_etc(request: HttpRequest, project_id: int, account_code: str) -> Any:
    costs_report.clear_etc(request.user, _project(request, project_id), account_code)
    return Status(204, None)


@router.get(C + "/cash-flow", response=CashFlowOut, summary="Weekly spend against funding")
def cash_flow(request: HttpRequest, project_id: int) -> Any:
    plan = costs_cash.cash_flow(request.user, _project(request, project_id))
    flow = plan.flow
    first = flow.first_shortfall if flow else None
    return CashFlowOut(
        currency=plan.currency,
        budget_id=plan.budget.pk if plan.budget else None,
        budget_locked=plan.locked,
        terms_days=plan.terms_days,
        start=flow.start if flow else None,
        first_shortfall_week=first.number if first else None,
        total_spend=flow.total_spend if flow else Decimal(0),
        total_funding=flow.total_funding if flow else Decimal(0),
        weeks=[
            WeekOut(
                number=w.number,
                starts=w.starts,
                spend=w.spend,
                cumulative_spend=w.cumulative_spend,
                funding=w.funding,
                cumulative_funding=w.cumulative_funding,
                cash_position=w.cash_position,
                lowest_position=w.lowest_position,
                shortfall=w.shortfall,
                sources=list(w.sources),
            )
            for w in (flow.weeks if flow else ())
        ],
        funding=[
            FundingOut(id=d.pk, on=d.on, amount=d.amount, source=d.source) for d in plan.drops
        ],
        problem=plan.problem,
    )
