"""Budgets as Excel workbooks (openpyxl): laid out for people, read back exactly. Pure.

Sheets, in order: **Topsheet** (categories by section with their totals, the totals above and
below the line, contractuals, the grand total, fringes and financing: figures for reading),
**Detail** (one row per line, :data:`tables.DETAIL`), **Globals**, **Fringes**,
**Currencies**, **Contractuals**, **Incentives** and **Info** (title, base currency, then the
budget's info fields). Each sheet but the Topsheet is a table: a header row, then one row per
item; columns may come in any order and any letter case.

Reading uses only the input columns; the Topsheet and the computed columns (Subtotal, Fringe
amount, Total, a global's Value ...) are never read, so ``from_xlsx(to_xlsx(b, c)) == b`` for
every budget the JSON format accepts, with three exceptions: characters XML cannot hold are
dropped and a carriage return becomes a line feed; a contractual (incentive) with an empty base
reads back with the default one.

Cells are checked by the rules of the JSON format (:mod:`.tables`), and every problem is
reported at once at its cell: ``Detail!J12: '4,50': a comma is not allowed ...``.

Formula injection: every text cell, formulas of amounts, multipliers and rates included, is
stored as text, never as an Excel formula, and text starting with ``= + - @`` also carries
Excel's quote prefix so that editing the cell keeps it text. Excel formulas found when reading
are refused (type the value, or a Greenlight formula). Decimals are written as numbers when a
spreadsheet's floating point holds them exactly, else as text.
"""

import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from greenlight.core.money import minor_units

from .jsonformat import BudgetFormatError
from .model import Budget
from .tables import (
    DETAIL,
    Column,
    Draft,
    Kind,
    Place,
    RowKind,
    Value,
    col,
    detail_categories,
    detail_rows,
    join_list,
    match_headers,
    money_text,
    percent_text,
    topsheet_rows,
)
from .totals import Computed

MAX_UNPACKED = 256 * 1024 * 1024  # bytes the workbook's parts may unpack to
MAX_ROWS = 50_000  # rows in one sheet

GLOBALS = (
    col("name", "Name", needed=True, width=18),
    col("expression", "Expression", Kind.FORMULA, needed=True, width=28),
    col("description", "Description", width=40),
    col("binding", "Binding", width=22),
    col("value", "Value", Kind.COMPUTED, width=14),
)
FRINGES = (
    col("code", "Code", needed=True, width=12),
    col("name", "Name", blank="", width=36),
    col("kind", "Kind", Kind.CHOICE, needed=True, width=9),
    col("rate", "Rate", Kind.DECIMAL, needed=True, width=10),
    col("cap", "Cap", Kind.DECIMAL, width=12),
    col("effective_from", "Effective from", Kind.DATE, width=14),
    col("effective_to", "Effective to", Kind.DATE, width=14),
    col("total", "Total", Kind.COMPUTED, width=14),
)
CURRENCIES = (
    col("code", "Code", needed=True, width=10),
    col("rate", "Rate", Kind.DECIMAL, needed=True, width=14),
)
CONTRACTUALS = (
    col("code", "Code", needed=True, width=10),
    col("name", "Name", blank="", width=30),
    col("percent", "Percent", Kind.DECIMAL, needed=True, width=10),
    col("base", "Base", Kind.LIST, width=26),
    col("amount", "Amount", Kind.COMPUTED, width=14),
)
INCENTIVES = (
    col("name", "Name", needed=True, width=30),
    col("percent", "Percent", Kind.DECIMAL, needed=True, width=10),
    col("sections", "Sections", Kind.LIST, width=18),
    col("sale_price", "Sale price", Kind.DECIMAL, width=10),
    col("expected", "Expected", Kind.DATE, width=12),
    col("qualifying", "Qualifying spend", Kind.COMPUTED, width=16),
    col("credit", "Credit", Kind.COMPUTED, width=14),
    col("net_cash", "Net cash", Kind.COMPUTED, width=14),
)
INFO = (col("field", "Field", needed=True, width=20), col("value", "Value", needed=True, width=60))

