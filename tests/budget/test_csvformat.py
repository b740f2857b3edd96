"""A budget's detail lines as CSV: round trips, formula-injection escaping, line numbers."""

import csv
import io
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings

from greenlight.budget import charts
from greenlight.budget.csvformat import from_csv, to_csv
from greenlight.budget.jsonformat import BudgetFormatError
from greenlight.budget.model import Account, Budget, Category, DetailLine, Section, Unit
from greenlight.budget.totals import compute
from tests.budget.test_jsonformat import full_budget, valid_budgets
from tests.budget.test_xlsx import rich_budget

HEADER = (
    "Category,Category name,Section,Account,Account name,Description,Amount,Unit,Multiplier,"
    "Rate,Currency,Fringes,Person,Paid on,Tags,Key,Subtotal,Fringe amount,Total"
)


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def errors_of(data, **options) -> dict[str, list[str]]:
    with pytest.raises(BudgetFormatError) as error:
        from_csv(data, source="lines.csv", **options)
    return error.value.errors


def lines_only() -> Budget:
    """A budget a CSV holds whole: no globals, fringes or other currencies."""
    return Budget(
        title="lines",
        currency="USD",
        categories=(
            Category(
                "2500",
                "Set Operations",
                Section.BTL,
                (
                    Account(
                        "2501",
                        "Grip",
                        (
                            DetailLine("Grips – shoot", "25", Unit.DAY, "3", "450"),
                            DetailLine("Credit", "1", Unit.FLAT, "1", "-300", person="-Vendor"),
                        ),
                    ),
                    Account("2502", "Crafty"),
                ),
            ),
            Category("6000", "Other", Section.OTHER),
        ),
    )


@pytest.mark.parametrize("key", charts.KEYS)
def test_every_chart_round_trips_onto_its_own_setup(key):
    budget = charts.load(key)
    assert from_csv(to_csv(budget, compute(budget)), source="x.csv", base=budget) == budget


def test_a_budget_with_every_field_round_trips_onto_its_own_setup():
    budget = rich_budget()
    data = to_csv(budget, compute(budget)).encode("utf-8")
    assert from_csv(data, source="rich.csv", base=budget) == budget


@settings(max_examples=60, deadline=None)
@given(valid_budgets())
def test_any_valid_budget_round_trips_onto_its_own_setup(budget):
    assert from_csv(to_csv(budget, None), source="generated.csv", base=budget) == budget


def test_lines_alone_round_trip_without_a_base_titled_after_the_file():
    budget = lines_only()
    text = "\ufeff" + to_csv(budget, compute(budget))  # as the export writes it, for Excel
    assert from_csv(text.encode(), source="uploads/lines.csv") == budget


def test_the_base_currency_is_the_one_given_else_the_one_every_line_names():
    budget = replace(lines_only(), currency="EUR")
    assert from_csv(to_csv(budget, None), source="lines.csv", currency="EUR") == budget
    line = DetailLine("Fee", "1", Unit.FLAT, "1", "10", currency="GBP")
    named = replace(
        lines_only(), categories=(Category("1", "A", Section.ATL, (Account("2", "B", (line,)),)),)
    )
    assert from_csv(to_csv(named, None), source="lines.csv").currency == "GBP"


def test_the_file_has_a_header_then_one_row_per_line_with_its_figures():
    budget = full_budget()
    computed = compute(budget)
    text = to_csv(budget, computed)
    assert text.splitlines()[0] == HEADER
    assert text.endswith("\r\n")
    first = rows_of(text)[0]
    assert first["Amount"] == "PREP_WEEKS"
    assert first["Fringes"] == "FICA, PH"
    assert first["Paid on"] == "2025-03-01"
    assert first["Tags"] == "group=prep; location=Atlanta"
    assert Decimal(first["Subtotal"]) == computed.lines[0].subtotal
    assert Decimal(first["Total"]) == computed.lines[0].total
    empty = rows_of(text)[2]  # account 1204 has no lines: a row without line cells
    assert (empty["Account"], empty["Description"], empty["Amount"]) == ("1204", "", "")


