"""A crew or cast deal memo as a one-page PDF (ReportLab). Pure.

Top to bottom: the header (production, memo number, status), the parties, the engagement
(position, department, dates), the compensation (rate and its type, guaranteed hours, the
overtime rule in words, kit rental, union, fringes, the weekly and contract figures), the
approval, and signature lines for the crew member and the production. Every cell is a
Paragraph so long text wraps instead of running out of its column.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from greenlight.core.money import Money

MARGIN = 0.6 * inch
HEAD = colors.HexColor("#2F5D50")  # the house header colour (call sheets, people workbook)
SHADE = colors.HexColor("#E8F0ED")
LINE = colors.HexColor("#444444")
MUTED = colors.HexColor("#555555")

_LABEL = ParagraphStyle("dm-label", fontName="Helvetica", fontSize=7.5, leading=9, textColor=MUTED)
_TITLE = ParagraphStyle("dm-title", fontName="Helvetica-Bold", fontSize=18, leading=22)
_SUB = ParagraphStyle("dm-sub", fontName="Helvetica", fontSize=10, leading=13)
_RIGHT = ParagraphStyle("dm-right", parent=_SUB, alignment=TA_RIGHT)
_STATUS = ParagraphStyle(
    "dm-status", fontName="Helvetica-Bold", fontSize=12, leading=15, alignment=TA_RIGHT
)
_CELL = ParagraphStyle("dm-cell", fontName="Helvetica", fontSize=9.5, leading=12)
_KEY = ParagraphStyle("dm-key", parent=_CELL, fontName="Helvetica-Bold")
_SMALL = ParagraphStyle("dm-small", parent=_CELL, fontSize=8, leading=10, textColor=MUTED)
_SECTION = ParagraphStyle(
    "dm-section", fontName="Helvetica-Bold", fontSize=9.5, leading=12, textColor=colors.white
)

RATE_UNITS = {"hourly": "an hour", "daily": "a day", "weekly": "a week", "flat": "flat fee"}


@dataclass(frozen=True)
class Approval:
    status: str  # as people read it: "Approved", "Waiting for the executive producer"
    by: str = ""  # who decided ("" while waiting, or for a draft)
    on: date | None = None
    note: str = ""


@dataclass(frozen=True)
class DealMemoDoc:
    """Everything printed on a deal memo, already resolved to text, dates and amounts."""

    production: str
    project_code: str
    number: str  # "DM-0007"
    person: str
    person_kind: str  # "Crew", "Cast"
    position: str
    department: str
    account_code: str
    start: date
    end: date
    working_days: int
    currency: str
    rate: Decimal
    rate_type: str  # hourly | daily | weekly | flat
    guaranteed_hours: Decimal
    overtime: str  # the rule in words: "California daily: 1.5x after 8 hours, 2x after 12"
    hourly: Decimal | None  # straight-time hourly rate; None for a flat fee
    weekly: Decimal  # weekly equivalent at base days
    contract: Decimal  # estimated contract value at base days, kit included
    kit_rental: Decimal  # a week
    kit_account: str
    union: str
    fringes: tuple[str, ...]  # "FICA (FICA-OASDI ...)"
    approval: Approval
    prepared: date
    version: int


def render(doc: DealMemoDoc, *, pagesize: tuple[float, float] = LETTER) -> bytes:
    """The deal memo PDF: one Letter page (A4 when ``pagesize`` says so)."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 12,
        title=f"{doc.production}: deal memo {doc.number}, {doc.person}",
        author="Greenlight",
    )
    width = document.width

    def footer(canvas: Canvas, _document: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(MUTED)
        text = (
            f"{doc.production} · Deal memo {doc.number} (version {doc.version}) · "
            f"prepared {_long_date(doc.prepared)}"
        )
        canvas.drawString(MARGIN, MARGIN, text)
        canvas.drawRightString(pagesize[0] - MARGIN, MARGIN, "Confidential")
        canvas.restoreState()

    story: list[Any] = [_header(doc, width)]
    for block in (
        _section("PARTIES", _parties(doc), width),
        _section("ENGAGEMENT", _engagement(doc), width),
        _section(
            "COMPENSATION",
            _compensation(doc),
            width,
            wide=[("Fringes", ", ".join(doc.fringes) or "None")],
        ),
        _section("APPROVAL", _approval(doc.approval), width, wide=[("Note", doc.approval.note)]),
    ):
        story += [Spacer(1, 9), block]
    story += [Spacer(1, 8), _p(_terms_note(doc), _SMALL), Spacer(1, 30), _signatures(doc, width)]
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def money(amount: Decimal, currency: str) -> str:
    """``USD 1,250.00``: to the currency's minor unit."""
    return str(Money(amount, currency))


def rate_text(doc: DealMemoDoc) -> str:
    """``USD 500.00 a day for 10 hours`` (the "$500/10" quote), ``USD 12,000.00 flat fee``."""
    text = f"{money(doc.rate, doc.currency)} {RATE_UNITS.get(doc.rate_type, doc.rate_type)}"
    if doc.rate_type in ("daily", "weekly") and doc.guaranteed_hours:
        per = "a day" if doc.rate_type == "weekly" else ""
        text += f" for {_hours(doc.guaranteed_hours)} hours {per}".rstrip()
    return text


def _p(text: str, style: ParagraphStyle = _CELL) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _hours(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text if text != "-0" else "0"


def _header(doc: DealMemoDoc, width: float) -> Table:
    left = [
        _p("DEAL MEMO", _LABEL),
        _p(doc.production, _TITLE),
        _p(f"{doc.person}, {doc.position}", _SUB),
    ]
    right = [
        _p(f"{doc.number} · {doc.project_code}", _RIGHT),
        _p(doc.approval.status, _STATUS),
        _p(f"Prepared {_long_date(doc.prepared)}", _RIGHT),
    ]
    table = Table([[left, right]], colWidths=[width * 0.62, width * 0.38])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 1.6, HEAD),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
            ]
        )
    )
    return table


