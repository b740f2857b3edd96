"""Call sheet actions: the day's document from the board, the day out of days and the producer's
entries; editing those entries. Sending them with personal links is in ``call_links``.

A call sheet row is made on the first edit or send; until then every entry is its default
(crew call from the schedule's day or night call, shooting call an hour later, wrap estimated
from the board). Only a digest of each personal link is stored.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q

from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import can, require
from greenlight.core.errors import Conflict, InvalidInput, NotFound

from . import callsheet as doc
from .board import DayView, StripRow, read_board
from .dood import CODE_MEANINGS, WORK_CODES, Code
from .dood_data import ScheduleDood, dood_for
from .models import CallSheet, CallSheetRecipient, CastMember, Location, Schedule

ON_CALL = WORK_CODES | {Code.H}  # cast who are sent the day's call sheet
LISTED = ON_CALL | {Code.T, Code.R, Code.F}  # cast shown on it
TO_BE_CONFIRMED = "address to be confirmed"
_PHONE = re.compile(r"\+?[\d][\d\s().-]{4,}")
# Key contacts in the order a call sheet lists them, matched on the person's position.
KEY_POSITIONS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^director$",
        r"\bproducer\b",
        r"\bunit production manager\b|\bupm\b|^production manager$",
        r"\b(1st|first) (ad|assistant director)\b",
        r"\b(2nd|second) (ad|assistant director)\b",
        r"\blocation manager\b",
        r"\bproduction coordinator\b",
        r"\bdirector of photography\b|\bdop\b|\bdp\b",
        r"\b(set )?medic\b|\bnurse\b|\bsafety\b",
    )
)
TIME_FIELDS = ("crew_call", "shooting_call", "estimated_wrap", "sunrise", "sunset")


# --- the document ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DayTimes:
    crew_call: time
    shooting_call: time
    estimated_wrap: time | None


@dataclass(frozen=True)
class CallSheetPage:
    """One shoot day's call sheet: the document, the day behind it and the stored entries."""

    schedule: Schedule
    day: DayView
    doc: doc.CallSheet
    entries: CallSheet | None
    times: DayTimes
    cast_of: dict[str, CastMember]  # cast number -> member, for the day's cast

    @property
    def version(self) -> int:
        """The version an edit form carries; a sheet never edited is at version 1."""
        return self.entries.version if self.entries else 1


def as_time(value: time | str) -> time:
    return time.fromisoformat(value) if isinstance(value, str) else value


def _plus(value: time, minutes: int) -> time:
    moved = datetime.combine(date(2000, 1, 1), value) + timedelta(minutes=minutes)
    return moved.time()


def day_times(schedule: Schedule, day: DayView, entries: CallSheet | None) -> DayTimes:
    """The day's calls: the producer's entries, else defaults from the schedule and board."""
    crew = (entries and entries.crew_call) or as_time(
        schedule.night_call if day.night else schedule.day_call
    )
    shooting = (entries and entries.shooting_call) or _plus(crew, 60)
    # The board's estimate: the scenes' shooting minutes and a company move between sites.
    moves = max(len(sites_of(day)) - 1, 0) * schedule.move_minutes
    wrap = (entries and entries.estimated_wrap) or (
        _plus(shooting, day.minutes + moves) if day.scenes else None
    )
    return DayTimes(crew, shooting, wrap)


def performer_call(
    member: CastMember, times: DayTimes, entries: CallSheet | None
) -> tuple[time, doc.CallTimes | None]:
    """A working performer's on-set time (entered, else shooting call) and the calls counted
    back from it; None when the pick-up would fall on the day before."""
    on_set = on_set_of(entries, str(member.number)) or times.shooting_call
    try:
        return on_set, doc.cast_calls(on_set, member.makeup_minutes, member.travel_minutes)
    except ValueError:
        return on_set, None


def cast_call(
    member: CastMember, code: Code, times: DayTimes, entries: CallSheet | None
) -> doc.CastCall:
    """One performer's line: calls counted back from on set on a work day, else the status."""
    number, character = str(member.number), member.element.name
    performer = member.person.name if member.person else "not cast yet"
    if code not in WORK_CODES:
        return doc.CastCall(number, character, performer, code.value, None, remarks=_remark(code))
    on_set, calls = performer_call(member, times, entries)
    if calls is None:
        return doc.CastCall(
            number, character, performer, code.value, on_set, remarks="Pick-up before midnight"
        )
    return doc.CastCall(
        number, character, performer, code.value, on_set, calls.makeup, calls.pickup
    )


def _remark(code: Code) -> str:
    return "On hold" if code == Code.H else CODE_MEANINGS.get(code, "")


def on_set_of(entries: CallSheet | None, number: str) -> time | None:
    value = ((entries.cast_calls if entries else {}) or {}).get(number, {}).get("on_set")
    return time.fromisoformat(value) if value else None


