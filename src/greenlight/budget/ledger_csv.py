"""Importing purchase orders and actuals from CSV files: all rows clean, or nothing. Pure.

Both files have a header row naming their columns, in any order and any letter case:

* actuals: ``account, date, vendor, description, amount, currency, kind`` and, optionally,
  ``po`` (the purchase order an invoice is against);
* purchase orders: ``account, date, vendor, description, amount, currency, po``.

Every row is checked and every problem is collected as a :class:`LineError` (line numbers as a
spreadsheet shows them: the header is line 1); if there is any, one :class:`LedgerImportError`
lists them all and nothing is returned.

Decisions:

* Text is UTF-8 (a byte-order mark is skipped); other encodings are refused, not guessed. The
  delimiter is sniffed from the header: comma, semicolon or tab. CRLF or LF line ends.
* Dates are ISO ``YYYY-MM-DD``. Amounts use a dot for decimals, may group thousands with commas
  (``1,234.50``) and may be negative as ``-12.00`` or ``(12.00)``; they may not have more
  decimals than their currency has (2 for USD, 0 for JPY).
* Signs: an actual of kind ``invoice``, ``expense`` or ``payroll`` is positive; a ``credit`` (a
  vendor credit note, a refund) is negative, because it reduces cost. A purchase order is
  positive. Zero is refused everywhere: it records nothing and is usually a mistake.
* ``description`` may be blank, and ``po`` on an actual; every other cell is required, and a
  purchase order needs its ``po`` reference.
* Columns with a blank header are ignored when all their cells are blank too (a spreadsheet's
  trailing delimiter); any other column the file may not have is refused.
* Files larger than ``max_bytes`` or with more than ``max_rows`` rows are refused whole.
"""

import csv
import io
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from greenlight.budget.costreport import Actual, ActualKind, PurchaseOrder
from greenlight.budget.model import Currency
from greenlight.core.errors import InvalidInput
from greenlight.core.money import Money, minor_units

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
SUMMARY_LIMIT = 50  # problems listed in the message; all of them stay in ``problems``

ACTUAL_COLUMNS = ("account", "date", "vendor", "description", "amount", "currency", "kind", "po")
PO_COLUMNS = ("account", "date", "vendor", "description", "amount", "currency", "po")
_OPTIONAL_VALUES = frozenset({"description"})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_AMOUNT = re.compile(r"(?P<minus>-)?(?P<whole>\d{1,3}(?:,\d{3})+|\d{1,15})(?:\.(?P<frac>\d+))?")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d{1,2}")
_DELIMITERS = (",", ";", "\t")

_Fail = Callable[[str, str], None]  # (column, message)


@dataclass(frozen=True, slots=True)
class LineError:
    line_number: int  # as a spreadsheet shows it: the header is 1; 0 is the file as a whole
    column: str | None  # None: the whole line (or file)
    message: str

    @property
    def place(self) -> str:
        """``"line 3, amount"``, ``"line 3"`` or ``"the file"``."""
        where = "the file" if self.line_number == 0 else f"line {self.line_number}"
        return f"{where}, {self.column}" if self.column else where

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


@dataclass(eq=False)
class LedgerImportError(InvalidInput):
    """A CSV file that cannot be imported; ``problems`` lists every one, in file order."""

    problems: tuple[LineError, ...] = ()

    def __post_init__(self) -> None:
        if self.problems and not self.errors:
            for problem in self.problems:
                self.errors.setdefault(problem.place, []).append(problem.message)
        super().__post_init__()

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuild from the problems (the parent rebuilds from ``errors`` alone).
        return (type(self), (self.errors, self.problems))

    def summary(self) -> str:
        if not self.problems:
            return super().summary()
        shown = [str(problem) for problem in self.problems[:SUMMARY_LIMIT]]
        more = len(self.problems) - len(shown)
        tail = f"; and {more} more" if more else ""
        count = len(self.problems)
        return f"{count} problem{'s' if count != 1 else ''}: " + "; ".join(shown) + tail


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One clean row, in the currency it was written in."""

    line_number: int
    account_code: str
    on: date
    vendor: str
    description: str
    amount: Decimal
    currency: str
    kind: ActualKind | None  # None on a purchase order
    po_ref: str


def parse_actuals(
    data: bytes | str,
    *,
    accounts: Collection[str],
    currencies: Collection[str],
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
) -> list[LedgerRow]:
    """The actuals in a CSV file, every row checked; raises :class:`LedgerImportError`."""
    checks = _Checks(frozenset(accounts), frozenset(currencies), purchase_orders=False)
    return _parse(data, ACTUAL_COLUMNS, checks, max_bytes, max_rows)


def parse_purchase_orders(
    data: bytes | str,
    *,
    accounts: Collection[str],
    currencies: Collection[str],
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
) -> list[LedgerRow]:
    """The purchase orders in a CSV file, every row checked; raises :class:`LedgerImportError`."""
    checks = _Checks(frozenset(accounts), frozenset(currencies), purchase_orders=True)
    return _parse(data, PO_COLUMNS, checks, max_bytes, max_rows)


def to_actuals(
    rows: Iterable[LedgerRow], *, base_currency: str, currencies: Iterable[Currency] = ()
) -> list[Actual]:
    """The rows as actuals in the base currency, converted at the budget's rates, to the cent."""
    rates = _rates(base_currency, currencies)
    return [
        Actual(
            row.account_code,
            _in_base(row, rates, base_currency),
            row.on,
            row.kind or ActualKind.INVOICE,
            row.vendor,
            row.po_ref,
        )
        for row in rows
    ]


