"""Breakdown sheets as a PDF (ReportLab), one US Letter page per scene. Pure.

A scene with many elements may run onto a second page; the next scene still starts a new one.
"""

import functools
import io
from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .sheets import Sheet, SheetCategory, Strip

Progress = Callable[[int, int, str], None]

MARGIN = 0.5 * inch
WIDTH = LETTER[0] - 2 * MARGIN
STRIP_COLOURS = {
    Strip.INT_DAY: "#ffffff",
    Strip.EXT_DAY: "#fff176",
    Strip.INT_NIGHT: "#90caf9",
    Strip.EXT_NIGHT: "#a5d6a7",
    Strip.OTHER: "#e0e0e0",
}
LINE = colors.HexColor("#444444")

_TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=16, leading=20)
_RIGHT = ParagraphStyle("right", fontName="Helvetica", fontSize=9, leading=11, alignment=TA_RIGHT)
_LABEL = ParagraphStyle(
    "label", fontName="Helvetica", fontSize=7, leading=9, textColor=colors.HexColor("#555555")
)
_VALUE = ParagraphStyle("value", fontName="Helvetica-Bold", fontSize=11, leading=14)
_TEXT = ParagraphStyle("text", fontName="Helvetica", fontSize=10, leading=13)
_ITEM = ParagraphStyle("item", fontName="Helvetica", fontSize=9.5, leading=12)


class _Tick(Flowable):  # type: ignore[misc]
    """An invisible mark that reports progress when the page holding it is drawn."""

    def __init__(self, report: Callable[[], object]) -> None:
        super().__init__()
        self.report = report

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.report()


def render(sheets: Sequence[Sheet], progress: Progress | None = None) -> bytes:
    """The PDF of ``sheets``; ``progress(done, total, message)`` is called as pages are drawn."""
    buffer = io.BytesIO()
    title = f"Breakdown sheets – {sheets[0].script}" if sheets else "Breakdown sheets"
    document = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author="Greenlight",
    )
    story: list[Any] = []
    for done, sheet in enumerate(sheets, start=1):
        if story:
            story.append(PageBreak())
        story += _sheet(sheet)
        if progress is not None:
            message = f"Scene {sheet.scene_number} ({done} of {len(sheets)})"
            story.append(_Tick(functools.partial(progress, done, len(sheets), message)))
    if not story:
        story.append(Paragraph("This draft has no scenes.", _TEXT))
    document.build(story)
    return buffer.getvalue()


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _sheet(sheet: Sheet) -> list[Any]:
    return [
        _title(sheet),
        Spacer(1, 6),
        _facts(sheet),
        Spacer(1, 10),
        *_elements(sheet.categories),
    ]


def _title(sheet: Sheet) -> Table:
    right = _p(f"{sheet.production}\n{sheet.script} · {sheet.draft}", _RIGHT)
    table = Table([[_p("BREAKDOWN SHEET", _TITLE), right]], colWidths=[WIDTH * 0.5, WIDTH * 0.5])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _cell(label: str, value: str, style: ParagraphStyle = _VALUE) -> list[Paragraph]:
    return [_p(label.upper(), _LABEL), _p(value or "—", style)]


def _facts(sheet: Sheet) -> Table:
    """Scene number, heading, page and eighths; INT/EXT, time, location; synopsis."""
    w = WIDTH / 6
    rows = [
        [
            _cell("Scene", sheet.scene_number),
            _cell("Heading", sheet.heading),
            "",
            "",
            _cell("Page", str(sheet.page)),
            _cell("Eighths", sheet.eighths_text),
        ],
        [
            _cell("INT/EXT", sheet.int_ext),
            _cell("Day/Night", sheet.time_of_day),
            _cell("Location", sheet.location),
            "",
            "",
            _cell("Strip", sheet.strip_label),
        ],
        [_cell("Synopsis", sheet.synopsis, _TEXT), "", "", "", "", ""],
    ]
    table = Table(rows, colWidths=[w] * 6)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.75, LINE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("SPAN", (1, 0), (3, 0)),
                ("SPAN", (2, 1), (4, 1)),
                ("SPAN", (0, 2), (5, 2)),
                ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor(STRIP_COLOURS[sheet.strip])),
            ]
        )
    )
    return table


def _box(category: SheetCategory) -> Table:
    """A full-width box: the category in its colour, then its elements three abreast."""
    names = [_p(item.label, _ITEM) for item in category.items]
    rows: list[list[Any]] = [[_p(category.name, _header_style(category)), "", ""]]
    rows += [[*names[i : i + 3], "", ""][:3] for i in range(0, len(names), 3)]
    table = Table(rows, colWidths=[WIDTH / 3] * 3, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("SPAN", (0, 0), (-1, 0)),
                ("BOX", (0, 0), (-1, -1), 0.75, LINE),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(category.colour)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 1), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 1),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
            ]
        )
    )
    return table


def _header_style(category: SheetCategory) -> ParagraphStyle:
    return ParagraphStyle(
        f"head-{category.colour}",
        fontName="Helvetica-Bold",
        fontSize=9,
        leading=11,
        textColor=colors.HexColor(category.ink),
    )


def _elements(categories: Sequence[SheetCategory]) -> list[Any]:
    """One box per category with elements, in category order."""
    if not categories:
        return [_p("No elements are tagged in this scene yet.", _TEXT)]
    flowables: list[Any] = []
    for category in categories:
        flowables += [_box(category), Spacer(1, 8)]
    return flowables
