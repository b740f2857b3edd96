"""Stripboard rules: strip colours, where a heading's place and time put a scene, and how a
board of strips falls into shoot days. Pure."""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")

# Times of day shot at night. Dusk and dawn are shot in their own short windows of a day or
# night shoot; they count as day work here and keep their own colour on the board.
NIGHT_TIMES = frozenset({"NIGHT", "EVENING", "LATE NIGHT", "MIDNIGHT", "LATER NIGHT"})
MAGIC_HOUR = frozenset({"DAWN", "DUSK", "SUNSET", "SUNRISE", "MAGIC HOUR", "TWILIGHT"})


# Times that continue the scene before: shot in the same light as it.
CONTINUING_TIMES = frozenset(
    {"CONTINUOUS", "SAME", "SAME TIME", "LATER", "MOMENTS LATER", "A MOMENT LATER", "CONT'D"}
)


def shooting_times(times: Sequence[str]) -> list[str]:
    """The light each scene is shot in, in script order: ``CONTINUOUS`` (and ``LATER``, or no
    time at all) takes the time of the scene before it."""
    resolved: list[str] = []
    previous = ""
    for time in times:
        text = time.strip().upper()
        if text and text not in CONTINUING_TIMES:
            previous = text
        resolved.append(previous if not text or text in CONTINUING_TIMES else text)
    return resolved


class StripColour(StrEnum):
    """The industry convention; the value is a CSS class suffix."""

    INT_DAY = "int-day"  # white
    EXT_DAY = "ext-day"  # yellow
    INT_NIGHT = "int-night"  # blue
    EXT_NIGHT = "ext-night"  # green
    MAGIC_HOUR = "magic"  # pink: dawn, dusk


def is_exterior(int_ext: str) -> bool:
    """``EXT``, ``I/E`` and ``EXT/INT`` are (at least partly) outside, weather-exposed."""
    text = int_ext.upper()
    return "EXT" in text or "E/I" in text or "I/E" in text


def is_night(time_of_day: str) -> bool:
    return time_of_day.strip().upper() in NIGHT_TIMES


def strip_colour(int_ext: str, time_of_day: str) -> StripColour:
    time = time_of_day.strip().upper()
    if time in MAGIC_HOUR:
        return StripColour.MAGIC_HOUR
    night = time in NIGHT_TIMES
    if is_exterior(int_ext):
        return StripColour.EXT_NIGHT if night else StripColour.EXT_DAY
    return StripColour.INT_NIGHT if night else StripColour.INT_DAY


def site_of(location: str) -> str:
    """The physical place of a set: ``"HOUSE - KITCHEN"`` is shot at ``"HOUSE"``."""
    head = location.split(" - ", 1)[0].strip()
    return head or location.strip()


@dataclass(frozen=True)
class Day(Generic[T]):
    """One shoot day of a board: its strips in order (banners included) and its number."""

    number: int
    items: tuple[T, ...]


def split_days(items: Sequence[T], is_break: Sequence[bool]) -> tuple[list[Day[T]], list[T]]:
    """Board rows -> shoot days, plus rows after the last day break (an unfinished day).

    ``is_break[i]`` says whether ``items[i]`` is a day break. A day break closes the day
    before it; two breaks in a row make an empty day, which the board shows as a warning.
    """
    if len(items) != len(is_break):
        raise ValueError("items and is_break differ in length")
    days: list[Day[T]] = []
    current: list[T] = []
    for item, closes in zip(items, is_break, strict=True):
        if closes:
            days.append(Day(len(days) + 1, tuple(current)))
            current = []
        else:
            current.append(item)
    return days, current
