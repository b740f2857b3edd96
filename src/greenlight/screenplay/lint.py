"""Standards lint: a script checked against the project's rules, each finding with scene and line.

Pure. Every threshold is a :class:`LintRules` field so a project can set its own standards.
"""

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from .cast import cast_list
from .headings import KNOWN_TIMES_OF_DAY
from .model import Element, ElementType, Scene, Screenplay, character_identity

_SPEECH = frozenset({ElementType.DIALOGUE, ElementType.PARENTHETICAL})
_SPEAKERS = frozenset({ElementType.CHARACTER, ElementType.DIALOGUE, ElementType.PARENTHETICAL})
_NUMBER = re.compile(r"^([A-Z]*)(\d+)([A-Z]*)$")


class Rule(StrEnum):
    HEADING = "heading"
    TIME_OF_DAY = "time_of_day"
    LOCATION_SPELLING = "location_spelling"
    CHARACTER_SPELLING = "character_spelling"
    NO_SPEAKER = "no_speaker"
    PAGE_COUNT = "page_count"
    RESTRICTED_WORD = "restricted_word"
    NUMBERING = "numbering"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class LintRules:
    page_range: tuple[int, int] | None = None  # e.g. (90, 120) for a feature
    times_of_day: frozenset[str] = KNOWN_TIMES_OF_DAY
    restricted_words: frozenset[str] = frozenset()
    locked: bool = False  # a locked script must be numbered without gaps or duplicates
    confirmed_aliases: frozenset[tuple[str, str]] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Finding:
    rule: Rule
    severity: Severity
    message: str
    scene_index: int | None = None
    scene_number: str | None = None
    line: int | None = None


def lint(screenplay: Screenplay, page_count: int, rules: LintRules) -> list[Finding]:
    """Every finding, in script order (script-wide ones first)."""
    findings = list(_page_count(page_count, rules))
    findings += _headings(screenplay.scenes, rules)
    findings += _locations(screenplay.scenes)
    findings += _characters(screenplay, rules)
    findings += _speakers(screenplay)
    findings += _restricted(screenplay, rules)
    if rules.locked:
        findings += _numbering(screenplay.scenes)
    return sorted(findings, key=lambda f: (f.line is not None, f.line or 0, f.rule))


def _at(
    scene: Scene, rule: Rule, severity: Severity, message: str, line: int | None = None
) -> Finding:
    return Finding(rule, severity, message, scene.index, scene.number, line or scene.line)


def _page_count(page_count: int, rules: LintRules) -> Iterator[Finding]:
    if rules.page_range is None:
        return
    low, high = rules.page_range
    if not low <= page_count <= high:
        yield Finding(
            Rule.PAGE_COUNT,
            Severity.WARNING,
            f"The script runs {page_count} pages; the project's target is {low}-{high}.",
        )


def _headings(scenes: list[Scene], rules: LintRules) -> Iterator[Finding]:
    for scene in scenes:
        parsed = scene.parsed
        if parsed.int_ext is None:
            yield _at(
                scene,
                Rule.HEADING,
                Severity.WARNING,
                f"'{scene.heading}' does not start with INT. or EXT.",
            )
        if not parsed.location:
            yield _at(scene, Rule.HEADING, Severity.ERROR, f"'{scene.heading}' names no location.")
        time = parsed.time_of_day or _last_segment(parsed.location)
        if time is None:
            yield _at(
                scene, Rule.TIME_OF_DAY, Severity.WARNING, f"'{scene.heading}' has no time of day."
            )
        elif time not in rules.times_of_day:
            yield _at(
                scene,
                Rule.TIME_OF_DAY,
                Severity.WARNING,
                f"'{scene.heading}' ends in '{time}', not a time of day the project allows.",
            )


_SEPARATOR = re.compile(r"\s+-{1,2}\s+|--|\s*[–—]\s*")


def _last_segment(location: str) -> str | None:
    """``KITCHEN - BREAKFAST``: the splitter kept an unknown time word in the location."""
    parts = _SEPARATOR.split(location)
    return parts[-1].strip() or None if len(parts) > 1 else None


