"""The call sheet: everything the unit needs to know about one shoot day, as plain data. Pure.

Services fill a :class:`CallSheet` from the schedule, the day out of days, people and locations,
plus the free text a producer types (weather, department notes); :mod:`.callsheet_pdf` prints it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from greenlight.core.eighths import format_eighths

from .dood import Code, Dood


@dataclass(frozen=True)
class SceneLine:
    """A scene to shoot: number, set, D/N, length in eighths, cast numbers and location."""

    number: str
    heading: str
    day_night: str
    eighths: int
    cast: tuple[str, ...] = ()
    location: str = ""

    @property
    def pages(self) -> str:
        """The length written the breakdown way, e.g. ``"1 3/8"``."""
        return format_eighths(self.eighths)


@dataclass(frozen=True)
class CastCall:
    """One performer's calls; ``status`` is the day's DOOD code (SW, W, H...)."""

    number: str
    character: str
    performer: str
    status: str
    on_set: time | None
    makeup: time | None = None
    pickup: time | None = None
    remarks: str = ""


@dataclass(frozen=True)
class LocationInfo:
    name: str
    address: str
    parking: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Hospital:
    name: str
    address: str
    phone: str


@dataclass(frozen=True)
class Weather:
    """The producer's forecast, as typed, with sunrise and sunset when known."""

    text: str
    sunrise: time | None = None
    sunset: time | None = None


@dataclass(frozen=True)
class DepartmentNote:
    department: str
    text: str


@dataclass(frozen=True)
class Contact:
    role: str
    name: str
    phone: str


@dataclass(frozen=True)
class AdvanceDay:
    """The next shoot day, so departments can prepare."""

    date: date
    label: str  # e.g. "Day 4 of 24"
    scenes: tuple[SceneLine, ...] = ()


@dataclass(frozen=True)
class CallSheet:
    production: str
    day_number: int
    total_days: int
    date: date
    crew_call: time
    shooting_call: time
    estimated_wrap: time | None = None
    scenes: tuple[SceneLine, ...] = ()
    cast: tuple[CastCall, ...] = ()
    locations: tuple[LocationInfo, ...] = ()
    hospital: Hospital | None = None
    weather: Weather | None = None
    notes: tuple[DepartmentNote, ...] = ()
    advance: AdvanceDay | None = None
    contacts: tuple[Contact, ...] = ()

    def __post_init__(self) -> None:
        if not 1 <= self.day_number <= self.total_days:
            raise ValueError(
                f"a call sheet is for day 1 to {self.total_days}, not day {self.day_number}"
            )

    @property
    def day_label(self) -> str:
        """``"Day 3 of 24"``."""
        return f"Day {self.day_number} of {self.total_days}"

    @property
    def total_pages(self) -> str:
        """The day's scenes added up, written the breakdown way."""
        return format_eighths(sum(scene.eighths for scene in self.scenes))


@dataclass(frozen=True)
class CallTimes:
    pickup: time
    makeup: time
    on_set: time


def cast_calls(on_set: time, makeup_minutes: int, travel_minutes: int) -> CallTimes:
    """Make-up and pick-up times counted back from the time a performer must be on set."""
    if makeup_minutes < 0 or travel_minutes < 0:
        raise ValueError("make-up and travel minutes cannot be negative")
    # Any date will do: only the time of day is wanted, and crossing midnight is caught below.
    ready = datetime.combine(date(2000, 1, 2), on_set)
    makeup = ready - timedelta(minutes=makeup_minutes)
    pickup = makeup - timedelta(minutes=travel_minutes)
    if pickup.date() != ready.date():
        raise ValueError(
            f"on set at {on_set:%H:%M} after {makeup_minutes} min of make-up and "
            f"{travel_minutes} min of travel means a pick-up before midnight, on the day before"
        )
    return CallTimes(pickup.time(), makeup.time(), on_set)


def status_on(dood: Dood, key: str, day: date) -> Code:
    """Element ``key``'s DOOD code on ``day`` (blank when the day is not in the grid)."""
    row = dood.row(key)
    for column, code in zip(dood.columns, row.codes, strict=True):
        if column.date == day:
            return code
    return Code.OFF
