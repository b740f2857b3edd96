"""Call sheets: call times counted back from on set, the document's facts, and its PDF."""

import re
from datetime import date, time

import pytest
from reportlab.lib.pagesizes import A4

from greenlight.scheduling import callsheet_pdf
from greenlight.scheduling.callsheet import (
    AdvanceDay,
    CallSheet,
    CastCall,
    Contact,
    DepartmentNote,
    Hospital,
    LocationInfo,
    SceneLine,
    Weather,
    cast_calls,
    status_on,
)
from greenlight.scheduling.dood import Code, Column, ElementRowInput, build
from tests.screenplay.samples import pdf_text


def test_make_up_and_pick_up_are_counted_back_from_on_set():
    calls = cast_calls(time(8, 0), makeup_minutes=45, travel_minutes=30)
    assert (calls.pickup, calls.makeup, calls.on_set) == (time(6, 45), time(7, 15), time(8, 0))


def test_no_make_up_and_no_travel_leave_every_call_at_on_set():
    calls = cast_calls(time(14, 5), 0, 0)
    assert calls.pickup == calls.makeup == calls.on_set == time(14, 5)


def test_a_pick_up_before_midnight_is_refused_with_the_numbers():
    with pytest.raises(ValueError, match=r"00:30.*90 min.*30 min.*day before"):
        cast_calls(time(0, 30), 90, 30)


def test_negative_minutes_are_refused():
    with pytest.raises(ValueError, match="negative"):
        cast_calls(time(8, 0), -5, 10)


def test_scene_pages_are_written_in_eighths_and_the_day_adds_them_up():
    assert SceneLine("12", "INT. OFFICE", "D", 11).pages == "1 3/8"
    assert SceneLine("13", "EXT. ROAD", "D", 3).pages == "3/8"
    assert sheet().total_pages == "4 7/8"


def test_the_day_label_reads_day_of_days_and_a_day_outside_is_refused():
    assert sheet().day_label == "Day 3 of 24"
    with pytest.raises(ValueError, match="not day 25"):
        CallSheet("X", 25, 24, date(2025, 3, 5), time(7), time(8))


def test_a_cast_members_status_comes_from_the_day_out_of_days():
    columns = [Column(date(2025, 3, d), d - 2) for d in (3, 4, 5)]
    dood = build(
        columns,
        [ElementRowInput("p1", "1. MARLOWE", frozenset({date(2025, 3, 3), date(2025, 3, 5)}))],
    )
    assert status_on(dood, "p1", date(2025, 3, 4)) == Code.H
    assert status_on(dood, "p1", date(2025, 3, 5)) == Code.WF
    assert status_on(dood, "p1", date(2025, 4, 1)) == Code.OFF


# The PDF


def call(number: str, character: str, performer: str, status: str, on_set: time) -> CastCall:
    times = cast_calls(on_set, 45, 30)
    return CastCall(number, character, performer, status, on_set, times.makeup, times.pickup)


def sheet(**changes) -> CallSheet:
    fields = {
        "production": "The Long Goodbye",
        "day_number": 3,
        "total_days": 24,
        "date": date(2025, 3, 5),
        "crew_call": time(7, 0),
        "shooting_call": time(8, 0),
        "estimated_wrap": time(19, 30),
        "scenes": (
            SceneLine("12", "INT. MARLOWE'S OFFICE", "D", 11, ("1", "2"), "Stage 2"),
            SceneLine("14A", "EXT. HILLS ROAD", "D", 3, ("1",), "Mulholland Dr."),
            SceneLine("27", "INT. WADE HOUSE – LIVING ROOM", "N", 25, ("1", "3"), "Malibu"),
        ),
        "cast": (
            call("1", "PHILIP MARLOWE", "Elliott Gould", "W", time(7, 45)),
            call("3", "EILEEN WADE", "Nina van Pallandt", "SW", time(14, 0)),
            CastCall("7", "DR. VERRINGER", "Henry Gibson", "H", None, remarks="On hold"),
        ),
        "locations": (
            LocationInfo("Stage 2", "1040 N Las Palmas Ave", "Lot B, gate 3", "Basecamp"),
        ),
        "hospital": Hospital("Cedars-Sinai Medical Center", "8700 Beverly Blvd", "310-423-3277"),
        "weather": Weather("Sunny, 21°C; wind after 16:00", time(6, 22), time(17, 59)),
        "notes": (DepartmentNote("Camera", "B camera from 14:00 & Steadicam <Tom>"),),
        "advance": AdvanceDay(
            date(2025, 3, 6), "Day 4 of 24", (SceneLine("31", "INT. JAIL CELL", "D", 6),)
        ),
        "contacts": (Contact("1st AD", "Tommy Thompson", "555-0103"),),
    }
    return CallSheet(**{**fields, **changes})


def pages_of(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", data))


def test_the_pdf_carries_every_section_of_the_day():
    data = callsheet_pdf.render(sheet())
    assert data.startswith(b"%PDF")
    assert 1 <= pages_of(data) <= 2
    text = pdf_text(data)
    for expected in (
        "The Long Goodbye",
        "Wednesday 5 March 2025",
        "CREW CALL",
        "07:00",
        "Day 3 of 24",
        "Shooting call",
        "19:30",
        "Sunrise 06:22",
        "Sunset 17:59",
        "INT. MARLOWE'S OFFICE",
        "1 3/8",
        "4 7/8",
        "1, 2",
        "Elliott Gould",
        "06:30",  # Marlowe's pick-up: 07:45 less 45 and 30 minutes
        "SW",
        "On hold",
        "1040 N Las Palmas Ave",
        "Lot B, gate 3",
        "Cedars-Sinai Medical Center",
        "310-423-3277",
        "Tommy Thompson",
        "ADVANCE SCHEDULE",
        "Day 4 of 24",
        "INT. JAIL CELL",
    ):
        assert expected in text, expected


def test_markup_characters_in_typed_text_are_printed_as_typed():
    text = pdf_text(callsheet_pdf.render(sheet()))
    # The reader puts a space between the pieces ReportLab draws; the characters are what count.
    assert "Bcamerafrom14:00&Steadicam<Tom>" in text.replace(" ", "")
    assert "&amp;" not in text and "&lt;" not in text


def test_a_long_cast_list_runs_onto_more_pages_with_its_header_repeated():
    many = tuple(
        call(str(n), f"CHARACTER {n}", f"Performer {n}", "W", time(9, 0)) for n in range(1, 61)
    )
    data = callsheet_pdf.render(sheet(cast=many))
    assert pages_of(data) == 2  # and no blank page after the last block
    text = pdf_text(data)
    assert text.count("Make-up") >= 2  # the cast header again on the next page
    assert "Performer 60" in text


def test_a_bare_call_sheet_is_one_page():
    bare = CallSheet("Short", 1, 1, date(2025, 6, 2), time(6, 0), time(7, 0))
    data = callsheet_pdf.render(bare)
    assert pages_of(data) == 1
    text = pdf_text(data)
    assert "Day 1 of 1" in text and "06:00" in text and "Total pages" in text


def test_the_call_sheet_can_be_printed_on_a4():
    data = callsheet_pdf.render(sheet(), pagesize=A4)
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in data
