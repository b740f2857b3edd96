"""The cost report laid out as a table (accounts under their category, categories under their
section, subtotals and the grand total) for the page, CSV and XLSX. Pure: report in, rows or
bytes out.

Money in files is written as plain numbers (a dot for decimals, no grouping, overages as
negative numbers) so a spreadsheet can add them; the XLSX number format shows overages in red
parentheses, as the page does.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from greenlight.budget.costreport import UNBUDGETED, UNBUDGETED_NAME, CostReport, Figures

CONTRACTUALS = "contractuals"  # the category of the topsheet percentages (contingency, bond ...)
MONEY_FORMAT = "#,##0.00;[Red](#,##0.00)"
PERCENT_FORMAT = '+0.0"%";[Red]-0.0"%";0.0"%"'

# (attribute of Figures, heading); the order of the page's and the files' columns.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("budget", "Budget"),
    ("overages", "Approved overages"),
    ("period", "Actual this period"),
    ("to_date", "Actual to date"),
    ("committed", "PO commits"),
    ("total_cost", "Total cost"),
    ("etc", "Estimate to complete"),
    ("efc", "Estimated final cost"),
    ("variance", "(Over)/under"),
)


class RowKind(StrEnum):
    ACCOUNT = "account"
    CATEGORY = "category"  # a category's subtotal
    SECTION = "section"  # a section's subtotal
    TOTAL = "total"


@dataclass(frozen=True, slots=True)
class TableRow:
    kind: RowKind
    code: str
    name: str
    figures: Figures
    unbudgeted: bool = False
    etc_note: str = ""  # the override's reason on an account whose ETC is overridden

    def values(self) -> list[Decimal]:
        return [getattr(self.figures, attr) for attr, _ in COLUMNS]


@dataclass(frozen=True, slots=True)
class SectionBlock:
    code: str
    name: str
    rows: tuple[TableRow, ...]  # accounts, each category closed by its subtotal
    subtotal: TableRow


def _empty(row: TableRow) -> bool:
    return row.figures == Figures() and not row.etc_note


def blocks(report: CostReport, *, skip_empty: bool = False) -> list[SectionBlock]:
    """The report's rows grouped as on a topsheet, in the budget's order; ``skip_empty``
    leaves out accounts (and whole categories) without a single figure."""
    by_category = {c.code: c for c in report.categories}
    sections = {s.code: s for s in report.sections}
    grouped: dict[str, dict[str, list[TableRow]]] = {}
    for row in report.rows:
        section = row.section.value if row.section is not None else UNBUDGETED
        name = row.account_name or ("(not in the budget)" if row.unbudgeted else "")
        grouped.setdefault(section, {}).setdefault(row.category_code, []).append(
            TableRow(
                RowKind.ACCOUNT, row.account_code, name, row.figures, row.unbudgeted, row.etc_note
            )
        )
    result = []
    for code, categories in grouped.items():
        rows: list[TableRow] = []
        for category, accounts in categories.items():
            shown = [a for a in accounts if not (skip_empty and _empty(a))]
            if not shown and skip_empty:
                continue
            rows += shown
            rollup = by_category[category]
            named = category in (UNBUDGETED, CONTRACTUALS)
            label = rollup.name if named else f"{rollup.code} {rollup.name}"
            rows.append(TableRow(RowKind.CATEGORY, category, f"Total {label}", rollup.figures))
        if skip_empty and not rows:
            continue
        rollup = sections[code]
        name = UNBUDGETED_NAME if code == UNBUDGETED else rollup.name
        subtotal = TableRow(RowKind.SECTION, code, f"Total {name}", rollup.figures)
        result.append(SectionBlock(code, name, tuple(rows), subtotal))
    return result


def table(report: CostReport) -> list[TableRow]:
    """Every row in order, the section subtotals and the grand total included."""
    rows: list[TableRow] = []
    for block in blocks(report):
        rows += [*block.rows, block.subtotal]
    rows.append(TableRow(RowKind.TOTAL, "", "Grand total", report.total))
    return rows


def _heading(title: str, lines: Sequence[str]) -> list[list[str]]:
    return [[title], *([line] for line in lines), []]


def _header(currency: str) -> list[str]:
    money = [f"{heading} ({currency})" for _, heading in COLUMNS]
    return ["Row", "Account", "Description", *money, "Variance %", "ETC note"]


def to_csv(report: CostReport, *, title: str, notes: Sequence[str], currency: str) -> bytes:
    """The report as CSV (UTF-8 with a byte-order mark, so spreadsheets read it as UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(_heading(title, notes))
    writer.writerow(_header(currency))
    for row in table(report):
        percent = row.figures.variance_percent
        cells: list[object] = [row.kind.value, row.code, row.name, *row.values()]
        cells += ["" if percent is None else percent, row.etc_note]
        writer.writerow([_safe(cell) for cell in cells])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(report: CostReport, *, title: str, notes: Sequence[str], currency: str) -> bytes:
    """The report as a workbook: numbers stay numbers; subtotals in bold."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Cost report"
    for line in _heading(title, notes):
        sheet.append([_safe(cell) for cell in line])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(_header(currency))
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="2F5D50")
    for row in table(report):
        percent = row.figures.variance_percent
        cells: list[object] = [row.kind.value, row.code, row.name, *row.values()]
        cells += [percent, row.etc_note]
        sheet.append([_safe(cell) for cell in cells])
        current = sheet[sheet.max_row]
        for cell in current[3 : 3 + len(COLUMNS)]:
            cell.number_format = MONEY_FORMAT
        current[3 + len(COLUMNS)].number_format = PERCENT_FORMAT
        if row.kind is not RowKind.ACCOUNT:
            for cell in current:
                cell.font = Font(bold=True)
    widths = [10, 10, 34, *([16] * len(COLUMNS)), 11, 40]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"D{header_row + 1}"
    book.properties.title = title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _safe(value: object) -> object:
    """Neutralise spreadsheet formula injection in text cells (OWASP CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
