"""The day out of days as CSV, XLSX and PDF. Pure: a :class:`~.dood.Dood` in, text or bytes out.

All three share one layout: the element in the first column, one column per calendar day
(shoot day number and date above it), then the totals. The PDF is landscape and breaks the days
across pages by whole weeks, repeating the element column on every page, with the totals after
the last day and a legend of the codes at the foot of every page.
"""

import csv
import io
from collections.abc import Sequence
from datetime import date
from itertools import groupby
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from .dood import CODE_MEANINGS, Code, Column, Dood, ElementRow, Totals

TOTAL_HEADERS = (
    "Work",
    "Hold",
    "Holiday",
    "Travel",
    "Rehearsal",
    "Fitting",
    "Idle",
    "Total",
    "Start",
    "Finish",
)

# One colour per kind of day, shared by the workbook and the PDF (hex, no '#').
_WORK, _HOLD, _DROP, _TRAVEL, _PREP, _HOLIDAY = (
    "B9E4BC",  # green: in front of the camera
    "FFF176",  # yellow: held, paid to wait
    "FFB74D",  # orange: drop and pick-up
    "90CAF9",  # blue: travel
    "D1C4E9",  # lilac: rehearsal and fitting
    "BDBDBD",  # grey: holiday
)
CODE_COLOURS: dict[Code, str] = {
    Code.SW: _WORK,
    Code.W: _WORK,
    Code.WF: _WORK,
    Code.SWF: _WORK,
    Code.H: _HOLD,
    Code.D: _DROP,
    Code.PW: _DROP,
    Code.PWF: _DROP,
    Code.T: _TRAVEL,
    Code.R: _PREP,
    Code.F: _PREP,
    Code.HOL: _HOLIDAY,
}
DAY_OFF_COLOUR = "EEEEEE"  # a company day off: nobody shoots, so the column is shaded


def day_heading(column: Column) -> str:
    """What the shoot-day header shows: the day number, ``HOL`` or ``OFF``."""
    if column.day_number is not None:
        return str(column.day_number)
    return "HOL" if column.holiday else "OFF"


def total_cells(totals: Totals) -> list[int | date | None]:
    """The totals in :data:`TOTAL_HEADERS` order."""
    return [
        totals.work,
        totals.hold,
        totals.holiday,
        totals.travel,
        totals.rehearsal,
        totals.fitting,
        totals.idle,
        totals.total,
        totals.start,
        totals.finish,
    ]


def _safe(value: str) -> str:
    """Neutralise spreadsheet formula injection in text cells (OWASP CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


# CSV ---------------------------------------------------------------------------------------


def to_csv(dood: Dood) -> str:
    """Two header lines (shoot day, date), then one line per element: label, codes, totals."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Shoot day", *(day_heading(c) for c in dood.columns), *TOTAL_HEADERS])
    writer.writerow(
        ["Date", *(c.date.isoformat() for c in dood.columns), *[""] * len(TOTAL_HEADERS)]
    )
    for row in dood.rows:
        totals = ["" if v is None else str(v) for v in total_cells(row.totals)]
        writer.writerow([_safe(row.label), *(str(code) for code in row.codes), *totals])
    return out.getvalue()


# XLSX --------------------------------------------------------------------------------------

_HEADER_FILL = PatternFill("solid", fgColor="2F5D50")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_THIN = Side(style="thin", color="9E9E9E")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center")
_FIRST_ROW = 4  # title, shoot day, date, then the elements


