"""The budget as PDF (ReportLab): the topsheet alone, or the whole budget. Pure.

**Topsheet** (:func:`topsheet_pdf`, one portrait page for a long-form chart): the title and
the grand total at the top; the categories by section with their fringes and totals; the
totals above and below the line and the direct cost; the contractuals with their bases; the
grand total; the fringes included in the figures; and, below a line, the incentives as
financing (never deducted from the total).

**Whole budget** (:func:`budget_pdf`): the topsheet page, then landscape pages with each
category's accounts and detail lines (Description, Amount, Units, X, Rate, Subtotal, Fringes,
Total), each account's total and each category's total. A line's formula, fringe codes,
person and tags are shown in small type under its description; a rate in another currency is
shown in that currency, every other figure in the base currency. The category bar and the
column headings repeat at the top of every page a category runs onto. Every page is numbered
"Page n of m".

Money has thousands separators and the currency's decimals (two for most).
"""

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NamedTuple
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import LETTER, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .formulas import Refused, parsed
from .model import Budget, FringeKind, Unit
from .tables import (
    SECTION_TITLES,
    RowKind,
    TopRow,
    money_text,
    number_text,
    percent_text,
    topsheet_rows,
)
from .totals import AccountTotal, CategoryTotal, Computed, LineTotal

MARGIN = 0.5 * inch
HEAD = colors.HexColor("#2F5D50")  # the house header colour (call sheets, deal memos)
HEAD_LIGHT = colors.HexColor("#4E7A6C")
SHADE = colors.HexColor("#E8F0ED")
LINE = colors.HexColor("#444444")
MUTED = colors.HexColor("#555555")

_TITLE = ParagraphStyle("bp-title", fontName="Helvetica-Bold", fontSize=17, leading=20)
_SUB = ParagraphStyle("bp-sub", fontName="Helvetica", fontSize=9.5, leading=12, textColor=MUTED)
_LABEL = ParagraphStyle(
    "bp-label", fontName="Helvetica", fontSize=7, leading=9, textColor=MUTED, alignment=TA_RIGHT
)
_BIG = ParagraphStyle(
    "bp-big", fontName="Helvetica-Bold", fontSize=17, leading=20, alignment=TA_RIGHT
)
_CELL = ParagraphStyle("bp-cell", fontName="Helvetica", fontSize=8, leading=9.5)
_BOLD = ParagraphStyle("bp-bold", parent=_CELL, fontName="Helvetica-Bold")
_SMALL = ParagraphStyle("bp-small", parent=_CELL, fontSize=6.5, leading=8, textColor=MUTED)
_WHITE = ParagraphStyle("bp-white", parent=_BOLD, textColor=colors.white)
_LABEL_WHITE = ParagraphStyle("bp-label-white", parent=_LABEL, textColor=colors.white, fontSize=8)
_BLOCK = ParagraphStyle("bp-block", parent=_BOLD, fontSize=9, leading=11, spaceBefore=8)

TOPSHEET_HEADERS = ("Acct #", "Description", "", "Fringes", "Total")
DETAIL_HEADERS = ("Description", "Amount", "Units", "X", "Rate", "Subtotal", "Fringes", "Total")


def topsheet_pdf(budget: Budget, computed: Computed, *, title: str, subtitle: str = "") -> bytes:
    """The topsheet on one portrait page (more only when the categories do not fit)."""
    return _build(budget, computed, title=title, subtitle=subtitle, detail=False)


def budget_pdf(budget: Budget, computed: Computed, *, title: str, subtitle: str = "") -> bytes:
    """The topsheet, then every category's accounts and detail lines."""
    return _build(budget, computed, title=title, subtitle=subtitle, detail=True)


