"""The budget as tables, shared by the CSV, XLSX and PDF formats. Pure.

* **The detail table** (:data:`DETAIL`, :func:`detail_rows`): one row per detail line with its
  category and account, the cells as written (formulas as text) and the computed figures. A
  category without accounts, or an account without lines, is a row whose line cells are blank,
  so the table holds the whole tree.
* **Lists and tags in one cell**: ``FICA, MEDI`` and ``group=prep; location=Atlanta``. A
  backslash keeps a separator, a backslash or a space at either end as it is (``a\\,b``).
* **The topsheet** (:func:`topsheet_rows`): the rows a printed topsheet shows.
* **Reading tables back** (:class:`Draft`): the cells are put into a Greenlight budget JSON
  document and checked by :func:`jsonformat.load`, so a table is held to exactly the rules of a
  JSON file; each problem's JSON path is then turned back into the place it came from
  (``Detail!G12``, ``line 12, Amount``).
"""

import difflib
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any

from greenlight.core.money import minor_units

from .formulas import Problems
from .jsonformat import FORMAT, VERSION, BudgetFormatError, load
from .model import Budget, Section
from .totals import Computed, LineTotal

Value = str | Decimal | date | None  # a cell as written: text, a number, a date or blank
Place = Callable[[str], str]  # a column's key -> where that cell of the row is, for messages


class Kind(Enum):
    TEXT = "text"
    FORMULA = "formula"  # a Greenlight formula, kept as text: "450", "SHOOT_DAYS + 2"
    DECIMAL = "decimal"
    DATE = "date"
    CHOICE = "choice"  # a section, unit or fringe kind: read in any letter case
    LIST = "list"  # "FICA, MEDI"
    TAGS = "tags"  # "group=prep; location=Atlanta"
    COMPUTED = "computed"  # written for people to read; never read back


@dataclass(frozen=True)
class Column:
    key: str  # the field of the JSON format it holds
    header: str
    kind: Kind = Kind.TEXT
    needed: bool = False  # the table must have this column
    blank: str | None = None  # what a blank cell means; None leaves the field out
    aliases: tuple[str, ...] = ()
    width: int = 12  # characters, in a workbook

    @property
    def read(self) -> bool:
        return self.kind is not Kind.COMPUTED


def col(key: str, header: str, kind: Kind = Kind.TEXT, **options: Any) -> Column:
    """A :class:`Column`, briefly."""
    return Column(key, header, kind, **options)


DETAIL = (
    col("category", "Category", needed=True, width=10),
    col("category_name", "Category name", blank="", width=24),
    col("section", "Section", Kind.CHOICE, needed=True, width=8),
    col("account", "Account", needed=True, width=10),
    col("account_name", "Account name", blank="", width=24),
    col("description", "Description", needed=True, blank="", width=32),
    col("amount", "Amount", Kind.FORMULA, needed=True, aliases=("amt",), width=14),
    col("unit", "Unit", Kind.CHOICE, aliases=("units",), width=8),
    col("multiplier", "Multiplier", Kind.FORMULA, aliases=("x",), width=10),
    col("rate", "Rate", Kind.FORMULA, needed=True, width=14),
    col("currency", "Currency", aliases=("curr",), width=9),
    col("fringes", "Fringes", Kind.LIST, width=16),
    col("person", "Person", width=18),
    col("paid_on", "Paid on", Kind.DATE, width=12),
    col("tags", "Tags", Kind.TAGS, width=24),
    col("key", "Key", width=10),
    col("subtotal", "Subtotal", Kind.COMPUTED, width=14),
    col("fringe_total", "Fringe amount", Kind.COMPUTED, width=14),
    col("total", "Total", Kind.COMPUTED, width=14),
)
_CATEGORY_KEYS = ("category", "category_name", "section")
_ACCOUNT_KEYS = ("account", "account_name")
LINE_COLUMNS = tuple(c for c in DETAIL if c.read and c.key not in _CATEGORY_KEYS + _ACCOUNT_KEYS)
SECTION_TITLES = {
    Section.ATL: "Above the line",
    Section.BTL: "Production",
    Section.POST: "Post-production",
    Section.OTHER: "Other",
}


# --- writing ----------------------------------------------------------------------------------


def detail_rows(budget: Budget, computed: Computed | None) -> Iterator[list[Value]]:
    """The detail table's rows in :data:`DETAIL` order, figures from ``computed`` if given."""
    totals = computed.lines if computed is not None else ()
    index = 0
    width = len(DETAIL)
    for category in budget.categories:
        head: list[Value] = [category.code, category.name, category.section.value]
        if not category.accounts:
            yield head + [None] * (width - len(head))
        for account in category.accounts:
            owner = [*head, account.code, account.name]
            if not account.lines:
                yield owner + [None] * (width - len(owner))
            for line in account.lines:
                figures: LineTotal | None = totals[index] if index < len(totals) else None
                index += 1
                yield [
                    *owner,
                    line.description,
                    line.amount,
                    line.unit.value,
                    line.multiplier,
                    line.rate,
                    line.currency or None,
                    join_list(line.fringes) or None,
                    line.person or None,
                    line.paid_on,
                    join_tags(line.tags) or None,
                    line.key or None,
                    None if figures is None else figures.subtotal,
                    None if figures is None else figures.fringe_total,
                    None if figures is None else figures.total,
                ]


