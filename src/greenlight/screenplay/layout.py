"""Lay a screenplay out on pages and measure each scene in eighths of a page. Pure.

The rules are those of the afterwriting liner and of Final Draft: wrap each element at its width,
put blank lines before elements, then break pages without leaving a scene heading at the foot,
without starting a page with a transition, without splitting short action, and splitting
dialogue between lines with ``(MORE)`` at the foot and ``NAME (CONT'D)`` at the head.
A scene's length is its vertical extent, from its heading to the next one across page breaks,
in eighths of a page rounded up (:func:`greenlight.core.eighths.lines_to_eighths`).
"""

from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
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
    wrap_paragraph,
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
# two blank lines before a heading. Margins 90pt + 62pt leave 640pt; Final Draft prints one more
# line than 12pt leading alone would give (a Big Fish FDX with 648pt of text paginates as 55
# lines), hence 54.
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


@dataclass(frozen=True)
class Page:
    number: int  # the title page is not counted: the first page of the body is 1
    lines: tuple[PlacedLine, ...]
    continued: bool  # the page goes on with the scene of the page before (CONTINUED)


@dataclass(frozen=True)
class SceneLength:
    scene_index: int
    start_page: int  # the page the heading prints on
    eighths: int
    lines: int  # vertical extent, blank lines included


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
        index, page_break = 0, False
        while index < len(self.elements):
            element = self.elements[index]
            if index in self.starts:
                self.scene = self.starts[index]
            if element.type not in PRINTED:
                page_break = page_break or element.type == T.PAGE_BREAK
                index += 1
                continue
            block, index = self._block_at(index)
            block.starts_page = page_break or element.starts_new_page
            page_break = False
            self._append(block)
        return self.blocks

    def _block_at(self, index: int) -> tuple[Block, int]:
        element = self.elements[index]
        if element.type == T.CHARACTER:
            return self._speech(index)
        kind = BlockKind.WHOLE if element.type in _WHOLE else BlockKind.ACTION
        style = self.profile.styles[element.type]
        part = self._part(index, style)
        block = Block(kind, [part], len(part.paragraph.lines), self.scene, style.space_before)
        block.scene_start = self.starts.get(index) is not None
        block.keep_next = element.type in (T.SCENE_HEADING, T.SHOT)
        block.keep_prev = element.type == T.TRANSITION
        return block, index + 1

    def _speech(self, index: int) -> tuple[Block, int]:
        styles = self.profile.styles
        parts = [self._part(index, styles[T.CHARACTER])]
        end = index + 1
        while end < len(self.elements) and self.elements[end].type in _SPOKEN:
            if end in self.starts:
                break
            kind = self.elements[end].type
            parts.append(self._part(end, styles[T.DIALOGUE if kind == T.LYRICS else kind]))
            end += 1
        space = parts[0].style.space_before
        return make_block(BlockKind.SPEECH, parts, self.scene, space), end

    def _part(self, index: int, style: ElementStyle) -> Part:
        element = self.elements[index]
        width = style.width
        if element.centered:
            style = replace(style, align=Align.CENTER)
        paragraph = wrap_paragraph(
            element.text, width, width - style.first_indent, element.type == T.ACTION
        )
        return Part(element.type, index, style, paragraph)

    def _style(self, kind: ElementType, column: Dual | None) -> ElementStyle:
        style = self.profile.style(kind if kind != T.LYRICS else T.DIALOGUE)
        if column is None:
            return style
        return _dual_style(self.profile, kind, column, style)

    def _append(self, block: Block) -> None:
        """A right-hand speech right after another speech makes dual dialogue with it."""
        last = self.blocks[-1] if self.blocks else None
        paired = (
            block.kind == BlockKind.SPEECH
            and self.elements[block.parts[0].element].dual == Dual.RIGHT
            and last is not None
            and last.kind == BlockKind.SPEECH
            and last.parts[-1].element + 1 == block.parts[0].element
        )
        if not paired or last is None:
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


class _Placed(NamedTuple):
    block: Block
    top: int  # the row where its blank lines begin
    space: int  # blank lines printed before it
    first_line: int  # index of its first line in the page's line list


