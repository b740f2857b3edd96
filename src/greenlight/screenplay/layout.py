"""Lay a screenplay out on pages and measure each scene in eighths of a page. Pure.

The rules are those of the afterwriting liner and of Final Draft: wrap each element at its width,
put blank lines before elements, then break pages without leaving a scene heading at the foot,
without starting a page with a transition, without splitting short action, and splitting
dialogue between lines with ``(MORE)`` at the foot and ``NAME (CONT'D)`` at the head.

A scene's length is the lines it takes from its heading to the next heading, across page
breaks: the blank lines its elements own count, the empty foot a page break leaves does not
(that is what matches Final Draft's own SceneProperties Length). It is written in eighths of a
page, rounded up, at least 1/8 (:func:`greenlight.core.eighths.lines_to_eighths`).
"""

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from types import MappingProxyType
from typing import NamedTuple

from greenlight.core.eighths import lines_to_eighths

from .model import PRINTED, Dual, ElementType, Screenplay
from .wrapping import (
    Align,
    Block,
    BlockKind,
    BreakRules,
    ElementStyle,
    LineFlag,
    Part,
    make_block,
    split_block,
    wrap_lines,
)

__all__ = [
    "A4_57",
    "FINAL_DRAFT",
    "LETTER_55",
    "PROFILES",
    "Align",
    "ElementStyle",
    "Layout",
    "LayoutProfile",
    "LineFlag",
    "Page",
    "PlacedLine",
    "SceneLength",
    "paginate",
]

T = ElementType


@dataclass(frozen=True)
class LayoutProfile:
    """Page and element geometry; lines are Courier 12 lines (6 an inch)."""

    name: str
    lines_per_page: int
    styles: Mapping[ElementType, ElementStyle]
    more: str = "(MORE)"
    contd: str = "(CONT'D)"
    sentence_breaks: bool = False  # break action and dialogue only at the end of a sentence
    min_split_lines: int = 2  # lines that must stay on each side when action or speech splits
    dual_width: int = 28  # dialogue width of one column of dual dialogue
    # Fountain: "every carriage return is intent", so empty source lines beyond the one that
    # separates paragraphs print as blank lines (Element.blank_lines_before).
    keep_blank_lines: bool = True

    def __post_init__(self) -> None:
        if self.lines_per_page < 10:
            raise ValueError(f"{self.name}: a page needs at least 10 lines")
        missing = PRINTED - set(self.styles)
        if missing:
            raise ValueError(f"{self.name}: no style for {sorted(missing)}")

    def style(self, kind: ElementType) -> ElementStyle:
        return self.styles[kind]

    @property
    def rules(self) -> BreakRules:
        return BreakRules(self.min_split_lines, self.sentence_breaks, self.more, self.contd)


def _styles(
    text: tuple[float, float],
    character: tuple[float, float],
    parenthetical: tuple[float, float],
    dialogue: tuple[float, float],
    heading_space: int,
) -> Mapping[ElementType, ElementStyle]:
    """A style table from the four columns every screenplay format is made of."""
    left, right = text
    body = ElementStyle(left, right)
    return MappingProxyType(
        {
            T.SCENE_HEADING: ElementStyle(left, right, heading_space),
            T.ACTION: body,
            T.SHOT: body,
            T.GENERAL: ElementStyle(left, right, 0),
            T.LYRICS: body,
            T.CHARACTER: ElementStyle(*character),
            T.PARENTHETICAL: ElementStyle(*parenthetical, space_before=0, first_indent=-1),
            T.DIALOGUE: ElementStyle(*dialogue, space_before=0),
            T.TRANSITION: ElementStyle(left, right, align=Align.RIGHT),
        }
    )


# Final Draft 10's default template, as written into the rsdoiel FDX samples: text 1.25-7.25",
# cue 3.75", parenthetical 3.25-5.25", dialogue 2.56-6.25", transition 5.25-6.75" flush right,
# two blank lines before a heading. Margins 90pt + 62pt leave 640pt, 53.3 lines of 12pt; Final
# Draft fits one line more than whole 12pt lines (the opening scenes of a Final Draft Big Fish
# FDX, 648pt of text, match its own pages and eighths at 55 lines, not 54), hence 54.
FINAL_DRAFT = LayoutProfile(
    name="finaldraft",
    lines_per_page=54,
    styles=MappingProxyType(
        {
            **_styles((12.5, 72.5), (37.5, 72.5), (32.5, 52.5), (25.6, 62.5), heading_space=2),
            T.TRANSITION: ElementStyle(52.5, 67.5, align=Align.RIGHT),
        }
    ),
    sentence_breaks=True,
)
# The afterwriting / screenplain US Letter page: 1.5" left margin, 61 columns, 55 lines.
LETTER_55 = LayoutProfile(
    name="letter-55",
    lines_per_page=55,
    styles=_styles((15, 76), (35, 68), (30, 56), (25, 61), heading_space=1),
)
# afterwriting's A4 page: 57 lines of 58 columns.
A4_57 = LayoutProfile(
    name="a4-57",
    lines_per_page=57,
    styles=_styles((15, 73), (35, 68), (30, 56), (25, 61), heading_space=1),
)
PROFILES: Mapping[str, LayoutProfile] = MappingProxyType(
    {profile.name: profile for profile in (FINAL_DRAFT, LETTER_55, A4_57)}
)


