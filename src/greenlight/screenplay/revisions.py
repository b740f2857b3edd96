"""Matching a new draft's scenes to the previous draft's, revision colours, A/B numbering. Pure.

A locked script keeps its scene numbers, so scenes match by number. Otherwise the order of
headings is aligned first (difflib on the heading sequence), then leftover scenes pair up by
heading and content similarity, so a moved or re-headed scene still keeps its breakdown tags.
"""

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

# WGA order; a production that runs past cherry starts again with "second" colours.
REVISION_COLOURS: tuple[tuple[str, str], ...] = (
    ("White", "#ffffff"),
    ("Blue", "#cfe3ff"),
    ("Pink", "#ffd6e7"),
    ("Yellow", "#fff6b3"),
    ("Green", "#d4f5d4"),
    ("Goldenrod", "#f5d76e"),
    ("Buff", "#f0dcb4"),
    ("Salmon", "#ffb8a1"),
    ("Cherry", "#e8506e"),
)
SIMILAR_ENOUGH = 0.55  # below this, an unmatched scene is new rather than rewritten


def revision_colour(revision: int) -> tuple[str, str]:
    """Name and hex of the colour for revision ``revision`` (0 = the white original).

    After cherry the cycle starts again at blue ("Second Blue"); white is never reused.
    """
    if revision == 0:
        return REVISION_COLOURS[0]
    cycle, position = divmod(revision - 1, len(REVISION_COLOURS) - 1)
    name, colour = REVISION_COLOURS[position + 1]
    if cycle == 0:
        return name, colour
    ordinal = {1: "Second", 2: "Third"}.get(cycle, f"{cycle + 1}th")
    return f"{ordinal} {name}", colour


@dataclass(frozen=True)
class SceneText:
    """What matching needs of a scene: its number, heading and printed text."""

    number: str | None
    heading: str
    body: str


class Change(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    OMITTED = "omitted"


@dataclass(frozen=True)
class SceneMatch:
    old: int | None  # index in the old draft
    new: int | None  # index in the new draft
    change: Change
    similarity: float


def match_scenes(
    old: Sequence[SceneText], new: Sequence[SceneText], *, locked: bool
) -> list[SceneMatch]:
    """Pair old and new scenes; every scene of both drafts appears in exactly one match."""
    pairs = _by_number(old, new) if locked else _by_alignment(old, new)
    pairs.update(_by_similarity(old, new, pairs))
    matched_old = set(pairs.values())
    result = [
        SceneMatch(o, n, _change(old[o], new[n]), _similarity(old[o], new[n]))
        for n, o in sorted(pairs.items())
    ]
    result += [SceneMatch(None, n, Change.ADDED, 0.0) for n in range(len(new)) if n not in pairs]
    result += [
        SceneMatch(o, None, Change.OMITTED, 0.0) for o in range(len(old)) if o not in matched_old
    ]
    return sorted(result, key=lambda m: (m.new if m.new is not None else 10**9, m.old or 0))


def _by_number(old: Sequence[SceneText], new: Sequence[SceneText]) -> dict[int, int]:
    old_numbers = {s.number: i for i, s in enumerate(old) if s.number}
    return {n: old_numbers[s.number] for n, s in enumerate(new) if s.number in old_numbers}


def _by_alignment(old: Sequence[SceneText], new: Sequence[SceneText]) -> dict[int, int]:
    matcher = difflib.SequenceMatcher(
        a=[s.heading for s in old], b=[s.heading for s in new], autojunk=False
    )
    pairs: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            o, n = block.a + k, block.b + k
            # Same heading is not enough when the text moved on entirely (two "LATER" scenes).
            if _similarity(old[o], new[n]) >= SIMILAR_ENOUGH or old[o].body == new[n].body:
                pairs[n] = o
    return pairs


def _by_similarity(
    old: Sequence[SceneText], new: Sequence[SceneText], taken: dict[int, int]
) -> dict[int, int]:
    free_old = [i for i in range(len(old)) if i not in set(taken.values())]
    candidates = []
    for n in range(len(new)):
        if n in taken:
            continue
        for o in free_old:
            score = _similarity(old[o], new[n])
            if score >= SIMILAR_ENOUGH:
                candidates.append((score, n, o))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _score, n, o in sorted(candidates, reverse=True):
        if n not in pairs and o not in used:
            pairs[n] = o
            used.add(o)
    return pairs


def _similarity(a: SceneText, b: SceneText) -> float:
    heading = difflib.SequenceMatcher(a=a.heading, b=b.heading, autojunk=False).ratio()
    body = difflib.SequenceMatcher(a=a.body, b=b.body, autojunk=False)
    body_ratio = body.quick_ratio() if max(len(a.body), len(b.body)) > 20_000 else body.ratio()
    return 0.3 * heading + 0.7 * body_ratio


def _change(a: SceneText, b: SceneText) -> Change:
    return Change.UNCHANGED if (a.heading, a.body) == (b.heading, b.body) else Change.CHANGED


_NUMBER = re.compile(r"^(?P<prefix>[A-Z]*)(?P<digits>\d+)(?P<suffix>[A-Z]*)$")


def number_inserted_scenes(numbers: Sequence[str | None]) -> list[str | None]:
    """Give each unnumbered scene of a locked script a suffixed number.

    Between 12 and 13 the inserts become 12A, 12B; before scene 1 they become A1, B1. Numbers
    already present are never changed.
    """
    result = list(numbers)
    used = {n for n in numbers if n}
    previous: str | None = None
    run = 0
    for index, number in enumerate(numbers):
        if number:
            previous, run = number, 0
            continue
        run += 1
        result[index] = _next_free(previous, numbers, index, run, used)
        used.add(result[index] or "")
    return result


def _next_free(
    previous: str | None, numbers: Sequence[str | None], index: int, run: int, used: set[str]
) -> str:
    """12 -> 12A, 12B; 12A -> 12B; before the first numbered scene N -> AN, BN."""
    if previous is None:
        following = next((n for n in numbers[index:] if n), "1")
        base = _NUMBER.match(following)
        digits = base.group("digits") if base else "1"
        candidates = [f"{chr(64 + k)}{digits}" for k in range(run, 27)]
    else:
        parts = _NUMBER.match(previous)
        stem = f"{parts.group('prefix')}{parts.group('digits')}" if parts else previous
        suffix = parts.group("suffix") if parts else ""
        first = (ord(suffix[-1]) - 64 if suffix else 0) + run
        head = stem + suffix[:-1]
        candidates = [f"{head}{chr(64 + k)}" for k in range(first, 27)]
    for candidate in candidates:
        if candidate not in used:
            return candidate
    return f"{previous or ''}-{run}"
