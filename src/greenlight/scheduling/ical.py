"""Schedules as iCalendar feeds (RFC 5545) that phones and calendar apps subscribe to. Pure.

:func:`feed` writes any events; :func:`element_events` turns one element's day-out-of-days row
into events: a timed event from the call time on each work day that has one, all-day events
for the other work days and for hold, travel, rehearsal and fitting days. Drops, holidays and
days off make no event. A UID is made from the element and the date only, so when a hold
becomes a work day the subscriber's calendar updates that day's event instead of adding one.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

from .dood import CODE_MEANINGS, WORK_CODES, Code, Dood

PRODID = "-//Greenlight//Schedule//EN"
ALL_DAY_CODES = frozenset({Code.H, Code.T, Code.R, Code.F})


@dataclass(frozen=True)
class Event:
    """One calendar entry; a date ``start`` makes it all-day.

    ``end`` is exclusive, as in iCalendar: a one-day event on the 3rd ends on the 4th. Without
    it an all-day event lasts one day and a timed one is a moment.
    """

    uid: str
    summary: str
    start: date | datetime
    end: date | datetime | None = None
    description: str = ""
    location: str = ""


def feed(
    name: str, events: Sequence[Event], *, stamp: datetime, timezone: str | None = None
) -> bytes:
    """A VCALENDAR of ``events``; naive times are in ``timezone`` (floating when it is None)."""
    if stamp.tzinfo is None:
        raise ValueError("the calendar stamp must be timezone-aware")
    zone = _zone(timezone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    if timezone:
        calendar.add("x-wr-timezone", timezone)
    for event in events:
        calendar.add_component(_vevent(event, stamp.astimezone(UTC), zone))
    if zone is not None and events:
        # VTIMEZONE rules for the years around the events only: the default 1970-2038 is huge.
        days = [_day(e.start) for e in events] + [_day(e.end) for e in events if e.end]
        calendar.add_missing_timezones(
            date(min(days).year - 1, 1, 1), date(max(days).year + 2, 1, 1)
        )
    return bytes(calendar.to_ical())


def _zone(timezone: str | None) -> ZoneInfo | None:
    if not timezone:
        return None
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(
            f"unknown time zone {timezone!r} (use a name like Europe/London)"
        ) from error


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _vevent(event: Event, stamp: datetime, zone: ZoneInfo | None) -> icalendar.Event:
    start = _placed(event.start, zone)
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("summary", event.summary)
    vevent.add("dtstart", start)
    if event.end is not None:
        vevent.add("dtend", _checked_end(event.uid, start, _placed(event.end, zone)))
    elif not isinstance(start, datetime):
        vevent.add("dtend", start + timedelta(days=1))  # explicit one day: clients differ
    if event.description:
        vevent.add("description", event.description)
    if event.location:
        vevent.add("location", event.location)
    return vevent


def _checked_end(uid: str, start: date, end: date) -> date:
    if isinstance(start, datetime) != isinstance(end, datetime):
        raise ValueError(f"event {uid}: start and end must both be dates or both be times")
    naive = [value.tzinfo is None for value in (start, end) if isinstance(value, datetime)]
    if len(set(naive)) > 1:
        raise ValueError(f"event {uid}: start and end must both have a time zone or neither")
    if end <= start:
        raise ValueError(f"event {uid}: the end {end} is not after the start {start}")
    return end


def _placed(value: date, zone: ZoneInfo | None) -> date:
    """Naive times take the feed's zone; dates and aware times stay as they are."""
    if isinstance(value, datetime) and value.tzinfo is None and zone is not None:
        return value.replace(tzinfo=zone)
    return value


def element_events(
    dood: Dood,
    key: str,
    *,
    production: str,
    uid_domain: str,
    calls: Mapping[date, time] | None = None,
    locations: Mapping[date, str] | None = None,
    day_length: timedelta = timedelta(hours=12),
) -> list[Event]:
    """The events of element ``key``: work from its call time, holds and travel all day."""
    row = dood.row(key)
    calls, locations = calls or {}, locations or {}
    events = []
    for column, code in zip(dood.columns, row.codes, strict=True):
        if code not in WORK_CODES and code not in ALL_DAY_CODES:
            continue
        day = column.date
        start: date | datetime = day
        end: date | datetime | None = None
        if code in WORK_CODES and day in calls:
            start = datetime.combine(day, calls[day])
            end = start + day_length
        what = CODE_MEANINGS[code]
        shoot_day = f" – Day {column.day_number}" if column.day_number else ""
        events.append(
            Event(
                uid=f"dood-{key}-{day:%Y%m%d}@{uid_domain}",
                summary=f"{production}{shoot_day}: {what}",
                start=start,
                end=end,
                description=f"{row.label}\n{what} ({code})",
                location=locations.get(day, ""),
            )
        )
    return events
