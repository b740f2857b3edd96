"""Between the database rows of a budget version and the pure :class:`model.Budget`."""

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db import transaction

from . import model
from .models import (
    Account,
    Budget,
    BudgetCurrency,
    BudgetGlobal,
    Category,
    Contractual,
    Fringe,
    Incentive,
    Line,
)


def to_model(budget: Budget) -> model.Budget:
    """The whole version as plain data, in a handful of queries; line keys are row ids."""

    def ordered(kind: Any) -> Any:
        return kind.objects.filter(budget=budget).order_by("position", "pk")

    globals_: list[BudgetGlobal] = list(ordered(BudgetGlobal))
    fringes: list[Fringe] = list(ordered(Fringe))
    currencies: list[BudgetCurrency] = list(ordered(BudgetCurrency))
    contractuals: list[Contractual] = list(ordered(Contractual))
    incentives: list[Incentive] = list(ordered(Incentive))
    categories: list[Category] = list(ordered(Category))
    accounts: dict[int, list[Account]] = defaultdict(list)
    for account in Account.objects.filter(budget=budget).order_by("position", "pk"):
        accounts[account.category_id].append(account)
    lines: dict[int, list[Line]] = defaultdict(list)
    for line in Line.objects.filter(budget=budget).order_by("position", "pk"):
        lines[line.account_id].append(line)
    return model.Budget(
        title=budget.name,
        currency=budget.currency,
        categories=tuple(
            model.Category(
                c.code,
                c.name,
                model.Section(c.section),
                tuple(
                    model.Account(a.code, a.name, tuple(_line(x) for x in lines[a.pk]))
                    for a in accounts[c.pk]
                ),
            )
            for c in categories
        ),
        globals=tuple(
            model.Global(g.name, g.expression, g.description, g.binding) for g in globals_
        ),
        fringes=tuple(
            model.Fringe(
                f.code,
                f.name,
                model.FringeKind(f.kind),
                Decimal(f.rate),
                Decimal(f.cap) if f.cap is not None else None,
                f.effective_from,
                f.effective_to,
            )
            for f in fringes
        ),
        currencies=tuple(model.Currency(c.code, Decimal(c.rate)) for c in currencies),
        contractuals=tuple(
            model.Contractual(c.code, c.name, Decimal(c.percent), tuple(c.base))
            for c in contractuals
        ),
        incentives=tuple(
            model.Incentive(
                i.name, Decimal(i.percent), tuple(i.sections), Decimal(i.sale_price), i.expected
            )
            for i in incentives
        ),
        info=dict(budget.info),
    )


def _line(row: Line) -> model.DetailLine:
    return model.DetailLine(
        description=row.description,
        amount=row.amount,
        unit=model.Unit(row.unit),
        multiplier=row.multiplier,
        rate=row.rate,
        currency=row.currency,
        fringes=tuple(row.fringes),
        person=row.person,
        paid_on=row.paid_on,
        tags=dict(row.tags),
        key=row.key or str(row.pk),
    )


def save_model(budget: Budget, doc: model.Budget) -> None:
    """Write ``doc``'s parts into the (empty) version ``budget``; all or nothing."""
    with transaction.atomic():
        _bulk(BudgetGlobal, budget, doc.globals, lambda g: {
            "name": g.name, "expression": g.expression, "description": g.description,
            "binding": g.binding,
        })  # fmt: skip
        _bulk(Fringe, budget, doc.fringes, lambda f: {
            "code": f.code, "name": f.name, "kind": f.kind.value, "rate": f.rate, "cap": f.cap,
            "effective_from": f.effective_from, "effective_to": f.effective_to,
        })  # fmt: skip
        _bulk(BudgetCurrency, budget, doc.currencies, lambda c: {"code": c.code, "rate": c.rate})
        _bulk(Contractual, budget, doc.contractuals, lambda c: {
            "code": c.code, "name": c.name, "percent": c.percent, "base": list(c.base),
        })  # fmt: skip
        _bulk(Incentive, budget, doc.incentives, lambda i: {
            "name": i.name, "percent": i.percent, "sections": list(i.sections),
            "sale_price": i.sale_price, "expected": i.expected,
        })  # fmt: skip
        _tree(budget, doc.categories)


def _bulk(kind: Any, budget: Budget, items: Any, fields: Any) -> None:
    kind.objects.bulk_create(
        kind(budget=budget, position=i, **fields(item)) for i, item in enumerate(items)
    )


def _tree(budget: Budget, categories: tuple[model.Category, ...]) -> None:
    rows = Category.objects.bulk_create(
        Category(budget=budget, position=i, code=c.code, name=c.name, section=c.section.value)
        for i, c in enumerate(categories)
    )
    accounts: list[tuple[Account, model.Account]] = []
    position = 0
    for row, category in zip(rows, categories, strict=True):
        for account in category.accounts:
            accounts.append(
                (
                    Account(
                        budget=budget,
                        category=row,
                        position=position,
                        code=account.code,
                        name=account.name,
                    ),
                    account,
                )
            )
            position += 1
    Account.objects.bulk_create([a for a, _ in accounts])
    lines = [
        _line_row(budget, account_row, position, line)
        for account_row, account in accounts
        for position, line in enumerate(account.lines)
    ]
    Line.objects.bulk_create(lines, batch_size=2000)


def _line_row(budget: Budget, account: Account, position: int, line: model.DetailLine) -> Line:
    return Line(
        budget=budget,
        account=account,
        position=position,
        description=line.description,
        amount=line.amount,
        unit=line.unit.value,
        multiplier=line.multiplier,
        rate=line.rate,
        currency=line.currency,
        fringes=list(line.fringes),
        person=line.person,
        paid_on=line.paid_on,
        tags=dict(line.tags),
        key=line.key,
    )
