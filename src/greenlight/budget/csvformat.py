"""A budget's detail lines as one CSV table: :func:`to_csv` and :func:`from_csv`. Pure.

The columns are the XLSX Detail sheet's (:data:`tables.DETAIL`), a header row first: each line
with its category (code, name, section) and account (code, name), the cells as written
(``SHOOT_DAYS + 2``), then the computed Subtotal, Fringe amount and Total, which are never read
back. A category without accounts, or an account without lines, is a row with blank line cells.

One CSV cannot hold globals, fringes, currencies, contractuals or incentives: :func:`from_csv`
takes them (and the title, base currency and info) from ``base`` when given. Without one, a
formula that names a global, a line with fringes, or a line in another currency is refused
with a message saying so.

**Formula injection.** A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return (after any apostrophes) is written with one more apostrophe in front
(``'=HYPERLINK(...)``, ``'-SHOOT_DAYS``), so a spreadsheet opening the file shows text and runs
nothing; :func:`from_csv` takes that apostrophe off again, so the file round-trips. Numbers stay
numbers: a plain number in Amount, Multiplier or Rate (``-3``, ``450``) and the computed figures
are written as they are.

Reading: UTF-8 (a byte-order mark is skipped); comma, semicolon or tab separated (sniffed from
the header); every problem is reported at once with its line (the header is line 1) and
column: ``line 12, Rate: '4,50': a comma is not allowed ...``.
"""

import csv
import io
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from .formulas import Refused, parsed
from .jsonformat import BudgetFormatError, dump
from .model import Budget
from .tables import DETAIL, Draft, Kind, Place, detail_categories, detail_rows, match_headers
from .totals import Computed

MAX_ROWS = 50_000
_DANGER = re.compile(r"'*[=+\-@\t\r]")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_DELIMITERS = (",", ";", "\t")
_HEADERS = {column.key: column.header for column in DETAIL}


def to_csv(budget: Budget, computed: Computed | None) -> str:
    """The detail table as CSV text (CRLF line ends, as RFC 4180 has them)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.header for column in DETAIL])
    for row in detail_rows(budget, computed):
        writer.writerow(
            [_cell(value, column.kind) for column, value in zip(DETAIL, row, strict=True)]
        )
    return out.getvalue()


def _cell(value: object, kind: Kind) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if not isinstance(value, str):
        return str(value)  # a date, in ISO form
    if kind is Kind.FORMULA and _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value if _DANGER.match(value) else value


def _uncell(text: str) -> str:
    """Undo the apostrophe :func:`_cell` puts before text a spreadsheet would run."""
    return text[1:] if text.startswith("'") and _DANGER.match(text[1:]) else text


def from_csv(
    data: bytes | str,
    *,
    source: str,
    base: Budget | None = None,
    currency: str | None = None,
) -> Budget:
    """The budget of the detail lines in ``data``: ``base``'s set-up with these lines, or (no
    ``base``) a budget of lines alone, titled after ``source``, in ``currency`` (else the one
    currency every line names, else USD). One :class:`BudgetFormatError` lists every problem."""
    text = _decode(data, source)
    draft = Draft()
    rows = list(_rows(text, draft))
    if base is not None:
        document: dict[str, Any] = _setup_of(base)
        for key in document:
            draft.places[key] = "the base budget"
    else:
        document = {"title": PurePath(source).stem, "currency": currency or "USD"}
    draft.places["categories"] = "the file"
    document["categories"] = detail_categories(draft, iter(rows))
    if base is None:
        named = {line.get("currency", "") for line in _lines(document)}
        if currency is None and len(named) == 1 and "" not in named:
            document["currency"] = named.pop()  # every line is in it: no rate is needed
        _lines_alone(draft, document)
    return draft.finish(document, source=source, order=_order)


def _setup_of(base: Budget) -> dict[str, Any]:
    """Everything of ``base`` but its categories, as the JSON format has it."""
    document: dict[str, Any] = json.loads(dump(base))
    document.pop("format")
    document.pop("version")
    document.pop("categories")
    return document


def _decode(data: bytes | str, source: str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        where = f"byte {error.start}"
        message = "not UTF-8 text (save the CSV as UTF-8)"
        raise BudgetFormatError({where: [message]}, source) from None


def _rows(text: str, draft: Draft) -> Iterator[tuple[dict[str, str], Place]]:
    """Each non-blank line's input cells (key -> text) and its place."""
    first = text.split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            draft.fail("line 1", "the file is empty: it needs a header row naming the columns")
            return
        found, problems = match_headers(header, DETAIL)
        for position, message in problems:
            draft.fail("line 1" if position is None else f"line 1, column {position + 1}", message)
        if any(position is None for position, _ in problems):
            return
        wanted = [(c.key, found[c.key]) for c in DETAIL if c.read and c.key in found]
        for number, cells in enumerate(reader, start=2):
            if number > MAX_ROWS + 1:
                draft.fail("the file", f"more than {MAX_ROWS:,} lines")
                return
            if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
                draft.fail(f"line {number}", "more cells than the header has columns")
            texts = {
                key: _uncell(cells[position])
                for key, position in wanted
                if position < len(cells) and cells[position] != ""
            }
            if texts:
                yield texts, _place(number)
    except csv.Error as error:
        draft.fail(f"line {reader.line_num}", f"not readable as CSV: {error}")


