"""CSV import of actuals and purchase orders: every row clean, or nothing and every problem."""

import copy
import pickle
from datetime import date
from decimal import Decimal

import pytest

from greenlight.budget.costreport import ActualKind, PurchaseOrder, open_commitments
from greenlight.budget.ledger_csv import (
    LedgerImportError,
    LineError,
    parse_actuals,
    parse_purchase_orders,
    to_actuals,
    to_purchase_orders,
)
from greenlight.budget.model import Currency
from greenlight.core.errors import InvalidInput

D = Decimal
ACCOUNTS = {"2800", "3300", "3600"}
CURRENCIES = {"USD", "GBP", "JPY"}
HEADER = "account,date,vendor,description,amount,currency,kind,po\n"
PO_HEADER = "account,date,vendor,description,amount,currency,po\n"


def actuals(text: str, **limits: int):
    return parse_actuals(text, accounts=ACCOUNTS, currencies=CURRENCIES, **limits)


def orders(text: str):
    return parse_purchase_orders(text, accounts=ACCOUNTS, currencies=CURRENCIES)


def problems_of(text: str | bytes, parse=actuals) -> list[tuple[int, str | None, str]]:
    with pytest.raises(LedgerImportError) as caught:
        parse(text)
    return [(p.line_number, p.column, p.message) for p in caught.value.problems]


def test_a_clean_file_gives_typed_rows_in_file_order():
    rows = actuals(
        HEADER
        + '2800,2025-03-04,Props R Us,Hero sword,"1,250.00",USD,invoice,PO-1\n'
        + "3300,2025-03-05,Payroll Co,Week 2,8400,usd,Payroll,\n"
        + "2800,2025-03-06,Props R Us,Returned sword,(250.00),USD,credit,PO-1\n"
    )
    assert [(r.line_number, r.account_code, r.amount, r.kind, r.po_ref) for r in rows] == [
        (2, "2800", D("1250.00"), ActualKind.INVOICE, "PO-1"),
        (3, "3300", D(8400), ActualKind.PAYROLL, ""),
        (4, "2800", D("-250.00"), ActualKind.CREDIT, "PO-1"),
    ]
    assert rows[0].on == date(2025, 3, 4)
    assert (rows[1].currency, rows[1].vendor, rows[1].description) == (
        "USD",
        "Payroll Co",
        "Week 2",
    )


def test_the_header_is_case_insensitive_in_any_order_and_po_is_optional_on_actuals():
    rows = actuals(
        "Amount, KIND ,Currency,Account,Date,Vendor,Description\n"
        "12.5,expense,GBP,3600,2025-01-02,Cafe,\n"
    )
    assert (rows[0].amount, rows[0].kind, rows[0].po_ref) == (D("12.5"), ActualKind.EXPENSE, "")


def test_a_byte_order_mark_and_crlf_line_ends_are_read():
    data = ("\ufeff" + HEADER + "2800,2025-03-04,Acme,,10.00,USD,invoice,\n").replace("\n", "\r\n")
    assert actuals(data.encode("utf-8"))[0].amount == D("10.00")
    assert actuals(data)[0].account_code == "2800"


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_delimiters_are_sniffed_from_the_header(delimiter):
    text = (HEADER + "2800,2025-03-04,Acme,Rope; 20 m,10.00,USD,invoice,\n").replace(",", delimiter)
    text = text.replace("Rope; 20 m", '"Rope; 20 m"')
    assert actuals(text)[0].description == "Rope; 20 m"


def test_every_problem_is_reported_at_once_with_spreadsheet_line_numbers():
    text = (
        HEADER
        + "2800,2025-03-04,Acme,fine,10.00,USD,invoice,\n"
        + "9999,04/03/2025,,,12;50,EUR,bill,\n"
        + "\n"
        + '3300,2025-02-30,Panavision,"two\nlines",5.00,USD,invoice,\n'
        + "3600,2025-03-04,City,,,USD,,\n"
    )
    assert problems_of(text) == [
        (3, "account", "'9999' is not an account in this budget's chart of accounts"),
        (3, "date", "'04/03/2025' is not a date written YYYY-MM-DD, such as 2025-03-31"),
        (3, "vendor", "is missing"),
        (3, "amount", "'12;50' is not an amount such as 1234.50 or -1,234.50"),
        (3, "currency", "'EUR' is not one of this budget's currencies (GBP, JPY, USD)"),
        (3, "kind", "'bill' is not a kind of actual (invoice, expense, payroll, credit)"),
        (5, "date", "2025-02-30 is not a day of the calendar"),  # a blank line 4 is a row too
        (6, "amount", "is missing"),
        (6, "kind", "is missing"),
    ]


