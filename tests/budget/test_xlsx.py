"""Budgets as Excel workbooks: exact round trips, and every problem reported at its cell."""

import io
import zipfile
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from openpyxl import load_workbook

from greenlight.budget import charts
from greenlight.budget.jsonformat import BudgetFormatError
from greenlight.budget.model import (
    Account,
    Budget,
    Category,
    Contractual,
    DetailLine,
    Incentive,
    Section,
    Unit,
)
from greenlight.budget.totals import compute
from greenlight.budget.xlsx import from_xlsx, to_xlsx
from tests.budget.test_jsonformat import full_budget, valid_budgets

D = Decimal


def rich_budget() -> Budget:
    """Every field set, foreign currency, capped and dated fringes, text that looks like a
    spreadsheet formula, awkward tags and lists, empty accounts and categories."""
    base = full_budget()
    lines = (
        DetailLine(
            "Grips – shoot",
            "SHOOT_DAYS",
            Unit.DAY,
            "3",
            "450.25",
            fringes=("FICA",),
            person="Key grip",
            paid_on=date(2025, 6, 2),
            tags={"set": "Diner; night", "a=b": " padded ", "": "no key"},
            key="line-3",
        ),
        DetailLine(
            '=HYPERLINK("http://evil.example","click")',
            "-SHOOT_DAYS",
            Unit.HOUR,
            "+2",
            "-3",
            currency="GBP",
            person="@admin",
            tags={"note": "-5"},
        ),
        DetailLine("Expendables", "1", Unit.ALLOW, "1", "2500.125"),
    )
    operations = Category(
        "2500",
        "Set Operations",
        Section.BTL,
        (Account("2501", "Grip", lines), Account("2502", "-Crafty")),
    )
    return replace(
        base,
        title="=Night Train",
        categories=(*base.categories, operations),
        contractuals=(
            *base.contractuals,
            Contractual("INS", "Insurance", D("1.5"), ("btl", "post")),
        ),
        incentives=(
            *base.incentives,
            Incentive("UK AVEC", D("34"), ("atl", "btl", "post"), D(1), None),
        ),
        info={**base.info, "Title": "not the title", "episode": "101"},
    )


def workbook(budget: Budget):
    return load_workbook(io.BytesIO(to_xlsx(budget, compute(budget))))


