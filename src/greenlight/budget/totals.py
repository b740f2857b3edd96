"""The budget calculator: line subtotals, fringes, account to topsheet totals, contractuals,
incentives. Pure.

:func:`compute` reads a :class:`model.Budget` and returns a :class:`Computed`, or raises one
:class:`BudgetError` listing every problem it found, each with its place (``line 'Grips – shoot'
in account 2500``, ``global SHOOT_DAYS``, ``contractual BOND``).

**Rounding.** Formulas and exchange rates keep full precision (28 significant digits). Amounts
are rounded to the base currency's minor unit (cents for USD, whole yen for JPY), half up, at
these points only, and every total above them is an exact sum of rounded figures, so a printed
report adds up to the cent:

1. each detail line's subtotal: ``amount × multiplier × rate × exchange rate``;
2. each line's amount for each fringe (:mod:`.fringes`; percent fringes are taken on the
   rounded subtotal);
3. each contractual: ``percent × its base`` (the base is a sum of rounded figures);
4. each incentive's credit (``percent × qualifying spend``) and its net cash
   (``credit × sale price``).

Account total = its lines' subtotals + their fringes (fringes are posted by account); category
total = its accounts' totals; section totals (ATL, BTL, POST, OTHER) = their categories'. Above
the line is ATL; below the line is BTL + POST + OTHER; direct cost is all four. The grand total
is direct cost plus the contractuals. Incentives are financing: they are reported beside the
total and never subtracted from it.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, DecimalException, localcontext

from greenlight.core.money import minor_units

from .formulas import CONTEXT, BudgetError, Problems, Refused, parsed, resolve_globals
from .formulas import compute as evaluate
from .fringes import FringeError, PaidLine, fringe_lines
from .model import HOURS_PER_UNIT, Budget, DetailLine, Section

ZERO = Decimal(0)
HUNDRED = Decimal(100)
SECTIONS = tuple(section.value for section in Section)


@dataclass(slots=True)
class LineTotal:
    """One detail line, computed; money in the base currency.

    Treat it as read-only. It is not a frozen dataclass because a budget has thousands of
    lines and frozen dataclasses are about five times slower to build.
    """

    account: str  # account code
    number: int  # the line's position in its account, from 1
    line: DetailLine
    amount: Decimal
    multiplier: Decimal
    rate: Decimal  # per unit in the base currency (the line's rate × exchange rate), unrounded
    exchange_rate: Decimal  # base units per unit of the line's currency (1 for the base)
    subtotal: Decimal  # amount × multiplier × rate, rounded
    hours: Decimal | None  # amount × multiplier × the unit's hours; None for flat and allow
    fringes: dict[str, Decimal] = field(default_factory=dict)  # by fringe code, each rounded
    fringe_total: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.fringe_total

    @property
    def where(self) -> str:
        """How messages name the line: ``line 'Key grip – prep' in account 2500``."""
        return line_place(self.line, self.number, self.account)


@dataclass(frozen=True, slots=True)
class AccountTotal:
    code: str
    name: str
    category: str  # category code
    section: Section
    subtotal: Decimal  # the lines' subtotals, before fringes
    fringes: Decimal  # the lines' fringes, posted to this account
    lines: tuple[LineTotal, ...]

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.fringes


@dataclass(frozen=True, slots=True)
class CategoryTotal:
    code: str
    name: str
    section: Section
    subtotal: Decimal
    fringes: Decimal
    accounts: tuple[AccountTotal, ...]

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.fringes


@dataclass(frozen=True, slots=True)
class ContractualTotal:
    code: str
    name: str
    percent: Decimal
    base: tuple[str, ...]
    base_amount: Decimal  # the sum of the sections and earlier contractuals it is taken on
    amount: Decimal  # percent × base_amount, rounded


@dataclass(frozen=True, slots=True)
class IncentiveTotal:
    """Financing the production receives: shown beside the total, never deducted from it."""

    name: str
    percent: Decimal
    sections: tuple[str, ...]
    qualifying: Decimal  # spend in the qualifying sections
    credit: Decimal  # percent × qualifying, rounded
    sale_price: Decimal
    net_cash: Decimal  # credit × sale_price, rounded
    expected: date | None


@dataclass(frozen=True)
class Computed:
    """A computed budget: every figure of the topsheet down to each line, in the base currency."""

    currency: str
    globals: dict[str, Decimal]
    lines: tuple[LineTotal, ...]  # in budget order
    accounts: tuple[AccountTotal, ...]
    categories: tuple[CategoryTotal, ...]
    sections: dict[Section, Decimal]  # every section, in topsheet order, fringes included
    above_the_line: Decimal  # ATL
    below_the_line: Decimal  # BTL + POST + OTHER
    direct: Decimal  # above + below the line
    fringes: Decimal  # all fringes (included in the totals above)
    fringes_by_code: dict[str, Decimal]
    contractuals: tuple[ContractualTotal, ...]
    grand_total: Decimal  # direct + contractuals
    incentives: tuple[IncentiveTotal, ...]
    _by_code: dict[str, AccountTotal] = field(default_factory=dict, repr=False, compare=False)

    def account(self, code: str) -> AccountTotal:
        """The account with ``code``; KeyError when there is none."""
        if not self._by_code:
            self._by_code.update((account.code, account) for account in self.accounts)
        return self._by_code[code]


class _Broken:
    """A cell that uses a broken global: the global's own problem is the one reported."""