class _Paginator:
    def __init__(self, profile: LayoutProfile) -> None:
        self.profile = profile
        self.size = profile.lines_per_page
        self.pages: list[list[PlacedLine]] = [[]]
        self.placed: list[_Placed] = []  # the blocks on the current page
        self.row = 0  # rows used on the current page, blank lines included
        self.scene_page: dict[int, int] = {}  # scene -> page index of its heading
        # Printed lines of each scene, its blank lines included; the empty foot of a page that
        # a scene leaves belongs to no element, so it is not counted (as in Final Draft).
        self.scene_lines: dict[int, int] = {}

    def run(self, blocks: list[Block]) -> None:
        queue = deque(blocks)
        while queue:
            self._step(queue.popleft(), queue)

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
        return bool(self.placed) and self.placed[-1].block.keep_next

    def _pull_back(self, block: Block, queue: deque[Block]) -> bool:
        """Take a heading (and a transition's previous element) over with the block."""
        start = len(self.placed)
        if block.keep_prev and start:
            if self._carry_tail(block, queue):
                return True
            start -= 1
        while start and self.placed[start - 1].block.keep_next:
            start -= 1
        if start == len(self.placed) or self.placed[start].top == 0:
            return False  # nothing to take, or it would empty the page
        moved = [placed.block for placed in self.placed[start:]]
        self._unplace(start)
        self._new_page()
        queue.appendleft(block)
        queue.extendleft(reversed(moved))
        return True

    def _carry_tail(self, block: Block, queue: deque[Block]) -> bool:
        """Split the element before a transition so its last lines go over with it."""
        last = self.placed[-1]
        cut = split_block(last.block, last.block.height - 1, self.profile.rules)
        if cut is None:
            return False
        self._unplace(len(self.placed) - 1)
        self._place(cut[0], last.space)
        self._new_page()
        queue.appendleft(block)
        queue.appendleft(cut[1])
        return True

    def _place(self, block: Block, space: int) -> None:
        lines = self.pages[-1]
        self.placed.append(_Placed(block, self.row, space, len(lines)))
        self.row += space
        scene = block.scene
        if scene is not None:
            self.scene_lines[scene] = self.scene_lines.get(scene, 0) + space + block.height
            if block.scene_start:
                self.scene_page[scene] = len(self.pages) - 1
        if block.right is None:
            lines.extend(_lines(block.parts, self.row, scene, None))
        else:
            lines.extend(_lines(block.parts, self.row, scene, Dual.LEFT))
            lines.extend(_lines(block.right, self.row, scene, Dual.RIGHT))
        self.row += block.height

    def _unplace(self, index: int) -> None:
        """Take the blocks from ``index`` on off the current page."""
        for placed in self.placed[index:]:
            if placed.block.scene is not None:
                self.scene_lines[placed.block.scene] -= placed.space + placed.block.height
        first = self.placed[index]
        del self.pages[-1][first.first_line :]
        del self.placed[index:]
        self.row = first.top

    def _new_page(self) -> None:
        self.pages.append([])
        self.placed = []
        self.row = 0


def _lines(
    parts: list[Part], row: int, scene: int | None, column: Dual | None
) -> Iterator[PlacedLine]:
    for part in parts:
        style, kind, element, flag = part.style, part.type, part.element, part.flag
        lines = part.paragraph.lines
        if style.align == Align.LEFT:  # the common case, without a call per line
            left = int(style.left)
            yield PlacedLine(
                row, lines[0], kind, left + style.first_indent, element, scene, flag, column
            )
            for number in range(1, len(lines)):
                yield PlacedLine(
                    row + number, lines[number], kind, left, element, scene, flag, column
                )
        else:
            for number, text in enumerate(lines):
                indent = _indent(style, text)
                yield PlacedLine(row + number, text, kind, indent, element, scene, flag, column)
        row += len(lines)


def _indent(style: ElementStyle, text: str) -> int:
    if style.align == Align.RIGHT:
        return max(int(style.left), int(style.right) - len(text))
    return int(style.left) + max(0, (style.width - len(text)) // 2)


def paginate(screenplay: Screenplay, profile: LayoutProfile = FINAL_DRAFT) -> Layout:
    """Lay the script's body out on pages (title page not counted) and measure its scenes."""
    paginator = _Paginator(profile)
    paginator.run(_Builder(screenplay, profile).build())
    pages = _pages(paginator.pages)
    scenes = _scene_lengths(len(screenplay.scenes), paginator, profile)
    return Layout(profile, pages, scenes)


def _pages(raw: list[list[PlacedLine]]) -> tuple[Page, ...]:
    pages: list[Page] = []
    last_scene: int | None = None
    for lines in raw:
        if not lines:
            continue
        first = min(lines, key=lambda line: line.row)
        continued = (
            last_scene is not None and first.scene == last_scene and first.type != T.SCENE_HEADING
        )
        pages.append(Page(len(pages) + 1, tuple(lines), continued))
        last_scene = max(lines, key=lambda line: line.row).scene
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
