"""The Greenlight budget JSON format: :func:`load` and :func:`dump`. Pure.

A file starts ``{"format": "greenlight-budget", "version": 1, ...}`` and holds one
:class:`model.Budget`; ``docs/user/budget-format.md`` documents every field. Decimals are
strings (``"6.2"``), never JSON numbers with a point, so no digit is lost; whole numbers may be
plain integers. :func:`dump` writes every budget the same way (fixed key order, two-space
indent, optional fields only when set) and ``load(dump(budget)) == budget``.

:func:`load` is strict and reports every problem at once in one :class:`BudgetFormatError`,
each under its JSON path (``categories[2].accounts[0].lines[5].rate``): wrong types, missing or
unknown fields, unknown sections, units and fringe kinds, bad decimals (``"12,5"``), formulas
that do not parse or name an unknown global, duplicate codes, fringes and currencies used but
not defined, contractual bases that are not sections or earlier contractuals.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from .formulas import BudgetError, Problems, Refused, parsed
from .jsonread import Reader, choices_text, read_json
from .model import (
    Account,
    Budget,
    Category,
    Contractual,
    Currency,
    DetailLine,
    Fringe,
    FringeKind,
    Global,
    Incentive,
    Section,
    Unit,
)

FORMAT = "greenlight-budget"
VERSION = 1
MAX_BYTES = 20 * 1024 * 1024
SECTIONS = tuple(section.value for section in Section)
ALL_SECTIONS = SECTIONS
INCENTIVE_SECTIONS = ("atl", "btl", "post")


@dataclass(eq=False)
class BudgetFormatError(BudgetError):
    """A budget file that cannot be read; ``errors`` maps JSON paths to what is wrong there."""

    source: str = ""

    def summary(self) -> str:
        problems = super().summary()
        return f"{self.source}: {problems}" if self.source else problems

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.errors, self.source))


def load(data: bytes | str, *, source: str) -> Budget:
    """The budget in ``data`` (a file's bytes or text); ``source`` names it in messages."""
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise BudgetFormatError(
            {"__all__": [f"larger than {MAX_BYTES // (1024 * 1024)} MB ({size:,} bytes)"]}, source
        )
    document, where, problem = read_json(data)
    if problem:
        raise BudgetFormatError({where: [problem]}, source)
    reader = Reader()
    budget = _budget(reader, document)
    if budget is not None and not reader.problems:
        _cross_check(reader.problems, budget)
    if reader.problems or budget is None:
        raise BudgetFormatError(dict(reader.problems.errors), source)
    return budget


def dump(budget: Budget) -> str:
    """``budget`` as Greenlight budget JSON: stable order, two-space indent, ends in a newline."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "title": budget.title,
        "currency": budget.currency,
        "info": dict(budget.info),
        "globals": [_dump_global(item) for item in budget.globals],
        "fringes": [_dump_fringe(item) for item in budget.fringes],
        "currencies": [{"code": c.code, "rate": _number(c.rate)} for c in budget.currencies],
        "contractuals": [
            {
                "code": c.code,
                "name": c.name,
                "percent": _number(c.percent),
                "base": list(c.base),
            }
            for c in budget.contractuals
        ],
        "incentives": [_dump_incentive(item) for item in budget.incentives],
        "categories": [
            {
                "code": category.code,
                "name": category.name,
                "section": category.section.value,
                "accounts": [
                    {
                        "code": account.code,
                        "name": account.name,
                        "lines": [_dump_line(line) for line in account.lines],
                    }
                    for account in category.accounts
                ],
            }
            for category in budget.categories
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# --- dumping ----------------------------------------------------------------------------------


def _number(value: Decimal) -> str:
    """Plain notation (no exponent), every digit kept: what :func:`load` reads back."""
    return format(value, "f")


def _dump_global(item: Global) -> dict[str, Any]:
    out: dict[str, Any] = {"name": item.name, "expression": item.expression}
    if item.description:
        out["description"] = item.description
    if item.binding:
        out["binding"] = item.binding
    return out


def _dump_fringe(item: Fringe) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": item.code,
        "name": item.name,
        "kind": item.kind.value,
        "rate": _number(item.rate),
    }
    if item.cap is not None:
        out["cap"] = _number(item.cap)
    if item.effective_from is not None:
        out["effective_from"] = item.effective_from.isoformat()
    if item.effective_to is not None:
        out["effective_to"] = item.effective_to.isoformat()
    return out


def _dump_incentive(item: Incentive) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": item.name,
        "percent": _number(item.percent),
        "sections": list(item.sections),
        "sale_price": _number(item.sale_price),
    }
    if item.expected is not None:
        out["expected"] = item.expected.isoformat()
    return out


def _dump_line(line: DetailLine) -> dict[str, Any]:
    out: dict[str, Any] = {
        "description": line.description,
        "amount": line.amount,
        "unit": line.unit.value,
        "multiplier": line.multiplier,
        "rate": line.rate,
    }
    if line.currency:
        out["currency"] = line.currency
    if line.fringes:
        out["fringes"] = list(line.fringes)
    if line.person:
        out["person"] = line.person
    if line.paid_on is not None:
        out["paid_on"] = line.paid_on.isoformat()
    if line.tags:
        out["tags"] = dict(line.tags)
    if line.key:
        out["key"] = line.key
    return out


# --- reading ----------------------------------------------------------------------------------

_TOP = ("format", "version", "title", "currency")
_TOP_OPTIONAL = (
    "info",
    "globals",
    "fringes",
    "currencies",
    "contractuals",
    "incentives",
    "categories",
)


def _budget(reader: Reader, document: object) -> Budget | None:
    top = reader.record(document, "", _TOP, _TOP_OPTIONAL)
    if top is None:
        return None
    if top.get("format") != FORMAT:
        reader.fail("format", f'must be "{FORMAT}" (is this a Greenlight budget file?)')
        return None
    version = top.get("version")
    if version != VERSION or isinstance(version, bool):
        reader.fail("version", f"version {version!r} is not supported; this Greenlight reads 1")
        return None
    title = reader.text(top, "title", "")
    currency = reader.currency_code(top, "currency", "")
    return Budget(
        title=title or "",
        currency=currency or "",
        categories=tuple(_items(reader, top, "categories", _category)),
        globals=tuple(_items(reader, top, "globals", _global)),
        fringes=tuple(_items(reader, top, "fringes", _fringe)),
        currencies=tuple(_items(reader, top, "currencies", _currency)),
        contractuals=tuple(_items(reader, top, "contractuals", _contractual)),
        incentives=tuple(_items(reader, top, "incentives", _incentive)),
        info=reader.text_map(top, "info", ""),
    )


T = TypeVar("T")


def _items(
    reader: Reader,
    parent: dict[str, Any],
    key: str,
    read: Callable[[Reader, object, str], T | None],
    path: str = "",
) -> Iterator[T]:
    """Each readable item of the list ``parent[key]`` (absent means empty)."""
    where = f"{path}.{key}" if path else key
    items = parent.get(key, [])
    if not isinstance(items, list):
        reader.fail(where, f"must be a list, not {Reader.kind(items)}")
        return
    for index, item in enumerate(items):
        found = read(reader, item, f"{where}[{index}]")
        if found is not None:
            yield found


def _global(reader: Reader, value: object, path: str) -> Global | None:
    item = reader.record(value, path, ("name", "expression"), ("description", "binding"))
    if item is None:
        return None
    name = reader.identifier(item, "name", path)
    expression = reader.expression(item, "expression", path)
    description = reader.text(item, "description", path, default="")
    binding = reader.text(item, "binding", path, default="")
    if name is None or expression is None or description is None or binding is None:
        return None
    return Global(name, expression, description, binding)


def _fringe(reader: Reader, value: object, path: str) -> Fringe | None:
    item = reader.record(
        value, path, ("code", "name", "kind", "rate"), ("cap", "effective_from", "effective_to")
    )
    if item is None:
        return None
    code = reader.text(item, "code", path, nonempty=True)
    name = reader.text(item, "name", path)
    kind = reader.choice(item, "kind", path, FringeKind)
    rate = reader.decimal(item, "rate", path)
    cap = reader.decimal(item, "cap", path, optional=True)
    start = reader.date(item, "effective_from", path)
    end = reader.date(item, "effective_to", path)
    if kind is FringeKind.FLAT and cap is not None:
        reader.fail(f"{path}.cap", "a flat fringe cannot have a cap (a cap is a wage base)")
    if cap is not None and cap < 0:
        reader.fail(f"{path}.cap", "cannot be negative")
    if start and end and start > end:
        reader.fail(f"{path}.effective_to", f"is before effective_from ({start.isoformat()})")
    if code is None or name is None or kind is None or rate is None:
        return None
    return Fringe(code, name, kind, rate, cap, start, end)


def _currency(reader: Reader, value: object, path: str) -> Currency | None:
    item = reader.record(value, path, ("code", "rate"), ())
    if item is None:
        return None
    code = reader.currency_code(item, "code", path)
    rate = reader.decimal(item, "rate", path)
    if rate is not None and rate <= 0:
        reader.fail(f"{path}.rate", "must be more than 0 (base units per one of this currency)")
    if code is None or rate is None:
        return None
    return Currency(code, rate)


def _contractual(reader: Reader, value: object, path: str) -> Contractual | None:
    item = reader.record(value, path, ("code", "name", "percent"), ("base",))
    if item is None:
        return None
    code = reader.text(item, "code", path, nonempty=True)
    name = reader.text(item, "name", path)
    percent = reader.decimal(item, "percent", path)
    base = reader.text_list(item, "base", path, default=ALL_SECTIONS)
    if code is None or name is None or percent is None or base is None:
        return None
    return Contractual(code, name, percent, base)


def _incentive(reader: Reader, value: object, path: str) -> Incentive | None:
    item = reader.record(value, path, ("name", "percent"), ("sections", "sale_price", "expected"))
    if item is None:
        return None
    name = reader.text(item, "name", path, nonempty=True)
    percent = reader.decimal(item, "percent", path)
    sections = reader.text_list(item, "sections", path, default=INCENTIVE_SECTIONS)
    sale_price = reader.decimal(item, "sale_price", path, optional=True)
    expected = reader.date(item, "expected", path)
    for index, part in enumerate(sections or ()):
        if part not in SECTIONS:
            reader.fail(
                f"{path}.sections[{index}]", f"{part!r} is not one of {choices_text(SECTIONS)}"
            )
    if name is None or percent is None or sections is None:
        return None
    return Incentive(
        name, percent, sections, Decimal(1) if sale_price is None else sale_price, expected
    )


def _category(reader: Reader, value: object, path: str) -> Category | None:
    item = reader.record(value, path, ("code", "name", "section"), ("accounts",))
    if item is None:
        return None
    code = reader.text(item, "code", path, nonempty=True)
    name = reader.text(item, "name", path)
    section = reader.choice(item, "section", path, Section)
    accounts = tuple(_items(reader, item, "accounts", _account, path))
    if code is None or name is None or section is None:
        return None
    return Category(code, name, section, accounts)


def _account(reader: Reader, value: object, path: str) -> Account | None:
    item = reader.record(value, path, ("code", "name"), ("lines",))
    if item is None:
        return None
    code = reader.text(item, "code", path, nonempty=True)
    name = reader.text(item, "name", path)
    lines = tuple(_items(reader, item, "lines", _line, path))
    if code is None or name is None:
        return None
    return Account(code, name, lines)


_LINE_OPTIONAL = ("unit", "multiplier", "currency", "fringes", "person", "paid_on", "tags", "key")


def _line(reader: Reader, value: object, path: str) -> DetailLine | None:
    item = reader.record(value, path, ("description", "amount", "rate"), _LINE_OPTIONAL)
    if item is None:
        return None
    description = reader.text(item, "description", path)
    amount = reader.expression(item, "amount", path)
    unit = reader.choice(item, "unit", path, Unit, default=Unit.FLAT)
    multiplier = reader.expression(item, "multiplier", path, default="1")
    rate = reader.expression(item, "rate", path)
    currency = reader.currency_code(item, "currency", path, default="")
    fringes = reader.text_list(item, "fringes", path, default=())
    person = reader.text(item, "person", path, default="")
    paid_on = reader.date(item, "paid_on", path)
    tags = reader.text_map(item, "tags", path)
    key = reader.text(item, "key", path, default="")
    fields = (description, amount, unit, multiplier, rate, currency, fringes, person, key)
    if any(field is None for field in fields):
        return None
    assert description is not None and amount is not None and unit is not None
    assert multiplier is not None and rate is not None and currency is not None
    assert fringes is not None and person is not None and key is not None
    return DetailLine(
        description, amount, unit, multiplier, rate, currency, fringes, person, paid_on, tags, key
    )


# --- checks across the document ---------------------------------------------------------------


def _cross_check(problems: Problems, budget: Budget) -> None:
    """Codes are unique, and what lines and contractuals name is defined."""
    _unique(problems, "globals", "name", [g.name for g in budget.globals])
    _unique(problems, "fringes", "code", [f.code for f in budget.fringes])
    _unique(problems, "currencies", "code", [c.code for c in budget.currencies])
    _unique(problems, "categories", "code", [c.code for c in budget.categories])
    for index, currency in enumerate(budget.currencies):
        if currency.code == budget.currency and currency.rate != 1:
            problems.add(f"currencies[{index}].rate", "the base currency's rate must be 1")
    globals_ = {g.name for g in budget.globals}
    for index, item in enumerate(budget.globals):
        _names(problems, f"globals[{index}].expression", item.expression, globals_)
    _check_contractuals(problems, budget)
    fringes = {f.code for f in budget.fringes}
    currencies = {budget.currency} | {c.code for c in budget.currencies}
    accounts: dict[str, str] = {}
    for c, category in enumerate(budget.categories):
        for a, account in enumerate(category.accounts):
            path = f"categories[{c}].accounts[{a}]"
            if account.code in accounts:
                problems.add(
                    f"{path}.code", f"account {account.code} is also {accounts[account.code]}"
                )
            accounts.setdefault(account.code, path)
            for n, line in enumerate(account.lines):
                _check_line(problems, f"{path}.lines[{n}]", line, globals_, fringes, currencies)


def _check_line(
    problems: Problems,
    path: str,
    line: DetailLine,
    globals_: set[str],
    fringes: set[str],
    currencies: set[str],
) -> None:
    for field in ("amount", "multiplier", "rate"):
        _names(problems, f"{path}.{field}", getattr(line, field), globals_)
    if line.currency and line.currency not in currencies:
        problems.add(f"{path}.currency", f"{line.currency} is not in currencies")
    seen: set[str] = set()
    for index, code in enumerate(line.fringes):
        if code not in fringes:
            problems.add(f"{path}.fringes[{index}]", f"fringe {code} is not defined in fringes")
        elif code in seen:
            problems.add(f"{path}.fringes[{index}]", f"fringe {code} is named twice")
        seen.add(code)


def _check_contractuals(problems: Problems, budget: Budget) -> None:
    known = set(SECTIONS)
    for index, item in enumerate(budget.contractuals):
        path = f"contractuals[{index}]"
        if item.code in known:
            problems.add(f"{path}.code", f"{item.code} is a section or an earlier contractual")
        for part_index, part in enumerate(item.base):
            if part not in known:
                problems.add(
                    f"{path}.base[{part_index}]",
                    f"{part!r} is neither a section ({', '.join(SECTIONS)}) nor an earlier"
                    " contractual's code",
                )
            elif part in item.base[:part_index]:
                problems.add(f"{path}.base[{part_index}]", f"{part!r} is named twice")
        known.add(item.code)


def _unique(problems: Problems, where: str, field: str, values: list[str]) -> None:
    first: dict[str, int] = {}
    for index, value in enumerate(values):
        if value in first:
            problems.add(
                f"{where}[{index}].{field}", f"{value} is also {where}[{first[value]}].{field}"
            )
        first.setdefault(value, index)


def _names(problems: Problems, path: str, text: str, known: set[str]) -> None:
    try:
        expression = parsed(text)
    except Refused:
        return  # reported when the field was read
    for name in expression.names:
        if name not in known:
            problems.add(path, f"unknown global {name}")