# --- lists and tags in one cell ----------------------------------------------------------------


def _escape(text: str, specials: str) -> str:
    """``text`` with separators, backslashes and the spaces at either end backslashed."""
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    return "".join(
        "\\" + ch if ch == "\\" or ch in specials or i < lead or i >= trail else ch
        for i, ch in enumerate(text)
    )


_Chars = list[tuple[str, bool]]  # (character, was it backslashed)


def _split(chars: _Chars, separator: str, limit: int = -1) -> list[_Chars]:
    parts: list[_Chars] = [[]]
    for ch, escaped in chars:
        if ch == separator and not escaped and limit != 0:
            parts.append([])
            limit -= 1
        else:
            parts[-1].append((ch, escaped))
    return parts


def _chars(text: str, specials: str) -> _Chars:
    """Undo :func:`_escape`: a backslash before anything else is an ordinary backslash."""
    result: _Chars = []
    i = 0
    while i < len(text):
        ch = text[i]
        following = text[i + 1] if i + 1 < len(text) else ""
        if ch == "\\" and following and (following in specials + "\\" or following.isspace()):
            result.append((following, True))
            i += 2
        else:
            result.append((ch, False))
            i += 1
    return result


def _text(chars: _Chars) -> str:
    """The characters with the unescaped white space at either end stripped."""
    start, end = 0, len(chars)
    while start < end and not chars[start][1] and chars[start][0].isspace():
        start += 1
    while end > start and not chars[end - 1][1] and chars[end - 1][0].isspace():
        end -= 1
    return "".join(ch for ch, _ in chars[start:end])


def join_list(items: Sequence[str]) -> str:
    """``FICA, MEDI``."""
    return ", ".join(_escape(item, ",") for item in items)


def split_list(text: str) -> list[str]:
    """The items of a comma list; empty items are dropped."""
    items = [_text(part) for part in _split(_chars(text, ","), ",")]
    return [item for item in items if item]


def join_tags(tags: Mapping[str, str]) -> str:
    """``group=prep; location=Atlanta``."""
    return "; ".join(f"{_escape(k, ';=')}={_escape(v, ';=')}" for k, v in tags.items())


def split_tags(text: str) -> tuple[dict[str, str], str]:
    """(tags, problem): ``key=value`` pairs separated by semicolons."""
    tags: dict[str, str] = {}
    for part in _split(_chars(text, ";="), ";"):
        if not _text(part):
            continue
        pieces = _split(part, "=", limit=1)
        if len(pieces) != 2:
            return {}, f"{_text(part)!r} is not key=value (write tags like group=prep; set=Diner)"
        key, value = _text(pieces[0]), _text(pieces[1])
        if key in tags:
            return {}, f"tag {key!r} is given twice"
        tags[key] = value
    return tags, ""


# --- reading ----------------------------------------------------------------------------------


def _normal(header: object) -> str:
    return " ".join(str(header).split()).lower()


def match_headers(
    headers: Sequence[object], columns: Sequence[Column]
) -> tuple[dict[str, int], list[tuple[int | None, str]]]:
    """Where each column is (by header or alias, any letter case), and the header's problems
    as (position or None, message). Blank headers are skipped; unknown ones are refused."""
    names: dict[str, Column] = {}
    for column in columns:
        for name in (column.header, *column.aliases):
            names[_normal(name)] = column
    found: dict[str, int] = {}
    problems: list[tuple[int | None, str]] = []
    for position, header in enumerate(headers):
        if header is None or not str(header).strip():
            continue
        match = names.get(_normal(header))
        if match is None:
            close = difflib.get_close_matches(_normal(header), list(names), n=1)
            hint = f" (did you mean {names[close[0]].header!r}?)" if close else ""
            problems.append((position, f"unknown column {str(header)!r}{hint}"))
        elif match.key in found:
            problems.append((position, f"column {match.header!r} is given twice"))
        else:
            found[match.key] = position
    for column in columns:
        if column.needed and column.key not in found:
            problems.append((None, f"no column {column.header!r} in the header row"))
    return found, problems