def _section(
    title: str,
    rows: Sequence[tuple[str, str]],
    width: float,
    wide: Sequence[tuple[str, str]] = (),
) -> Table:
    """A titled block of label/value pairs, two pairs a row; ``wide`` pairs get a whole row."""
    cells = [[_p(label, _KEY), _p(value or "—")] for label, value in rows]
    if len(cells) % 2:
        cells.append([_p(""), _p("")])
    body = [cells[i] + cells[i + 1] for i in range(0, len(cells), 2)]
    body += [[_p(label, _KEY), _p(value or "—"), "", ""] for label, value in wide]
    data: list[list[Any]] = [[_p(title, _SECTION), "", "", ""], *body]
    widths = [width * w for w in (0.19, 0.31, 0.19, 0.31)]
    table = Table(data, colWidths=widths)
    first_wide = len(data) - len(wide)
    commands: list[tuple[Any, ...]] = [
        ("SPAN", (0, 0), (-1, 0)),
        *[("SPAN", (1, y), (-1, y)) for y in range(first_wide, len(data))],
        ("BACKGROUND", (0, 0), (-1, 0), HEAD),
        ("BOX", (0, 0), (-1, -1), 0.9, LINE),
        ("LINEBELOW", (0, 1), (-1, -2), 0.3, colors.HexColor("#BBBBBB")),
        ("BACKGROUND", (0, 1), (0, -1), SHADE),
        ("BACKGROUND", (2, 1), (2, first_wide - 1), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    table.setStyle(TableStyle(commands))
    return table


def _parties(doc: DealMemoDoc) -> list[tuple[str, str]]:
    return [
        ("Production", f"{doc.production} ({doc.project_code})"),
        (doc.person_kind or "Engaged", doc.person),
        ("Union", doc.union or "Non-union"),
        ("Currency", doc.currency),
    ]


def _engagement(doc: DealMemoDoc) -> list[tuple[str, str]]:
    return [
        ("Position", doc.position),
        ("Department", doc.department),
        ("Start date", _long_date(doc.start)),
        ("End date (est.)", _long_date(doc.end)),
        ("Working days", f"{doc.working_days} (Monday to Friday)"),
        ("Budget account", doc.account_code),
    ]


def _compensation(doc: DealMemoDoc) -> list[tuple[str, str]]:
    flat = doc.rate_type == "flat"
    hours = f"{_hours(doc.guaranteed_hours)} a day" if doc.guaranteed_hours else "None"
    kit = (
        f"{money(doc.kit_rental, doc.currency)} a week; not payroll, no fringes; "
        f"coded to {doc.kit_account}"
        if doc.kit_rental
        else "None"
    )
    rows = [
        ("Rate", rate_text(doc)),
        ("Rate type", doc.rate_type.capitalize()),
        ("Guaranteed hours", hours),
        (
            "Straight hourly",
            "—" if flat or doc.hourly is None else money(doc.hourly, doc.currency),
        ),
        ("Overtime", "None: a flat fee" if flat else doc.overtime),
        ("Kit / box rental", kit),
        ("Weekly equivalent", money(doc.weekly, doc.currency)),
        ("Contract value (est.)", money(doc.contract, doc.currency)),
    ]
    return rows


def _approval(approval: Approval) -> list[tuple[str, str]]:
    return [
        ("Status", approval.status),
        ("Decided by", approval.by or "—"),
        ("On", _long_date(approval.on) if approval.on else "—"),
    ]


def _terms_note(doc: DealMemoDoc) -> str:
    if doc.rate_type == "flat":
        return "A flat fee for the engagement: no overtime is paid on it."
    return (
        "Pay is guaranteed for the guaranteed hours of each day worked; hours beyond them are "
        "paid under the overtime rule above. The weekly equivalent and the contract value are "
        "estimates at base days (five a week from the start to the end date), kit included."
    )


def _signatures(doc: DealMemoDoc, width: float) -> Table:
    """Three signature blocks side by side: space to sign, a line, then name, role and date."""
    parties = [
        (doc.person, doc.person_kind or "Engaged"),
        ("Name:", "For the production"),
        ("Name:", "Executive producer"),
    ]
    gap = width * 0.05
    column = (width - 2 * gap) / 3
    names = [_p(name, _KEY) for name, _ in parties]
    roles = [_p(role, _SMALL) for _, role in parties]
    dates = [_p("Date:", _SMALL) for _ in parties]
    rows: list[list[Any]] = [["", "", "", "", ""]]  # the space to sign in, ruled below
    rows += [[cells[0], "", cells[1], "", cells[2]] for cells in (names, roles, dates)]
    table = Table(
        rows, colWidths=[column, gap, column, gap, column], rowHeights=[34, None, None, 18]
    )
    table.setStyle(
        TableStyle(
            [
                *[("LINEBELOW", (c, 0), (c, 0), 0.8, LINE) for c in (0, 2, 4)],
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 0),
            ]
        )
    )
    return table
