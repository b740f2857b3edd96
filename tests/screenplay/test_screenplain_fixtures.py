"""Screenplain's own fixtures (vilcans/screenplain tests/files): our elements match its HTML.

For each ``x.fountain`` with an expected ``x.html`` (README.upstream.txt: the HTML screenplain
produces), the HTML is read back into (type, text) items with the stdlib HTML parser. Two
representation differences are translated, not bent:

* screenplain writes each dialogue line as its own ``<p>``; we keep one dialogue element per
  run of lines (joined with line breaks), so consecutive dialogue ``<p>`` are joined here;
* screenplain upper-cases forced transitions (``> Burn to White.``) when rendering; we keep the
  text as written and upper-case for display, so transitions compare case-insensitively.
"""

from html.parser import HTMLParser
from pathlib import Path

import pytest

from greenlight.screenplay.fountain import parse_fountain
from greenlight.screenplay.model import Dual, Element, ElementType

SCREENPLAIN = Path(__file__).resolve().parents[3] / "shared/data/scripts/fixtures/screenplain"
CASES = sorted(
    path.stem for path in SCREENPLAIN.glob("*.fountain") if path.with_suffix(".html").exists()
)

Item = tuple[str, str, str | None]  # (type, text, extra: scene number / dual side / "page")


class _Expected(HTMLParser):
    """Reads screenplain's HTML back into a flat list of items."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[list[str | None]] = []
        self.side: str | None = None
        self.current: list[str | None] | None = None
        self.in_number = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        css = dict(attrs).get("class") or ""
        if tag == "div" and css in ("left", "right"):
            self.side = css
        elif tag in ("h1", "h2", "h3", "h4", "h5"):
            self._open("section", tag[1])
        elif tag == "h6":
            self._open("scene_heading", "page" if css == "page-break" else None)
        elif tag == "span" and css in ("scnuml", "scnumr"):
            self.in_number = True  # the number is printed left and right of the heading
        elif tag == "span" and css.endswith("-synopsis"):
            self._open("synopsis", None)
        elif tag == "div" and css == "transition":
            self._open("transition", None)
        elif tag == "div" and css == "action":
            self._open("action", None)
        elif tag == "p" and self.current is None:
            kind = {"character": "character", "parenthetical": "parenthetical"}.get(css, "dialogue")
            self._open(kind, self.side)
        elif tag == "br" and self.current is not None:
            self.current[1] = (self.current[1] or "") + "\n"

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.in_number:
            self.in_number = False
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6", "span", "div", "p"):
            if tag == "div" and self.current is None:
                self.side = None
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.in_number:
            if self.current is not None and self.current[2] is None:
                self.current[2] = data
        elif self.current is not None:
            self.current[1] = (self.current[1] or "") + data.replace("\xa0", " ")

    def _open(self, kind: str, extra: str | None) -> None:
        self.current = [kind, "", extra]
        self.items.append(self.current)


def _expected(name: str) -> list[Item]:
    reader = _Expected()
    reader.feed((SCREENPLAIN / f"{name}.html").read_text(encoding="utf-8"))
    items: list[Item] = []
    for kind, raw_text, raw_extra in reader.items:
        assert kind is not None
        text, extra = raw_text or "", raw_extra
        if kind == "dialogue" and items and items[-1][0] == "dialogue" and items[-1][2] == extra:
            items[-1] = ("dialogue", f"{items[-1][1]}\n{text.strip()}", extra)
            continue
        if kind == "scene_heading" and extra == "page":
            items.append(("page_break", "", None))
            extra = None
        if kind == "transition":
            text = text.upper()
        items.append((kind, text if kind == "action" else text.strip(), extra))
    return items


def _extra(element: Element) -> str | None:
    if element.type == ElementType.SCENE_HEADING:
        return element.scene_number
    if element.type == ElementType.SECTION:
        return str(element.depth)
    if element.dual is not None:
        return "left" if element.dual == Dual.LEFT else "right"
    return None


def _ours(name: str) -> list[Item]:
    screenplay = parse_fountain((SCREENPLAIN / f"{name}.fountain").read_bytes(), name=name)
    items: list[Item] = []
    for element in screenplay.elements:
        text = element.text.upper() if element.type == ElementType.TRANSITION else element.text
        items.append((element.type.value, text, _extra(element)))
    return items


def test_every_screenplain_case_with_html_is_checked():
    assert len(CASES) >= 15
    assert "title-page" not in CASES  # it has no HTML; its title page is checked below


@pytest.mark.parametrize("name", CASES)
def test_our_elements_match_screenplains_html(name):
    assert _ours(name) == _expected(name)


def test_a_page_break_marks_the_next_printed_element():
    screenplay = parse_fountain((SCREENPLAIN / "page-break.fountain").read_bytes())
    heading = screenplay.elements[-1]
    assert heading.type == ElementType.SCENE_HEADING
    assert heading.starts_new_page


def test_the_title_page_fixture_keeps_its_keys_and_indented_values():
    screenplay = parse_fountain((SCREENPLAIN / "title-page.fountain").read_bytes())
    assert screenplay.title_page.fields == (
        ("Title", ("My Screenplay",)),
        ("Author", ("Your Name",)),
        ("Contact", ("your.email@example.com", "(555) 123-4567")),
    )
    assert [(e.type, e.text) for e in screenplay.elements] == [
        (ElementType.ACTION, "FADE IN:"),
        (ElementType.ACTION, "SPACE"),
    ]


def test_the_bom_fixture_parses_like_the_plain_one():
    plain = parse_fountain((SCREENPLAIN / "simple.fountain").read_bytes()).elements
    bom = parse_fountain((SCREENPLAIN / "utf-8-bom.fountain").read_bytes()).elements
    assert [(e.type, e.text) for e in bom] == [(e.type, e.text) for e in plain]
