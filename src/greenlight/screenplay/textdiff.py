"""A readable comparison of two versions of a scene, paragraph by paragraph. Pure.

Paragraphs are aligned with difflib; a rewritten paragraph is compared word by word so the
reader sees exactly which words went and came.
"""

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

_TOKENS = re.compile(r"\s+|[^\s]+")


class Kind(StrEnum):
    SAME = "same"
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class Piece:
    text: str
    kind: Kind  # SAME, ADDED or REMOVED


@dataclass(frozen=True)
class Row:
    """One paragraph of the comparison, in screenplay order."""

    type: str  # the paragraph's element type (action, dialogue ...)
    kind: Kind
    pieces: tuple[Piece, ...]


def compare(old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]]) -> list[Row]:
    """Rows for (type, text) paragraphs of the old and new scene."""
    rows: list[Row] = []
    matcher = difflib.SequenceMatcher(a=list(old), b=list(new), autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [_whole(t, text, Kind.SAME) for t, text in new[b1:b2]]
        elif tag == "replace":
            rows += _rewritten(old[a1:a2], new[b1:b2])
        else:
            rows += [_whole(t, text, Kind.REMOVED) for t, text in old[a1:a2]]
            rows += [_whole(t, text, Kind.ADDED) for t, text in new[b1:b2]]
    return rows


def _whole(kind_of_text: str, text: str, kind: Kind) -> Row:
    return Row(kind_of_text, kind, (Piece(text, kind),))


def _rewritten(old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]]) -> list[Row]:
    """Pair rewritten paragraphs of the same type in order; the rest went or came whole."""
    rows: list[Row] = []
    pending = list(new)
    for old_type, old_text in old:
        partner = next((p for p in pending if p[0] == old_type), None)
        if partner is None:
            rows.append(_whole(old_type, old_text, Kind.REMOVED))
            continue
        index = pending.index(partner)
        rows += [_whole(t, text, Kind.ADDED) for t, text in pending[:index]]
        rows.append(Row(old_type, Kind.CHANGED, words(old_text, partner[1])))
        pending = pending[index + 1 :]
    rows += [_whole(t, text, Kind.ADDED) for t, text in pending]
    return rows


def words(old: str, new: str) -> tuple[Piece, ...]:
    """``new`` with the words that changed since ``old`` marked as removed and added."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    pieces: list[Piece] = []
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(Piece("".join(b[b1:b2]), Kind.SAME))
            continue
        if a2 > a1:
            pieces.append(Piece("".join(a[a1:a2]), Kind.REMOVED))
        if b2 > b1:
            pieces.append(Piece("".join(b[b1:b2]), Kind.ADDED))
    return tuple(pieces)
