"""Cost-tracking pages: the cost report (and its CSV/XLSX), the ledger of purchase orders and
actuals with CSV import, estimates to complete, hot costs and the cash flow.

Every page needs ``view_budget`` and every form ``edit_budget``; the services check it again.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from greenlight.accounts import services as accounts
from greenlight.accounts.capabilities import Capability
from greenlight.core.eighths import format_eighths
from greenlight.core.errors import InvalidInput
from greenlight.projects import services as projects
from greenlight.projects.models import Project
from greenlight.web.forms import run_action

from . import cashflow, costs, costs_cash, costs_export, costs_report
from .forms_costs import (
    ActualForm,
    EtcForm,
    FundingForm,
    HotCostForm,
    ImportForm,
    LedgerFilterForm,
    PeriodForm,
    PurchaseOrderForm,
    TermsForm,
)
from .ledger_csv import LedgerImportError, LineError


def context(request: HttpRequest, project: Project, tab: str, **extra: Any) -> dict[str, Any]:
    caps = accounts.capabilities(request.user, project)
    return {
        "project": project,
        "caps": {c.value for c in caps},
        "editable": Capability.EDIT_BUDGET in caps,
        "tab": tab,
        **extra,
    }


def project_of(request: HttpRequest, project_id: int, *, writing: bool = False) -> Project:
    capability = Capability.EDIT_BUDGET if writing else Capability.VIEW_BUDGET
    return projects.get_project(request.user, project_id, capability)


def money(value: Decimal) -> str:
    """``1,234.50``; an overage (negative) in parentheses: ``(1,234.50)``."""
    text = f"{abs(value):,.2f}"
    return f"({text})" if value < 0 else text


# --- the cost report -----------------------------------------------------------------------


# The page's column headings, short enough for one screen; the files spell them out.
SHORT_HEADINGS = (
    ("Budget", "Budget (the locked version, else the newest draft)"),
    ("Overages", "Approved overages"),
    ("This period", "Actual this period"),
    ("To date", "Actual to date"),
    ("POs", "Open purchase-order commitments"),
    ("Total cost", "Actual to date + POs"),
    ("ETC", "Estimate to complete"),
    ("EFC", "Estimated final cost = actual to date + POs + ETC"),
    ("(Over)/under", "Budget + overages − EFC; overages in red parentheses"),
)


@dataclass(frozen=True)
class Cell:
    text: str
    over: bool = False  # shown red: an overage
    zero: bool = False  # shown faint


def _cell(value: Decimal, *, over: bool = False) -> Cell:
    return Cell(money(value), over) if value else Cell("–", zero=True)


def _cells(row: costs_export.TableRow) -> list[Cell]:
    values = row.values()
    cells = [_cell(v) for v in values[:-1]]
    cells.append(_cell(values[-1], over=values[-1] < 0))
    percent = row.figures.variance_percent
    if percent is None:
        cells.append(Cell("–", zero=True))
    else:
        cells.append(Cell(f"{percent:+.1f}%" if percent else "0.0%", percent < 0))
    return cells


def _report_period(request: HttpRequest) -> tuple[PeriodForm, costs_report.Period]:
    form = PeriodForm(request.GET if request.GET else None)
    return form, form.period(timezone.localdate())


def report(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id)
    form, period = _report_period(request)
    view = costs_report.cost_report(request.user, project, period)
    show_all = request.GET.get("all") == "1"
    sections = costs_export.blocks(view.report, skip_empty=not show_all)
    blocks = [
        {
            "block": block,
            "rows": [(row, _cells(row)) for row in block.rows],
            "subtotal": _cells(block.subtotal),
        }
        for block in sections
    ]
    account = costs_export.RowKind.ACCOUNT
    shown = sum(1 for block in sections for row in block.rows if row.kind is account)
    total = costs_export.TableRow(costs_export.RowKind.TOTAL, "", "Grand total", view.report.total)
    week = timedelta(days=7)
    return render(
        request,
        "budget/costs_report.html",
        context(
            request,
            project,
            "report",
            view=view,
            period=period,
            form=form,
            blocks=blocks,
            total=_cells(total),
            columns=SHORT_HEADINGS,
            show_all=show_all,
            shown=shown,
            all_query=_with(request, all="1"),
            some_query=_with(request, all=""),
            overrides=[r for r in view.report.rows if r.etc_overridden],
            previous_week=period.start - week,
            next_week=period.start + week,
            this_week=costs_report.Period.week_of(timezone.localdate()),
            query=request.GET.urlencode(),
        ),
    )


def _with(request: HttpRequest, **changes: str) -> str:
    """The query string with ``changes`` (an empty value removes the parameter)."""
    query = request.GET.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value:
            query[name] = value
    return query.urlencode()


def _export(request: HttpRequest, project_id: int, kind: str) -> HttpResponse:
    project = project_of(request, project_id)
    _, period = _report_period(request)
    view = costs_report.cost_report(request.user, project, period)
    title = f"{project.title}: cost report {period.start:%-d %b %Y} to {period.end:%-d %b %Y}"
    notes = [view.budget_label, f"All figures in {view.currency}.", view.overages_note]
    name = f"{slugify(project.code)}-cost-report-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    if kind == "csv":
        body = costs_export.to_csv(view.report, title=title, notes=notes, currency=view.currency)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    else:
        body = costs_export.to_xlsx(view.report, title=title, notes=notes, currency=view.currency)
        response = HttpResponse(
            body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


def report_csv(request: HttpRequest, project_id: int) -> HttpResponse:
    return _export(request, project_id, "csv")


def report_xlsx(request: HttpRequest, project_id: int) -> HttpResponse:
    return _export(request, project_id, "xlsx")


# --- the ledger ----------------------------------------------------------------------------


def _ledger_page(
    request: HttpRequest,
    project: Project,
    *,
    po_form: PurchaseOrderForm | None = None,
    actual_form: ActualForm | None = None,
    import_form: ImportForm | None = None,
    problems: Sequence[LineError] = (),
    status: int = 200,
) -> HttpResponse:
    found = costs.basis(project)
    filters = LedgerFilterForm(request.GET or None, basis=found)
    chosen = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    listing = costs.ledger(
        request.user,
        project,
        costs.LedgerFilter(
            account=chosen.get("account") or "",
            vendor=chosen.get("vendor") or "",
            start=chosen.get("start"),
            end=chosen.get("end"),
        ),
    )
    orders = [row.order for row in listing.purchase_orders] if not chosen else None
    orders = orders if orders is not None else costs.purchase_orders(request.user, project)
    today = {"on": timezone.localdate()}
    return render(
        request,
        "budget/costs_ledger.html",
        context(
            request,
            project,
            "ledger",
            ledger=listing,
            basis=found,
            currency=found.currency if found else project.currency,
            filters=filters,
            po_form=po_form or PurchaseOrderForm(basis=found, initial=today),
            actual_form=actual_form or ActualForm(basis=found, orders=orders, initial=today),
            import_form=import_form or ImportForm(),
            problems=problems,
            shown_limit=costs.LEDGER_ROWS_SHOWN,
        ),
        status=status,
    )


def ledger(request: HttpRequest, project_id: int) -> HttpResponse:
    return _ledger_page(request, project_of(request, project_id))


@require_POST
def po_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=True)
    form = PurchaseOrderForm(request.POST, basis=costs.basis(project))
    if form.is_valid():
        made = run_action(
            form, lambda: costs.add_purchase_order(request.user, project, form.entry())
        )
        if made is not None:
            messages.success(request, f"PO {made.number} recorded ({made.currency} {made.amount}).")
            return redirect("cost_ledger", project.pk)
    return _ledger_page(request, project, po_form=form)


@require_POST
def actual_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=True)
    orders = costs.purchase_orders(request.user, project)
    form = ActualForm(request.POST, basis=costs.basis(project), orders=orders)
    if form.is_valid():
        made = run_action(form, lambda: costs.add_actual(request.user, project, form.entry()))
        if made is not None:
            messages.success(
                request, f"Actual recorded: {made.vendor}, {made.currency} {made.amount}."
            )
            return redirect("cost_ledger", project.pk)
    return _ledger_page(request, project, actual_form=form)


@require_POST
def ledger_import(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=True)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _ledger_page(request, project, import_form=form)
    action = (
        costs.import_actuals
        if form.cleaned_data["what"] == "actuals"
        else costs.import_purchase_orders
    )
    upload = form.cleaned_data["file"]
    try:
        done = action(request.user, project, upload.read())
    except LedgerImportError as error:
        form.add_error("file", f"{upload.name} was not imported: {len(error.problems)} problem(s).")
        return _ledger_page(request, project, import_form=form, problems=error.problems)
    except InvalidInput as error:
        form.add_error("file", str(error))
        return _ledger_page(request, project, import_form=form)
    what = "actuals" if action is costs.import_actuals else "purchase orders"
    messages.success(
        request,
        f"Imported {done.count} {what} from {upload.name}: {done.currency} {money(done.total)}.",
    )
    return redirect("cost_ledger", project.pk)


@require_POST
def po_status(request: HttpRequest, project_id: int, po_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=True)
    closed = request.POST.get("action") == "close"
    order = costs.set_po_closed(request.user, project, po_id, closed=closed)
    messages.success(request, f"PO {order.number} {'closed' if closed else 'reopened'}.")
    return redirect("cost_ledger", project.pk)


# --- estimates to complete -----------------------------------------------------------------


def etc(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=request.method == "POST")
    found = costs.basis(project)
    initial = {"account_code": request.GET.get("account", "")}
    form = EtcForm(request.POST or None, basis=found, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_action(
            form,
            lambda: costs_report.set_etc(
                request.user,
                project,
                data["account_code"],
                amount=data["amount"],
                note=data["note"],
                at=timezone.now(),
            ),
        )
        if saved is not None:
            messages.success(request, f"Estimate to complete of {saved.account_code} set.")
            return redirect("cost_etc", project.pk)
    return render(
        request,
        "budget/costs_etc.html",
        context(
            request,
            project,
            "etc",
            form=form,
            basis=found,
            currency=found.currency if found else project.currency,
            overrides=[
                (o, found.accounts.get(o.account_code, "") if found else "")
                for o in costs_report.etc_overrides(request.user, project)
            ],
            history=costs_report.etc_history(request.user, project),
        ),
    )


@require_POST
def etc_clear(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=True)
    code = request.POST.get("account_code", "")
    costs_report.clear_etc(request.user, project, code)
    messages.success(request, f"Account {code} is back to the default estimate to complete.")
    return redirect("cost_etc", project.pk)


# --- hot costs -----------------------------------------------------------------------------


def hot(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=request.method == "POST")
    sheet = costs_cash.hot_cost_sheet(request.user, project)
    found = costs.basis(project)
    form = HotCostForm(request.POST or None, basis=found, days=sheet.shoot_days)
    if request.method == "POST" and form.is_valid():
        saved = run_action(
            form, lambda: costs_cash.add_hot_cost(request.user, project, form.entry())
        )
        if saved is not None:
            messages.success(request, f"Hot cost recorded on {saved.on:%a %-d %b %Y}.")
            return redirect("cost_hot", project.pk)
    return render(
        request,
        "budget/costs_hot.html",
        context(
            request,
            project,
            "hot",
            sheet=sheet,
            form=form,
            days=_hot_days(sheet),
            total=_over(sheet.total_over),
        ),
    )


def _over(value: Decimal) -> Cell:
    """A hot cost's over/under: over budget is positive and red."""
    if not value:
        return Cell("on budget")
    return Cell(f"{abs(value):,.2f} {'over' if value > 0 else 'under'}", value > 0)