def test_nothing_is_returned_when_a_single_row_is_wrong():
    text = (
        HEADER + "2800,2025-03-04,Acme,,10.00,USD,invoice,\n2800,2025-03-04,Acme,,x,USD,invoice,\n"
    )
    with pytest.raises(LedgerImportError, match="1 problem: line 3, amount"):
        actuals(text)


def test_a_decimal_comma_gets_a_hint():
    text = "account;date;vendor;description;amount;currency;kind\n"
    text += "2800;2025-03-04;A;;12,50;USD;invoice\n"
    assert problems_of(text)[0][2].endswith("use a dot for decimals")


def test_an_amount_cannot_have_more_decimals_than_its_currency():
    text = HEADER + "2800,2025-03-04,A,,1.5,JPY,invoice,\n2800,2025-03-04,A,,1.005,USD,invoice,\n"
    assert problems_of(text) == [
        (2, "amount", "1.5 has more decimals than JPY has (0)"),
        (3, "amount", "1.005 has more decimals than USD has (2)"),
    ]


@pytest.mark.parametrize(
    "amount", ["NaN", "Infinity", "1e5", "$10", "1,2345.00", "--5", "(-5)", ""]
)
def test_things_that_are_not_amounts_are_refused(amount):
    ((line, column, _),) = problems_of(HEADER + f'2800,2025-03-04,A,,"{amount}",USD,invoice,\n')
    assert (line, column) == (2, "amount")


@pytest.mark.parametrize(
    ("amount", "kind", "message"),
    [
        (
            "-10.00",
            "invoice",
            "an amount of kind invoice is positive; a refund or credit note is kind credit",
        ),
        (
            "(10.00)",
            "payroll",
            "an amount of kind payroll is positive; a refund or credit note is kind credit",
        ),
        ("10.00", "credit", "a credit reduces cost: write it as a negative amount"),
        ("0.00", "expense", "is zero: a row must record some money"),
        ("-0", "credit", "is zero: a row must record some money"),
    ],
)
def test_credits_are_negative_and_every_other_actual_positive(amount, kind, message):
    assert problems_of(HEADER + f"2800,2025-03-04,A,,{amount},USD,{kind},\n") == [
        (2, "amount", message)
    ]


def test_an_extra_column_is_refused_and_named_with_the_columns_allowed():
    ((line, column, message),) = problems_of(
        HEADER.strip() + ",notes\n2800,2025-03-04,A,,1,USD,invoice,,hi\n"
    )
    assert (line, column) == (1, "notes")
    assert message.startswith("unknown column; the columns are: account, date")


def test_a_missing_or_repeated_column_is_named():
    text = "account,date,vendor,amount,amount,currency,kind\n2800,2025-03-04,A,1,1,USD,invoice\n"
    assert problems_of(text) == [
        (1, "amount", "this column appears twice"),
        (1, "description", "the header lacks this column"),
    ]


def test_an_empty_file_needs_a_header():
    assert problems_of("") == [
        (
            1,
            None,
            "the file needs a header row: "
            "account, date, vendor, description, amount, currency, kind, po",
        )
    ]


def test_a_trailing_unnamed_column_is_ignored_while_it_stays_blank():
    text = (
        HEADER.strip()
        + ",\n2800,2025-03-04,A,,1,USD,invoice,,\n2800,2025-03-04,A,,1,USD,invoice,,oops\n"
    )
    assert problems_of(text) == [(3, None, "has a value in column 9, which has no name")]


def test_a_row_with_more_cells_than_the_header_is_refused():
    assert problems_of(HEADER + "2800,2025-03-04,A,,1,USD,invoice,,extra\n") == [
        (2, None, "has 9 cells; the header names 8 columns")
    ]