class PlacedLine(NamedTuple):
    """One printed line. Blank lines are not listed: they are the gaps between rows."""

    row: int  # 0-based line on the page
    text: str
    type: ElementType
    indent: int  # columns from the left edge of the page
    element: int  # index into Screenplay.elements
    scene: int | None  # index into Screenplay.scenes; None before the first heading
    flag: LineFlag = LineFlag.NONE
    column: Dual | None = None  # the column of dual dialogue


# Where a block landed: (block, the row its blank lines start on, how many blank lines).
_Placement = tuple[Block, int, int]


@dataclass(frozen=True)
class Page:
    number: int  # the title page is not counted: the first page of the body is 1
    continued: bool  # the page goes on with the scene of the page before (CONTINUED)
    placements: tuple[_Placement, ...] = field(repr=False, compare=False)

    @cached_property
    def lines(self) -> tuple[PlacedLine, ...]:
        """The printed lines, top to bottom; dual dialogue lists its left column, then its
        right. Made when first asked for: counting pages and measuring scenes never needs them."""
        return _page_lines(self.placements)


@dataclass(frozen=True)
class SceneLength:
    scene_index: int
    start_page: int  # the page the heading prints on
    eighths: int
    lines: int  # lines it takes, its blank lines included (not the empty foot of a page)


@dataclass(frozen=True)
class Layout:
    profile: LayoutProfile
    pages: tuple[Page, ...]
    scenes: tuple[SceneLength, ...]

    @property
    def page_count(self) -> int:
        return len(self.pages)


# ---------------------------------------------------------------------------------------------
# Building blocks (see wrapping.Block) from the element list.


class _Builder:
    """Turns the element list into blocks; writer-only elements take no space."""

    def __init__(self, screenplay: Screenplay, profile: LayoutProfile) -> None:
        self.elements = screenplay.elements
        self.profile = profile
        self.starts = _scene_starts(screenplay)
        self.scene: int | None = None
        self.blocks: list[Block] = []

    def build(self) -> list[Block]:
        elements, starts, keep_blanks = self.elements, self.starts, self.profile.keep_blank_lines
        index, page_break = 0, False
        while index < len(elements):
            element = elements[index]
            kind = element.type
            self.scene = starts.get(index, self.scene)
            if kind not in PRINTED:
                page_break = page_break or kind == T.PAGE_BREAK
                index += 1
                continue
            if kind == T.CHARACTER:
                block, index = self._speech(index)
            else:
                block, index = self._single(index, kind), index + 1
            if page_break or element.starts_new_page:
                block.starts_page, page_break = True, False
            if keep_blanks and element.blank_lines_before > 1:
                block.space_before += element.blank_lines_before - 1
            if element.dual == Dual.RIGHT and kind == T.CHARACTER:
                self._pair(block)
            else:
                self.blocks.append(block)
        return self.blocks

    def _single(self, index: int, kind: ElementType) -> Block:
        style = self.profile.styles[kind]
        part = self._part(index, style)
        # Positional: a feature has thousands of these and keywords cost time.
        return Block(
            _KIND[kind],
            [part],
            len(part.lines),
            self.scene,
            style.space_before,
            None,  # right
            False,  # starts_page: set by the caller
            index in self.starts,  # scene_start
            kind in _KEEP_NEXT,
            kind == T.TRANSITION,  # keep_prev
        )

    def _speech(self, index: int) -> tuple[Block, int]:
        elements, styles = self.elements, self.profile.styles
        cue = self._part(index, styles[T.CHARACTER])
        parts, height, end = [cue], len(cue.lines), index + 1
        while end < len(elements) and elements[end].type in _SPOKEN and end not in self.starts:
            kind = elements[end].type
            part = self._part(end, styles[T.DIALOGUE if kind == T.LYRICS else kind])
            parts.append(part)
            height += len(part.lines)
            end += 1
        block = Block(BlockKind.SPEECH, parts, height, self.scene, cue.style.space_before)
        return block, end

    def _part(self, index: int, style: ElementStyle) -> Part:
        element = self.elements[index]
        text, kind, width = element.text, element.type, style.width
        if element.centered:
            style = replace(style, align=Align.CENTER)
        if len(text) <= width and "\n" not in text and "\t" not in text:  # one line: most are
            return Part(kind, index, style, [text.rstrip() if kind == T.ACTION else text.strip()])
        lines, breaks = wrap_lines(text, width, width - style.first_indent, kind == T.ACTION)
        return Part(kind, index, style, lines, breaks)

    def _style(self, kind: ElementType, column: Dual | None) -> ElementStyle:
        style = self.profile.style(kind if kind != T.LYRICS else T.DIALOGUE)
        if column is None:
            return style
        return _dual_style(self.profile, kind, column, style)

    def _pair(self, block: Block) -> None:
        """A right-hand speech right after another speech makes dual dialogue with it."""
        last = self.blocks[-1] if self.blocks else None
        if (
            last is None
            or last.kind != BlockKind.SPEECH
            or last.parts[-1].element + 1 != block.parts[0].element
        ):
            self.blocks.append(block)
            return
        dual = make_block(
            BlockKind.WHOLE,
            self._restyle(last.parts, Dual.LEFT),
            last.scene,
            last.space_before,
            right=self._restyle(block.parts, Dual.RIGHT),
        )
        dual.starts_page = last.starts_page
        self.blocks[-1] = dual

    def _restyle(self, parts: list[Part], column: Dual) -> list[Part]:
        return [self._part(part.element, self._style(part.type, column)) for part in parts]