def to_purchase_orders(
    rows: Iterable[LedgerRow], *, base_currency: str, currencies: Iterable[Currency] = ()
) -> list[PurchaseOrder]:
    """The rows as purchase orders in the base currency, converted at the budget's rates."""
    rates = _rates(base_currency, currencies)
    return [
        PurchaseOrder(
            row.po_ref, row.account_code, _in_base(row, rates, base_currency), row.on, row.vendor
        )
        for row in rows
    ]


@dataclass(frozen=True, slots=True)
class _Checks:
    accounts: frozenset[str]
    currencies: frozenset[str]
    purchase_orders: bool


@dataclass(frozen=True, slots=True)
class _Header:
    index: dict[str, int]  # column name -> position
    unnamed: tuple[int, ...]  # positions with a blank header: must stay blank
    width: int


def _parse(
    data: bytes | str,
    columns: Sequence[str],
    checks: _Checks,
    max_bytes: int,
    max_rows: int,
) -> list[LedgerRow]:
    records = _records(_decode(data, max_bytes))
    problems: list[LineError] = []
    rows: list[LedgerRow] = []
    try:
        first = next(records, None)
        if first is None or not any(cell.strip() for cell in first[1]):
            wanted = ", ".join(columns)
            problems.append(LineError(1, None, f"the file needs a header row: {wanted}"))
            raise LedgerImportError(problems=tuple(problems))
        header = _read_header(first[1], columns, checks, problems)
        count = 0
        for line, cells in records:
            if not any(cell.strip() for cell in cells):
                continue  # a blank row: spreadsheets leave them
            count += 1
            if count > max_rows:
                message = f"the file has more than {max_rows:,} rows: split it"
                problems.append(LineError(line, None, message))
                break
            row = _read_row(line, cells, header, checks, problems)
            if row is not None:
                rows.append(row)
    except _Unreadable as unreadable:
        problems.append(LineError(unreadable.line, None, f"cannot be read: {unreadable.reason}"))
    if problems:
        raise LedgerImportError(problems=tuple(problems))
    return rows


def _decode(data: bytes | str, max_bytes: int) -> str:
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        message = f"is {size:,} bytes; the limit is {max_bytes:,}: split it"
        raise LedgerImportError(problems=(LineError(0, None, message),))
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = "is not UTF-8 text: save the file as 'CSV UTF-8' and import it again"
        raise LedgerImportError(problems=(LineError(line, None, message),)) from None


