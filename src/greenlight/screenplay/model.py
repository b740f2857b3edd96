"""The typed screenplay model every importer produces and every later step reads. Pure.

Parsers (``fountain.py``, ``fdx.py``) turn a file into a :class:`Screenplay`; the paginator
(``layout.py``) lays its elements out on pages; breakdown and lint read scenes and characters.
"""

from dataclasses import dataclass, field
from enum import StrEnum


class ElementType(StrEnum):
    SCENE_HEADING = "scene_heading"
    ACTION = "action"
    CHARACTER = "character"
    DIALOGUE = "dialogue"
    PARENTHETICAL = "parenthetical"
    TRANSITION = "transition"
    LYRICS = "lyrics"
    SHOT = "shot"  # FDX: paginates like a heading, is not a scene
    GENERAL = "general"
    SECTION = "section"  # writer-only: never printed, never counted
    SYNOPSIS = "synopsis"  # writer-only
    PAGE_BREAK = "page_break"


PRINTED = frozenset(
    {
        ElementType.SCENE_HEADING,
        ElementType.ACTION,
        ElementType.CHARACTER,
        ElementType.DIALOGUE,
        ElementType.PARENTHETICAL,
        ElementType.TRANSITION,
        ElementType.LYRICS,
        ElementType.SHOT,
        ElementType.GENERAL,
    }
)


class Dual(StrEnum):
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class Element:
    """One paragraph of the script.

    ``text`` is clean: markers (``.``, ``!``, ``@``, ``>``, ``~``, ``^``, ``#12#``) and notes
    removed, emphasis markup (``*``, ``_``) removed; line breaks inside the paragraph kept as
    ``\\n``. ``line`` is the 1-based source line (Fountain) or paragraph number (FDX) where the
    element starts, for error messages and lint findings.

    ``blank_lines_before`` is the writer's vertical whitespace (Fountain only; 0 from FDX): the
    number of empty source lines between the previous element and this one. One is the normal
    paragraph separator; a layout honouring "every carriage return is intent" adds the rest
    as empty lines. Lines that held only a note or boneyard are not counted, and a note on its
    own line takes one of the empty lines around it along (the spec removes them).
    """

    type: ElementType
    text: str
    line: int
    centered: bool = False
    dual: Dual | None = None
    depth: int = 0  # section level (1 = #, 2 = ##, ...)
    scene_number: str | None = None  # on scene headings only
    starts_new_page: bool = False  # FDX StartsNewPage / a Fountain ``===`` before it
    fdx_type: str | None = None  # the FDX paragraph Type when it is not a standard one
    blank_lines_before: int = 0  # Fountain vertical whitespace, see above

    @property
    def printed(self) -> bool:
        """Whether the element appears on the page (writer-only sections/synopses do not)."""
        return self.type in PRINTED


@dataclass(frozen=True)
class TitlePage:
    """Key/value pairs in file order; keys as written (case kept), values one per line."""

    fields: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def get(self, key: str) -> str | None:
        for name, values in self.fields:
            if name.lower() == key.lower():
                return "\n".join(values)
        return None

    @property
    def title(self) -> str | None:
        value = self.get("title")
        return value.replace("\n", " ").strip() if value else None


@dataclass(frozen=True)
class Heading:
    """A scene heading split the breakdown way: ``INT. HOUSE - KITCHEN - NIGHT (1973)``."""

    int_ext: str | None  # "INT" | "EXT" | "INT/EXT" | None (e.g. "EST", forced headings)
    location: str  # "HOUSE - KITCHEN"
    time_of_day: str | None  # "NIGHT"
    modifiers: tuple[str, ...] = ()  # ("1973",) from trailing (...) or [...]


@dataclass(frozen=True)
class FinalDraftScene:
    """Final Draft's own values for a scene, when the FDX carries SceneProperties."""

    length_eighths: int | None
    page: int | None


@dataclass
class Scene:
    index: int  # 0-based position in the script
    number: str | None  # as written (#12A# or FDX Number); None when unnumbered
    heading: str  # heading text, upper-cased, without the scene number
    parsed: Heading
    line: int
    elements: list[Element] = field(default_factory=list)  # the heading first
    synopsis: str | None = None
    final_draft: FinalDraftScene | None = None

    @property
    def characters(self) -> list[str]:
        """Speaking characters (normalised cue identities) in order of first cue."""
        seen: dict[str, None] = {}
        for element in self.elements:
            if element.type == ElementType.CHARACTER:
                seen.setdefault(character_identity(element.text), None)
        return list(seen)


@dataclass
class Screenplay:
    source_format: str  # "fountain" | "fdx"
    title_page: TitlePage
    elements: list[Element]  # every element in order, including writer-only ones
    scenes: list[Scene]

    @property
    def title(self) -> str | None:
        return self.title_page.title


def character_identity(cue: str) -> str:
    """The breakdown identity of a dialogue cue.

    Trailing parenthesised extensions and a dual-dialogue caret are removed, curly apostrophes
    straightened, whitespace collapsed, upper-cased: ``edward (v.O.) (CONT'D)`` -> ``EDWARD``.
    Only *trailing* parentheticals go (``CYBER BOSS, 40 (or any age), an`` is not a cue anyway).
    """
    text = cue.replace("\u2019", "'").replace("\u2018", "'").strip().rstrip("^").strip()
    while text.endswith(")") and "(" in text:
        head = text[: text.rfind("(")].rstrip()
        if not head:
            break
        text = head
    # An unclosed extension such as ``EDWARD (cont'd`` still names EDWARD.
    if "(" in text and ")" not in text[text.find("(") :]:
        text = text[: text.find("(")].rstrip()
    return " ".join(text.split()).upper()