def saved(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def errors_of(data: bytes) -> dict[str, list[str]]:
    with pytest.raises(BudgetFormatError) as error:
        from_xlsx(data, source="budget.xlsx")
    return error.value.errors


@pytest.mark.parametrize("key", charts.KEYS)
def test_every_chart_round_trips_exactly(key):
    budget = charts.load(key)
    assert from_xlsx(to_xlsx(budget, compute(budget)), source=f"{key}.xlsx") == budget


def test_a_budget_with_every_field_round_trips_exactly():
    budget = rich_budget()
    assert from_xlsx(to_xlsx(budget, compute(budget)), source="rich.xlsx") == budget


def test_a_budget_without_figures_round_trips_too():
    budget = rich_budget()
    assert from_xlsx(to_xlsx(budget, None), source="rich.xlsx") == budget


@settings(max_examples=40, deadline=None)
@given(valid_budgets())
def test_any_valid_budget_round_trips_exactly(budget):
    # An info field with neither key nor value is a blank row in a sheet: it cannot be kept.
    budget = replace(budget, info={k: v for k, v in budget.info.items() if k or v})
    assert from_xlsx(to_xlsx(budget, None), source="generated.xlsx") == budget


def test_the_sheets_are_the_topsheet_the_detail_and_the_setup_tables():
    book = workbook(rich_budget())
    assert book.sheetnames == [
        "Topsheet",
        "Detail",
        "Globals",
        "Fringes",
        "Currencies",
        "Contractuals",
        "Incentives",
        "Info",
    ]
    info = [row for row in book["Info"].iter_rows(values_only=True)]
    assert info[:4] == [
        ("Field", "Value"),
        ("Title", "=Night Train"),
        ("Currency", "USD"),
        ("production", "Night Train"),
    ]


def test_the_detail_sheet_keeps_formulas_as_text_and_figures_as_numbers():
    budget = rich_budget()
    computed = compute(budget)
    sheet = workbook(budget)["Detail"]
    header = [cell.value for cell in sheet[1]]
    assert header[:10] == [
        "Category",
        "Category name",
        "Section",
        "Account",
        "Account name",
        "Description",
        "Amount",
        "Unit",
        "Multiplier",
        "Rate",
    ]
    row = {h: cell for h, cell in zip(header, sheet[2], strict=True)}
    assert row["Amount"].value == "PREP_WEEKS" and row["Amount"].data_type == "s"
    assert row["Rate"].value == "12000.00" and row["Rate"].data_type == "s"
    assert row["Fringes"].value == "FICA, PH"
    assert row["Tags"].value == "group=prep; location=Atlanta"
    assert row["Paid on"].value == datetime(2025, 3, 1)
    assert row["Subtotal"].value == pytest.approx(float(computed.lines[0].subtotal))
    assert row["Total"].value == pytest.approx(float(computed.lines[0].total))
    grip = next(r for r in sheet.iter_rows() if r[5].value == "Grips – shoot")
    assert grip[14].value == r"set=Diner\; night; a\=b=\ padded\ ; =no key"


def test_the_topsheet_shows_sections_contractuals_and_the_grand_total_as_numbers():
    budget = rich_budget()
    computed = compute(budget)
    rows = list(workbook(budget)["Topsheet"].iter_rows(values_only=True))
    labels = {row[1]: row for row in rows if row[1]}
    assert labels["Total above the line"][4] == pytest.approx(float(computed.above_the_line))
    assert labels["Total below the line"][4] == pytest.approx(float(computed.below_the_line))
    assert labels["Grand total"][4] == pytest.approx(float(computed.grand_total))
    assert labels["Contingency"][2].startswith("10% of ")
    assert labels["UK AVEC"][4] == pytest.approx(float(computed.incentives[1].net_cash))


def test_text_that_starts_like_a_formula_is_stored_as_text_never_as_a_formula():
    data = to_xlsx(rich_budget(), None)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)
    sheet = load_workbook(io.BytesIO(data))["Detail"]
    cell = next(r[5] for r in sheet.iter_rows() if str(r[5].value).startswith("=HYPER"))
    assert cell.data_type == "s" and cell.quotePrefix
    assert sheet.cell(cell.row, 13).value == "@admin"


def test_cells_edited_in_a_spreadsheet_are_read_as_typed():
    book = workbook(full_budget())
    sheet = book["Detail"]
    sheet["G2"] = 2.5  # amount typed as a number
    sheet["J2"] = 11000  # rate as a number
    sheet["C2"] = "ATL"  # section in capitals
    sheet["H2"] = "Week"
    sheet["N2"] = date(2025, 4, 1)
    book["Fringes"]["D2"] = "6.5"  # a rate typed as text
    budget = from_xlsx(saved(book), source="edited.xlsx")
    line = budget.categories[0].accounts[0].lines[0]
    assert (line.amount, line.rate, line.unit, line.paid_on) == (
        "2.5",
        "11000",
        Unit.WEEK,
        date(2025, 4, 1),
    )
    assert budget.fringes[0].rate == D("6.5")


def test_the_topsheet_and_the_computed_columns_are_never_read():
    budget = full_budget()
    book = workbook(budget)
    book["Detail"]["Q2"] = "garbage"
    book["Globals"]["E2"] = "=1/0"
    book["Topsheet"]["E5"] = 1
    del book["Topsheet"]
    assert from_xlsx(saved(book), source="edited.xlsx") == budget


def test_rows_of_one_category_need_not_be_together():
    budget = rich_budget()
    book = workbook(budget)
    sheet = book["Detail"]
    assert sheet["D4"].value == "1204"  # an empty account of the first category
    sheet.move_range("A4:S4", rows=sheet.max_row)  # ... moves to the bottom
    sheet.delete_rows(4)
    assert from_xlsx(saved(book), source="moved.xlsx") == budget


