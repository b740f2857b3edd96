"""The budget API: versions with their totals, a version's topsheet, editing a detail line.
Executive producer only (view_budget / edit_budget), like the pages."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from greenlight.projects import services as projects

from . import services
from .models import Budget, Line

router = Router(tags=["budgets"])
P = "/projects/{int:project_id}"


class BudgetOut(Schema):
    id: int
    name: str
    status: str
    currency: str
    version: int
    based_on: int | None
    grand_total: Decimal


class AccountOut(Schema):
    code: str
    name: str
    category: str
    section: str
    subtotal: Decimal
    fringes: Decimal
    total: Decimal


class TopsheetOut(Schema):
    budget: BudgetOut
    above_the_line: Decimal
    below_the_line: Decimal
    fringes: Decimal
    contractuals: list[dict[str, Any]]
    grand_total: Decimal
    globals: dict[str, Decimal]
    schedule: str | None
    accounts: list[AccountOut]


class LineOut(Schema):
    id: int
    version: int
    account: str
    description: str
    amount: str
    unit: str
    multiplier: str
    rate: str
    currency: str
    fringes: list[str]
    person: str
    paid_on: date | None
    tags: dict[str, str]


class LineIn(Schema):
    version: int
    description: str | None = None
    amount: str | None = None
    unit: str | None = None
    multiplier: str | None = None
    rate: str | None = None
    currency: str | None = None
    fringes: list[str] | None = None
    person: str | None = None
    paid_on: date | None = None
    tags: dict[str, str] | None = None


def _budget(request: HttpRequest, project_id: int, budget_id: int) -> Budget:
    project = projects.get_project(request.user, project_id)
    return services.get_budget(request.user, project, budget_id)


def _out(budget: Budget, sheet: services.Sheet) -> BudgetOut:
    return BudgetOut(
        id=budget.pk,
        name=budget.name,
        status=budget.status,
        currency=budget.currency,
        version=budget.version,
        based_on=budget.based_on_id,
        grand_total=sheet.computed.grand_total,
    )


@router.get(P + "/budgets", response=list[BudgetOut], summary="Budget versions with totals")
def list_budgets(request: HttpRequest, project_id: int) -> Any:
    project = projects.get_project(request.user, project_id)
    return [
        _out(b, services.sheet(request.user, b)) for b in services.budgets(request.user, project)
    ]


@router.get(P + "/budgets/{int:budget_id}", response=TopsheetOut, summary="A version's topsheet")
def topsheet(request: HttpRequest, project_id: int, budget_id: int) -> Any:
    budget = _budget(request, project_id, budget_id)
    sheet = services.sheet(request.user, budget)
    c = sheet.computed
    return TopsheetOut(
        budget=_out(budget, sheet),
        above_the_line=c.above_the_line,
        below_the_line=c.below_the_line,
        fringes=c.fringes,
        contractuals=[
            {"code": x.code, "name": x.name, "percent": x.percent, "amount": x.amount}
            for x in c.contractuals
        ],
        grand_total=c.grand_total,
        globals=c.globals,
        schedule=sheet.facts.source if sheet.facts else None,
        accounts=[
            AccountOut(
                code=a.code,
                name=a.name,
                category=a.category,
                section=a.section.value,
                subtotal=a.subtotal,
                fringes=a.fringes,
                total=a.total,
            )
            for a in c.accounts
        ],
    )


@router.get(
    P + "/budgets/{int:budget_id}/lines", response=list[LineOut], summary="A version's lines"
)
def list_lines(request: HttpRequest, project_id: int, budget_id: int) -> Any:
    budget = _budget(request, project_id, budget_id)
    rows = Line.objects.filter(budget=budget).select_related("account")
    return [
        LineOut(
            id=row.pk,
            version=row.version,
            account=row.account.code,
            description=row.description,
            amount=row.amount,
            unit=row.unit,
            multiplier=row.multiplier,
            rate=row.rate,
            currency=row.currency,
            fringes=list(row.fringes),
            person=row.person,
            paid_on=row.paid_on,
            tags=dict(row.tags),
        )
        for row in rows.order_by("account__position", "position", "pk")
    ]


@router.patch(
    P + "/budgets/{int:budget_id}/lines/{int:line_id}",
    response=TopsheetOut,
    summary="Change a detail line; the budget must still add up",
)
def patch_line(
    request: HttpRequest, project_id: int, budget_id: int, line_id: int, payload: LineIn
) -> Any:
    budget = _budget(request, project_id, budget_id)
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    services.update_line(request.user, budget, line_id, changes, version=payload.version)
    return topsheet(request, project_id, budget_id)