def _place(number: int) -> Place:
    def place(key: str) -> str:
        return f"line {number}, {_HEADERS[key]}"

    return place


def _lines(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for category in document["categories"]:
        for account in category["accounts"]:
            yield from account["lines"]


def _lines_alone(draft: Draft, document: dict[str, Any]) -> None:
    """Without a base budget, lines may not use what only a whole budget defines."""
    currency = document["currency"]
    for c, category in enumerate(document["categories"]):
        for a, account in enumerate(category["accounts"]):
            for n, line in enumerate(account["lines"]):
                path = f"categories[{c}].accounts[{a}].lines[{n}]"
                _line_alone(draft, path, line, currency)


def _line_alone(draft: Draft, path: str, line: dict[str, Any], currency: str) -> None:
    for field in ("amount", "multiplier", "rate"):
        try:
            names = parsed(line[field]).names if field in line else ()
        except Refused:
            continue  # reported by the format's own check
        if names:
            which = (
                f"{names[0]} is a global" if len(names) == 1 else f"{', '.join(names)} are globals"
            )
            draft.fail(
                draft.where(f"{path}.{field}"),
                f"{which}, and a CSV file holds lines only, not globals: use the XLSX or JSON"
                " format, which keep them",
            )
            line[field] = "0"  # reported above; keeps the format's check from repeating it
    if line.get("fringes"):
        draft.fail(
            draft.where(f"{path}.fringes"),
            f"fringes {', '.join(line['fringes'])}: a CSV file holds lines only, not fringes:"
            " use the XLSX or JSON format, which keep them",
        )
        del line["fringes"]
    if line.get("currency") not in (None, "", currency):
        draft.fail(
            draft.where(f"{path}.currency"),
            f"{line['currency']}: a CSV file holds no exchange rates, so every line is in"
            f" {currency}: use the XLSX or JSON format, which keep them",
        )
        del line["currency"]


_LINE = re.compile(r"line (\d+)(?:, column (\d+)|, (.+))?$")
_ORDER = {header: index for index, header in enumerate(_HEADERS.values())}


def _order(place: str) -> tuple[int, int]:
    """Problems in file order: line, then column."""
    match = _LINE.match(place)
    if match is None:
        return (0, 0) if place.startswith("byte") else (10**9, 0)
    column = int(match.group(2)) if match.group(2) else _ORDER.get(match.group(3) or "", -1)
    return (int(match.group(1)), column)