_WHOLE = frozenset({T.SCENE_HEADING, T.SHOT, T.TRANSITION})
_KIND = {kind: BlockKind.WHOLE if kind in _WHOLE else BlockKind.ACTION for kind in ElementType}
_KEEP_NEXT = frozenset({T.SCENE_HEADING, T.SHOT})
_SPOKEN = frozenset({T.PARENTHETICAL, T.DIALOGUE, T.LYRICS})


def _dual_style(
    profile: LayoutProfile, kind: ElementType, column: Dual, style: ElementStyle
) -> ElementStyle:
    """Half the text block for each column: dialogue ``dual_width`` wide, cue and
    parenthetical indented inside it."""
    text = profile.style(T.ACTION)
    half = text.width // 2
    start = text.left + (half if column == Dual.RIGHT else 0)
    width = profile.dual_width
    if kind == T.CHARACTER:
        return replace(style, left=start + width // 3, right=start + half)
    if kind == T.PARENTHETICAL:
        return replace(style, left=start + 3, right=start + width - 3)
    return replace(style, left=start, right=start + width)


def _scene_starts(screenplay: Screenplay) -> dict[int, int]:
    """Element index of each scene's heading -> scene index, walking both lists in order."""
    heads = [scene.elements[0] if scene.elements else None for scene in screenplay.scenes]
    starts: dict[int, int] = {}
    scene = 0
    for index, element in enumerate(screenplay.elements):
        while scene < len(heads) and heads[scene] is None:
            scene += 1
        head = heads[scene] if scene < len(heads) else None
        if head is not None and (
            element is head or (element.line == head.line and element == head)
        ):
            starts[index] = scene
            scene += 1
    return starts


# ---------------------------------------------------------------------------------------------
# The paginator.


class _Paginator:
    def __init__(self, profile: LayoutProfile) -> None:
        self.profile = profile
        self.size = profile.lines_per_page
        self.placed: list[_Placement] = []  # the blocks on the current page
        self.pages: list[list[_Placement]] = [self.placed]
        self.row = 0  # rows used on the current page, blank lines included
        self.scene_page: dict[int, int] = {}  # scene -> page index of its heading
        # Printed lines of each scene, its blank lines included; the empty foot of a page that
        # a scene leaves belongs to no element, so it is not counted (as in Final Draft).
        self.scene_lines: dict[int, int] = {}

    def run(self, blocks: list[Block]) -> None:
        queue = deque(blocks)
        size = self.size
        while queue:
            block = queue.popleft()
            space = block.space_before if self.row else 0
            if self.row + space + block.height <= size and not block.starts_page:
                self._place(block, space)  # most blocks simply fit
            else:
                self._step(block, queue)

    def _step(self, block: Block, queue: deque[Block]) -> None:
        if block.starts_page and self.row:
            self._new_page()
        space = block.space_before if self.row else 0
        room = self.size - self.row - space
        if block.height <= room:
            self._place(block, space)
            return
        cut = split_block(block, room, self.profile.rules)
        if cut is None and self.row and self._pull_back(block, queue):
            return
        if cut is None and self.row and not self._keeps_next():
            self._new_page()  # the whole block moves over
            queue.appendleft(block)
            return
        if cut is None:
            # Taller than a page, or moving it would orphan a heading: cut where the page ends.
            cut = split_block(block, room, self.profile.rules, force=True)
        if cut is None:  # not even a line fits under an orphaned heading
            self._new_page()
            queue.appendleft(block)
            return
        self._place(cut[0], space)
        self._new_page()
        queue.appendleft(cut[1])

    def _keeps_next(self) -> bool:
        return bool(self.placed) and self.placed[-1][0].keep_next

    def _pull_back(self, block: Block, queue: deque[Block]) -> bool:
        """Take a heading (and a transition's previous element) over with the block."""
        start = len(self.placed)
        if block.keep_prev and start:
            if self._carry_tail(block, queue):
                return True
            start -= 1
        while start and self.placed[start - 1][0].keep_next:
            start -= 1
        if start == len(self.placed) or self.placed[start][1] == 0:
            return False  # nothing to take, or it would empty the page
        moved = [block for block, _, _ in self.placed[start:]]
        self._unplace(start)
        self._new_page()
        queue.appendleft(block)
        queue.extendleft(reversed(moved))
        return True

    def _carry_tail(self, block: Block, queue: deque[Block]) -> bool:
        """Split the element before a transition so its last lines go over with it."""
        last, _, space = self.placed[-1]
        cut = split_block(last, last.height - 1, self.profile.rules)
        if cut is None:
            return False
        self._unplace(len(self.placed) - 1)
        self._place(cut[0], space)
        self._new_page()
        queue.appendleft(block)
        queue.appendleft(cut[1])
        return True

    def _place(self, block: Block, space: int) -> None:
        self.placed.append((block, self.row, space))
        self.row += space + block.height
        scene = block.scene
        if scene is not None:
            self.scene_lines[scene] = self.scene_lines.get(scene, 0) + space + block.height
            if block.scene_start:
                self.scene_page[scene] = len(self.pages) - 1

    def _unplace(self, index: int) -> None:
        """Take the blocks from ``index`` on off the current page."""
        for block, _, space in self.placed[index:]:
            if block.scene is not None:
                self.scene_lines[block.scene] -= space + block.height
        self.row = self.placed[index][1]
        del self.placed[index:]

    def _new_page(self) -> None:
        self.placed = []
        self.pages.append(self.placed)
        self.row = 0


# PlacedLine's own __new__ is Python code; tuple.__new__ makes the same tuple in C, and a
# feature prints some 6,500 lines.
_placed_line = partial(tuple.__new__, PlacedLine)


def _page_lines(placements: tuple[_Placement, ...]) -> tuple[PlacedLine, ...]:
    """Every printed line of a page, in placing order. Plain loops: no call per block or line."""
    out: list[PlacedLine] = []
    append = out.append
    for block, top, space in placements:
        scene = block.scene
        columns: tuple[tuple[list[Part], Dual | None], ...] = (
            ((block.parts, None),)
            if block.right is None
            else ((block.parts, Dual.LEFT), (block.right, Dual.RIGHT))
        )
        for parts, column in columns:
            row = top + space
            for part in parts:
                style, kind, element, flag = part.style, part.type, part.element, part.flag
                if style.align != Align.LEFT:
                    for number, text in enumerate(part.lines):
                        indent = style.indent(text, first=number == 0)
                        append(
                            _placed_line((row, text, kind, indent, element, scene, flag, column))
                        )
                        row += 1
                    continue
                left = int(style.left)
                indent = left + style.first_indent  # the first line may hang
                for text in part.lines:
                    append(_placed_line((row, text, kind, indent, element, scene, flag, column)))
                    row += 1
                    indent = left
    return tuple(out)


def paginate(screenplay: Screenplay, profile: LayoutProfile = FINAL_DRAFT) -> Layout:
    """Lay the script's body out on pages (title page not counted) and measure its scenes."""
    paginator = _Paginator(profile)
    paginator.run(_Builder(screenplay, profile).build())
    pages = _pages(paginator.pages)
    scenes = _scene_lengths(len(screenplay.scenes), paginator, profile)
    return Layout(profile, pages, scenes)


def _pages(raw: list[list[_Placement]]) -> tuple[Page, ...]:
    pages: list[Page] = []
    last_scene: int | None = None
    for placements in raw:
        if not placements:
            continue
        first = placements[0][0]
        continued = first.scene is not None and first.scene == last_scene
        pages.append(Page(len(pages) + 1, continued and not first.scene_start, tuple(placements)))
        last_scene = placements[-1][0].scene
    return tuple(pages)


def _scene_lengths(
    count: int, paginator: _Paginator, profile: LayoutProfile
) -> tuple[SceneLength, ...]:
    lengths: list[SceneLength] = []
    page = 0
    for index in range(count):
        page = paginator.scene_page.get(index, page)  # an unprinted heading: the page before
        lines = paginator.scene_lines.get(index, 0)
        eighths = lines_to_eighths(lines, profile.lines_per_page)
        lengths.append(SceneLength(index, page + 1, eighths, lines))
    return tuple(lengths)