def to_xlsx(dood: Dood, title: str) -> bytes:
    """One sheet: title, shoot-day and date headers, coloured codes, totals; panes frozen."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Day out of days"
    sheet["A1"] = _safe(title)
    sheet["A1"].font = Font(bold=True, size=14)
    _xlsx_headers(sheet, dood.columns)
    for offset, row in enumerate(dood.rows):
        _xlsx_row(sheet, _FIRST_ROW + offset, row, dood.columns)
    sheet.column_dimensions["A"].width = max([24, *(len(row.label) + 2 for row in dood.rows)])
    for index in range(2, len(dood.columns) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 5.5
    for index, header in enumerate(TOTAL_HEADERS, start=len(dood.columns) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = max(8, len(header) + 2)
    sheet.freeze_panes = f"B{_FIRST_ROW}"
    sheet.print_title_rows = f"1:{_FIRST_ROW - 1}"
    sheet.print_title_cols = "A:A"
    sheet.page_setup.orientation = "landscape"
    book.properties.title = f"{title}: day out of days"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_headers(sheet: Worksheet, columns: Sequence[Column]) -> None:
    sheet.cell(2, 1, "Shoot day")
    sheet.cell(3, 1, "Date")
    for index, column in enumerate(columns, start=2):
        number = sheet.cell(2, index, column.day_number or day_heading(column))
        when = sheet.cell(3, index, column.date)
        when.number_format = "ddd d mmm"
        when.alignment = Alignment(horizontal="center", text_rotation=90)
        number.alignment = _CENTRE
    for index, header in enumerate(TOTAL_HEADERS, start=len(columns) + 2):
        sheet.cell(3, index, header).alignment = _CENTRE
    sheet.cell(2, len(columns) + 2, "Totals")
    sheet.row_dimensions[3].height = 60  # rotated dates: not every reader sizes the row itself
    for cells in sheet.iter_rows(min_row=2, max_row=3):
        for cell in cells:
            cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    for index, column in enumerate(columns, start=2):
        if not column.shoot_day:  # days off and holidays stand out in the header too
            fill = PatternFill("solid", fgColor="757575")
            sheet.cell(2, index).fill = sheet.cell(3, index).fill = fill


def _xlsx_row(sheet: Worksheet, line: int, row: ElementRow, columns: Sequence[Column]) -> None:
    sheet.cell(line, 1, _safe(row.label))
    for index, (column, code) in enumerate(zip(columns, row.codes, strict=True), start=2):
        cell = sheet.cell(line, index, str(code) or None)
        cell.alignment, cell.border = _CENTRE, _GRID
        colour = CODE_COLOURS.get(code) or ("" if column.shoot_day else DAY_OFF_COLOUR)
        if colour:
            cell.fill = PatternFill("solid", fgColor=colour)
        if code in (Code.SW, Code.SWF, Code.WF, Code.PW, Code.PWF):
            cell.font = Font(bold=True)
    for index, value in enumerate(total_cells(row.totals), start=len(columns) + 2):
        cell = sheet.cell(line, index, value)
        cell.border = _GRID
        if isinstance(value, date):
            cell.number_format = "d mmm yyyy"


# PDF ---------------------------------------------------------------------------------------

PAGE = landscape(LETTER)
MARGIN = 0.4 * inch
HEADER_SPACE = 0.55 * inch  # title and subtitle, drawn on every page
FOOTER_SPACE = 0.45 * inch  # the legend and page number
LABEL_WIDTH = 1.9 * inch
DAY_WIDTH = 20.0
TOTAL_WIDTHS = (24.0, 24.0, 24.0, 24.0, 24.0, 24.0, 24.0, 26.0, 36.0, 36.0)
TOTAL_SHORT = ("Work", "Hold", "Hol", "Trav", "Reh", "Fit", "Idle", "Total", "Start", "Finish")
_HEADER_ROWS = 3
_INK = colors.HexColor("#444444")

_LABEL = ParagraphStyle("dood-label", fontName="Helvetica", fontSize=7.5, leading=9)
_HEAD = ParagraphStyle("dood-head", fontName="Helvetica", fontSize=6.5, leading=7.5, alignment=1)


def to_pdf(dood: Dood, title: str, subtitle: str = "") -> bytes:
    """Landscape Letter pages: days broken across pages by week, legend on every page."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_SPACE,
        bottomMargin=MARGIN + FOOTER_SPACE,
        title=f"{title}: day out of days",
        author="Greenlight",
    )

    def decorate(canvas: Canvas, _document: Any) -> None:
        _page_frame(canvas, title, subtitle)

    story: list[Any] = []
    for pages, totals in _pages(dood.columns, document.width):
        if story:
            story.append(PageBreak())
        story.append(_pdf_table(dood, pages, totals=totals))
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def _pages(columns: Sequence[Column], width: float) -> list[tuple[range, bool]]:
    """Column ranges that fit the page width, cut at week ends; True on the last (the totals)."""
    capacity = max(7, int((width - LABEL_WIDTH) // DAY_WIDTH))
    room = int((width - LABEL_WIDTH - sum(TOTAL_WIDTHS)) // DAY_WIDTH)  # days beside the totals
    weeks = [len(list(g)) for _, g in groupby(columns, lambda c: c.date.isocalendar()[:2])]
    pages: list[list[int]] = []  # week lengths per page
    for size in weeks:
        if not pages or sum(pages[-1]) + size > capacity:
            pages.append([])
        pages[-1].append(size)
    # The totals follow the last day: trailing weeks that leave them no room go on a last page.
    last = pages.pop() if pages else []
    cut = len(last)
    while cut and sum(last[cut - 1 :]) <= room:
        cut -= 1
    pages += [last[:cut], last[cut:]] if cut else [last]
    ranges, start = [], 0
    for page in pages:
        ranges.append(range(start, start + sum(page)))
        start += sum(page)
    return [(days, index == len(ranges) - 1) for index, days in enumerate(ranges)]


def _p(text: str, style: ParagraphStyle = _LABEL) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _pdf_table(dood: Dood, days: range, *, totals: bool) -> Table:
    columns = [dood.columns[i] for i in days]
    head: list[list[Any]] = [
        ["", *(_p(f"{c.date:%a}", _HEAD) for c in columns)],
        ["Date", *(_p(f"{c.date.day}\n{c.date:%b}", _HEAD) for c in columns)],
        ["Shoot day", *(day_heading(c) for c in columns)],
    ]
    if totals:
        head[0] += ["Totals", *[""] * (len(TOTAL_SHORT) - 1)]
        head[1] += ["", *[""] * (len(TOTAL_SHORT) - 1)]
        head[2] += list(TOTAL_SHORT)
    body = [_pdf_row(row, days, totals=totals) for row in dood.rows]
    widths = [LABEL_WIDTH, *[DAY_WIDTH] * len(columns), *(TOTAL_WIDTHS if totals else ())]
    table = Table(head + body, colWidths=widths, repeatRows=_HEADER_ROWS, hAlign="LEFT")
    table.setStyle(_pdf_style(dood, columns, days, totals=totals))
    return table


def _pdf_row(row: ElementRow, days: range, *, totals: bool) -> list[Any]:
    cells: list[Any] = [_p(row.label), *(str(row.codes[i]) for i in days)]
    if totals:
        cells += [_short_date(v) if isinstance(v, date) else v for v in total_cells(row.totals)]
    return cells


def _short_date(value: date) -> str:
    return f"{value.day} {value:%b}"


def _pdf_style(dood: Dood, columns: list[Column], days: range, *, totals: bool) -> TableStyle:
    first_total = len(columns) + 1
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 7),
        ("FONT", (0, 0), (-1, _HEADER_ROWS - 1), "Helvetica-Bold", 6.5),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.4, _INK),
        ("BACKGROUND", (0, 0), (-1, _HEADER_ROWS - 1), colors.HexColor("#DCE7E3")),
        ("LEFTPADDING", (1, 0), (-1, -1), 1),
        ("RIGHTPADDING", (1, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for x, column in enumerate(columns, start=1):
        if not column.shoot_day:
            shade = "#" + (CODE_COLOURS[Code.HOL] if column.holiday else DAY_OFF_COLOUR)
            commands.append(("BACKGROUND", (x, 0), (x, -1), colors.HexColor(shade)))
    for y, row in enumerate(dood.rows, start=_HEADER_ROWS):
        for x, i in enumerate(days, start=1):
            colour = CODE_COLOURS.get(row.codes[i])
            if colour:
                commands.append(("BACKGROUND", (x, y), (x, y), colors.HexColor("#" + colour)))
    if totals:
        commands += [
            ("SPAN", (first_total, 0), (-1, 1)),
            ("LINEBEFORE", (first_total, 0), (first_total, -1), 1.2, colors.black),
            ("FONT", (first_total + 7, _HEADER_ROWS), (first_total + 7, -1), "Helvetica-Bold", 7),
        ]
    return TableStyle(commands)


def _page_frame(canvas: Canvas, title: str, subtitle: str) -> None:
    """Title and subtitle at the top, the legend and page number at the foot."""
    width, height = PAGE
    canvas.saveState()
    top = height - MARGIN
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(MARGIN, top - 14, title)
    canvas.setFont("Helvetica", 9)
    canvas.drawString(MARGIN, top - 28, subtitle)
    canvas.setFont("Helvetica-Bold", 10)
    canvas.drawRightString(width - MARGIN, top - 14, "DAY OUT OF DAYS")
    _legend(canvas, MARGIN, MARGIN + 12)
    canvas.setFont("Helvetica", 7.5)
    canvas.drawRightString(width - MARGIN, MARGIN, f"Page {canvas.getPageNumber()}")
    canvas.restoreState()


def _legend(canvas: Canvas, x: float, y: float) -> None:
    """A swatch, the code and its meaning for every code, then the day-off shade, in one line."""
    keys = [(str(code), CODE_COLOURS[code], meaning) for code, meaning in CODE_MEANINGS.items()]
    canvas.setFont("Helvetica", 7)
    canvas.setStrokeColor(_INK)
    for code, colour, meaning in [*keys, ("", DAY_OFF_COLOUR, "Day off")]:
        canvas.setFillColor(colors.HexColor("#" + colour))
        canvas.rect(x, y - 1.5, 18, 9, stroke=1, fill=1)
        canvas.setFillColor(colors.black)
        canvas.drawCentredString(x + 9, y, code)
        canvas.drawString(x + 21, y, meaning)
        x += 25 + canvas.stringWidth(meaning, "Helvetica", 7)