BROKEN = _Broken()


def compute(budget: Budget) -> Computed:
    """Every figure of ``budget``; :class:`BudgetError` lists every problem with its place."""
    problems = Problems()
    quantum = Decimal(1).scaleb(-minor_units(budget.currency))
    names, broken, global_problems = resolve_globals(budget.globals)
    problems.extend(global_problems)
    rates = _exchange_rates(budget, problems)
    _check_codes(budget, problems)
    _check_topsheet(budget, problems)
    with localcontext(CONTEXT) as context:
        context.rounding = ROUND_HALF_UP
        lines = _lines(budget, names, broken, rates, quantum, problems)
        paid = [
            PaidLine(row.subtotal, row.hours, row.line.fringes, row.line.person, row.line.paid_on)
            for row in lines
        ]
        try:
            fringes = fringe_lines(paid, budget.fringes, quantum, lambda i: lines[i].where)
        except FringeError as error:
            problems.extend(error)
            fringes = []
        problems.raise_as(BudgetError)
        for row, amounts in zip(lines, fringes, strict=True):
            if amounts:
                row.fringes = amounts
                row.fringe_total = sum(amounts.values(), ZERO)
        return _roll_up(budget, names, tuple(lines), quantum)


def _lines(
    budget: Budget,
    names: dict[str, Decimal],
    broken: set[str],
    rates: dict[str, Decimal],
    quantum: Decimal,
    problems: Problems,
) -> list[LineTotal]:
    """Each line's cells and subtotal (fringes to come); lines with a problem are left out."""
    cells: dict[str, Decimal | str | _Broken] = {}  # formula → value, problem or BROKEN

    def cell(text: str) -> Decimal | str | _Broken:
        result: Decimal | str | _Broken
        try:
            expression = parsed(text)
            if broken and any(name in broken for name in expression.names):
                result = BROKEN
            else:
                result = evaluate(expression, names)
        except Refused as error:
            result = str(error)
        cells[text] = result
        return result

    known = cells.get
    base = budget.currency
    result: list[LineTotal] = []
    for category in budget.categories:
        for account in category.accounts:
            for number, line in enumerate(account.lines, start=1):
                # Cells repeat ("1", "SHOOT_DAYS"): each distinct formula is computed once.
                amount = known(line.amount)
                if amount is None:
                    amount = cell(line.amount)
                multiplier = known(line.multiplier)
                if multiplier is None:
                    multiplier = cell(line.multiplier)
                rate = known(line.rate)
                if rate is None:
                    rate = cell(line.rate)
                exchange = rates.get(line.currency or base)
                if not (
                    type(amount) is Decimal
                    and type(multiplier) is Decimal
                    and type(rate) is Decimal
                    and exchange is not None
                ):
                    where = line_place(line, number, account.code)
                    _report(where, line, (amount, multiplier, rate), exchange, problems)
                    continue
                try:
                    base_rate = rate * exchange
                    subtotal = (amount * multiplier * base_rate).quantize(quantum)
                except DecimalException:
                    where = line_place(line, number, account.code)
                    problems.add(where, "the subtotal is too large a number")
                    continue
                per_unit = HOURS_PER_UNIT[line.unit]
                hours = None if per_unit is None else amount * multiplier * per_unit
                result.append(
                    LineTotal(
                        account.code,
                        number,
                        line,
                        amount,
                        multiplier,
                        base_rate,
                        exchange,
                        subtotal,
                        hours,
                    )
                )
    return result


def _report(
    where: str,
    line: DetailLine,
    cells: tuple[object, ...],
    exchange: Decimal | None,
    problems: Problems,
) -> None:
    """File the problems of a line that could not be computed."""
    for label, found in zip(("amount", "multiplier", "rate"), cells, strict=True):
        if isinstance(found, str):
            problems.add(where, f"{label}: {found}")
    if exchange is None:
        problems.add(where, f"unknown currency {line.currency} (add it to the currencies)")


def line_place(line: DetailLine, number: int, account: str) -> str:
    """How messages name a line: by its description, else by its number in the account."""
    if line.description.strip():
        return f"line {line.description.strip()!r} in account {account}"
    return f"line {number} in account {account}"