def _pages(day: costs_cash.HotDay) -> str:
    """``4 2/8 scheduled · 3 5/8 shot``, as far as they are known."""
    report, parts = day.report, []
    if report.scheduled_eighths or day.pages_known:
        parts.append(f"{format_eighths(report.scheduled_eighths)} scheduled")
    if day.pages_known:
        parts.append(f"{format_eighths(report.shot_eighths)} shot")
    return " · ".join(parts) or "—"


def _hot_days(sheet: costs_cash.HotCostSheet) -> list[dict[str, Any]]:
    return [
        {
            "day": day,
            "over": _over(day.report.over),
            "running": _over(day.running_over),
            "pages": _pages(day),
            "entries": [(e, _over(e.actual - e.budgeted)) for e in day.entries],
        }
        for day in sheet.days
    ]


@require_POST
def hot_delete(request: HttpRequest, project_id: int, hot_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=True)
    costs_cash.delete_hot_cost(request.user, project, hot_id)
    messages.success(request, "Hot cost deleted.")
    return redirect("cost_hot", project.pk)


# --- cash flow -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Chart:
    """The inline SVG: cumulative spend and cumulative funding, week by week."""

    width: int
    height: int
    spend: str  # polyline points
    funding: str
    ticks: list[tuple[float, str]]  # (y, label)
    weeks: list[tuple[float, str]]  # (x, label)
    shortfalls: list[tuple[float, float]]  # (x, width) of shortfall weeks
    plot_left: int
    plot_bottom: int