def test_text_a_spreadsheet_would_run_gets_an_apostrophe_and_numbers_stay_numbers():
    budget = rich_budget()
    rows = rows_of(to_csv(budget, compute(budget)))
    tricky = next(row for row in rows if "HYPERLINK" in row["Description"])
    assert tricky["Description"] == '\'=HYPERLINK("http://evil.example","click")'
    assert tricky["Amount"] == "'-SHOOT_DAYS"  # a formula, so text
    assert tricky["Multiplier"] == "'+2"
    assert tricky["Rate"] == "-3"  # a plain number stays a number
    assert tricky["Person"] == "'@admin"
    assert Decimal(tricky["Subtotal"]) == compute(budget).lines[3].subtotal
    assert rows_of(to_csv(budget, None))[0]["Subtotal"] == ""
    crafty = next(row for row in rows if row["Account"] == "2502")
    assert crafty["Account name"] == "'-Crafty"


def test_an_apostrophe_already_there_survives_the_round_trip():
    line = DetailLine("'=quoted", "1", Unit.FLAT, "1", "1", person="'Tis")
    budget = replace(
        lines_only(), categories=(Category("1", "'-", Section.ATL, (Account("2", "x", (line,)),)),)
    )
    text = to_csv(budget, None)
    assert rows_of(text)[0]["Description"] == "''=quoted"
    assert rows_of(text)[0]["Person"] == "'Tis"
    assert from_csv(text, source="lines.csv") == budget


def test_without_a_base_globals_fringes_and_other_currencies_are_refused_clearly():
    text = to_csv(full_budget(), None)
    assert errors_of(text) == {
        "line 2, Amount": [
            "PREP_WEEKS is a global, and a CSV file holds lines only, not globals: use the XLSX"
            " or JSON format, which keep them"
        ],
        "line 2, Currency": [
            "GBP: a CSV file holds no exchange rates, so every line is in USD: use the XLSX or"
            " JSON format, which keep them"
        ],
        "line 2, Fringes": [
            "fringes FICA, PH: a CSV file holds lines only, not fringes: use the XLSX or JSON"
            " format, which keep them"
        ],
    }


def test_every_problem_is_reported_with_its_line_and_column():
    text = "\r\n".join(
        [
            HEADER,
            '2500,Set Operations,btl,2501,Grip,Grips,25,day,3,"4,50",,,,,,,,,',
            "2500,Set Operations,btl,2501,Grip,Grips,25,days,3,450,,,,,,,,,",
            "2500,Set Operations,below,2502,Crafty,Snacks,1,flat,1,100,,,,2025-13-01,,,,,",
            ",,,2503,Misc,Orphan,1,flat,1,1,,,,,,,,,",
            "2600,Other,btl,2601,Misc,Tagged,1,flat,1,1,,,,,oops,,,,",
        ]
    )
    assert errors_of(text) == {
        "line 2, Rate": ["'4,50': a comma is not allowed; write decimals with a point (12.5)"],
        "line 3, Unit": ["'days' is not one of flat, hour, day, week, month or allow"],
        "line 4, Section": ["category 2500 has section 'btl' at line 2, Section, not 'below'"],
        "line 4, Paid on": ["'2025-13-01' is not a date like 2025-06-30"],
        "line 5, Category": ["missing: every row names its category's code"],
        "line 6, Tags": ["'oops' is not key=value (write tags like group=prep; set=Diner)"],
    }


def test_the_header_is_line_one_and_must_name_the_needed_columns():
    text = "Category;Section;Account;Description;Amount;Rat\r\n2500;btl;2501;Grips;1;1\r\n"
    assert errors_of(text) == {
        "line 1": ["no column 'Rate' in the header row"],
        "line 1, column 6": ["unknown column 'Rat' (did you mean 'Rate'?)"],
    }


def test_semicolons_tabs_any_letter_case_and_aliases_are_read():
    text = (
        "category\tSECTION\taccount\tdescription\tamt\tx\trate\tunits\n"
        "2500\tBTL\t2501\tGrips\t25\t3\t450\tDay\n"
    )
    budget = from_csv(text, source="grips.tsv")
    line = budget.categories[0].accounts[0].lines[0]
    assert (line.amount, line.multiplier, line.rate, line.unit) == ("25", "3", "450", Unit.DAY)
    assert budget.categories[0].section is Section.BTL


def test_files_that_are_not_utf8_or_are_empty_are_refused():
    assert errors_of("Grips – shoot".encode("cp1252")) == {
        "byte 6": ["not UTF-8 text (save the CSV as UTF-8)"]
    }
    assert errors_of(b"") == {
        "line 1": ["the file is empty: it needs a header row naming the columns"]
    }


def test_a_row_longer_than_the_header_is_refused():
    text = f"{HEADER}\r\n2500,S,btl,2501,G,Grips,1,flat,1,1,,,,,,,,,,surplus\r\n"
    assert errors_of(text) == {"line 2": ["more cells than the header has columns"]}
