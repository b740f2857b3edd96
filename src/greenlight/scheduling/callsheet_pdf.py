"""The call sheet as a PDF (ReportLab): one or two portrait pages. Pure.

Top to bottom: the header block (production, date, crew call in large type, day of days,
shooting call, wrap, sun and weather), key contacts, locations with the nearest hospital,
the day's scenes, the cast calls, department notes and the advance schedule. Every cell is a
Paragraph so long text wraps instead of running out of its column.
"""

import io
from collections.abc import Sequence
from datetime import date, time
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from greenlight.core.eighths import format_eighths

from .callsheet import CallSheet, CastCall, Contact, Hospital, LocationInfo, SceneLine

MARGIN = 0.5 * inch
HEAD = colors.HexColor("#2F5D50")  # the house header colour (see the people workbook)
SHADE = colors.HexColor("#E8F0ED")
LINE = colors.HexColor("#444444")

_TITLE = ParagraphStyle("cs-title", fontName="Helvetica-Bold", fontSize=17, leading=20)
_SUB = ParagraphStyle("cs-sub", fontName="Helvetica", fontSize=10, leading=13)
_LABEL = ParagraphStyle(
    "cs-label", fontName="Helvetica", fontSize=7, leading=9, textColor=colors.HexColor("#555555")
)
_CALL = ParagraphStyle(
    "cs-call", fontName="Helvetica-Bold", fontSize=30, leading=34, alignment=TA_CENTER
)
_CALL_LABEL = ParagraphStyle("cs-call-label", parent=_LABEL, fontSize=8, alignment=TA_CENTER)
_DAY = ParagraphStyle(
    "cs-day", fontName="Helvetica-Bold", fontSize=15, leading=18, alignment=TA_RIGHT
)
_RIGHT = ParagraphStyle(
    "cs-right", fontName="Helvetica", fontSize=9, leading=11.5, alignment=TA_RIGHT
)
_CELL = ParagraphStyle("cs-cell", fontName="Helvetica", fontSize=8.5, leading=10.5)
_BOLD = ParagraphStyle("cs-bold", parent=_CELL, fontName="Helvetica-Bold")
_MID = ParagraphStyle("cs-mid", parent=_CELL, alignment=TA_CENTER)
_TH = ParagraphStyle("cs-th", parent=_CELL, fontName="Helvetica-Bold", textColor=colors.white)
_THC = ParagraphStyle("cs-thc", parent=_TH, alignment=TA_CENTER)
_SECTION = ParagraphStyle(
    "cs-section", fontName="Helvetica-Bold", fontSize=9.5, leading=12, textColor=colors.white
)