def field_value(column: Column, text: str) -> tuple[object, str]:
    """(JSON value, problem) of one non-blank cell's text."""
    if column.kind in (Kind.CHOICE, Kind.DECIMAL, Kind.DATE):
        return (text.strip().lower() if column.kind is Kind.CHOICE else text.strip()), ""
    if column.kind is Kind.LIST:
        return split_list(text), ""
    if column.kind is Kind.TAGS:
        return split_tags(text)
    return text, ""


_PATH = re.compile(
    r"\b(?:categories|globals|fringes|currencies|contractuals|incentives)\[\d+\](?:\.\w+|\[\d+\])*"
)
_STEP = re.compile(r"(?:\.\w+|\[\d+\])$")


class Draft:
    """A budget document being read from tables: the JSON document's parts, where each part
    came from (JSON path -> place), and the problems found on the way."""

    def __init__(self) -> None:
        self.places: dict[str, str] = {}
        self.problems = Problems()

    def fail(self, place: str, message: str) -> None:
        self.problems.add(place, message)

    def item(
        self, path: str, cells: Mapping[str, str], columns: Sequence[Column], place: Place
    ) -> dict[str, object]:
        """The JSON object of one row's ``cells`` (key -> text; blank cells absent)."""
        result: dict[str, object] = {}
        self.places[path] = place(columns[0].key)
        for column in columns:
            if not column.read:
                continue
            self.places[f"{path}.{column.key}"] = place(column.key)
            text = cells.get(column.key)
            if text is None:
                if column.blank is not None:
                    result[column.key] = column.blank
                continue
            value, problem = field_value(column, text)
            if problem:
                self.fail(place(column.key), problem)
            else:
                result[column.key] = value
        return result

    def where(self, path: str) -> str:
        """The place of a JSON path, or of the nearest part of the document that contains it."""
        while path:
            if path in self.places:
                return self.places[path]
            shorter = _STEP.sub("", path)
            if shorter == path:
                break
            path = shorter
        return self.places.get(path, "__all__")

    def finish(
        self, document: dict[str, Any], *, source: str, order: Callable[[str], tuple[Any, ...]]
    ) -> Budget:
        """The budget, or one :class:`BudgetFormatError` with every problem at its place."""
        document = {"format": FORMAT, "version": VERSION, **document}
        budget: Budget | None = None
        problems = Problems()
        problems.extend(self.problems)
        try:
            budget = load(json.dumps(document, ensure_ascii=False), source=source)
        except BudgetFormatError as error:
            for path, message in error.problems():
                place = self.where(path) if path != "__all__" else path
                if place in self.problems.errors:
                    continue  # a cell reported already: its value never reached the document
                problems.add(place, _PATH.sub(lambda m: self.where(m.group()), message))
        if problems or budget is None:
            ranked = sorted(problems.errors, key=lambda place: (place != "__all__", order(place)))
            raise BudgetFormatError({place: problems.errors[place] for place in ranked}, source)
        return budget


@dataclass
class _Group:
    """A category or account being gathered from rows, with where its fields came from."""

    path: str
    fields: dict[str, object]
    places: dict[str, str]
    children: dict[str, "_Group"]
    lines: list[dict[str, object]]


def detail_categories(
    draft: Draft, rows: Iterator[tuple[dict[str, str], Place]]
) -> list[dict[str, object]]:
    """The ``categories`` of the JSON document from detail rows (each row's cells and place).

    Rows of one category need not be together: they gather under its first row, in order.
    """
    categories: dict[str, _Group] = {}
    for cells, place in rows:
        line = {key: text for key, text in cells.items() if key not in _CATEGORY_KEYS}
        has_line = any(key not in _ACCOUNT_KEYS for key in line)
        code = cells.get("category")
        if code is None:
            draft.fail(place("category"), "missing: every row names its category's code")
            continue
        category = categories.get(code)
        if category is None:
            category = categories[code] = _group(draft, f"categories[{len(categories)}]", place)
            category.fields["code"] = code
            category.fields["accounts"] = []
        _agree(draft, "category", code, category, "name", cells.get("category_name"), place)
        _agree(draft, "category", code, category, "section", cells.get("section"), place)
        account_code = cells.get("account")
        if account_code is None:
            if has_line:
                draft.fail(place("account"), "missing: every line names its account's code")
            continue
        account = category.children.get(account_code)
        if account is None:
            path = f"{category.path}.accounts[{len(category.children)}]"
            account = category.children[account_code] = _group(draft, path, place)
            account.fields["code"] = account_code
        _agree(draft, "account", account_code, account, "name", cells.get("account_name"), place)
        if has_line:
            path = f"{account.path}.lines[{len(account.lines)}]"
            account.lines.append(draft.item(path, cells, LINE_COLUMNS, place))
    result: list[dict[str, object]] = []
    for category in categories.values():
        category.fields.setdefault("name", "")
        category.fields["accounts"] = [
            {"name": "", **account.fields, "lines": account.lines}
            for account in category.children.values()
        ]
        result.append(category.fields)
    return result