# --- the document -----------------------------------------------------------------------------


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no type hints
    """A canvas that writes "Page n of m" on every page once it knows m."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        count = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            width = self._pagesize[0]
            self.setFont("Helvetica", 7.5)
            self.setFillColor(MUTED)
            self.drawRightString(width - MARGIN, MARGIN - 14, f"Page {number} of {count}")
            super().showPage()
        super().save()


class _Look(NamedTuple):
    """How dense the topsheet is: roomy, or compact to keep a long chart on one page."""

    size: float  # font size
    top: float  # cell padding above
    bottom: float  # and below
    heading: float  # extra padding above a section heading

    def style(self, bold: bool = False, colour: Any = colors.black) -> ParagraphStyle:
        return ParagraphStyle(
            f"bp-{self.size}-{bold}",
            fontName="Helvetica-Bold" if bold else "Helvetica",
            fontSize=self.size,
            leading=self.size * 1.2,
            textColor=colour,
        )


ROOMY = _Look(8, 1.6, 2.2, 4)
COMPACT = _Look(7, 0.5, 1.3, 2)
TALL, WIDE = portrait(LETTER), landscape(LETTER)


def _build(budget: Budget, computed: Computed, *, title: str, subtitle: str, detail: bool) -> bytes:
    """The PDF; the topsheet is compact when it would not fit one page otherwise."""
    look = ROOMY
    data, pages = _render(budget, computed, title, subtitle, look, detail=False)
    if pages > 1:
        look = COMPACT
        data, _ = _render(budget, computed, title, subtitle, look, detail=False)
    if detail and computed.categories:
        data, _ = _render(budget, computed, title, subtitle, look, detail=True)
    return data


def _render(
    budget: Budget,
    computed: Computed,
    title: str,
    subtitle: str,
    look: _Look,
    *,
    detail: bool,
) -> tuple[bytes, int]:
    """The PDF and its number of pages."""
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=TALL,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{title}: {'budget' if detail else 'topsheet'}",
        author="Greenlight",
    )

    def footer(canvas: Canvas, _document: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN - 14, f"{title} · {computed.currency} · Greenlight")
        canvas.restoreState()

    def running_head(canvas: Canvas, document: Any) -> None:
        footer(canvas, document)
        canvas.saveState()
        width, height = WIDE
        canvas.setFont("Helvetica-Bold", 9)
        canvas.drawString(MARGIN, height - MARGIN - 4, title)
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(width - MARGIN, height - MARGIN - 4, subtitle or "Budget detail")
        canvas.restoreState()

    document.addPageTemplates(
        [
            PageTemplate("topsheet", [_frame(TALL, 0)], onPage=footer, pagesize=TALL),
            PageTemplate("detail", [_frame(WIDE, 18)], onPage=running_head, pagesize=WIDE),
        ]
    )
    story = _topsheet(budget, computed, title, subtitle, TALL[0] - 2 * MARGIN, look)
    if detail:
        story += [NextPageTemplate("detail"), PageBreak()]
        story += _detail(computed, WIDE[0] - 2 * MARGIN)
    document.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue(), int(document.page)


def _frame(size: tuple[float, float], top: float) -> Frame:
    """The page less its margins and ``top`` points for a running head."""
    width, height = size[0] - 2 * MARGIN, size[1] - 2 * MARGIN - top
    return Frame(MARGIN, MARGIN, width, height, 0, 0, 0, 0)


def _p(text: str, style: ParagraphStyle = _CELL) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


# --- the topsheet -----------------------------------------------------------------------------


def _topsheet(
    budget: Budget, computed: Computed, title: str, subtitle: str, width: float, look: _Look
) -> list[Any]:
    money = computed.currency
    head = Table(
        [
            [
                [_p(title, _TITLE), _p(subtitle or budget.title, _SUB)],
                [
                    _p(f"GRAND TOTAL ({money})", _LABEL),
                    _p(money_text(computed.grand_total, money), _BIG),
                ],
            ]
        ],
        colWidths=[width * 0.62, width * 0.38],
    )
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, LINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    story: list[Any] = [head, Spacer(1, 8), _topsheet_table(computed, width, look)]
    fringes = _fringe_table(budget, computed, width, look)
    if fringes is not None:
        story += [_p("Fringes (included in the totals above)", _BLOCK), fringes]
    if computed.incentives:
        story += [
            _p("Financing: tax incentives, received as financing, not deducted", _BLOCK),
            _incentive_table(computed, width, look),
        ]
    return story


def _topsheet_table(computed: Computed, width: float, look: _Look) -> Table:
    money = computed.currency
    rows: list[list[Any]] = [list(TOPSHEET_HEADERS)]
    style = _grid_style(3, look, HEAD)
    style.append(("LINEBELOW", (0, 1), (-1, -1), 0, colors.white))
    style.append(("VALIGN", (0, 0), (-1, -1), "MIDDLE"))
    plain, bold = look.style(), look.style(bold=True)
    grand = look._replace(size=look.size + 1.5).style(True, colors.white)
    for y, item in enumerate(topsheet_rows(computed), start=1):
        label_style = plain if item.kind in (RowKind.CATEGORY, RowKind.CONTRACTUAL) else bold
        quiet = item.kind is RowKind.CATEGORY and not item.fringes  # a zero stays blank
        rows.append(
            [
                item.code,
                _p(item.label, grand if item.kind is RowKind.GRAND else label_style),
                item.note,
                "" if item.fringes is None or quiet else money_text(item.fringes, money),
                "" if item.total is None else money_text(item.total, money),
            ]
        )
        style += _topsheet_style(item, y, look)
    table = Table(rows, colWidths=_widths(width, (0.09, 0.45, 0.18, 0.13, 0.15)), repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _topsheet_style(item: TopRow, y: int, look: _Look) -> list[tuple[Any, ...]]:
    bold = ("FONT", (0, y), (-1, y), "Helvetica-Bold", look.size)
    if item.kind is RowKind.HEADING:
        return [
            bold,
            ("BACKGROUND", (0, y), (-1, y), SHADE),
            ("TOPPADDING", (0, y), (-1, y), look.heading),
        ]
    if item.kind is RowKind.SUBTOTAL:
        return [bold, ("LINEABOVE", (3, y), (-1, y), 0.6, LINE)]
    if item.kind is RowKind.TOTAL:
        return [
            bold,
            ("LINEABOVE", (0, y), (-1, y), 0.9, LINE),
            ("BACKGROUND", (0, y), (-1, y), SHADE),
        ]
    if item.kind is RowKind.GRAND:
        return [
            ("FONT", (0, y), (-1, y), "Helvetica-Bold", look.size + 1.5),
            ("TEXTCOLOR", (0, y), (-1, y), colors.white),
            ("BACKGROUND", (0, y), (-1, y), HEAD),
            ("TOPPADDING", (0, y), (-1, y), look.top + 1.5),
            ("BOTTOMPADDING", (0, y), (-1, y), look.bottom + 1.5),
        ]
    if item.kind is RowKind.CONTRACTUAL:
        return [("TEXTCOLOR", (2, y), (2, y), MUTED)]
    return []


def _widths(width: float, shares: Sequence[float]) -> list[float]:
    return [width * share for share in shares]


def _grid_style(numeric_from: int, look: _Look, head: Any = HEAD_LIGHT) -> list[tuple[Any, ...]]:
    return [
        ("FONT", (0, 0), (-1, -1), "Helvetica", look.size),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", look.size),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("BACKGROUND", (0, 0), (-1, 0), head),
        ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#BBBBBB")),
        ("TOPPADDING", (0, 0), (-1, -1), look.top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), look.bottom),
    ]


def _fringe_table(budget: Budget, computed: Computed, width: float, look: _Look) -> Table | None:
    if not budget.fringes:
        return None
    money = computed.currency
    rows: list[list[Any]] = [["Code", "Fringe", "Rate", "Cap", "Amount"]]
    for fringe in budget.fringes:
        rate = (
            percent_text(fringe.rate)
            if fringe.kind is FringeKind.PERCENT
            else f"{money_text(fringe.rate, money)} an hour"
        )
        cap = "" if fringe.cap is None else money_text(fringe.cap, money)
        amount = computed.fringes_by_code.get(fringe.code, Decimal(0))
        rows.append(
            [fringe.code, _p(fringe.name, look.style()), rate, cap, money_text(amount, money)]
        )
    rows.append(["", "All fringes", "", "", money_text(computed.fringes, money)])
    table = Table(rows, colWidths=_widths(width, (0.12, 0.48, 0.12, 0.13, 0.15)), repeatRows=1)
    style = _grid_style(2, look)
    style += [
        ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", look.size),
        ("LINEABOVE", (4, -1), (4, -1), 0.6, LINE),
    ]
    table.setStyle(TableStyle(style))
    return table


def _incentive_table(computed: Computed, width: float, look: _Look) -> Table:
    money = computed.currency
    rows: list[list[Any]] = [["Incentive", "Basis", "Credit", "Sale price", "Net cash", "Expected"]]
    for item in computed.incentives:
        sections = ", ".join(item.sections).upper()
        basis = f"{percent_text(item.percent)} of {money_text(item.qualifying, money)} ({sections})"
        rows.append(
            [
                _p(item.name, look.style()),
                _p(basis, look.style()),
                money_text(item.credit, money),
                number_text(item.sale_price),
                money_text(item.net_cash, money),
                "" if item.expected is None else item.expected.isoformat(),
            ]
        )
    table = Table(rows, colWidths=_widths(width, (0.25, 0.29, 0.13, 0.08, 0.13, 0.12)))
    style = _grid_style(2, look)
    style += [("LINEABOVE", (0, 0), (-1, 0), 1.2, LINE)]
    table.setStyle(TableStyle(style))
    return table


# --- the detail pages -------------------------------------------------------------------------

_DETAIL_SHARES = (0.40, 0.07, 0.06, 0.05, 0.10, 0.11, 0.10, 0.11)


def _detail(computed: Computed, width: float) -> list[Any]:
    story: list[Any] = []
    for category in computed.categories:
        story.append(_category_table(category, computed.currency, width))
        story.append(Spacer(1, 12))
    return story[:-1]


def _category_table(category: CategoryTotal, currency: str, width: float) -> LongTable:
    """Two heading rows that repeat on every page, then each account's lines and total."""
    section = SECTION_TITLES[category.section]
    bar = f"{category.code}  {category.name}"
    rows: list[list[Any]] = [
        [_p(bar, _WHITE), "", "", "", "", _p(section, _LABEL_WHITE), "", ""],
        list(DETAIL_HEADERS),
    ]
    style: list[tuple[Any, ...]] = [
        ("SPAN", (0, 0), (4, 0)),
        ("SPAN", (5, 0), (-1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD),
        ("BACKGROUND", (0, 1), (-1, 1), HEAD_LIGHT),
        ("FONT", (0, 1), (-1, 1), "Helvetica-Bold", 7.5),
        ("TEXTCOLOR", (0, 1), (-1, 1), colors.white),
        ("FONT", (0, 2), (-1, -1), "Helvetica", 8),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("ALIGN", (2, 1), (2, -1), "LEFT"),
        ("ALIGN", (3, 1), (3, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for account in category.accounts:
        style += _account_rows(rows, account, currency)
    y = len(rows)
    rows.append(
        [
            _p(f"Total {category.code} {category.name}", _BOLD),
            "",
            "",
            "",
            "",
            money_text(category.subtotal, currency),
            money_text(category.fringes, currency),
            money_text(category.total, currency),
        ]
    )
    style += [
        ("FONT", (0, y), (-1, y), "Helvetica-Bold", 8.5),
        ("LINEABOVE", (0, y), (-1, y), 1.2, LINE),
        ("BACKGROUND", (0, y), (-1, y), SHADE),
    ]
    table = LongTable(rows, colWidths=_widths(width, _DETAIL_SHARES), repeatRows=2)
    table.setStyle(TableStyle(style))
    return table


def _account_rows(
    rows: list[list[Any]], account: AccountTotal, currency: str
) -> list[tuple[Any, ...]]:
    """An account's heading, its lines and its total, appended to ``rows``; their style."""
    y = len(rows)
    style: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, y), (-1, y), SHADE),
        ("LINEABOVE", (0, y), (-1, y), 0.6, LINE),
    ]
    heading = _p(f"{account.code}  {account.name}", _BOLD)
    if not account.lines:  # nothing budgeted: one row, its zero total beside the name
        rows.append([heading, "", "", "", "", "", "", money_text(account.total, currency)])
        return [*style, ("TEXTCOLOR", (7, y), (7, y), MUTED)]
    rows.append([heading, "", "", "", "", "", "", ""])
    for line in account.lines:
        rows.append(_line_row(line, currency))
    y = len(rows)
    rows.append(
        [
            _p(f"Total {account.code}", _BOLD),
            "",
            "",
            "",
            "",
            money_text(account.subtotal, currency),
            money_text(account.fringes, currency),
            money_text(account.total, currency),
        ]
    )
    return [
        *style,
        ("FONT", (0, y), (-1, y), "Helvetica-Bold", 8),
        ("LINEABOVE", (5, y), (-1, y), 0.6, LINE),
    ]


def _line_row(line: LineTotal, currency: str) -> list[Any]:
    doc = line.line
    notes = []
    for label, text in (("amount", doc.amount), ("x", doc.multiplier), ("rate", doc.rate)):
        if _uses_names(text):
            notes.append(f"{label} = {text}")
    if doc.fringes:
        notes.append("fringes " + ", ".join(doc.fringes))
    if doc.person:
        notes.append(doc.person)
    if doc.paid_on is not None:
        notes.append(f"paid {doc.paid_on.isoformat()}")
    notes += [f"{key}: {value}" for key, value in doc.tags.items()]
    description: Any = _p(doc.description or "—")
    if notes:
        description = [description, _p(" · ".join(notes), _SMALL)]
    rate = line.rate / line.exchange_rate if line.exchange_rate else line.rate
    rate_text = number_text(rate, 4, 2)
    if doc.currency and doc.currency != currency:
        rate_text = f"{rate_text} {doc.currency}"
    return [
        description,
        number_text(line.amount),
        _unit(doc.unit, line.amount),
        number_text(line.multiplier),
        rate_text,
        money_text(line.subtotal, currency),
        money_text(line.fringe_total, currency) if line.fringe_total else "",
        money_text(line.total, currency),
    ]


def _uses_names(text: str) -> bool:
    try:
        return bool(parsed(text).names)
    except Refused:
        return False


def _unit(unit: Unit, amount: Any) -> str:
    name = unit.value.title()
    if unit in (Unit.FLAT, Unit.ALLOW) or amount == 1:
        return name
    return name + "s"