def chart(flow: cashflow.CashFlow, width: int = 880, height: int = 260) -> Chart:
    left, right, top, bottom = 78, 12, 12, height - 28
    weeks = flow.weeks
    peak = max(
        [w.cumulative_spend for w in weeks] + [w.cumulative_funding for w in weeks] + [Decimal(1)]
    )
    step = (width - left - right) / max(len(weeks), 1)

    def y(value: Decimal) -> float:
        return round(bottom - float(value / peak) * (bottom - top), 1)

    def x(index: int) -> float:
        return round(left + index * step, 1)

    def line(values: list[Decimal]) -> str:
        return " ".join(
            [f"{left},{y(Decimal(0))}", *(f"{x(i + 1)},{y(v)}" for i, v in enumerate(values))]
        )

    def steps(values: list[Decimal]) -> str:
        """Funding arrives at the end of its week: flat through the week, then a step up."""
        points, before = [f"{left},{y(Decimal(0))}"], Decimal(0)
        for index, value in enumerate(values):
            points += [f"{x(index + 1)},{y(before)}", f"{x(index + 1)},{y(value)}"]
            before = value
        return " ".join(points)

    ticks = [(y(peak * n / 4), f"{peak * n / 4:,.0f}") for n in range(5)]
    every = max(1, len(weeks) // 12)
    labels = [(round(left + (w.number + 0.5) * step, 1), str(w.number)) for w in weeks[::every]]
    short = [(x(first), round(x(last + 1) - x(first), 1)) for first, last in _runs(weeks)]
    return Chart(
        width,
        height,
        line([w.cumulative_spend for w in weeks]),
        steps([w.cumulative_funding for w in weeks]),
        ticks,
        labels,
        short,
        left,
        bottom,
    )


def _runs(weeks: Sequence[cashflow.CashFlowWeek]) -> list[tuple[int, int]]:
    """Runs of consecutive shortfall weeks, as (first, last) week numbers: one band each."""
    runs: list[tuple[int, int]] = []
    for week in weeks:
        if not week.shortfall:
            continue
        if runs and runs[-1][1] == week.number - 1:
            runs[-1] = (runs[-1][0], week.number)
        else:
            runs.append((week.number, week.number))
    return runs


def _cash_page(
    request: HttpRequest,
    project: Project,
    *,
    funding_form: FundingForm | None = None,
    terms_form: TermsForm | None = None,
) -> HttpResponse:
    plan = costs_cash.cash_flow(request.user, project)
    return render(
        request,
        "budget/costs_cashflow.html",
        context(
            request,
            project,
            "cashflow",
            plan=plan,
            chart=chart(plan.flow) if plan.flow and plan.flow.weeks else None,
            funding_form=funding_form or FundingForm(),
            terms_form=terms_form or TermsForm(initial={"days": plan.terms_days}),
        ),
    )


def cash(request: HttpRequest, project_id: int) -> HttpResponse:
    return _cash_page(request, project_of(request, project_id))


@require_POST
def funding_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=True)
    form = FundingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        saved = run_action(
            form,
            lambda: costs_cash.add_funding(
                request.user, project, on=data["on"], amount=data["amount"], source=data["source"]
            ),
        )
        if saved is not None:
            messages.success(request, f"Funding drop added: {saved.source}.")
            return redirect("cost_cashflow", project.pk)
    return _cash_page(request, project, funding_form=form)


@require_POST
def funding_delete(request: HttpRequest, project_id: int, drop_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=True)
    costs_cash.delete_funding(request.user, project, drop_id)
    messages.success(request, "Funding drop deleted.")
    return redirect("cost_cashflow", project.pk)


@require_POST
def terms(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=True)
    form = TermsForm(request.POST)
    if form.is_valid():
        days = form.cleaned_data["days"]
        saved = run_action(form, lambda: costs_cash.set_payment_terms(request.user, project, days))
        if saved is not None:
            messages.success(request, f"Payment terms set to {days} days.")
            return redirect("cost_cashflow", project.pk)
    return _cash_page(request, project, terms_form=form)
