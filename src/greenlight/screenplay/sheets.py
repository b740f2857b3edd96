"""Breakdown sheets and strips: what a scene's sheet shows, strip colours, cast numbers. Pure.

Strip colours follow the stripboard convention: INT DAY white, EXT DAY yellow, INT NIGHT
blue, EXT NIGHT green. CONTINUOUS, LATER and the like take the previous scene's day or night.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from greenlight.core.eighths import format_eighths

_NIGHT = frozenset(
    {"NIGHT", "EVENING", "DUSK", "MIDNIGHT", "LATE NIGHT", "PRE-DAWN", "NIGHTFALL", "TWILIGHT"}
)
_DAY = frozenset(
    {
        "DAY",
        "MORNING",
        "AFTERNOON",
        "NOON",
        "MIDDAY",
        "DAWN",
        "DAYBREAK",
        "SUNRISE",
        "SUNSET",
        "MAGIC HOUR",
        "GOLDEN HOUR",
        "FIRST LIGHT",
        "EARLY MORNING",
        "LATE AFTERNOON",
        "NEXT DAY",
        "NEXT MORNING",
        "ANOTHER DAY",
    }
)
_CARRIED = frozenset({"CONTINUOUS", "LATER", "MOMENTS LATER", "SAME", "SAME TIME", "SIMULTANEOUS"})


class Strip(StrEnum):
    INT_DAY = "int-day"
    EXT_DAY = "ext-day"
    INT_NIGHT = "int-night"
    EXT_NIGHT = "ext-night"
    OTHER = "other"  # no INT/EXT or no readable time of day


STRIP_LABELS = {
    Strip.INT_DAY: "INT day (white)",
    Strip.EXT_DAY: "EXT day (yellow)",
    Strip.INT_NIGHT: "INT night (blue)",
    Strip.EXT_NIGHT: "EXT night (green)",
    Strip.OTHER: "Other (grey)",
}


def period(time_of_day: str, previous: str | None) -> str | None:
    """``"day"``, ``"night"`` or None; a carried time (CONTINUOUS) takes ``previous``."""
    time = time_of_day.upper().strip()
    words = time.split("/")[0].strip()
    if words in _NIGHT or time.endswith("NIGHT"):
        return "night"
    if words in _DAY or words.endswith(("DAY", "MORNING", "AFTERNOON")):
        return "day"
    if words in _CARRIED or words.endswith("LATER"):
        return previous
    return None


def strips(scenes: Sequence[tuple[str, str]]) -> list[Strip]:
    """The strip of each (int_ext, time_of_day) in script order."""
    result = []
    previous: str | None = None
    for int_ext, time_of_day in scenes:
        previous = period(time_of_day, previous)
        place = int_ext.split("/")[0].strip().upper()
        if previous is None or place not in {"INT", "EXT"}:
            result.append(Strip.OTHER)
        else:
            result.append(Strip(f"{place.lower()}-{previous}"))
    return result


def number_cast(scene_casts: Sequence[Sequence[str]]) -> dict[str, int]:
    """Cast-list numbers: most scenes first, then first appearance (the lead is #1)."""
    count: dict[str, int] = {}
    first: dict[str, int] = {}
    position = 0
    for cast in scene_casts:
        for name in cast:
            count[name] = count.get(name, 0) + 1
            if name not in first:
                first[name] = position
                position += 1
    ordered = sorted(count, key=lambda name: (-count[name], first[name]))
    return {name: number for number, name in enumerate(ordered, start=1)}


def ink_for(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (``#rrggbb``)."""
    try:
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        return "#000000"
    luminance = 0.299 * red + 0.587 * green + 0.114 * blue
    return "#000000" if luminance > 150 else "#ffffff"


@dataclass(frozen=True)
class SheetItem:
    name: str
    number: int | None = None  # cast-list number, for cast members

    @property
    def label(self) -> str:
        return f"{self.number}. {self.name}" if self.number else self.name


@dataclass(frozen=True)
class SheetCategory:
    name: str
    colour: str
    items: tuple[SheetItem, ...]

    @property
    def ink(self) -> str:
        return ink_for(self.colour)


@dataclass(frozen=True)
class Sheet:
    """One scene's breakdown sheet."""

    production: str
    script: str
    draft: str
    scene_number: str
    heading: str
    int_ext: str
    time_of_day: str
    location: str
    page: int
    eighths: int
    synopsis: str
    strip: Strip
    categories: tuple[SheetCategory, ...]

    @property
    def eighths_text(self) -> str:
        return format_eighths(self.eighths)

    @property
    def strip_label(self) -> str:
        return STRIP_LABELS[self.strip]