# Sheet, the JSON list it holds, its columns: the setup tables after Detail.
TABLES = (
    ("Globals", "globals", GLOBALS),
    ("Fringes", "fringes", FRINGES),
    ("Currencies", "currencies", CURRENCIES),
    ("Contractuals", "contractuals", CONTRACTUALS),
    ("Incentives", "incentives", INCENTIVES),
)
SHEETS = ("Topsheet", "Detail", *(name for name, _, _ in TABLES), "Info")

_HEAD = "2F5D50"  # the house header colour
_HEAD_FILL = PatternFill("solid", fgColor=_HEAD)
_COMPUTED_FILL = PatternFill("solid", fgColor="8FA9A0")
_SHADE = PatternFill("solid", fgColor="E8F0ED")
_WHITE_BOLD = Font(bold=True, color="FFFFFF")
_BOLD = Font(bold=True)
_MUTED = Font(italic=True, color="555555")
_THIN = Side(style="thin", color="444444")
_INJECTION = ("=", "+", "-", "@", "\t", "\r")


# --- writing ----------------------------------------------------------------------------------


def to_xlsx(budget: Budget, computed: Computed | None) -> bytes:
    """The workbook of ``budget``; figures from ``computed`` (None leaves them blank)."""
    book = Workbook()
    top = book.active
    assert top is not None
    top.title = "Topsheet"
    _topsheet(top, budget, computed)
    money = _money_format(budget.currency)
    _table(book.create_sheet("Detail"), DETAIL, detail_rows(budget, computed), money)
    for (name, _, columns), rows in zip(TABLES, _setup_rows(budget, computed), strict=True):
        _table(book.create_sheet(name), columns, rows, money)
    info: list[list[Value]] = [["Title", budget.title], ["Currency", budget.currency]]
    info += [[key, value] for key, value in budget.info.items()]
    _table(book.create_sheet("Info"), INFO, info, money)
    book.properties.title = _clean(budget.title)
    book.properties.creator = "Greenlight"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _setup_rows(budget: Budget, computed: Computed | None) -> list[list[list[Value]]]:
    """The rows of Globals, Fringes, Currencies, Contractuals and Incentives."""
    values: dict[str, Decimal] = computed.globals if computed else {}
    amounts = {c.code: c.amount for c in computed.contractuals} if computed else {}
    fringed = computed.fringes_by_code if computed else {}
    figures = (
        [[i.qualifying, i.credit, i.net_cash] for i in computed.incentives] if computed else []
    )
    none: list[Value] = [None, None, None]

    def fringe_total(code: str) -> Value:
        return fringed.get(code, Decimal(0)) if computed else None

    return [
        [
            [g.name, g.expression, g.description or None, g.binding or None, values.get(g.name)]
            for g in budget.globals
        ],
        [
            [
                f.code,
                f.name,
                f.kind.value,
                f.rate,
                f.cap,
                f.effective_from,
                f.effective_to,
                fringe_total(f.code),
            ]
            for f in budget.fringes
        ],
        [[c.code, c.rate] for c in budget.currencies],
        [
            [c.code, c.name, c.percent, join_list(c.base) or None, amounts.get(c.code)]
            for c in budget.contractuals
        ],
        [
            [
                i.name,
                i.percent,
                join_list(i.sections) or None,
                i.sale_price,
                i.expected,
                *(figures[n] if n < len(figures) else none),
            ]
            for n, i in enumerate(budget.incentives)
        ],
    ]


def _money_format(currency: str) -> str:
    places = minor_units(currency)
    return "#,##0" + ("." + "0" * places if places else "")


