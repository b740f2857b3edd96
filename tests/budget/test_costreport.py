"""The weekly cost report: the worked example of the domain notes (1.8) and its invariants."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greenlight.budget.costreport import (
    UNBUDGETED,
    Actual,
    ActualKind,
    BudgetLine,
    Commitment,
    CostReport,
    EtcOverride,
    Figures,
    Overage,
    PurchaseOrder,
    open_commitments,
    report,
)
from greenlight.budget.model import Section

D = Decimal
START, END = date(2025, 3, 3), date(2025, 3, 9)

LINES = (
    BudgetLine("2800", "Props", "2800", "Property", Section.BTL, D(60_000)),
    BudgetLine("3300", "Camera", "3300", "Camera", Section.BTL, D(180_000)),
    BudgetLine("3600", "Locations", "3600", "Locations", Section.BTL, D(250_000)),
)
ACTUALS = (
    Actual("2800", D(25_000), date(2025, 2, 10), ActualKind.INVOICE, "Props R Us", "PO-1"),
    Actual("2800", D(5_000), date(2025, 3, 4), ActualKind.EXPENSE, "Petty cash"),
    Actual("3300", D(80_000), date(2025, 2, 20), ActualKind.INVOICE, "Panavision", "PO-2"),
    Actual("3300", D(15_000), date(2025, 3, 7), ActualKind.PAYROLL, "Payroll"),
    Actual("3600", D(120_000), date(2025, 3, 1), ActualKind.INVOICE, "City permits"),
)
COMMITMENTS = (
    Commitment("2800", "PO-1", D(5_000)),
    Commitment("3300", "PO-2", D(40_000)),
    Commitment("3600", "PO-3", D(35_000)),
    Commitment("3600", "PO-4", D(25_000)),
)
OVERRIDES = (
    EtcOverride("3300", D(55_000), "Two extra weeks of the crane"),
    EtcOverride("3600", D(50_000), "Second unit location dropped"),
)


def example(**changes: object) -> CostReport:
    arguments: dict[str, object] = {
        "budget_lines": LINES,
        "actuals": ACTUALS,
        "commitments": COMMITMENTS,
        "overrides": OVERRIDES,
        "overages": (),
        "period_start": START,
        "period_end": END,
    }
    arguments.update(changes)
    return report(**arguments)


def columns(figures: Figures) -> tuple[object, ...]:
    return (
        figures.budget,
        figures.to_date,
        figures.committed,
        figures.etc,
        figures.efc,
        figures.variance,
        figures.variance_percent,
    )


def test_the_worked_example_reproduces_every_row_of_the_table():
    result = example()
    assert {row.account_code: columns(row.figures) for row in result.rows} == {
        "2800": (D(60_000), D(30_000), D(5_000), D(25_000), D(60_000), D(0), D("0.0")),
        "3300": (D(180_000), D(95_000), D(40_000), D(55_000), D(190_000), D(-10_000), D("-5.6")),
        "3600": (D(250_000), D(120_000), D(60_000), D(50_000), D(230_000), D(20_000), D("8.0")),
    }


def test_the_worked_example_totals_are_490000_245000_105000_130000_480000_10000_and_2_percent():
    total = example().total
    assert columns(total) == (
        D(490_000),
        D(245_000),
        D(105_000),
        D(130_000),
        D(480_000),
        D(10_000),
        D("2.0"),
    )
    assert total.total_cost == D(350_000)


def test_etc_defaults_to_what_is_left_of_the_budget_after_actuals_and_open_pos():
    row = example().row("2800")
    assert row.figures.etc == D(25_000)
    assert not row.etc_overridden
    assert row.etc_note == ""


def test_an_etc_override_replaces_the_default_and_keeps_its_note():
    row = example().row("3300")
    assert row.figures.etc == D(55_000)
    assert row.etc_overridden
    assert row.etc_note == "Two extra weeks of the crane"


def test_etc_is_never_negative_when_an_account_has_spent_past_its_budget():
    spent = (*ACTUALS, Actual("2800", D(40_000), date(2025, 3, 5)))
    row = example(actuals=spent).row("2800")
    assert row.figures.etc == 0
    assert row.figures.variance == D(60_000) - D(70_000) - D(5_000)


def test_actual_this_period_counts_only_the_period_and_later_costs_are_left_out():
    later = (*ACTUALS, Actual("2800", D(999), date(2025, 3, 10)))
    result = example(actuals=later)
    assert result.row("2800").figures.period == D(5_000)
    assert result.row("3300").figures.period == D(15_000)
    assert result.row("3600").figures.period == 0  # dated 1 March: before the period
    assert result.row("2800").figures.to_date == D(30_000)
    assert result.total.period == D(20_000)


def test_costs_on_an_account_outside_the_budget_get_their_own_flagged_row():
    stray = (*ACTUALS, Actual("4100", D(1_200), date(2025, 3, 6), vendor="Cloud render"))
    result = example(actuals=stray, commitments=(*COMMITMENTS, Commitment("4100", "PO-9", D(300))))
    row = result.row("4100")
    assert row.unbudgeted
    assert row.section is None
    assert row.category_code == UNBUDGETED
    assert (row.figures.budget, row.figures.to_date, row.figures.committed) == (0, 1_200, 300)
    assert row.figures.etc == 0
    assert row.figures.variance == D(-1_500)
    assert row.figures.variance_percent is None
    assert result.total.to_date == D(246_200)
    assert result.sections[-1].code == UNBUDGETED
    assert result.rows[-1] is row  # after the budget's own rows


def test_approved_overages_raise_the_final_budget_and_the_default_etc():
    overages = (
        Overage("2800", D(4_000), "Hero prop rebuilt"),
        Overage("2800", D(1_000), "Picture car dressing"),
    )
    row = example(overages=overages).row("2800")
    assert row.figures.budget == D(60_000)
    assert row.figures.overages == D(5_000)
    assert row.figures.final_budget == D(65_000)
    assert row.figures.etc == D(30_000)
    assert row.figures.variance == 0
    assert row.overage_notes == ("Hero prop rebuilt", "Picture car dressing")


def test_variance_percent_is_of_the_final_budget():
    row = example(overages=(Overage("3300", D(20_000), "Crane approved"),)).row("3300")
    assert row.figures.variance == D(10_000)
    assert row.figures.variance_percent == D("5.0")  # of 200,000


def test_rows_roll_up_into_categories_sections_and_the_grand_total():
    lines = (
        *LINES,
        BudgetLine("1100", "Writers", "1100", "Story", Section.ATL, D(100_000)),
        BudgetLine("3301", "Camera car", "3300", "Camera", Section.BTL, D(10_000)),
    )
    result = example(budget_lines=lines)
    camera = next(rollup for rollup in result.categories if rollup.code == "3300")
    assert camera.figures.budget == D(190_000)
    assert [section.code for section in result.sections] == ["btl", "atl"]
    assert result.sections[0].figures.budget == D(500_000)
    assert result.total.budget == D(600_000)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: EtcOverride("2800", D(-1), "oops"), "cannot be negative"),
        (lambda: EtcOverride("2800", D(1), "  "), "say why"),
    ],
)
def test_an_etc_override_needs_a_note_and_cannot_be_negative(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_two_overrides_for_one_account_are_refused():
    twice = (*OVERRIDES, EtcOverride("3300", D(1), "again"))
    with pytest.raises(ValueError, match="two ETC overrides"):
        example(overrides=twice)


def test_an_account_listed_twice_in_the_budget_is_refused():
    with pytest.raises(ValueError, match="appears twice"):
        example(budget_lines=(*LINES, LINES[0]))


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="after it ends"):
        example(period_start=END, period_end=START)


def test_open_commitments_are_each_po_line_less_what_was_invoiced_against_it():
    orders = (
        PurchaseOrder("PO-1", "2800", D(30_000), date(2025, 2, 1)),
        PurchaseOrder("PO-1", "2850", D(1_000), date(2025, 2, 1)),
        PurchaseOrder("PO-2", "3300", D(120_000), date(2025, 2, 1)),
        PurchaseOrder("PO-3", "3600", D(5_000), date(2025, 2, 1)),  # invoiced in full
        PurchaseOrder("PO-4", "3600", D(7_000), date(2025, 4, 1)),  # raised after the report
    )
    invoices = (
        *ACTUALS,
        Actual("3600", D(5_000), date(2025, 3, 2), po_ref="PO-3"),
        Actual("2800", D(500), date(2025, 3, 20), po_ref="PO-1"),  # after the report
    )
    assert open_commitments(orders, invoices, as_of=END) == [
        Commitment("2800", "PO-1", D(5_000)),
        Commitment("2850", "PO-1", D(1_000)),
        Commitment("3300", "PO-2", D(40_000)),
    ]


def test_invoicing_against_a_po_moves_money_from_commitments_into_atd_and_leaves_efc_unchanged():
    orders = (PurchaseOrder("PO-2", "3300", D(120_000), date(2025, 2, 1)),)
    before_actuals = ACTUALS
    after_actuals = (*ACTUALS, Actual("3300", D(12_500), date(2025, 3, 8), po_ref="PO-2"))
    before = example(
        actuals=before_actuals,
        commitments=open_commitments(orders, before_actuals, as_of=END),
    )
    after = example(
        actuals=after_actuals,
        commitments=open_commitments(orders, after_actuals, as_of=END),
    )
    assert after.row("3300").figures.committed == before.row("3300").figures.committed - 12_500
    assert after.row("3300").figures.to_date == before.row("3300").figures.to_date + 12_500
    assert [row.figures.efc for row in after.rows] == [row.figures.efc for row in before.rows]


# Property tests: the invariants of section 1.8 over random ledgers.

CODES = ("1100", "2800", "3300", "3600", "9000")
money = st.decimals(min_value=-5_000, max_value=50_000, places=2)
positive = st.decimals(min_value=0, max_value=50_000, places=2)
days = st.integers(min_value=-30, max_value=30).map(lambda n: START + timedelta(days=n))


@st.composite
def ledgers(draw: st.DrawFn) -> dict[str, object]:
    budgeted = draw(st.lists(st.sampled_from(CODES[:4]), unique=True))
    sections = list(Section)
    lines = [
        BudgetLine(code, code, code[:2], code[:2], sections[i % 4], draw(positive))
        for i, code in enumerate(budgeted)
    ]
    actuals = draw(st.lists(st.builds(Actual, st.sampled_from(CODES), money, days), max_size=30))
    commitments = draw(
        st.lists(st.builds(Commitment, st.sampled_from(CODES), st.just("PO"), positive), max_size=8)
    )
    override_codes = draw(st.lists(st.sampled_from(CODES), unique=True, max_size=3))
    overrides = [EtcOverride(code, draw(positive), "estimate") for code in override_codes]
    overages = draw(
        st.lists(st.builds(Overage, st.sampled_from(CODES), money, st.just("ok")), max_size=4)
    )
    return {
        "budget_lines": lines,
        "actuals": actuals,
        "commitments": commitments,
        "overrides": overrides,
        "overages": overages,
        "period_start": START,
        "period_end": END,
    }


@settings(max_examples=150, deadline=None)
@given(ledgers())
def test_every_row_has_efc_equal_to_atd_plus_pos_plus_etc_and_a_non_negative_etc(ledger):
    result = report(**ledger)
    for row in result.rows:
        figures = row.figures
        assert figures.efc == figures.to_date + figures.committed + figures.etc
        assert figures.total_cost == figures.to_date + figures.committed
        assert figures.variance == figures.budget + figures.overages - figures.efc
        assert figures.etc >= 0


@settings(max_examples=150, deadline=None)
@given(ledgers())
def test_totals_are_the_sums_of_the_rows_and_no_cost_is_dropped(ledger):
    result = report(**ledger)
    rows = [row.figures for row in result.rows]
    assert result.total == sum(rows, Figures())
    assert sum((rollup.figures for rollup in result.categories), Figures()) == result.total
    assert sum((rollup.figures for rollup in result.sections), Figures()) == result.total
    in_report = [a for a in ledger["actuals"] if a.on <= END]
    assert result.total.to_date == sum((a.amount for a in in_report), D(0))
    assert result.total.committed == sum(
        (c.amount_open for c in ledger["commitments"]),
        D(0),
    )


@settings(max_examples=150, deadline=None)
@given(ledgers(), st.data())
def test_moving_an_invoiced_amount_from_a_po_into_atd_leaves_every_efc_unchanged(ledger, data):
    commitments = list(ledger["commitments"])
    if not commitments:
        return
    index = data.draw(st.integers(0, len(commitments) - 1))
    po = commitments[index]
    invoiced = data.draw(st.decimals(min_value=0, max_value=po.amount_open, places=2))
    commitments[index] = Commitment(po.account_code, po.po_ref, po.amount_open - invoiced)
    invoice = Actual(po.account_code, invoiced, END, po_ref=po.po_ref)
    before = report(**ledger)
    after = report(
        **{**ledger, "commitments": commitments, "actuals": [*ledger["actuals"], invoice]}
    )
    assert [row.figures.efc for row in after.rows] == [row.figures.efc for row in before.rows]
    assert after.total.efc == before.total.efc
