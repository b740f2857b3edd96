"""Final Draft FDX parser: ``<FinalDraft><Content><Paragraph Type=...>`` to a Screenplay. Pure.

XML goes through ``defusedxml`` (no DTDs, entities or external references). Paragraphs are
walked in order; a paragraph's text is all its ``<Text>`` runs joined (importers that read only
the first run lose words: scrite#115). Final Draft stores text as typed and upper-cases on
screen, so headings, cues and transitions are upper-cased here. ``Element.line`` is the
paragraph's 1-based position among the script's paragraphs.
"""

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element as XmlElement
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from greenlight.core.eighths import parse_eighths
from greenlight.screenplay.errors import ScriptError
from greenlight.screenplay.headings import build_scenes
from greenlight.screenplay.model import (
    Dual,
    Element,
    ElementType,
    FinalDraftScene,
    Screenplay,
    TitlePage,
)

_TYPES = {
    "Scene Heading": ElementType.SCENE_HEADING,
    "Action": ElementType.ACTION,
    "Character": ElementType.CHARACTER,
    "Dialogue": ElementType.DIALOGUE,
    "Parenthetical": ElementType.PARENTHETICAL,
    "Transition": ElementType.TRANSITION,
    "Shot": ElementType.SHOT,
    "General": ElementType.GENERAL,
    "Lyrics": ElementType.LYRICS,
}
_HEADING = ElementType.SCENE_HEADING
_UPPER = frozenset({ElementType.SCENE_HEADING, ElementType.CHARACTER, ElementType.TRANSITION})
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)


@dataclass
class _SceneExtras:
    """What a heading paragraph carries besides its text, in heading order."""

    synopsis: str | None
    final_draft: FinalDraftScene | None


def parse_fdx(data: bytes, *, name: str = "script") -> Screenplay:
    """Parse a Final Draft document; raises :class:`ScriptError` naming the file and place."""
    root = _read_xml(data, name)
    if root.tag != "FinalDraft":
        raise ScriptError.at(name, f"not a Final Draft file: the root element is <{root.tag}>")
    content = root.find("Content")
    if content is None:
        raise ScriptError.at(name, "not a Final Draft script: it has no <Content> element")
    walker = _Walker()
    walker.walk(content)
    scenes = build_scenes(walker.elements)
    for scene, extras in zip(scenes, walker.extras, strict=True):
        scene.synopsis = extras.synopsis
        scene.final_draft = extras.final_draft
    return Screenplay(
        source_format="fdx",
        title_page=_title_page(root.find("TitlePage/Content")),
        elements=walker.elements,
        scenes=scenes,
    )


def _read_xml(data: bytes, name: str) -> XmlElement:
    if not data.startswith(b"\xef\xbb\xbf"):
        data = data.lstrip()  # some writers put a space before the root (rsdoiel samples)
    try:
        root: XmlElement = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        found = [at for at in (data.find(b"<!DOCTYPE"), data.find(b"<!ENTITY")) if at >= 0]
        line = data.count(b"\n", 0, min(found)) + 1 if found else None
        problem = f"forbidden XML construct ({type(error).__name__}): DTDs and entities are refused"
        raise ScriptError.at(name, problem, line=line) from error
    except ParseError as error:
        line, column = error.position
        reason = str(error).split(": line ")[0]  # expat appends the position; we place it
        raise ScriptError.at(name, f"malformed XML ({reason})", line=line, column=column) from error
    except (ValueError, LookupError, UnicodeError) as error:  # e.g. an unknown encoding name
        raise ScriptError.at(name, f"unreadable XML ({error})") from error
    return root


def _text(paragraph: XmlElement) -> str:
    """All ``<Text>`` runs of the paragraph joined as they are (runs carry their own spaces)."""
    runs = "".join(run.text or "" for run in paragraph.findall("Text"))
    runs = runs.replace("\r\n", "\n").replace("\r", "\n")
    if " \n" in runs or "\t\n" in runs or runs.endswith((" ", "\t")):
        runs = _TRAILING_SPACE.sub("", runs)
    return runs.strip("\n")