def render(doc: CallSheet, *, pagesize: tuple[float, float] = LETTER) -> bytes:
    """The call sheet PDF: Letter by default, A4 when ``pagesize`` says so."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 12,
        title=f"{doc.production}: call sheet, {doc.day_label}",
        author="Greenlight",
    )
    width = document.width

    def footer(canvas: Canvas, _document: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        text = f"{doc.production} · Call sheet · {doc.day_label} · {_long_date(doc.date)}"
        canvas.drawString(MARGIN, MARGIN, text)
        canvas.drawRightString(pagesize[0] - MARGIN, MARGIN, f"Page {canvas.getPageNumber()}")
        canvas.restoreState()

    story: list[Any] = [_header(doc, width)]
    for block in (
        _contacts(doc.contacts, width),
        _places(doc.locations, doc.hospital, width),
        _scenes("SCENES", doc.scenes, width, total=doc.total_pages),
        _cast(doc.cast, width),
        _notes(doc, width),
        _advance(doc, width),
    ):
        if block is not None:  # spacers only between blocks: a trailing one can add a page
            story += [Spacer(1, 7), block]
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _p(text: str, style: ParagraphStyle = _CELL) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _t(value: time | None) -> str:
    return f"{value:%H:%M}" if value is not None else "—"


def _header(doc: CallSheet, width: float) -> Table:
    """Title and date left, crew call in the middle, day and the day's times right."""
    left = [_p("CALL SHEET", _LABEL), _p(doc.production, _TITLE), _p(_long_date(doc.date), _SUB)]
    middle = [_p("CREW CALL", _CALL_LABEL), _p(_t(doc.crew_call), _CALL)]
    times = [
        f"Shooting call <b>{_t(doc.shooting_call)}</b>",
        f"Estimated wrap <b>{_t(doc.estimated_wrap)}</b>",
    ]
    if doc.weather is not None and (doc.weather.sunrise or doc.weather.sunset):
        times.append(f"Sunrise {_t(doc.weather.sunrise)} · Sunset {_t(doc.weather.sunset)}")
    right: list[Any] = [_p(doc.day_label, _DAY)]
    right += [Paragraph(line, _RIGHT) for line in times]
    if doc.weather is not None and doc.weather.text:
        right.append(_p(doc.weather.text, _RIGHT))
    table = Table([[left, middle, right]], colWidths=[width * 0.42, width * 0.24, width * 0.34])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOX", (0, 0), (-1, -1), 1.2, LINE),
                ("BOX", (1, 0), (1, 0), 1.2, LINE),
                ("BACKGROUND", (1, 0), (1, 0), SHADE),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _grid(
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    centred: Sequence[int] = (),
) -> Table:
    """A titled table: a dark section bar, a header row, then zebra-striped rows."""
    head = [_p(h, _THC if i in centred else _TH) for i, h in enumerate(header)]
    data: list[list[Any]] = [[_p(title, _SECTION), *[""] * (len(header) - 1)], head]
    data += [list(row) for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=2)
    commands: list[tuple[Any, ...]] = [
        ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD),
        ("BACKGROUND", (0, 1), (-1, 1), colors.HexColor("#4E7A6C")),
        ("GRID", (0, 1), (-1, -1), 0.4, LINE),
        ("BOX", (0, 0), (-1, -1), 0.9, LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    commands += [("BACKGROUND", (0, y), (-1, y), SHADE) for y in range(3, len(data), 2)]
    table.setStyle(TableStyle(commands))
    return table


def _contacts(contacts: Sequence[Contact], width: float) -> Table | None:
    """Key contacts three abreast: role, name and phone."""
    if not contacts:
        return None
    cells: list[Any] = [
        [_p(c.role.upper(), _LABEL), _p(c.name, _BOLD), _p(c.phone)] for c in contacts
    ]
    rows = [cells[i : i + 3] for i in range(0, len(cells), 3)]
    rows[-1] += [""] * (3 - len(rows[-1]))
    table = Table(rows, colWidths=[width / 3] * 3)
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.9, LINE),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, LINE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _places(
    locations: Sequence[LocationInfo], hospital: Hospital | None, width: float
) -> Table | None:
    """The set locations (address, parking, notes) and the nearest hospital beside them."""
    if not locations and hospital is None:
        return None
    rows = [
        [[_p(place.name, _BOLD), _p(place.address)], _p(place.parking), _p(place.notes)]
        for place in locations
    ] or [[_p("No location is set for this day."), "", ""]]
    left = width * 0.72 if hospital is not None else width
    widths = [left * 0.42, left * 0.29, left * 0.29]
    places = _grid("LOCATIONS", ["Location", "Parking", "Notes"], rows, widths)
    if hospital is None:
        return places
    care = [[[_p(hospital.name, _BOLD), _p(hospital.address), _p(hospital.phone, _BOLD)]]]
    box = _grid("NEAREST HOSPITAL", ["Address and phone"], care, [width * 0.26])
    outer = Table([[places, "", box]], colWidths=[left, width * 0.02, width * 0.26])
    outer.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return outer


def _scene_rows(scenes: Sequence[SceneLine]) -> list[list[Any]]:
    return [
        [
            _p(scene.number, _BOLD),
            _p(scene.heading),
            _p(scene.day_night, _MID),
            _p(scene.pages, _MID),
            _p(", ".join(scene.cast)),
            _p(scene.location),
        ]
        for scene in scenes
    ]


def _scenes(title: str, scenes: Sequence[SceneLine], width: float, *, total: str) -> Table:
    """The scenes in shooting order, with the day's pages added up in the last row."""
    header = ["Sc", "Set / description", "D/N", "Pages", "Cast", "Location"]
    widths = [0.07, 0.4, 0.06, 0.08, 0.14, 0.25]
    rows = _scene_rows(scenes)
    rows.append(["", _p("Total pages", _BOLD), "", _p(total, _MID), "", ""])
    return _grid(title, header, rows, [width * w for w in widths], centred=(2, 3))


def _cast_row(call: CastCall) -> list[Any]:
    return [
        _p(call.number, _BOLD),
        _p(call.character, _BOLD),
        _p(call.performer),
        _p(call.status or "—", _MID),
        _p(_t(call.pickup), _MID),
        _p(_t(call.makeup), _MID),
        _p(_t(call.on_set), _MID),
        _p(call.remarks),
    ]


def _cast(cast: Sequence[CastCall], width: float) -> Table | None:
    if not cast:
        return None
    header = ["#", "Character", "Cast", "Status", "Pick-up", "Make-up", "On set", "Remarks"]
    widths = [0.05, 0.18, 0.18, 0.08, 0.09, 0.09, 0.09, 0.24]
    rows = [_cast_row(call) for call in cast]
    return _grid("CAST", header, rows, [width * w for w in widths], centred=(3, 4, 5, 6))


def _notes(doc: CallSheet, width: float) -> Table | None:
    if not doc.notes:
        return None
    rows = [[_p(note.department, _BOLD), _p(note.text)] for note in doc.notes]
    return _grid("DEPARTMENT NOTES", ["Department", "Notes"], rows, [width * 0.2, width * 0.8])


def _advance(doc: CallSheet, width: float) -> KeepTogether | None:
    if doc.advance is None:
        return None
    day = doc.advance
    title = f"ADVANCE SCHEDULE · {day.label} · {_long_date(day.date)}"
    total = format_eighths(sum(scene.eighths for scene in day.scenes))
    return KeepTogether(_scenes(title, day.scenes, width, total=total))