def shoot_day(view_days: list[DayView], on: date) -> DayView:
    day = next((d for d in view_days if d.date == on), None)
    if day is None:
        raise NotFound(f"{on:%a %-d %b %Y} is not a shoot day of this schedule.")
    return day


def build_page(schedule: Schedule, on: date, *, contacts: bool) -> CallSheetPage:
    """The call sheet of ``on`` (no capability check: callers check, or hold a link)."""
    dood = dood_for(schedule, with_elements=False)
    day = shoot_day(dood.view.days, on)
    entries = CallSheet.objects.filter(schedule=schedule, date=on).first()
    times = day_times(schedule, day, entries)
    cast, cast_of = _cast(dood, on, times, entries)
    locations, hospital = _locations(schedule, day)
    document = doc.CallSheet(
        production=schedule.project.title,
        day_number=day.number,
        total_days=len(dood.view.days),
        date=on,
        crew_call=times.crew_call,
        shooting_call=times.shooting_call,
        estimated_wrap=times.estimated_wrap,
        scenes=_scene_lines(day),
        cast=cast,
        locations=locations,
        hospital=hospital,
        weather=_weather(entries),
        notes=_notes(schedule, entries),
        advance=_advance(dood.view.days, day),
        contacts=_contacts(schedule) if contacts else (),
    )
    return CallSheetPage(schedule, day, document, entries, times, cast_of)


def call_sheet(actor: Any, schedule: Schedule, on: date) -> CallSheetPage:
    """The call sheet a member sees; phone numbers only with the contacts capability."""
    require(actor, schedule.project, Capability.VIEW_SCHEDULE)
    contacts = can(actor, schedule.project, Capability.VIEW_CONTACTS)
    return build_page(schedule, on, contacts=contacts)


def _cast(
    dood: ScheduleDood, on: date, times: DayTimes, entries: CallSheet | None
) -> tuple[tuple[doc.CastCall, ...], dict[str, CastMember]]:
    calls, members = [], {}
    for key, member in sorted(dood.cast.items(), key=lambda item: item[1].number):
        code = doc.status_on(dood.dood, key, on)
        if code in LISTED:
            calls.append(cast_call(member, code, times, entries))
            members[str(member.number)] = member
    return tuple(calls), members


def scene_line(row: StripRow) -> doc.SceneLine:
    return doc.SceneLine(
        number=row.number,
        heading=row.heading,
        day_night="N" if row.night else "D",
        eighths=row.eighths,
        cast=tuple(str(n) for n in row.cast),
        location=row.site,
    )


def _scene_lines(day: DayView) -> tuple[doc.SceneLine, ...]:
    return tuple(scene_line(s) for s in day.scenes)


def sites_of(day: DayView) -> list[str]:
    return list(dict.fromkeys(s.site for s in day.scenes if s.site))


def locations_by_site(schedule: Schedule) -> dict[str, Location]:
    return {loc.name.strip().upper(): loc for loc in schedule.project.locations.all()}


def _locations(
    schedule: Schedule, day: DayView
) -> tuple[tuple[doc.LocationInfo, ...], doc.Hospital | None]:
    known = locations_by_site(schedule)
    places, hospital = [], None
    for site in sites_of(day):
        found = known.get(site.strip().upper())
        if found is None:
            places.append(doc.LocationInfo(site, TO_BE_CONFIRMED))
            continue
        address = found.address or TO_BE_CONFIRMED
        places.append(doc.LocationInfo(found.name, address, found.parking, found.notes))
        hospital = hospital or hospital_from(found.hospital)
    return tuple(places), hospital


