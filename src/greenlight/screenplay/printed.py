"""A scene's printed text as blocks a page can render. Pure.

Paragraphs keep their index into the scene's stored elements, so a tag's (paragraph, start,
end) anchor and a text selection on the page mean the same characters. Highlights split a
paragraph's text into segments; dual dialogue becomes one block with two columns.
"""

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .model import PRINTED, ElementType

_PRINTED = frozenset(str(kind) for kind in PRINTED)
_SPEECH = frozenset(
    {str(ElementType.DIALOGUE), str(ElementType.PARENTHETICAL), str(ElementType.LYRICS)}
)
_CHARACTER = str(ElementType.CHARACTER)


@dataclass(frozen=True)
class Mark:
    """A highlighted range of one paragraph (a confirmed tag)."""

    paragraph: int
    start: int
    end: int
    colour: str
    label: str


@dataclass(frozen=True)
class Segment:
    text: str
    mark: Mark | None = None  # the innermost mark covering the text
    labels: tuple[str, ...] = ()  # every mark covering it, for a tooltip


@dataclass(frozen=True)
class Paragraph:
    index: int  # position in the scene's elements
    type: str
    segments: tuple[Segment, ...]
    centered: bool = False

    @property
    def text(self) -> str:
        return "".join(segment.text for segment in self.segments)


@dataclass(frozen=True)
class Block:
    """One paragraph, a speech, or dual dialogue (``right`` is the second column)."""

    left: tuple[Paragraph, ...]
    right: tuple[Paragraph, ...] = ()

    @property
    def dual(self) -> bool:
        return bool(self.right)


def segments(text: str, marks: Iterable[Mark]) -> tuple[Segment, ...]:
    """``text`` cut at every mark boundary; each piece knows the marks covering it."""
    inside = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in inside), *(m.end for m in inside)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        covering = sorted(
            (m for m in inside if m.start <= start and end <= m.end),
            key=lambda m: m.end - m.start,
        )
        labels = tuple(m.label for m in covering)
        pieces.append(Segment(text[start:end], covering[0] if covering else None, labels))
    return tuple(pieces) or (Segment(""),)


def paragraphs(elements: Sequence[Mapping[str, Any]], marks: Iterable[Mark]) -> list[Paragraph]:
    """The printed paragraphs (writer-only sections, synopses and notes left out)."""
    by_paragraph: dict[int, list[Mark]] = {}
    for mark in marks:
        by_paragraph.setdefault(mark.paragraph, []).append(mark)
    return [
        Paragraph(
            index,
            str(element.get("type", "")),
            segments(str(element.get("text", "")), by_paragraph.get(index, [])),
            bool(element.get("centered")),
        )
        for index, element in enumerate(elements)
        if element.get("type") in _PRINTED
    ]


def blocks(elements: Sequence[Mapping[str, Any]], marks: Iterable[Mark]) -> list[Block]:
    """Printed paragraphs grouped for layout: speeches together, dual dialogue side by side."""
    sides = _speech_sides(elements)
    units: list[tuple[str | None, list[Paragraph]]] = []
    for paragraph in paragraphs(elements, marks):
        side = sides.get(paragraph.index)
        if paragraph.type in _SPEECH and units and units[-1][1][0].type == _CHARACTER:
            units[-1][1].append(paragraph)
        else:
            units.append((side, [paragraph]))
    return _pair_duals(units)


def _speech_sides(elements: Sequence[Mapping[str, Any]]) -> dict[int, str]:
    """Dual side of every paragraph of a dual speech (the side is marked on the cue)."""
    sides: dict[int, str] = {}
    side: str | None = None
    for index, element in enumerate(elements):
        kind = element.get("type")
        if kind == _CHARACTER:
            side = element.get("dual")
        elif kind not in _SPEECH:
            side = None
        if side:
            sides[index] = str(element.get("dual") or side)
    return sides


def _pair_duals(units: list[tuple[str | None, list[Paragraph]]]) -> list[Block]:
    """A right-hand speech joins the speech before it (marked left, or unmarked as Fountain's
    first speaker is) as the second column."""
    result: list[Block] = []
    for side, unit in units:
        joins = (
            side == "right"
            and unit[0].type == _CHARACTER
            and result
            and not result[-1].dual
            and result[-1].left[0].type == _CHARACTER
        )
        if joins:
            result[-1] = Block(result[-1].left, tuple(unit))
        else:
            result.append(Block(tuple(unit)))
    return result


def plain(elements: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """(type, text) of each printed paragraph: what a revision comparison compares."""
    return [(p.type, p.text) for p in paragraphs(elements, ())]