def _exchange_rates(budget: Budget, problems: Problems) -> dict[str, Decimal]:
    rates = {budget.currency: Decimal(1)}
    for currency in budget.currencies:
        where = f"currency {currency.code}"
        if currency.code == budget.currency:
            if currency.rate != 1:
                problems.add(where, "the base currency's rate is 1")
        elif currency.code in rates:
            problems.add(where, "defined more than once")
        elif not currency.rate.is_finite() or currency.rate <= 0:
            problems.add(where, "the rate must be more than 0")
        else:
            rates[currency.code] = currency.rate
    return rates


def _check_codes(budget: Budget, problems: Problems) -> None:
    """Account and category codes are unique: reports, variance and actuals find them by code."""
    categories: set[str] = set()
    accounts: set[str] = set()
    for category in budget.categories:
        if category.code in categories:
            problems.add(f"category {category.code}", "code used by more than one category")
        categories.add(category.code)
        for account in category.accounts:
            if account.code in accounts:
                problems.add(f"account {account.code}", "code used by more than one account")
            accounts.add(account.code)


def _roll_up(
    budget: Budget,
    names: dict[str, Decimal],
    lines: tuple[LineTotal, ...],
    quantum: Decimal,
) -> Computed:
    accounts: list[AccountTotal] = []
    categories: list[CategoryTotal] = []
    position = 0
    for category in budget.categories:
        first = len(accounts)
        for account in category.accounts:
            mine = lines[position : position + len(account.lines)]
            position += len(account.lines)
            subtotal = sum((line.subtotal for line in mine), ZERO)
            fringed = sum((line.fringe_total for line in mine), ZERO)
            accounts.append(
                AccountTotal(
                    account.code,
                    account.name,
                    category.code,
                    category.section,
                    subtotal,
                    fringed,
                    mine,
                )
            )
        own = tuple(accounts[first:])
        categories.append(
            CategoryTotal(
                category.code,
                category.name,
                category.section,
                sum((a.subtotal for a in own), ZERO),
                sum((a.fringes for a in own), ZERO),
                own,
            )
        )
    sections = {section: ZERO for section in Section}
    for item in categories:
        sections[item.section] += item.total
    by_code: dict[str, Decimal] = {}
    for line in lines:
        for code, amount in line.fringes.items():
            by_code[code] = by_code.get(code, ZERO) + amount
    contractuals = _contractuals(budget, sections, quantum)
    incentives = _incentives(budget, sections, quantum)
    direct = sum(sections.values(), ZERO)
    atl = sections[Section.ATL]
    return Computed(
        currency=budget.currency,
        globals=names,
        lines=lines,
        accounts=tuple(accounts),
        categories=tuple(categories),
        sections=sections,
        above_the_line=atl,
        below_the_line=direct - atl,
        direct=direct,
        fringes=sum(by_code.values(), ZERO),
        fringes_by_code=by_code,
        contractuals=contractuals,
        grand_total=direct + sum((c.amount for c in contractuals), ZERO),
        incentives=incentives,
    )


def _check_topsheet(budget: Budget, problems: Problems) -> None:
    """Contractuals take sections and earlier contractuals; incentives take sections."""
    known = set(SECTIONS)
    for item in budget.contractuals:
        where = f"contractual {item.code}"
        if item.code in known:
            problems.add(where, "code used twice (or the name of a section)")
        if len(set(item.base)) != len(item.base):
            problems.add(where, "its base names the same thing twice")
        for part in item.base:
            if part not in known:
                problems.add(
                    where,
                    f"base {part!r} is neither a section ({', '.join(SECTIONS)}) nor an earlier"
                    " contractual",
                )
        known.add(item.code)
    for incentive in budget.incentives:
        for part in incentive.sections:
            if part not in SECTIONS:
                problems.add(f"incentive {incentive.name!r}", f"{part!r} is not a section")


def _contractuals(
    budget: Budget, sections: dict[Section, Decimal], quantum: Decimal
) -> tuple[ContractualTotal, ...]:
    """Each contractual in order, on its sections and the earlier contractuals it names."""
    known: dict[str, Decimal] = {section.value: total for section, total in sections.items()}
    result: list[ContractualTotal] = []
    for item in budget.contractuals:
        base = sum((known[part] for part in item.base), ZERO)
        amount = (base * item.percent / HUNDRED).quantize(quantum)
        known[item.code] = amount
        result.append(ContractualTotal(item.code, item.name, item.percent, item.base, base, amount))
    return tuple(result)


def _incentives(
    budget: Budget, sections: dict[Section, Decimal], quantum: Decimal
) -> tuple[IncentiveTotal, ...]:
    result: list[IncentiveTotal] = []
    for item in budget.incentives:
        qualifying = sum((sections[Section(part)] for part in item.sections), ZERO)
        credit = (qualifying * item.percent / HUNDRED).quantize(quantum)
        net = (credit * item.sale_price).quantize(quantum)
        result.append(
            IncentiveTotal(
                item.name,
                item.percent,
                item.sections,
                qualifying,
                credit,
                item.sale_price,
                net,
                item.expected,
            )
        )
    return tuple(result)
