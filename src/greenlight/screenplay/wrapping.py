"""Wrapping screenplay text into lines, and cutting wrapped blocks at the foot of a page. Pure.

Courier 12 prints 10 characters an inch, so a width is a count of characters. Each hard line
break of the source is kept; each hard line is wrapped greedily by words, keeping the spacing
typed between words (two spaces after a full stop count, as they do in Final Draft); a word
longer than the width is cut.

A :class:`Block` is what the paginator moves: one element, a whole speech (cue, parentheticals,
dialogue) or a dual-dialogue pair. :func:`split_block` cuts one so that its top fits the room
left on a page, keeping the rules (short action stays whole, no single line left or carried,
dialogue gets ``(MORE)`` and ``NAME (CONT'D)``, optionally only at the end of a sentence).
"""

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache

from .model import ElementType

T = ElementType
_WORD = re.compile(r"\S+")
# A sentence ends at . ! or ? (closing quotes and brackets may follow) before a space or the end.
_SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)\]]*(?=\s|$)")


class Align(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    CENTER = "center"


@dataclass(frozen=True, slots=True)
class ElementStyle:
    """Where an element prints: columns from the left edge of the page (10 an inch)."""

    left: float
    right: float
    space_before: int = 1  # blank lines before the element (dropped at the head of a page)
    align: Align = Align.LEFT
    first_indent: int = 0  # columns; Final Draft hangs a parenthetical's "(" one column left
    width: int = field(init=False, compare=False)  # whole characters between left and right

    def __post_init__(self) -> None:
        # Computed once: the paginator asks for it for every element.
        object.__setattr__(self, "width", int(self.right - self.left + 1e-6))

    def indent(self, text: str, first: bool) -> int:
        """The column a line of this element starts at."""
        if self.align == Align.RIGHT:
            return max(int(self.left), int(self.right) - len(text))
        if self.align == Align.CENTER:
            return int(self.left) + max(0, (self.width - len(text)) // 2)
        return int(self.left) + (self.first_indent if first else 0)


class LineFlag(StrEnum):
    NONE = ""
    MORE = "more"  # "(MORE)" under dialogue that goes on over the page
    CONTD = "contd"  # "NAME (CONT'D)" heading the rest of that dialogue


@dataclass(slots=True)
class Paragraph:
    """A wrapped paragraph: its lines, and after which of them the source broke the line."""

    lines: list[str]
    hard_breaks: list[bool]  # hard_breaks[i]: a source line break (or the end) follows lines[i]

    def __len__(self) -> int:
        return len(self.lines)


def wrap_line(
    line: str, width: int, first_width: int | None = None, indent: bool = False
) -> list[str]:
    """Wrap one source line; ``indent`` keeps its leading spaces when the first word fits."""
    if "\t" in line:
        line = line.expandtabs(4)
    line = line.rstrip() if indent else line.strip()
    limit = width if first_width is None else first_width
    if len(line) <= limit:
        return [line]
    if line[0] == " ":
        return wrap_words(line, width, limit, indent)
    # The regular expressions do the word loop in C: a feature wraps thousands of lines.
    first = _line_pattern(limit).match(line)
    if first is None:  # not reached: a stripped line starts with a word; kept for safety
        return wrap_words(line, width, limit, indent)
    return [first[1], *(match[1] for match in _line_pattern(width).finditer(line, first.end()))]


@lru_cache(maxsize=64)
def _line_pattern(width: int) -> re.Pattern[str]:
    """One output line: the most text (typed spacing kept) that fits ``width`` and ends at the
    end of a word; or, when the next word alone is too long, ``width`` characters of it."""
    return re.compile(rf"\s*(\S(?:.{{0,{max(width - 2, 0)}}}\S)?(?=\s|$)|\S{{1,{width}}})")


def wrap_words(line: str, width: int, first_width: int, indent: bool = False) -> list[str]:
    """:func:`wrap_line` word by word, for a line whose typed indentation is kept."""
    limit = first_width
    out: list[str] = []
    start = end = -1
    for match in _WORD.finditer(line):
        word_start, word_end = match.span()
        if end >= 0 and word_end - start <= limit:
            end = word_end
            continue
        if end >= 0:
            out.append(line[start:end])
            limit = width
        # The first word of an output line; typed indentation stays only on the first line.
        start = 0 if indent and not out and word_end <= limit else word_start
        while word_end - start > limit:
            out.append(line[start : start + limit])
            start += limit
            limit = width
        end = word_end
    out.append(line[start:end])
    return out


def wrap_paragraph(
    text: str, width: int, first_width: int | None = None, indent: bool = False
) -> Paragraph:
    """Wrap a paragraph at ``width`` characters (``first_width`` for its first line)."""
    lines, hard_breaks = wrap_lines(text, width, first_width, indent)
    return Paragraph(lines, hard_breaks if hard_breaks is not None else [True] * len(lines))


def wrap_lines(
    text: str, width: int, first_width: int | None = None, indent: bool = False
) -> tuple[list[str], list[bool] | None]:
    """:func:`wrap_paragraph` as plain lists; the breaks are None when every line is a source
    line, which is what most elements are (typed scripts wrap their own lines)."""
    limit = width if first_width is None else first_width
    source = text.split("\n")
    if "\t" not in text and max(map(len, source)) <= min(limit, width):
        if indent:
            return [line.rstrip() for line in source], None
        return [line.strip() for line in source], None
    lines: list[str] = []
    hard_breaks: list[bool] = []
    for source_line in source:
        if len(source_line) <= limit and "\t" not in source_line:  # most lines still fit
            lines.append(source_line.rstrip() if indent else source_line.strip())
            hard_breaks.append(True)
        else:
            wrapped = wrap_line(source_line, width, limit, indent)
            lines += wrapped
            hard_breaks += [False] * (len(wrapped) - 1)
            hard_breaks.append(True)
        limit = width
    return lines, hard_breaks


def split_at_line(paragraph: Paragraph, top: int) -> tuple[Paragraph, Paragraph]:
    """Cut a paragraph after its first ``top`` lines."""
    return (
        Paragraph(paragraph.lines[:top], paragraph.hard_breaks[:top]),
        Paragraph(paragraph.lines[top:], paragraph.hard_breaks[top:]),
    )


def split_paragraph(
    paragraph: Paragraph,
    room: int,
    width: int,
    *,
    min_top: int,
    min_bottom: int,
    sentences: bool,
) -> tuple[Paragraph, Paragraph] | None:
    """The split that keeps the most lines (at most ``room``) on this page, or None.

    Each part keeps at least ``min_top``/``min_bottom`` lines. With ``sentences`` the cut falls
    only at the end of a sentence (Final Draft's BreakDialogueAndActionAtSentences): the rest of
    that sentence's source line is wrapped afresh on the next page.
    """
    count = len(paragraph.lines)
    if not sentences:
        top = min(room, count - min_bottom)
        return split_at_line(paragraph, top) if top >= max(min_top, 1) else None
    for index in range(min(room, count) - 1, max(min_top, 1) - 2, -1):
        line = paragraph.lines[index]
        for match in reversed(list(_SENTENCE_END.finditer(line))):
            parts = _cut_inside(paragraph, index, match.end(), width)
            if parts is not None and len(parts[1].lines) >= max(min_bottom, 1):
                return parts
    return None


def _cut_inside(
    paragraph: Paragraph, index: int, offset: int, width: int
) -> tuple[Paragraph, Paragraph] | None:
    """Cut after character ``offset`` of line ``index``, rewrapping the rest of that source line."""
    lines, hard_breaks = paragraph.lines, paragraph.hard_breaks
    top = Paragraph([*lines[:index], lines[index][:offset]], [*hard_breaks[:index], True])
    rest = [lines[index][offset:].strip()]
    end = index
    while not hard_breaks[end]:
        end += 1
        rest.append(lines[end])
    remainder = " ".join(part for part in rest if part)
    if not remainder:
        if end + 1 >= len(lines):
            return None  # the cut is the end of the paragraph: nothing to carry over
        return top, Paragraph(lines[end + 1 :], hard_breaks[end + 1 :])
    wrapped = wrap_line(remainder, width)
    bottom = Paragraph(
        wrapped + lines[end + 1 :],
        [False] * (len(wrapped) - 1) + [True] + hard_breaks[end + 1 :],
    )
    return top, bottom


# ---------------------------------------------------------------------------------------------
# Blocks, and cutting them at the foot of a page.


class BlockKind(StrEnum):
    WHOLE = "whole"  # never split (heading, transition, dual dialogue) unless taller than a page
    ACTION = "action"
    SPEECH = "speech"


@dataclass(frozen=True, slots=True)
class BreakRules:
    min_lines: int  # lines that must stay on each side when action or a speech splits
    sentences: bool  # cut action and dialogue only at the end of a sentence
    more: str  # "(MORE)"
    contd: str  # "(CONT'D)"


@dataclass(slots=True)
class Part:
    """One element of a block, wrapped."""

    type: ElementType
    element: int  # index into Screenplay.elements
    style: ElementStyle
    lines: list[str]
    # Which lines end a source line; None when all of them do (most elements are one line,
    # and a feature has thousands: no list for those).
    hard_breaks: list[bool] | None = None
    flag: LineFlag = LineFlag.NONE

    @property
    def paragraph(self) -> Paragraph:
        breaks = self.hard_breaks if self.hard_breaks is not None else [True] * len(self.lines)
        return Paragraph(self.lines, breaks)

    def holding(self, paragraph: Paragraph) -> "Part":
        return replace(self, lines=paragraph.lines, hard_breaks=paragraph.hard_breaks)


@dataclass(slots=True)
class Block:
    kind: BlockKind
    parts: list[Part]
    height: int  # lines, blank lines before it not included; see :func:`make_block`
    scene: int | None
    space_before: int
    right: list[Part] | None = None  # the right-hand column of dual dialogue
    starts_page: bool = False
    scene_start: bool = False  # the heading that opens ``scene``
    keep_next: bool = False  # a heading stays with what follows it
    keep_prev: bool = False  # a transition never opens a page alone

    def but(self, parts: list[Part], right: list[Part] | None = None, top: bool = False) -> "Block":
        """The same block holding other parts: the ``top`` of a cut, or the rest of it."""
        height = rows(parts) if right is None else max(rows(parts), rows(right))
        if top:
            return replace(self, parts=parts, right=right, height=height)
        return replace(
            self, parts=parts, right=right, height=height, starts_page=False, scene_start=False
        )


def make_block(
    kind: BlockKind,
    parts: list[Part],
    scene: int | None,
    space_before: int,
    right: list[Part] | None = None,
) -> Block:
    """A block whose height is counted from its parts (the taller column for dual dialogue)."""
    height = rows(parts) if right is None else max(rows(parts), rows(right))
    return Block(kind, parts, height, scene, space_before, right)


def rows(parts: list[Part]) -> int:
    total = 0
    for part in parts:
        total += len(part.lines)
    return total


def split_block(
    block: Block, room: int, rules: BreakRules, force: bool = False
) -> tuple[Block, Block] | None:
    """The block cut so its top fits ``room`` lines, keeping the rules, or None.

    ``force`` is for a block taller than a whole page: then any line boundary will do.
    """
    if room <= 0:
        return None
    if block.kind == BlockKind.SPEECH:
        return _split_speech(block, room, rules, force)
    if block.kind == BlockKind.ACTION and not force:
        part = block.parts[0]
        cut = split_paragraph(
            part.paragraph,
            room,
            part.style.width,
            min_top=rules.min_lines,
            min_bottom=rules.min_lines,
            sentences=rules.sentences,
        )
        if cut is None:
            return None
        head, tail = (part.holding(half) for half in cut)
        return block.but([head], top=True), block.but([tail])
    return _cut_rows(block, room) if force else None


def _split_speech(
    block: Block, room: int, rules: BreakRules, force: bool
) -> tuple[Block, Block] | None:
    """Cut a speech between lines, leaving room for (MORE); never after a parenthetical."""
    cue, body = block.parts[0], block.parts[1:]
    least = 1 if force else rules.min_lines
    available = room - 1 - len(cue.lines)  # body lines that fit above (MORE)
    above = [0]
    for part in body:
        above.append(above[-1] + len(part.lines))
    total = above[-1]
    for k in range(len(body) - 1, -1, -1):
        part = body[k]
        if part.type != T.PARENTHETICAL and available - above[k] >= 1:
            cut = split_paragraph(
                part.paragraph,
                available - above[k],
                part.style.width,
                min_top=max(1, least - above[k]),
                min_bottom=max(1, least - (total - above[k + 1])),
                sentences=rules.sentences and not force,
            )
            if cut is not None:
                top, rest = (part.holding(half) for half in cut)
                return _more_and_contd(block, [*body[:k], top], [rest, *body[k + 1 :]], rules)
        fits = least <= above[k] <= available and total - above[k] >= least
        if k and fits and body[k - 1].type != T.PARENTHETICAL:
            return _more_and_contd(block, body[:k], body[k:], rules)
    return _cut_rows(block, room) if force else None


def _more_and_contd(
    block: Block, top: list[Part], rest: list[Part], rules: BreakRules
) -> tuple[Block, Block]:
    cue = block.parts[0]
    more = Part(T.CHARACTER, cue.element, cue.style, [rules.more], None, LineFlag.MORE)
    name = " ".join(cue.lines).strip()
    if not name.upper().endswith(rules.contd.upper()):
        name = f"{name} {rules.contd}"
    contd = Part(T.CHARACTER, cue.element, cue.style, [name], None, LineFlag.CONTD)
    return block.but([cue, *top, more], top=True), block.but([contd, *rest])


def _cut_rows(block: Block, room: int) -> tuple[Block, Block]:
    """Cut wherever the page ends."""
    left_top, left_rest = _cut_parts(block.parts, room)
    if block.right is None:
        return block.but(left_top, top=True), block.but(left_rest)
    right_top, right_rest = _cut_parts(block.right, room)
    return block.but(left_top, right_top, top=True), block.but(left_rest, right_rest)


def _cut_parts(parts: list[Part], room: int) -> tuple[list[Part], list[Part]]:
    top: list[Part] = []
    for index, part in enumerate(parts):
        lines = len(part.lines)
        if lines > room:
            head, tail = split_at_line(part.paragraph, room)
            if room:
                top.append(part.holding(head))
            return top, [part.holding(tail), *parts[index + 1 :]]
        top.append(part)
        room -= lines
    return top, []
