"""Word wrapping for fixed-pitch screenplay text, and splitting a paragraph at a page foot. Pure.

Courier 12 prints 10 characters an inch, so a width is a count of characters. Each hard line
break of the source is kept; each hard line is wrapped greedily by words, keeping the spacing
typed between words (two spaces after a full stop count, as they do in Final Draft); a word
longer than the width is cut.
"""

import re
from dataclasses import dataclass

_WORD = re.compile(r"\S+")
# A sentence ends at . ! or ? (closing quotes and brackets may follow) before a space or the end.
_SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)\]]*(?=\s|$)")


@dataclass(slots=True)
class Paragraph:
    """A wrapped paragraph: its lines, and after which of them the source broke the line."""

    lines: list[str]
    hard_breaks: list[bool]  # hard_breaks[i]: a source line break (or the end) follows lines[i]

    def __len__(self) -> int:
        return len(self.lines)


def wrap_line(line: str, width: int, first_width: int | None = None, indent: bool = False) -> list[str]:
    """Wrap one source line; ``indent`` keeps its leading spaces when the first word fits."""
    if "\t" in line:
        line = line.expandtabs(4)
    line = line.rstrip() if indent else line.strip()
    limit = width if first_width is None else first_width
    if len(line) <= limit:
        return [line]
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
    lines: list[str] = []
    hard_breaks: list[bool] = []
    for source_line in text.split("\n"):
        wrapped = wrap_line(source_line, width, first_width if not lines else None, indent)
        lines.extend(wrapped)
        hard_breaks.extend([False] * (len(wrapped) - 1))
        hard_breaks.append(True)
    return Paragraph(lines, hard_breaks)


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
