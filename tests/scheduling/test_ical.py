"""iCalendar feeds: valid calendars, all-day and timed events, escaping, folding, stable UIDs."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from greenlight.scheduling.dood import Column, ElementRowInput, build
from greenlight.scheduling.ical import Event, element_events, feed

STAMP = datetime(2025, 2, 20, 9, 15, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")


def parsed(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def events_of(data: bytes) -> list[icalendar.Event]:
    return list(parsed(data).walk("VEVENT"))


def test_the_calendar_has_the_headers_subscribers_need():
    data = feed("Mary – The Long Goodbye", [Event("a@g", "Hold", date(2025, 3, 4))], stamp=STAMP)
    calendar = parsed(data)
    assert calendar["PRODID"] == "-//Greenlight//Schedule//EN"
    assert calendar["VERSION"] == "2.0"
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "Mary – The Long Goodbye"
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")


def test_every_event_is_stamped_with_the_time_passed_in_as_utc():
    stamp = datetime(2025, 2, 20, 10, 15, tzinfo=ZoneInfo("Europe/Paris"))
    data = feed("x", [Event("a@g", "Hold", date(2025, 3, 4))], stamp=stamp)
    assert b"DTSTAMP:20250220T091500Z\r\n" in data
    assert events_of(data)[0].decoded("DTSTAMP") == STAMP


def test_a_date_event_is_all_day_and_lasts_one_day():
    data = feed("x", [Event("hold-1@g", "Hold", date(2025, 3, 4))], stamp=STAMP)
    event = events_of(data)[0]
    assert b"DTSTART;VALUE=DATE:20250304\r\n" in data
    assert event.decoded("DTSTART") == date(2025, 3, 4)
    assert event.decoded("DTEND") == date(2025, 3, 5)
    assert str(event["UID"]) == "hold-1@g"


def test_a_timed_event_takes_the_feeds_time_zone_and_brings_its_definition():
    call = Event("w@g", "Day 3", datetime(2025, 3, 31, 6, 30), datetime(2025, 3, 31, 18, 30))
    data = feed("x", [call], stamp=STAMP, timezone="Europe/London")
    event = events_of(data)[0]
    assert b"DTSTART;TZID=Europe/London:20250331T063000\r\n" in data
    assert event.decoded("DTSTART") == datetime(2025, 3, 31, 6, 30, tzinfo=LONDON)
    assert event.decoded("DTEND") == datetime(2025, 3, 31, 18, 30, tzinfo=LONDON)
    zones = list(parsed(data).walk("VTIMEZONE"))
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/London"]
    assert parsed(data)["X-WR-TIMEZONE"] == "Europe/London"
    # Summer time starts on the 30th: the zone must carry that rule.
    assert b"TZOFFSETTO:+0100" in data


def test_an_aware_time_is_kept_and_a_naive_one_floats_without_a_zone():
    aware = Event("a@g", "Call", datetime(2025, 3, 3, 5, 0, tzinfo=UTC))
    floating = Event("f@g", "Call", datetime(2025, 3, 4, 7, 0))
    data = feed("x", [aware, floating], stamp=STAMP)
    assert b"DTSTART:20250303T050000Z\r\n" in data
    assert b"DTSTART:20250304T070000\r\n" in data
    assert b"VTIMEZONE" not in data
    assert b"DTEND" not in data  # a timed event without an end is a moment


def test_commas_semicolons_and_newlines_are_escaped_and_read_back():
    summary = "Sc 12, 14; INT. KITCHEN – NIGHT"
    description = "Bring: umbrella, coat; boots\nSecond line \\ backslash"
    event = Event("e@g", summary, date(2025, 3, 3), None, description, "Stage 2, Lot B; gate 3")
    data = feed("x", [event], stamp=STAMP)
    unfolded = data.replace(b"\r\n ", b"")
    assert b"SUMMARY:Sc 12\\, 14\\; INT. KITCHEN" in unfolded
    assert b"DESCRIPTION:Bring: umbrella\\, coat\\; boots\\nSecond line \\\\ backslash" in unfolded
    assert b"LOCATION:Stage 2\\, Lot B\\; gate 3" in unfolded
    back = events_of(data)[0]
    assert str(back["SUMMARY"]) == summary
    assert str(back["DESCRIPTION"]) == description
    assert str(back["LOCATION"]) == "Stage 2, Lot B; gate 3"


def test_long_lines_are_folded_at_75_octets_and_unfold_to_the_text():
    description = "Notes " + "é" * 100 + " " + "x" * 300
    data = feed("x", [Event("e@g", "Hold", date(2025, 3, 3), description=description)], stamp=STAMP)
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert sum(line.startswith(b" ") for line in lines) >= 5
    assert all(line.decode("utf-8") is not None for line in lines)  # no split inside a character
    assert str(events_of(data)[0]["DESCRIPTION"]) == description


def test_an_end_before_the_start_is_refused():
    bad = Event("e@g", "x", datetime(2025, 3, 3, 18), datetime(2025, 3, 3, 6))
    with pytest.raises(ValueError, match=r"e@g.*not after"):
        feed("x", [bad], stamp=STAMP)


def test_a_date_start_with_a_time_end_is_refused():
    bad = Event("e@g", "x", date(2025, 3, 3), datetime(2025, 3, 3, 6))
    with pytest.raises(ValueError, match="both be dates or both be times"):
        feed("x", [bad], stamp=STAMP)


def test_a_naive_start_with_an_aware_end_is_refused():
    bad = Event("e@g", "x", datetime(2025, 3, 3, 6), datetime(2025, 3, 3, 8, tzinfo=UTC))
    with pytest.raises(ValueError, match="time zone"):
        feed("x", [bad], stamp=STAMP)


def test_a_naive_stamp_and_an_unknown_zone_are_refused():
    with pytest.raises(ValueError, match="stamp"):
        feed("x", [], stamp=datetime(2025, 2, 20))
    with pytest.raises(ValueError, match="Mars/Olympus"):
        feed("x", [], stamp=STAMP, timezone="Mars/Olympus")


def test_an_empty_feed_is_still_a_calendar():
    calendar = parsed(feed("Nothing yet", [], stamp=STAMP))
    assert calendar["X-WR-CALNAME"] == "Nothing yet" and not list(calendar.walk("VEVENT"))


# Events from the day out of days.

MONDAY = date(2025, 3, 3)


def columns(days: int) -> list[Column]:
    result, number = [], 0
    for offset in range(days):
        day = MONDAY + timedelta(days=offset)
        number += day.weekday() < 5
        result.append(Column(day, number if day.weekday() < 5 else None))
    return result


def mary(work, travel=()):
    row = ElementRowInput(
        "p7",
        "1. MARY (Anna Lee)",
        frozenset(MONDAY + timedelta(days=i) for i in work),
        travel=frozenset(MONDAY + timedelta(days=i) for i in travel),
    )
    return build(columns(8), [row])


def test_work_days_with_a_call_are_timed_and_holds_and_travel_are_all_day():
    dood = mary({1, 3}, travel={0})
    calls = {date(2025, 3, 4): time(6, 30)}
    events = element_events(
        dood,
        "p7",
        production="The Long Goodbye",
        uid_domain="p12.greenlight",
        calls=calls,
        locations={date(2025, 3, 4): "Stage 2"},
    )
    assert [(e.start, e.end) for e in events] == [
        (date(2025, 3, 3), None),
        (datetime(2025, 3, 4, 6, 30), datetime(2025, 3, 4, 18, 30)),
        (date(2025, 3, 5), None),
        (date(2025, 3, 6), None),
    ]
    assert [e.summary for e in events] == [
        "The Long Goodbye – Day 1: Travel",
        "The Long Goodbye – Day 2: Start work",
        "The Long Goodbye – Day 3: Hold",
        "The Long Goodbye – Day 4: Work finish",
    ]
    assert events[1].location == "Stage 2"
    assert events[1].description == "1. MARY (Anna Lee)\nStart work (SW)"


def test_weekend_travel_has_no_shoot_day_and_days_off_make_no_event():
    dood = mary({4}, travel={5})
    events = element_events(dood, "p7", production="TLG", uid_domain="g")
    assert [e.summary for e in events] == ["TLG – Day 5: Start, work, finish", "TLG: Travel"]


def test_uids_are_stable_per_element_and_date_when_the_day_changes_from_hold_to_work():
    before = element_events(mary({0, 2}), "p7", production="TLG", uid_domain="p12.greenlight")
    again = element_events(mary({0, 2}), "p7", production="TLG", uid_domain="p12.greenlight")
    after = element_events(mary({0, 1, 2}), "p7", production="TLG", uid_domain="p12.greenlight")
    assert [e.uid for e in before] == [e.uid for e in again]
    assert [e.uid for e in before] == [e.uid for e in after]
    assert before[1].uid == "dood-p7-20250304@p12.greenlight"
    assert before[1].summary.endswith("Hold") and after[1].summary.endswith("Work")
    assert len({e.uid for e in before}) == len(before)


def test_a_whole_element_feed_parses_back():
    dood = mary({1, 3}, travel={0})
    calls = {date(2025, 3, 4): time(6, 30), date(2025, 3, 6): time(7, 0)}
    events = element_events(dood, "p7", production="TLG", uid_domain="g", calls=calls)
    data = feed("Mary – TLG", events, stamp=STAMP, timezone="Europe/London")
    back = events_of(data)
    assert [str(e["UID"]) for e in back] == [e.uid for e in events]
    assert back[1].decoded("DTSTART") == datetime(2025, 3, 4, 6, 30, tzinfo=LONDON)
    assert back[2].decoded("DTSTART") == date(2025, 3, 5)
