"""The people list as an XLSX workbook. Pure: rows in, bytes out."""

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

ProgressFn = Callable[[int, int, str], None]


@dataclass(frozen=True)
class PersonRow:
    name: str
    kind: str
    position: str
    department: str
    email: str | None
    phone: str | None
    agent: str | None
    daily_rate: Decimal | None
    unavailable: tuple[tuple[date, date], ...]
    notes: str


def build_workbook(
    title: str,
    rows: Sequence[PersonRow],
    *,
    contacts: bool,
    rates: bool,
    currency: str,
    progress: ProgressFn | None = None,
) -> bytes:
    """One sheet of people; contact and rate columns only when the reader may see them."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "People"
    headers = ["Name", "Cast/crew", "Role / position", "Department"]
    if contacts:
        headers += ["Email", "Phone", "Agent"]
    if rates:
        headers += [f"Daily rate ({currency})"]
    headers += ["Unavailable", "Notes"]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="2F5D50")
    total = len(rows)
    for index, row in enumerate(rows, start=1):
        sheet.append(_cells(row, contacts=contacts, rates=rates))
        if progress is not None and (index % 25 == 0 or index == total):
            progress(index, total, f"Wrote {index} of {total} people")
    for column, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = max(14, len(header) + 2)
    sheet.freeze_panes = "A2"
    book.properties.title = f"{title}: people"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cells(row: PersonRow, *, contacts: bool, rates: bool) -> list[object]:
    cells: list[object] = [row.name, row.kind, row.position, row.department]
    if contacts:
        cells += [row.email or "", row.phone or "", row.agent or ""]
    if rates:
        cells += [row.daily_rate]
    spans = "; ".join(f"{start:%d %b %Y} – {end:%d %b %Y}" for start, end in row.unavailable)
    cells += [spans, row.notes]
    return [_safe(cell) for cell in cells]


def _safe(value: object) -> object:
    """Neutralise spreadsheet formula injection in text cells (OWASP CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