def _clean(text: str) -> str:
    """Text a workbook can hold: no control characters XML refuses, line feeds for breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _exact(value: Decimal) -> float | None:
    """``value`` as a float when the float reads back as exactly ``value``."""
    number = float(value)
    return number if Decimal(repr(number)) == value else None


def _put(sheet: Worksheet, row: int, column: int, value: Value, kind: Kind, money: str) -> None:
    cell = sheet.cell(row, column)
    if isinstance(value, str):
        cell.value = _clean(value)
        cell.data_type = "s"  # text, even when it starts with "=": never an Excel formula
        if value.startswith(_INJECTION):
            cell.quotePrefix = True
    elif isinstance(value, Decimal):
        number = _exact(value)
        if kind is Kind.COMPUTED:
            cell.value = float(value)
            cell.number_format = money
        elif number is None:
            cell.value = format(value, "f")
            cell.data_type = "s"
        else:
            cell.value = number
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"


def _table(
    sheet: Worksheet, columns: Sequence[Column], rows: Iterable[Sequence[Value]], money: str
) -> None:
    """A header row, then the rows; computed columns in italic under a paler header."""
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(1, index, column.header)
        cell.font = _WHITE_BOLD
        cell.fill = _HEAD_FILL if column.read else _COMPUTED_FILL
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    line = 1
    for line, values in enumerate(rows, start=2):
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            _put(sheet, line, index, value, column.kind, money)
            if not column.read:
                sheet.cell(line, index).font = _MUTED
    sheet.freeze_panes = "A2"
    if line > 1:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{line}"


def _topsheet(sheet: Worksheet, budget: Budget, computed: Computed | None) -> None:
    """The topsheet for reading: never read back."""
    sheet["A1"] = _clean(budget.title)
    sheet["A1"].data_type = "s"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = (
        f"Topsheet · figures in {budget.currency} · for reading: imports read the other sheets"
    )
    sheet["A2"].font = _MUTED
    widths = {"A": 10, "B": 40, "C": 26, "D": 16, "E": 18}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    money = _money_format(budget.currency)
    if computed is None:
        sheet["A4"] = "The budget has problems, so it has no totals: fix them and export again."
        return
    for index, header in enumerate(("Acct #", "Category", "", "Fringes", "Total"), start=1):
        cell = sheet.cell(4, index, header)
        cell.font, cell.fill = _WHITE_BOLD, _HEAD_FILL
    row = 5
    for item in topsheet_rows(computed):
        values: list[Value] = [item.code, item.label, item.note, item.fringes, item.total]
        for index, value in enumerate(values, start=1):
            if value is not None and value != "":
                _put(sheet, row, index, value, Kind.COMPUTED, money)
        _style_row(sheet, row, item.kind)
        row += 1
    row = _fringe_block(sheet, row + 1, budget, computed, money)
    _financing_block(sheet, row + 1, computed, money)
    sheet.freeze_panes = "A5"


def _style_row(sheet: Worksheet, row: int, kind: RowKind) -> None:
    cells = [sheet.cell(row, index) for index in range(1, 6)]
    if kind is RowKind.HEADING:
        for cell in cells:
            cell.font, cell.fill = _BOLD, _SHADE
    elif kind in (RowKind.SUBTOTAL, RowKind.TOTAL, RowKind.GRAND):
        for cell in cells:
            cell.font = Font(bold=True, size=12 if kind is RowKind.GRAND else 11)
            cell.border = Border(top=_THIN, bottom=_THIN if kind is RowKind.GRAND else None)


def _fringe_block(
    sheet: Worksheet, row: int, budget: Budget, computed: Computed, money: str
) -> int:
    if not computed.fringes_by_code:
        return row
    sheet.cell(row, 1, "Fringes (included in the totals above)").font = _BOLD
    names = {f.code: f.name for f in budget.fringes}
    for code, amount in computed.fringes_by_code.items():
        row += 1
        _put(sheet, row, 1, code, Kind.TEXT, money)
        _put(sheet, row, 2, names.get(code, ""), Kind.TEXT, money)
        _put(sheet, row, 5, amount, Kind.COMPUTED, money)
    return row + 1


def _financing_block(sheet: Worksheet, row: int, computed: Computed, money: str) -> None:
    if not computed.incentives:
        return
    sheet.cell(row, 1, "Financing (incentives: not deducted from the grand total)").font = _BOLD
    for item in computed.incentives:
        row += 1
        note = f"{percent_text(item.percent)} of {money_text(item.qualifying, computed.currency)}"
        if item.expected is not None:
            note += f", expected {item.expected.isoformat()}"
        _put(sheet, row, 2, item.name, Kind.TEXT, money)
        _put(sheet, row, 3, note, Kind.TEXT, money)
        _put(sheet, row, 4, item.credit, Kind.COMPUTED, money)
        _put(sheet, row, 5, item.net_cash, Kind.COMPUTED, money)
    sheet.cell(row + 1, 4, "credit").font = _MUTED
    sheet.cell(row + 1, 5, "net cash").font = _MUTED


# --- reading ----------------------------------------------------------------------------------


def from_xlsx(data: bytes, *, source: str) -> Budget:
    """The budget in a workbook written by :func:`to_xlsx` (or edited since); every problem is
    reported at once in one :class:`BudgetFormatError`, each at its cell."""
    book = _open(data, source)
    try:
        draft = Draft()
        sheets = {name.lower(): name for name in book.sheetnames}
        for name in SHEETS[1:]:
            if name.lower() not in sheets:
                draft.fail(name, f"the workbook has no sheet {name!r}")
        # Stand-ins when Info is missing, so its absence is reported once.
        document: dict[str, Any] = {"title": "", "currency": "XXX"}
        if "info" in sheets:
            document.update(_info(book[sheets["info"]], draft))
        if "detail" in sheets:
            rows = _rows(book[sheets["detail"]], "Detail", DETAIL, draft)
            document["categories"] = detail_categories(draft, rows)
        draft.places["categories"] = "Detail"
        for name, key, columns in TABLES:
            draft.places[key] = name
            if name.lower() in sheets:
                rows = _rows(book[sheets[name.lower()]], name, columns, draft)
                document[key] = [
                    draft.item(f"{key}[{n}]", cells, columns, place)
                    for n, (cells, place) in enumerate(rows)
                ]
    finally:
        book.close()
    return draft.finish(document, source=source, order=_order)


def _refuse(source: str, message: str) -> BudgetFormatError:
    return BudgetFormatError({"__all__": [message]}, source)


def _open(data: bytes, source: str) -> Any:
    """The workbook, read-only; refused clearly when the bytes are not an .xlsx workbook."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise _refuse(source, "an old-style .xls workbook: save it as .xlsx and import that")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(source, "not an Excel workbook (.xlsx)") from None
    if "xl/workbook.xml" not in names:
        raise _refuse(source, "not an Excel workbook (.xlsx): it is a zip without a workbook")
    if unpacked > MAX_UNPACKED:
        raise _refuse(source, f"the workbook unpacks to more than {MAX_UNPACKED // 2**20} MB")
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl fails in many ways on a damaged file
        raise _refuse(source, f"the workbook cannot be read ({error})") from None