def hospital_from(text: str) -> doc.Hospital | None:
    """``"St Mary's, Praed St, London W2, 020 3312 6666"`` -> name, address and phone."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return None
    phone = parts.pop() if len(parts) > 1 and _PHONE.fullmatch(parts[-1]) else ""
    return doc.Hospital(parts[0], ", ".join(parts[1:]), phone)


def _weather(entries: CallSheet | None) -> doc.Weather | None:
    if entries is None or not (entries.weather or entries.sunrise or entries.sunset):
        return None
    return doc.Weather(entries.weather, entries.sunrise, entries.sunset)


def _notes(schedule: Schedule, entries: CallSheet | None) -> tuple[doc.DepartmentNote, ...]:
    if entries is None:
        return ()
    notes = [doc.DepartmentNote("General", entries.notes.strip())] if entries.notes.strip() else []
    texts = entries.department_notes or {}
    for department in schedule.project.departments.all():
        text = str(texts.get(department.code, "")).strip()
        if text:
            notes.append(doc.DepartmentNote(department.name, text))
    return tuple(notes)


def _advance(days: list[DayView], day: DayView) -> doc.AdvanceDay | None:
    later = next((d for d in days if d.number > day.number and d.date is not None), None)
    if later is None or later.date is None:
        return None
    label = f"Day {later.number} of {len(days)}"
    return doc.AdvanceDay(later.date, label, _scene_lines(later))


def _contacts(schedule: Schedule) -> tuple[doc.Contact, ...]:
    """People in key positions who have a phone, in the usual call sheet order."""
    people = schedule.project.people.exclude(phone="").exclude(position="")
    ranked = []
    for person in people:
        rank = next((i for i, p in enumerate(KEY_POSITIONS) if p.search(person.position)), None)
        if rank is not None:
            ranked.append((rank, person.name, person.pk, person))
    return tuple(doc.Contact(p.position, p.name, p.phone) for *_, p in sorted(ranked))


# --- the list of days ------------------------------------------------------------------------


@dataclass(frozen=True)
class DaySummary:
    number: int
    date: date
    scenes: int
    pages: str
    night: bool
    sent: int = 0
    opened: int = 0
    confirmed: int = 0


def call_sheet_days(actor: Any, schedule: Schedule) -> tuple[list[DaySummary], int]:
    """Every dated shoot day with its size and how its recipients responded; and the day count."""
    require(actor, schedule.project, Capability.VIEW_SCHEDULE)
    view = read_board(schedule)
    counts = {
        row["call_sheet__date"]: row
        for row in CallSheetRecipient.objects.filter(call_sheet__schedule=schedule)
        .values("call_sheet__date")
        .annotate(
            sent=Count("pk"),
            opened=Count("pk", filter=Q(opened_at__isnull=False)),
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
        )
    }
    days = []
    for day in view.days:
        if day.date is None:
            continue
        seen = {k: v for k, v in counts.get(day.date, {}).items() if k != "call_sheet__date"}
        days.append(DaySummary(day.number, day.date, len(day.scenes), day.pages, day.night, **seen))
    return days, len(view.days)


# --- editing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entries:
    """What a producer types on a call sheet; a blank time means "use the default"."""

    crew_call: time | None = None
    shooting_call: time | None = None
    estimated_wrap: time | None = None
    weather: str = ""
    sunrise: time | None = None
    sunset: time | None = None
    notes: str = ""
    department_notes: Mapping[str, str] = field(default_factory=dict)  # department code -> text
    on_set: Mapping[str, time | None] = field(default_factory=dict)  # cast number -> on set


def edit_call_sheet(
    actor: Any, schedule: Schedule, on: date, entries: Entries, *, version: int
) -> CallSheet:
    """Save the producer's entries for ``on``; a stale ``version`` changes nothing."""
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    page = build_page(schedule, on, contacts=False)
    _check_entries(schedule, page, entries)
    with transaction.atomic():
        CallSheet.objects.get_or_create(schedule=schedule, date=on)
        row = CallSheet.objects.select_for_update().get(schedule=schedule, date=on)
        if row.version != version:
            raise Conflict(
                f"The call sheet for {on:%a %-d %b} was changed by someone else (version "
                f"{row.version}, you edited version {version}). Reload; nothing was saved."
            )
        for name in TIME_FIELDS:
            setattr(row, name, getattr(entries, name))
        row.weather, row.notes = entries.weather.strip(), entries.notes.strip()
        row.department_notes = {k: v.strip() for k, v in entries.department_notes.items() if v}
        row.cast_calls = {n: {"on_set": f"{t:%H:%M}"} for n, t in entries.on_set.items() if t}
        row.version += 1
        _save(row, actor)
    return row


def _check_entries(schedule: Schedule, page: CallSheetPage, entries: Entries) -> None:
    errors: dict[str, list[str]] = {}
    codes = set(schedule.project.departments.values_list("code", flat=True))
    for code in set(entries.department_notes) - codes:
        errors[f"department_{code}"] = [f"No department {code} on {schedule.project}."]
    for number, on_set in entries.on_set.items():
        member = page.cast_of.get(number)
        if member is None:
            errors[f"on_set_{number}"] = [f"Cast {number} is not on this day's call sheet."]
        elif on_set is not None:
            try:
                doc.cast_calls(on_set, member.makeup_minutes, member.travel_minutes)
            except ValueError as error:
                errors[f"on_set_{number}"] = [str(error)]
    if errors:
        raise InvalidInput(errors)


def _save(row: CallSheet, actor: Any) -> None:
    try:
        row.full_clean(exclude=["schedule", "department_notes", "cast_calls"])
    except ValidationError as error:
        raise InvalidInput(
            {k: [str(m) for m in v] for k, v in error.message_dict.items()}
        ) from None
    row._history_user = actor  # type: ignore[attr-defined]
    row.save()