class _Walker:
    """Collects elements, and per heading its summary and Final Draft's scene properties."""

    def __init__(self) -> None:
        self.elements: list[Element] = []
        self.extras: list[_SceneExtras] = []
        self.count = 0

    def walk(self, content: XmlElement) -> None:
        for paragraph in content.findall("Paragraph"):
            dual = paragraph.find("DualDialogue")
            if dual is None:
                self._paragraph(paragraph, None)
                continue
            side = Dual.LEFT
            characters = 0
            for inner in dual.findall("Paragraph"):
                if inner.get("Type") == "Character":
                    characters += 1
                    side = Dual.LEFT if characters == 1 else Dual.RIGHT
                self._paragraph(inner, side)

    def _paragraph(self, paragraph: XmlElement, dual: Dual | None) -> None:
        self.count += 1
        raw_type = paragraph.get("Type") or "General"
        kind = _TYPES.get(raw_type, ElementType.GENERAL)
        omitted = paragraph.find("OmittedScene") is not None
        text = "OMITTED" if omitted else _text(paragraph)
        if kind in _UPPER:
            text = text.upper()
        self.elements.append(
            Element(
                kind,
                text,
                self.count,
                centered=paragraph.get("Alignment") == "Center",
                dual=dual,
                scene_number=(paragraph.get("Number") or None) if kind is _HEADING else None,
                starts_new_page=paragraph.get("StartsNewPage") == "Yes",
                fdx_type=None if raw_type in _TYPES else raw_type,
            )
        )
        if kind is _HEADING:
            self.extras.append(_scene_extras(paragraph.find("SceneProperties")))


def _scene_extras(properties: XmlElement | None) -> _SceneExtras:
    if properties is None:
        return _SceneExtras(None, None)
    summary = "\n".join(
        text for text in (_text(p) for p in properties.iterfind("Summary/Paragraph")) if text
    )
    length = _eighths(properties.get("Length"))
    page_text = properties.get("Page", "").strip()
    page = int(page_text) if page_text.isdigit() else None  # locked pages ("12A") are not ints
    if length is None and page is None:
        return _SceneExtras(summary or None, None)
    return _SceneExtras(summary or None, FinalDraftScene(length, page))


def _eighths(length: str | None) -> int | None:
    """Final Draft's ``"1 4/8"``, ``"5/8"``, ``"1"``; ``None`` when absent or unreadable."""
    if not length:
        return None
    try:
        return parse_eighths(length)
    except ValueError:
        return None


# Title pages in FDX are free paragraphs with an alignment, not key/value pairs. Read them the
# way they are laid out: the first centered block is the title; a "Written by"-like line is the
# credit and the centered lines after it the authors; other centered lines are the source
# ("Based on ..."). Left/right lines: a copyright line, a date, the rest is the contact block.
_CREDIT = re.compile(
    r"(?:(?:original\s+)?(?:screenplay|teleplay|story|written|adapted|created)"
    r"(?:\s+and\s+\w+)?\s+)?by:?",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"(?:copyright|\(c\)|©)", re.IGNORECASE)
_DATE = re.compile(
    r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"\.?\s+\d",
    re.IGNORECASE,
)


def _title_page(content: XmlElement | None) -> TitlePage:
    if content is None:
        return TitlePage()
    fields: dict[str, list[str]] = {}
    previous_blank = True
    key = ""
    for paragraph in content.iterfind("Paragraph"):
        text = _text(paragraph).strip()
        if not text:
            previous_blank = True
            continue
        if paragraph.get("Alignment") == "Center":
            key = _centered_key(text, key, previous_blank, fields)
        else:
            key = _side_key(text, fields)
        fields.setdefault(key, []).extend(line.strip() for line in text.split("\n"))
        previous_blank = False
    return TitlePage(tuple((key, tuple(values)) for key, values in fields.items()))


def _centered_key(
    text: str, previous: str, previous_blank: bool, fields: dict[str, list[str]]
) -> str:
    if "Title" not in fields or (previous == "Title" and not previous_blank):
        return "Title"
    if _CREDIT.fullmatch(text):
        return "Credit"
    if previous in ("Credit", "Author") and "Author" not in fields:
        return "Author"
    if previous == "Author" and not previous_blank:
        return "Author"
    return "Source"


def _side_key(text: str, fields: dict[str, list[str]]) -> str:
    if _COPYRIGHT.match(text):
        return "Copyright"
    if "Draft date" not in fields and "\n" not in text and _DATE.search(text):
        return "Draft date"
    return "Contact"