def _squash(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def _locations(scenes: list[Scene]) -> Iterator[Finding]:
    """The same place spelled two ways (``JOHN'S HOUSE``, ``JOHNS HOUSE``)."""
    first: dict[str, Scene] = {}
    for scene in scenes:
        first.setdefault(scene.parsed.location, scene)
    spellings = list(first)
    for a, b in _near_pairs(spellings, _squash):
        yield _at(
            first[b],
            Rule.LOCATION_SPELLING,
            Severity.WARNING,
            f"Location '{b}' looks like '{a}' (scene {first[a].number or first[a].index + 1}).",
        )


def _characters(screenplay: Screenplay, rules: LintRules) -> Iterator[Finding]:
    names = [member.name for member in cast_list(screenplay)]
    first_cue = _first_cues(screenplay)
    for a, b in _near_pairs(names, lambda name: name):
        if (a, b) in rules.confirmed_aliases or (b, a) in rules.confirmed_aliases:
            continue
        rarer = b if names.index(b) > names.index(a) else a
        other = a if rarer == b else b
        scene, line = first_cue.get(rarer, (None, None))
        yield Finding(
            Rule.CHARACTER_SPELLING,
            Severity.WARNING,
            f"Character '{rarer}' differs only slightly from '{other}': a typo?",
            scene.index if scene else None,
            scene.number if scene else None,
            line,
        )


def _first_cues(screenplay: Screenplay) -> dict[str, tuple[Scene, int]]:
    found: dict[str, tuple[Scene, int]] = {}
    for scene in screenplay.scenes:
        for element in scene.elements:
            if element.type == ElementType.CHARACTER:
                found.setdefault(character_identity(element.text), (scene, element.line))
    return found


def _near_pairs(values: list[str], key: Callable[[str], str]) -> Iterator[tuple[str, str]]:
    """Pairs that differ by one edit (two for long values), ignoring numbered variants."""
    keyed = [(value, key(value)) for value in values]
    position = {value: index for index, value in enumerate(values)}
    by_length: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for value, k in keyed:
        by_length[len(k)].append((value, k))
    for index, (a, ka) in enumerate(keyed):
        for length in range(len(ka) - 2, len(ka) + 3):
            for b, kb in by_length.get(length, []):
                # GUARD 1/GUARD 2 are two people; MAN'S VOICE/WOMAN'S VOICE too (one contains
                # the other): neither is a typo.
                if position[b] <= index or _numbered_variants(ka, kb) or _contains(ka, kb):
                    continue
                limit = 2 if min(len(ka), len(kb)) >= 9 else 1
                if len(ka) >= 4 and (ka == kb or _distance(ka, kb, limit) <= limit):
                    yield a, b


def _contains(a: str, b: str) -> bool:
    return a != b and (a in b or b in a)


def _numbered_variants(a: str, b: str) -> bool:
    """``GUARD 1`` and ``GUARD 2`` are two people, not a typo."""
    return re.sub(r"\d+", "#", a) == re.sub(r"\d+", "#", b) and a != b


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (transpositions count once), stopping past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _speakers(screenplay: Screenplay) -> Iterator[Finding]:
    before: ElementType | None = None
    scene_of = _scene_lookup(screenplay.scenes)
    for element in screenplay.elements:
        if element.type in _SPEECH and before not in _SPEAKERS:
            scene = scene_of(element.line)
            yield Finding(
                Rule.NO_SPEAKER,
                Severity.ERROR,
                f"Dialogue with no character cue before it: '{element.text[:40]}'.",
                scene.index if scene else None,
                scene.number if scene else None,
                element.line,
            )
        if element.type not in {ElementType.SECTION, ElementType.SYNOPSIS}:
            before = element.type


def _scene_lookup(scenes: list[Scene]) -> Callable[[int], Scene | None]:
    """The scene a source line belongs to (scenes are in line order)."""
    starts = [scene.line for scene in scenes]

    def find(line: int) -> Scene | None:
        position = bisect.bisect_right(starts, line) - 1
        return scenes[position] if position >= 0 else None

    return find


def _restricted(screenplay: Screenplay, rules: LintRules) -> Iterator[Finding]:
    if not rules.restricted_words:
        return
    alternatives = "|".join(
        re.escape(w) for w in sorted(rules.restricted_words, key=len, reverse=True)
    )
    pattern = re.compile(rf"\b({alternatives})\b", re.IGNORECASE)
    for scene in screenplay.scenes:
        for element in _printed(scene.elements):
            for match in pattern.finditer(element.text):
                yield _at(
                    scene,
                    Rule.RESTRICTED_WORD,
                    Severity.ERROR,
                    f"Restricted word '{match.group(0)}'.",
                    element.line,
                )


def _printed(elements: Iterable[Element]) -> Iterator[Element]:
    return (e for e in elements if e.type not in {ElementType.SECTION, ElementType.SYNOPSIS})


def _numbering(scenes: list[Scene]) -> Iterator[Finding]:
    seen: dict[str, Scene] = {}
    numbers: list[int] = []
    for scene in scenes:
        if not scene.number:
            yield _at(
                scene,
                Rule.NUMBERING,
                Severity.ERROR,
                f"Scene '{scene.heading}' has no number in a locked script.",
            )
            continue
        if scene.number in seen:
            yield _at(
                scene, Rule.NUMBERING, Severity.ERROR, f"Scene number {scene.number} is used twice."
            )
        seen[scene.number] = scene
        match = _NUMBER.match(scene.number.upper())
        if match and not match.group(1) and not match.group(3):
            numbers.append(int(match.group(2)))
    yield from _gaps(numbers, scenes)


def _gaps(numbers: list[int], scenes: list[Scene]) -> Iterator[Finding]:
    present = set(numbers)
    for missing in range(min(present, default=1), max(present, default=0) + 1):
        if missing not in present:
            after = next(
                (s for s in scenes if s.number and s.number.isdigit() and int(s.number) > missing),
                None,
            )
            target = after or scenes[-1]
            yield _at(
                target,
                Rule.NUMBERING,
                Severity.WARNING,
                f"Scene {missing} is missing from the numbering (mark it OMITTED).",
            )