class _Unreadable(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) per record; a quoted cell with line breaks is still one line."""
    first_line = next((line for line in io.StringIO(text) if line.strip()), "")
    delimiter = max(_DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 0
    while True:
        line += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _Unreadable(line, str(error)) from None
        yield line, cells


def _read_header(
    cells: list[str], columns: Sequence[str], checks: _Checks, problems: list[LineError]
) -> _Header:
    index: dict[str, int] = {}
    unnamed = []
    for position, cell in enumerate(cells):
        name = cell.strip().lower()
        if not name:
            unnamed.append(position)
        elif name in index:
            problems.append(LineError(1, name, "this column appears twice"))
        elif name not in columns:
            known = ", ".join(columns)
            problems.append(LineError(1, cell.strip(), f"unknown column; the columns are: {known}"))
        else:
            index[name] = position
    optional = () if checks.purchase_orders else ("po",)
    for name in columns:
        if name not in index and name not in optional:
            problems.append(LineError(1, name, "the header lacks this column"))
    return _Header(index, tuple(unnamed), len(cells))


def _read_row(
    line: int, cells: list[str], header: _Header, checks: _Checks, problems: list[LineError]
) -> LedgerRow | None:
    found: list[LineError] = []
    if len(cells) > header.width:
        found.append(
            LineError(
                line, None, f"has {len(cells)} cells; the header names {header.width} columns"
            )
        )
    for position in header.unnamed:
        if position < len(cells) and cells[position].strip():
            found.append(
                LineError(line, None, f"has a value in column {position + 1}, which has no name")
            )
    values = {
        name: cells[position].strip() if position < len(cells) else ""
        for name, position in header.index.items()
    }
    row = _row_from(line, values, checks, found)
    order = {name: position for position, name in enumerate(ACTUAL_COLUMNS)}
    problems.extend(sorted(found, key=lambda problem: order.get(problem.column or "", -1)))
    return row if not found else None


def _row_from(
    line: int, values: Mapping[str, str], checks: _Checks, found: list[LineError]
) -> LedgerRow | None:
    def fail(column: str, message: str) -> None:
        found.append(LineError(line, column, message))

    for name, value in values.items():
        if not value and name not in _OPTIONAL_VALUES and (name != "po" or checks.purchase_orders):
            fail(name, "is missing")
    account = values.get("account", "")
    if account and account not in checks.accounts:
        fail("account", f"{account!r} is not an account in this budget's chart of accounts")
    on = _date(values.get("date", ""), fail)
    currency = _currency(values.get("currency", ""), checks, fail)
    kind = _kind(values.get("kind", ""), fail) if not checks.purchase_orders else None
    amount = _amount(values.get("amount", ""), currency, kind, checks, fail)
    if found or on is None or amount is None:
        return None
    return LedgerRow(
        line_number=line,
        account_code=account,
        on=on,
        vendor=values.get("vendor", ""),
        description=values.get("description", ""),
        amount=amount,
        currency=currency,
        kind=kind,
        po_ref=values.get("po", ""),
    )


def _date(text: str, fail: _Fail) -> date | None:
    if not text:
        return None
    if not _DATE.fullmatch(text):
        fail("date", f"{text!r} is not a date written YYYY-MM-DD, such as 2025-03-31")
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail("date", f"{text} is not a day of the calendar")
        return None


def _currency(text: str, checks: _Checks, fail: _Fail) -> str:
    code = text.upper()
    if code and code not in checks.currencies:
        known = ", ".join(sorted(checks.currencies))
        fail("currency", f"{text!r} is not one of this budget's currencies ({known})")
        return ""
    return code


def _kind(text: str, fail: _Fail) -> ActualKind | None:
    if not text:
        return None
    try:
        return ActualKind(text.lower())
    except ValueError:
        kinds = ", ".join(kind.value for kind in ActualKind)
        fail("kind", f"{text!r} is not a kind of actual ({kinds})")
        return None


def _amount(
    text: str, currency: str, kind: ActualKind | None, checks: _Checks, fail: _Fail
) -> Decimal | None:
    if not text:
        return None
    body, negative = text, False
    if body.startswith("(") and body.endswith(")"):  # the accountant's negative: (12.00)
        body, negative = body[1:-1].strip(), True
    match = _AMOUNT.fullmatch(body)
    if match is None or (negative and match["minus"]):
        hint = "; use a dot for decimals" if _DECIMAL_COMMA.fullmatch(body) else ""
        fail("amount", f"{text!r} is not an amount such as 1234.50 or -1,234.50{hint}")
        return None
    decimals = match["frac"] or ""
    if currency and len(decimals) > minor_units(currency):
        places = minor_units(currency)
        fail("amount", f"{text} has more decimals than {currency} has ({places})")
        return None
    amount = Decimal(match["whole"].replace(",", "") + (f".{decimals}" if decimals else ""))
    if negative or match["minus"]:
        amount = -amount
    problem = _sign_problem(amount, kind, checks)
    if problem:
        fail("amount", problem)
        return None
    return amount


def _sign_problem(amount: Decimal, kind: ActualKind | None, checks: _Checks) -> str:
    if not amount:
        return "is zero: a row must record some money"
    if checks.purchase_orders:
        return "" if amount > 0 else "a purchase order is a positive amount"
    if kind is ActualKind.CREDIT and amount > 0:
        return "a credit reduces cost: write it as a negative amount"
    if kind is not None and kind is not ActualKind.CREDIT and amount < 0:
        return f"an amount of kind {kind.value} is positive; a refund or credit note is kind credit"
    return ""


def _rates(base_currency: str, currencies: Iterable[Currency]) -> dict[str, Decimal]:
    rates = {currency.code: currency.rate for currency in currencies}
    rates[base_currency] = Decimal(1)
    return rates


def _in_base(row: LedgerRow, rates: Mapping[str, Decimal], base_currency: str) -> Decimal:
    if row.currency == base_currency:
        return row.amount
    try:
        rate = rates[row.currency]
    except KeyError:
        raise ValueError(
            f"line {row.line_number}: the budget has no rate for {row.currency}"
        ) from None
    return Money(row.amount * rate, base_currency).rounded().amount