_NOUNS = {
    Kind.TEXT: "text",
    Kind.FORMULA: "a number or a formula",
    Kind.DECIMAL: "a number",
    Kind.DATE: "a date",
    Kind.CHOICE: "one of the choices",
    Kind.LIST: "a list",
    Kind.TAGS: "tags",
    Kind.COMPUTED: "a figure",
}


def _number(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    return format(Decimal(repr(value)), "f")


def _cell_text(value: object, data_type: str, kind: Kind) -> tuple[str | None, str]:
    """(text, problem) of one cell for a column of ``kind``; None when blank."""
    if value is None or value == "":
        return None, ""
    if data_type == "f":
        hint = ", or a Greenlight formula such as SHOOT_DAYS + 2" if kind is Kind.FORMULA else ""
        return None, f"an Excel formula ({value}) is not read: type the value{hint}"
    if data_type == "e":
        return None, f"an Excel error ({value}): type the value"
    if isinstance(value, bool):
        return None, f"TRUE/FALSE is not {_NOUNS[kind]}"
    if isinstance(value, datetime | date):
        day = value.date() if isinstance(value, datetime) else value
        if isinstance(value, datetime) and value.time() != time(0):
            return (
                (value.isoformat(sep=" "), "") if kind is Kind.TEXT else (None, "a date and time")
            )
        if kind in (Kind.DATE, Kind.TEXT):
            return day.isoformat(), ""
        return None, f"a date, not {_NOUNS[kind]}"
    if isinstance(value, time | timedelta):
        return None, f"a time, not {_NOUNS[kind]}"
    if isinstance(value, int | float):
        if kind is Kind.DATE:
            return None, f"{_number(value)} is a number, not a date (type it like 2025-06-30)"
        return _number(value), ""
    return str(value), ""


def _rows(
    sheet: Any, name: str, columns: Sequence[Column], draft: Draft
) -> Iterator[tuple[dict[str, str], Place]]:
    """Each non-blank row's input cells (key -> text) and its place; problems go to ``draft``."""
    rows = sheet.iter_rows(max_row=MAX_ROWS + 1)
    header = next(rows, ())
    found, problems = match_headers([cell.value for cell in header], columns)
    for position, message in problems:
        draft.fail(
            f"{name}!{get_column_letter(position + 1)}1" if position is not None else name, message
        )
    if any(position is None for position, _ in problems):
        return  # a needed column is missing: its rows would only repeat that
    letters = {key: get_column_letter(position + 1) for key, position in found.items()}
    wanted = [(c, found[c.key]) for c in columns if c.read and c.key in found]
    for number, cells in enumerate(rows, start=2):
        texts: dict[str, str] = {}
        bad: list[tuple[str, str]] = []
        for column, position in wanted:
            cell = cells[position] if position < len(cells) else None
            if cell is None:
                continue
            text, problem = _cell_text(cell.value, cell.data_type, column.kind)
            if problem:
                bad.append((column.key, problem))
            elif text is not None:
                texts[column.key] = text
        if not texts and not bad:
            continue
        if number > MAX_ROWS:
            draft.fail(name, f"more than {MAX_ROWS:,} rows")
            return
        for key, problem in bad:
            draft.fail(f"{name}!{letters[key]}{number}", problem)

        def place(key: str, number: int = number) -> str:
            return f"{name}!{letters.get(key, 'A')}{number}"

        yield texts, place


def _info(sheet: Any, draft: Draft) -> dict[str, Any]:
    """Title and base currency (rows 2 and 3), then the info fields, from the Info sheet."""
    title, currency, info = "", "", {}
    seen: dict[str, str] = {}
    rows = 0
    for index, (cells, place) in enumerate(_rows(sheet, "Info", INFO, draft)):
        rows += 1
        field, value = cells.get("field"), cells.get("value")
        expected = ("Title", "Currency")[index] if index < 2 else ""
        if expected and (field or "").strip().lower() != expected.lower():
            draft.fail(
                place("field"),
                f"expected {expected!r}: the first rows hold the budget's title and currency",
            )
        elif expected == "Title":
            title = value or ""
            draft.places["title"] = place("value")
        elif expected == "Currency":
            currency = value or ""
            draft.places["currency"] = place("value")
            if not currency:
                draft.fail(place("value"), "missing: the budget's base currency, such as USD")
        elif (field or "") in seen:
            draft.fail(place("field"), f"{field or ''!r} is also at {seen[field or '']}")
        else:
            seen[field or ""] = place("field")
            info[field or ""] = value or ""
    draft.places["info"] = "Info"
    if rows < 2:
        draft.fail("Info", "no Title and Currency rows (rows 2 and 3)")
    return {"title": title, "currency": currency, "info": info}


_PLACE = re.compile(r"(\w+)(?:!([A-Z]+)(\d+))?$")


def _order(place: str) -> tuple[int, int, int]:
    """Problems in workbook order: sheet, row, column."""
    match = _PLACE.match(place)
    if match is None or match.group(1) not in SHEETS:
        return (len(SHEETS), 0, 0)
    sheet = SHEETS.index(match.group(1))
    if match.group(2) is None:
        return (sheet, 0, 0)
    return (sheet, int(match.group(3)), column_index_from_string(match.group(2)))