def test_a_bad_cell_is_reported_at_its_cell_with_what_is_wrong():
    book = workbook(rich_budget())
    detail = book["Detail"]
    detail["J6"] = "4,50"
    detail["H7"] = "days"
    detail["C8"] = "below"
    book["Fringes"]["D3"] = "6,2"
    book["Fringes"]["F2"] = "01/02/2025"
    book["Currencies"]["B2"] = True
    assert errors_of(saved(book)) == {
        "Detail!J6": ["'4,50': a comma is not allowed; write decimals with a point (12.5)"],
        "Detail!H7": ["'days' is not one of flat, hour, day, week, month or allow"],
        "Detail!C8": ["category 2500 has section 'btl' at Detail!C6, not 'below'"],
        "Fringes!F2": ["'01/02/2025' is not a date like 2025-06-30"],
        "Fringes!D3": ["'6,2' is not a decimal number (write it like 12.5)"],
        "Currencies!B2": ["TRUE/FALSE is not a number"],
    }


def test_excel_formulas_and_numbers_where_dates_belong_are_refused():
    book = workbook(full_budget())
    book["Detail"]["J2"] = "=B2*2"
    book["Detail"]["N2"] = 45000
    book["Detail"]["N2"].number_format = "General"
    errors = errors_of(saved(book))
    assert errors == {
        "Detail!J2": [
            "an Excel formula (=B2*2) is not read: type the value, or a Greenlight formula"
            " such as SHOOT_DAYS + 2"
        ],
        "Detail!N2": ["45000 is a number, not a date (type it like 2025-06-30)"],
    }


def test_names_and_codes_that_are_not_defined_are_reported_where_they_are_used():
    book = workbook(rich_budget())
    book["Detail"]["G2"] = "PREP_WEKS"
    book["Detail"]["L2"] = "FICA, PHH"
    book["Detail"]["K3"] = "EUR"
    book["Globals"]["A3"] = "PREP_WEEKS"
    assert errors_of(saved(book)) == {
        "Detail!G2": ["unknown global PREP_WEKS"],
        "Detail!K3": ["EUR is not in currencies"],
        "Detail!G6": ["unknown global SHOOT_DAYS"],  # it was renamed on Globals!A3
        "Detail!G7": ["unknown global SHOOT_DAYS"],
        "Detail!L2": ["fringe PHH is not defined in fringes"],
        "Globals!A3": ["PREP_WEEKS is also Globals!A2"],
    }


def test_an_account_in_two_categories_is_refused_naming_both_places():
    book = workbook(rich_budget())
    book["Detail"]["D6"] = "1203"
    assert errors_of(saved(book)) == {"Detail!D6": ["account 1203 is also Detail!D2"]}


def test_missing_sheets_and_columns_and_unknown_columns_are_refused():
    book = workbook(full_budget())
    del book["Currencies"]
    book["Detail"]["J1"] = "Rat"
    book["Fringes"]["I1"] = "Notes"
    assert errors_of(saved(book)) == {
        "Detail": ["no column 'Rate' in the header row"],
        "Detail!J1": ["unknown column 'Rat' (did you mean 'Rate'?)"],
        "Currencies": ["the workbook has no sheet 'Currencies'"],
        "Fringes!I1": ["unknown column 'Notes'"],
    }


def test_the_title_and_currency_rows_of_info_are_checked():
    book = workbook(full_budget())
    book["Info"]["A2"] = "Name"
    book["Info"]["B3"] = None
    book["Info"]["A5"] = "production"
    assert errors_of(saved(book)) == {
        "Info!A2": ["expected 'Title': the first rows hold the budget's title and currency"],
        "Info!B3": ["missing: the budget's base currency, such as USD"],
        "Info!A5": ["'production' is also at Info!A4"],
    }


def test_a_line_without_its_account_or_category_is_refused():
    book = workbook(full_budget())
    book["Detail"]["A2"] = None
    book["Detail"]["D3"] = None
    assert errors_of(saved(book)) == {
        "Detail!A2": ["missing: every row names its category's code"],
        "Detail!D3": ["missing: every line names its account's code"],
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Category,Account\n", "not an Excel workbook (.xlsx)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "an old-style .xls workbook"),
        (b"", "not an Excel workbook (.xlsx)"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused_clearly(data, message):
    assert errors_of(data)["__all__"][0].startswith(message)


def test_a_zip_that_is_not_a_workbook_is_refused_clearly():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert errors_of(out.getvalue()) == {
        "__all__": ["not an Excel workbook (.xlsx): it is a zip without a workbook"]
    }


def test_the_error_names_the_file():
    with pytest.raises(BudgetFormatError, match=r"^budget\.xlsx: not an Excel workbook"):
        from_xlsx(b"nope", source="budget.xlsx")