def _group(draft: Draft, path: str, place: Place) -> _Group:
    group = _Group(path, {}, {}, {}, [])
    is_account = ".accounts[" in path
    first = "account" if is_account else "category"
    names = {"code": first, "name": f"{first}_name", "section": "section"}
    for field, key in names.items():
        if field == "section" and is_account:
            continue
        draft.places[f"{path}.{field}"] = place(key)
    draft.places[path] = place(first)
    return group


def _agree(
    draft: Draft,
    what: str,
    code: str,
    group: _Group,
    field: str,
    text: str | None,
    place: Place,
) -> None:
    """A category's (account's) name and section are the same on each of its rows, or blank."""
    if text is None:
        return
    key = "section" if field == "section" else f"{what}_name"
    value = text.strip().lower() if field == "section" else text
    here = place(key)
    if field not in group.fields:
        group.fields[field] = value
        group.places[field] = here
        draft.places[f"{group.path}.{field}"] = here
    elif group.fields[field] != value:
        first = group.places[field]
        draft.fail(
            here, f"{what} {code} has {field} {group.fields[field]!r} at {first}, not {value!r}"
        )


# --- the topsheet -----------------------------------------------------------------------------


class RowKind(StrEnum):
    HEADING = "heading"  # a section's title
    CATEGORY = "category"
    SUBTOTAL = "subtotal"  # a section's total, and the totals above and below the line
    TOTAL = "total"  # above and below the line together: the direct cost
    CONTRACTUAL = "contractual"
    GRAND = "grand"


@dataclass(frozen=True)
class TopRow:
    kind: RowKind
    label: str
    code: str = ""
    fringes: Decimal | None = None  # fringes included in ``total``
    total: Decimal | None = None
    note: str = ""  # how a contractual is taken: "10% of 1,234,567.00"


def topsheet_rows(computed: Computed) -> list[TopRow]:
    """A topsheet's rows: each section's categories and total, the totals above and below the
    line, the direct cost, the contractuals and the grand total."""
    currency = computed.currency
    rows: list[TopRow] = []
    below = [s for s in Section if s is not Section.ATL]
    fringes: dict[Section, Decimal] = {s: Decimal(0) for s in Section}
    for category in computed.categories:
        fringes[category.section] += category.fringes
    used_below = [s for s in below if any(c.section is s for c in computed.categories)]
    for section in Section:
        mine = [c for c in computed.categories if c.section is section]
        if mine:
            rows.append(TopRow(RowKind.HEADING, SECTION_TITLES[section]))
            rows += [TopRow(RowKind.CATEGORY, c.name, c.code, c.fringes, c.total) for c in mine]
        if section is Section.ATL:
            total = computed.above_the_line
            rows.append(
                TopRow(RowKind.SUBTOTAL, "Total above the line", "", fringes[section], total)
            )
        elif mine and len(used_below) > 1:
            label = f"Total {SECTION_TITLES[section].lower()}"
            rows.append(
                TopRow(RowKind.SUBTOTAL, label, "", fringes[section], computed.sections[section])
            )
    below_fringes = sum((fringes[s] for s in below), Decimal(0))
    rows.append(
        TopRow(RowKind.SUBTOTAL, "Total below the line", "", below_fringes, computed.below_the_line)
    )
    rows.append(
        TopRow(
            RowKind.TOTAL, "Total above and below the line", "", computed.fringes, computed.direct
        )
    )
    if computed.contractuals:
        rows.append(TopRow(RowKind.HEADING, "Contractuals"))
    for item in computed.contractuals:
        note = f"{percent_text(item.percent)} of {money_text(item.base_amount, currency)}"
        rows.append(TopRow(RowKind.CONTRACTUAL, item.name, item.code, None, item.amount, note))
    rows.append(TopRow(RowKind.GRAND, "Grand total", "", None, computed.grand_total))
    return rows


# --- numbers as people read them --------------------------------------------------------------


def money_text(value: Decimal, currency: str) -> str:
    """``1,234,567.50``: thousands separated, the currency's decimals (2 for most)."""
    return f"{value:,.{minor_units(currency)}f}"


def number_text(value: Decimal, places: int = 4, least: int = 0) -> str:
    """``1,234.5``: up to ``places`` decimals (at least ``least``), no trailing zeros."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        value = value.quantize(Decimal(1).scaleb(-places))
    text = f"{value:,f}"
    if "." in text:
        whole, fraction = text.split(".")
        fraction = fraction.rstrip("0").ljust(least, "0")
        text = f"{whole}.{fraction}" if fraction else whole
    elif least:
        text += "." + "0" * least
    return "0" if text in ("-0", "") else text


def percent_text(value: Decimal) -> str:
    """``7.5%``."""
    return number_text(value, 6) + "%"
