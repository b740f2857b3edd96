"""Day out of days exports: CSV that reads back, a coloured workbook, a paged landscape PDF."""

import csv
import io
import re
from datetime import date, timedelta

from openpyxl import load_workbook

from greenlight.scheduling import dood_export
from greenlight.scheduling.dood import Code, Column, Dood, ElementRowInput, build
from tests.screenplay.samples import pdf_text

MONDAY = date(2025, 3, 3)
GOOD_FRIDAY = date(2025, 4, 18)


def calendar(days: int) -> list[Column]:
    """``days`` calendar days from a Monday: weekdays shoot, weekends and Good Friday do not."""
    columns, number = [], 0
    for offset in range(days):
        day = MONDAY + timedelta(days=offset)
        shoots = day.weekday() < 5 and day != GOOD_FRIDAY
        number += shoots
        columns.append(Column(day, number if shoots else None, holiday=day == GOOD_FRIDAY))
    return columns


def d(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


def sample(days: int = 12) -> Dood:
    """Mary works, holds over a weekend and travels; Bob works one day; a hostile label."""
    rows = [
        ElementRowInput(
            "mary", "1. MARY (Anna Lee)", frozenset({d(1), d(4), d(8)}), travel=frozenset({d(0)})
        ),
        ElementRowInput("bob", "2. BOB", frozenset({d(2)})),
        ElementRowInput("evil", "=HYPERLINK(1)", frozenset({d(3)})),
    ]
    return build(calendar(days), rows)


def long_sample() -> Dood:
    """84 calendar days (59 shoot days and Good Friday), 20 cast with long-running spans."""
    columns = calendar(84)
    shoot = [c.date for c in columns if c.day_number]
    rows = [
        ElementRowInput(
            f"c{n}",
            f"{n}. CHARACTER {n} (Performer {n})",
            frozenset(shoot[n : len(shoot) : 7 + n]),
            drop_pickup_days=10 if n % 2 else None,
        )
        for n in range(1, 21)
    ]
    return build(columns, rows)


# CSV


def test_the_csv_reads_back_into_the_same_rows_codes_and_totals():
    dood = sample()
    lines = list(csv.reader(io.StringIO(dood_export.to_csv(dood))))
    days = len(dood.columns)
    expected = "Shoot day,1,2,3,4,5,OFF,OFF,6,7,8,9,10".split(",")
    assert lines[0][: days + 1] == expected
    assert lines[0][days + 1 :] == list(dood_export.TOTAL_HEADERS)
    assert lines[1][1:3] == ["2025-03-03", "2025-03-04"]
    assert len(lines) == 2 + len(dood.rows)
    for line, row in zip(lines[2:], dood.rows, strict=True):
        assert tuple(Code(code) for code in line[1 : days + 1]) == row.codes
    mary = lines[2]
    assert mary[0] == "1. MARY (Anna Lee)"
    assert mary[1:7] == ["T", "SW", "H", "H", "W", ""]
    totals = dict(zip(dood_export.TOTAL_HEADERS, mary[days + 1 :], strict=True))
    assert totals == {
        "Work": "3",
        "Hold": "3",
        "Holiday": "0",
        "Travel": "1",
        "Rehearsal": "0",
        "Fitting": "0",
        "Idle": "0",
        "Total": "7",
        "Start": "2025-03-03",
        "Finish": "2025-03-11",
    }


def test_the_csv_neutralises_a_formula_in_a_label():
    lines = list(csv.reader(io.StringIO(dood_export.to_csv(sample()))))
    assert lines[4][0] == "'=HYPERLINK(1)"


def test_the_csv_of_an_empty_grid_has_its_headers_only():
    lines = list(csv.reader(io.StringIO(dood_export.to_csv(build([], [])))))
    assert lines == [["Shoot day", *dood_export.TOTAL_HEADERS], ["Date", *[""] * 10]]


# XLSX


def open_sheet(dood: Dood):
    book = load_workbook(io.BytesIO(dood_export.to_xlsx(dood, "The Long Goodbye")))
    return book, book["Day out of days"]


def test_the_workbook_has_the_title_day_numbers_dates_and_frozen_panes():
    book, sheet = open_sheet(sample())
    assert sheet["A1"].value == "The Long Goodbye"
    assert book.properties.title == "The Long Goodbye: day out of days"
    assert [sheet.cell(2, c).value for c in range(2, 10)] == [1, 2, 3, 4, 5, "OFF", "OFF", 6]
    assert sheet["B3"].value.date() == MONDAY
    assert sheet.freeze_panes == "B4"


def test_the_workbook_has_each_elements_codes_and_totals():
    dood = sample()
    _, sheet = open_sheet(dood)
    days = len(dood.columns)
    headers = [sheet.cell(3, c).value for c in range(days + 2, days + 12)]
    assert headers == list(dood_export.TOTAL_HEADERS)
    assert sheet["A4"].value == "1. MARY (Anna Lee)"
    assert [sheet.cell(4, c).value for c in range(2, 8)] == ["T", "SW", "H", "H", "W", None]
    totals = [sheet.cell(4, c).value for c in range(days + 2, days + 12)]
    assert totals[:8] == [3, 3, 0, 1, 0, 0, 0, 7]
    assert totals[8].date() == d(0) and totals[9].date() == d(8)
    assert sheet["A6"].value == "'=HYPERLINK(1)"


def test_the_workbook_colours_work_hold_travel_and_days_off():
    _, sheet = open_sheet(sample())

    def colour(cell: str) -> str:
        return sheet[cell].fill.fgColor.rgb[-6:]

    assert colour("B4") == dood_export.CODE_COLOURS[Code.T]  # travel
    assert colour("C4") == dood_export.CODE_COLOURS[Code.SW]  # work
    assert colour("D4") == dood_export.CODE_COLOURS[Code.H]  # hold
    assert colour("G4") == dood_export.DAY_OFF_COLOUR  # Saturday
    assert len({colour("B4"), colour("C4"), colour("D4"), colour("G4")}) == 4


def test_the_workbook_marks_a_holiday_inside_the_span():
    dood = long_sample()
    _, sheet = open_sheet(dood)
    friday = next(i for i, c in enumerate(dood.columns) if c.holiday) + 2
    assert sheet.cell(2, friday).value == "HOL"
    held = [r for r in range(4, 4 + len(dood.rows)) if sheet.cell(r, friday).value == "HOL"]
    assert held
    assert sheet.cell(held[0], friday).fill.fgColor.rgb[-6:] == "BDBDBD"


# PDF


def pages_of(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", data))


def test_a_two_week_pdf_is_one_landscape_page_with_the_legend_and_names():
    data = dood_export.to_pdf(sample(), "The Long Goodbye", "White draft")
    assert data.startswith(b"%PDF")
    assert pages_of(data) == 1
    assert b"/MediaBox [ 0 0 792 612 ]" in data
    text = pdf_text(data)
    for expected in ("The Long Goodbye", "White draft", "1. MARY (Anna Lee)", "Pick-up work"):
        assert expected in text
    assert "Drop" in text and "Holiday" in text and "Finish" in text


def test_sixty_shoot_days_break_across_pages_with_the_names_on_each():
    data = dood_export.to_pdf(long_sample(), "The Long Goodbye", "59 shoot days")
    assert data.startswith(b"%PDF")
    pages = pages_of(data)
    assert pages > 1
    assert pdf_text(data).count("20. CHARACTER 20 (Performer 20)") == pages


def test_pages_cut_at_week_ends_and_the_totals_come_after_the_last_day():
    columns = calendar(84)
    pages = dood_export._pages(columns, 10.2 * 72)
    assert [i for days, _ in pages for i in days] == list(range(84))
    assert all(columns[days.start].date.weekday() == 0 for days, _ in pages if days)
    assert [totals for _, totals in pages] == [False] * (len(pages) - 1) + [True]
    last = pages[-1][0]
    used = dood_export.LABEL_WIDTH + len(last) * dood_export.DAY_WIDTH
    assert used + sum(dood_export.TOTAL_WIDTHS) <= 10.2 * 72


def test_an_empty_grid_still_makes_a_pdf():
    data = dood_export.to_pdf(build([], []), "Nothing yet")
    assert data.startswith(b"%PDF") and pages_of(data) == 1