def test_a_file_that_is_not_utf8_is_refused_at_its_first_bad_line():
    data = (HEADER + "2800,2025-03-04,Caf\u00e9,,1,USD,invoice,\n").encode("cp1252")
    ((line, column, message),) = problems_of(data)
    assert (line, column) == (2, None)
    assert "save the file as 'CSV UTF-8'" in message


def test_a_file_over_the_size_limit_is_refused_whole():
    text = HEADER + "2800,2025-03-04,A,,1,USD,invoice,\n" * 100
    ((line, column, message),) = problems_of(text, lambda t: actuals(t, max_bytes=1_000))
    assert (line, column) == (0, None)
    assert message.endswith("the limit is 1,000: split it")


def test_a_file_over_the_row_limit_is_refused():
    text = HEADER + "2800,2025-03-04,A,,1,USD,invoice,\n" * 6
    assert problems_of(text, lambda t: actuals(t, max_rows=5)) == [
        (7, None, "the file has more than 5 rows: split it")
    ]


def test_an_unreadable_quote_is_reported_with_the_problems_before_it():
    text = HEADER + "2800,2025-03-04,A,,x,USD,invoice,\n" + '2800,2025-03-04,"A"B,,1,USD,invoice,\n'
    assert [(line, column) for line, column, _ in problems_of(text)] == [(2, "amount"), (3, None)]


def test_purchase_orders_need_their_po_reference_and_a_positive_amount():
    text = (
        PO_HEADER + "2800,2025-02-01,Props R Us,Hire,30000,USD,PO-1\n2800,2025-02-01,A,,-5,USD,\n"
    )
    assert problems_of(text, orders) == [
        (3, "amount", "a purchase order is a positive amount"),
        (3, "po", "is missing"),
    ]


def test_a_purchase_order_file_has_no_kind_column():
    ((line, column, _),) = problems_of(
        PO_HEADER.strip() + ",kind\n2800,2025-02-01,A,,5,USD,PO-1,invoice\n", orders
    )
    assert (line, column) == (1, "kind")


def test_the_error_is_an_invalid_input_that_survives_pickling_and_lists_each_place():
    with pytest.raises(InvalidInput) as caught:
        actuals(HEADER + "2800,2025-03-04,A,,x,USD,invoice,\n")
    error = caught.value
    assert isinstance(error, LedgerImportError)
    assert error.status == 422
    assert error.errors == {"line 2, amount": ["'x' is not an amount such as 1234.50 or -1,234.50"]}
    for clone in (pickle.loads(pickle.dumps(error)), copy.copy(error)):  # noqa: S301 (our own bytes)
        assert clone.problems == error.problems
        assert str(clone) == str(error)


def test_the_message_lists_the_first_50_problems_and_counts_the_rest():
    error = LedgerImportError(problems=tuple(LineError(n, "date", "bad") for n in range(2, 62)))
    assert str(error).startswith("60 problems: line 2, date: bad; line 3, date: bad")
    assert str(error).endswith("line 51, date: bad; and 10 more")
    assert len(error.problems) == 60


def test_rows_become_actuals_and_purchase_orders_in_the_base_currency():
    rows = actuals(
        HEADER + "2800,2025-03-04,A,,100.00,GBP,invoice,PO-1\n3300,2025-03-04,B,,5,USD,expense,\n"
    )
    converted = to_actuals(rows, base_currency="USD", currencies=[Currency("GBP", D("1.2655"))])
    assert [(a.account_code, a.amount, a.kind, a.po_ref) for a in converted] == [
        ("2800", D("126.55"), ActualKind.INVOICE, "PO-1"),
        ("3300", D(5), ActualKind.EXPENSE, ""),
    ]
    pos = to_purchase_orders(
        orders(PO_HEADER + "2800,2025-02-01,A,,1000.00,USD,PO-1\n"), base_currency="USD"
    )
    assert pos == [PurchaseOrder("PO-1", "2800", D("1000.00"), date(2025, 2, 1), "A")]
    remaining = open_commitments(pos, converted, as_of=date(2025, 3, 9))
    assert [c.amount_open for c in remaining] == [D("873.45")]


def test_converting_a_currency_the_budget_has_no_rate_for_is_refused():
    rows = actuals(HEADER + "2800,2025-03-04,A,,100,JPY,invoice,\n")
    with pytest.raises(ValueError, match="line 2: the budget has no rate for JPY"):
        to_actuals(rows, base_currency="USD")
