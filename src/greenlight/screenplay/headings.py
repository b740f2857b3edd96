"""Scene headings: split a slugline the breakdown way, and cut a script into scenes. Pure.

``INT. HOUSE -- KITCHEN - NIGHT (1973)`` -> INT / ``HOUSE - KITCHEN`` / NIGHT / (``1973``,).
Both parsers build their scenes here, so Fountain and FDX scripts cut the same way.
"""

import re
from collections.abc import Sequence
from functools import lru_cache

from greenlight.screenplay.model import Element, ElementType, Heading, Scene

# A natural Fountain heading starts with one of these, then a dot or a space (spec list plus
# the reversed and abbreviated forms real scripts use: EXT/INT, E/I, I./E.).
HEADING_START = re.compile(
    r"(?:(?:INT|EXT)\.?\s?/\s?(?:INT|EXT)|I\.?/E|E\.?/I|INT|EXT|EST)(?:\.|\s)", re.IGNORECASE
)

# The same prefixes, with the long forms, for splitting; the group decides INT/EXT.
_PREFIX = re.compile(
    r"(?P<prefix>(?:INT|EXT)\.?\s*/\s*(?:INT|EXT)|I\.?\s*/\s*E|E\.?\s*/\s*I"
    r"|INTERIOR|EXTERIOR|ESTABLISHING|INT|EXT|EST)(?=[.\s\-–—]|$)[.\s]*",
    re.IGNORECASE,
)
# " - ", " -- ", "--" (no spaces, seen in typed scripts), en and em dashes. A single hyphen
# without spaces is part of a name (CHAMPS-ELYSEES, PRE-DAWN), never a separator.
_SEPARATOR = re.compile(r"\s+-{1,2}\s+|\s*-{2,}\s*|\s*[–—]+\s*")
_TRAILING_QUALIFIER = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*$")
_LEADING_QUALIFIER = re.compile(r"^\s*[(\[]([^()\[\]]*)[)\]]\s*")
_SCENE_NUMBER = re.compile(r"\s*#[\w.\-]+#\s*$")

KNOWN_TIMES_OF_DAY: frozenset[str] = frozenset(
    {
        "DAY",
        "NIGHT",
        "DUSK",
        "DAWN",
        "PRE-DAWN",
        "MORNING",
        "EVENING",
        "AFTERNOON",
        "NOON",
        "MIDDAY",
        "MIDNIGHT",
        "TWILIGHT",
        "DAYBREAK",
        "NIGHTFALL",
        "MAGIC HOUR",
        "GOLDEN HOUR",
        "FIRST LIGHT",
        "SUNSET",
        "SUNRISE",
        "EARLY MORNING",
        "LATE AFTERNOON",
        "LATE NIGHT",
        "CONTINUOUS",
        "LATER",
        "MOMENTS LATER",
        "SAME",
        "SAME TIME",
        "SIMULTANEOUS",
        "ANOTHER DAY",
        "NEXT DAY",
        "NEXT MORNING",
        "DAY TO NIGHT",
        "NIGHT TO DAY",
    }
)
# A last segment ending in one of these words reads as a time too ("A FEW MINUTES LATER",
# "THE NEXT MORNING"); more words than _MAX_TIME_WORDS read as a place.
_TIME_WORDS = frozenset(time.split()[-1] for time in KNOWN_TIMES_OF_DAY)
_MAX_TIME_WORDS = 4
# Segments that qualify a scene rather than place it: kept as modifiers, the time is before.
_QUALIFIER_SEGMENTS = frozenset(
    {"FLASHBACK", "FLASH FORWARD", "DREAM", "DREAM SEQUENCE", "FANTASY", "ESTABLISHING"}
)


@lru_cache(maxsize=4096)  # scripts repeat their headings; Heading is immutable, so share it
def split_heading(text: str) -> Heading:
    """Split a scene heading into INT/EXT, location, time of day and trailing qualifiers."""
    rest = _SCENE_NUMBER.sub("", " ".join(text.split()).upper())
    int_ext, rest = _split_prefix(rest)
    rest, modifiers = _strip_qualifiers(rest)
    segments = [part for part in _SEPARATOR.split(rest) if part]
    time_of_day: str | None = None
    trailing: list[str] = []
    while len(segments) > 1 and segments[-1] in _QUALIFIER_SEGMENTS:
        trailing.insert(0, segments.pop())
    if len(segments) > 1:
        time_of_day, extra = _time_of_day(segments[-1])
        if time_of_day is not None:
            segments.pop()
            trailing = extra + trailing
    location = " - ".join(segment.strip() for segment in segments)
    return Heading(int_ext, location, time_of_day, tuple(trailing) + modifiers)


def _split_prefix(text: str) -> tuple[str | None, str]:
    match = _PREFIX.match(text)
    if match is None:
        return None, text
    prefix = re.sub(r"[\s.]", "", match["prefix"])
    rest = text[match.end() :].lstrip(" -–—.")
    if "/" in prefix:
        return "INT/EXT", rest
    if prefix.startswith("INT"):
        return "INT", rest
    if prefix.startswith("EXT"):
        return "EXT", rest
    return None, rest  # EST / ESTABLISHING: a shot of a place, neither inside nor outside


def _strip_qualifiers(text: str) -> tuple[str, tuple[str, ...]]:
    """``HOUSE - NIGHT (1973) [FLASHBACK]`` -> ``HOUSE - NIGHT``, (``1973``, ``FLASHBACK``)."""
    found: list[str] = []
    match = _TRAILING_QUALIFIER.search(text)
    while match is not None and match.start() > 0:
        found.insert(0, match[1].strip())
        text = text[: match.start()]
        match = _TRAILING_QUALIFIER.search(text)
    return text.strip(), tuple(value for value in found if value)


def _time_of_day(segment: str) -> tuple[str | None, list[str]]:
    """The time in a last segment, plus qualifiers around it: ``(PRESENT) DAY / DRIVING``."""
    extra: list[str] = []
    leading = _LEADING_QUALIFIER.match(segment)
    if leading is not None:
        extra.append(leading[1].strip())
        segment = segment[leading.end() :]
    parts = [part.strip() for part in segment.split("/")]
    if all(_is_time(part) for part in parts):
        return "/".join(parts), extra
    if _is_time(parts[0]):
        return parts[0], extra + parts[1:]
    return None, []


def _is_time(text: str) -> bool:
    words = text.split()
    if not words:
        return False
    if " ".join(words) in KNOWN_TIMES_OF_DAY:
        return True
    return len(words) <= _MAX_TIME_WORDS and words[-1] in _TIME_WORDS


def build_scenes(elements: Sequence[Element]) -> list[Scene]:
    """Cut elements into scenes: each heading up to the next; anything before is in none.

    A synopsis directly under a heading becomes the scene's synopsis (several are joined).
    """
    heading, synopsis = ElementType.SCENE_HEADING, ElementType.SYNOPSIS  # hoisted: hot loop
    scenes: list[Scene] = []
    for element in elements:
        if element.type is heading:
            scenes.append(
                Scene(
                    index=len(scenes),
                    number=element.scene_number,
                    heading=" ".join(element.text.split()).upper(),
                    parsed=split_heading(element.text),
                    line=element.line,
                    elements=[element],
                )
            )
        elif scenes:
            scene = scenes[-1]
            if element.type is synopsis and all(
                item.type in (heading, synopsis) for item in scene.elements
            ):
                scene.synopsis = (
                    f"{scene.synopsis}\n{element.text}" if scene.synopsis else element.text
                )
            scene.elements.append(element)
    return scenes
