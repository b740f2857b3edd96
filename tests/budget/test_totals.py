"""The calculator: line subtotals to the grand total; the worked examples of the domain notes
(grip account, topsheet with contingency and bond, Georgia incentive, currencies) to the cent."""

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greenlight.budget.formulas import BudgetError
from greenlight.budget.model import (
    Account,
    Budget,
    Category,
    Contractual,
    Currency,
    DetailLine,
    Fringe,
    FringeKind,
    Global,
    Incentive,
    Section,
    Unit,
)
from greenlight.budget.totals import compute

D = Decimal
ALL = ("atl", "btl", "post", "other")
LABOUR = Fringe("LAB", "Labour fringe (illustrative)", FringeKind.PERCENT, D(25))


def grip_budget(shoot: str = "25") -> Budget:
    """Account 2500 Set Operations (Grip), globals PREP = 2 weeks and SHOOT = 25 days."""
    lines = (
        DetailLine("Key grip – prep", "PREP", Unit.WEEK, "1", "2800", fringes=("LAB",)),
        DetailLine("Key grip – shoot", "SHOOT", Unit.DAY, "1", "560", fringes=("LAB",)),
        DetailLine("Grips – shoot", "SHOOT", Unit.DAY, "3", "450", fringes=("LAB",)),
        DetailLine("Grip package rental", "5", Unit.WEEK, "1", "4500"),
        DetailLine("Expendables", "1", Unit.ALLOW, "1", "3000"),
    )
    return Budget(
        "Grip",
        "USD",
        (
            Category(
                "2500", "Set Operations", Section.BTL, (Account("2500", "Set Operations", lines),)
            ),
        ),
        globals=(Global("PREP", "2"), Global("SHOOT", shoot)),
        fringes=(LABOUR,),
    )


def one_line_category(code: str, section: Section, amount: str) -> Category:
    line = DetailLine(f"{code} costs", "1", Unit.ALLOW, "1", amount)
    return Category(code, f"Category {code}", section, (Account(code, f"Account {code}", (line,)),))


def topsheet_budget(**changes) -> Budget:
    """ATL 2.4M, BTL 5.1M, post 1.1M, other 0.4M; contingency 10%, bond 3% of direct + CONT."""
    budget = Budget(
        "Topsheet",
        "USD",
        (
            one_line_category("1000", Section.ATL, "2400000"),
            one_line_category("2000", Section.BTL, "5100000"),
            one_line_category("5000", Section.POST, "1100000"),
            one_line_category("6000", Section.OTHER, "400000"),
        ),
        contractuals=(
            Contractual("CONT", "Contingency", D(10), ALL),
            Contractual("BOND", "Completion bond", D(3), (*ALL, "CONT")),
        ),
    )
    return replace(budget, **changes)


def test_the_grip_account_totals_78850_before_fringe():
    computed = compute(grip_budget())
    grip = computed.account("2500")
    assert [line.subtotal for line in grip.lines] == [
        D("5600.00"),
        D("14000.00"),
        D("33750.00"),
        D("22500.00"),
        D("3000.00"),
    ]
    assert grip.subtotal == D("78850.00")


def test_the_grip_labour_fringe_is_posted_to_the_account():
    grip = compute(grip_budget()).account("2500")
    assert grip.fringes == D("13337.50")  # 25% of 53,350 labour
    assert grip.total == D("92187.50")


def test_shooting_28_days_instead_of_25_raises_grip_labour_by_5730():
    before = compute(grip_budget("25")).account("2500").lines
    after = compute(grip_budget("28")).account("2500").lines
    assert [line.subtotal for line in after[1:3]] == [D("15680.00"), D("37800.00")]
    labour = sum(a.subtotal - b.subtotal for a, b in zip(after[:3], before[:3], strict=True))
    assert labour == D("5730.00")


def test_the_topsheet_adds_contingency_and_a_bond_on_direct_plus_contingency():
    computed = compute(topsheet_budget())
    assert computed.direct == D("9000000.00")
    assert computed.above_the_line == D("2400000.00")
    assert computed.below_the_line == D("6600000.00")
    contingency, bond = computed.contractuals
    assert (contingency.base_amount, contingency.amount) == (D("9000000.00"), D("900000.00"))
    assert (bond.base_amount, bond.amount) == (D("9900000.00"), D("297000.00"))
    assert computed.grand_total == D("10197000.00")


def test_a_tax_incentive_is_financing_and_never_cuts_the_total():
    georgia = Incentive("Georgia GEIIA with logo uplift", D(30), ("btl",), D("0.88"))
    budget = Budget(
        "Georgia",
        "USD",
        (one_line_category("2000", Section.BTL, "4500000"),),
        incentives=(georgia,),
    )
    computed = compute(budget)
    (incentive,) = computed.incentives
    assert incentive.qualifying == D("4500000.00")
    assert incentive.credit == D("1350000.00")
    assert incentive.net_cash == D("1188000.00")
    assert computed.grand_total == D("4500000.00")


def test_a_line_in_another_currency_is_converted_at_the_budget_s_rate():
    line = DetailLine("Consultant", "1", Unit.WEEK, "1", "10000", currency="USD")
    budget = Budget(
        "London",
        "GBP",
        (Category("1", "Staff", Section.BTL, (Account("100", "Staff", (line,)),)),),
        currencies=(Currency("USD", D("0.75")),),
    )
    (computed,) = compute(budget).lines
    assert computed.subtotal == D("7500.00")
    assert computed.rate == D("7500.00")
    assert computed.exchange_rate == D("0.75")


def test_amounts_round_to_whole_units_in_a_currency_without_cents():
    line = DetailLine("Crew meal", "1", Unit.FLAT, "3", "1000.5")
    budget = Budget(
        "Tokyo", "JPY", (Category("1", "Meals", Section.BTL, (Account("1", "Meals", (line,)),)),)
    )
    assert compute(budget).grand_total == D(3002)  # 3,001.5 rounds half up


def test_subtotals_round_half_up_to_cents_and_totals_add_the_rounded_figures():
    lines = tuple(DetailLine(f"Third {n}", "1 / 3", Unit.FLAT, "1", "100") for n in range(3))
    budget = Budget(
        "Thirds", "USD", (Category("1", "C", Section.BTL, (Account("1", "A", lines),)),)
    )
    computed = compute(budget)
    assert [line.subtotal for line in computed.lines] == [D("33.33")] * 3
    assert computed.grand_total == D("99.99")
    half = DetailLine("Half a cent", "1", Unit.FLAT, "1", "0.005")
    budget = replace(
        budget, categories=(Category("1", "C", Section.BTL, (Account("1", "A", (half,)),)),)
    )
    assert compute(budget).grand_total == D("0.01")


def test_every_problem_is_reported_at_once_with_its_place():
    lines = (
        DetailLine("Grips – shoot", "SHOT_DAYS", Unit.DAY, "3", "450"),
        DetailLine("Camera from London", "1", Unit.WEEK, "1", "9000", currency="GBP"),
        DetailLine("Drone", "1", Unit.ALLOW, "1", "500", fringes=("NOPE",)),
        DetailLine("Per diem", "1 / 0", Unit.DAY, "1", "60"),
    )
    budget = Budget(
        "Broken",
        "USD",
        (Category("2000", "Production", Section.BTL, (Account("2500", "Set Operations", lines),)),),
        globals=(Global("SHOOT_DAYS", "25"), Global("A", "B"), Global("B", "A")),
        contractuals=(Contractual("BOND", "Bond", D(3), ("btl", "CONT")),),
    )
    with pytest.raises(BudgetError) as error:
        compute(budget)
    message = str(error.value)
    assert "line 'Grips – shoot' in account 2500: amount: unknown global SHOT_DAYS" in message
    assert "line 'Camera from London' in account 2500: unknown currency GBP" in message
    assert "line 'Drone' in account 2500: unknown fringe NOPE" in message
    assert "line 'Per diem' in account 2500: amount: '1 / 0' divides by zero" in message
    assert "globals: cycle A -> B -> A" in message
    assert "contractual BOND: base 'CONT' is neither a section" in message


def test_a_line_using_a_broken_global_is_not_reported_twice():
    line = DetailLine("Grips", "DAYS", Unit.DAY, "1", "450")
    budget = Budget(
        "Broken",
        "USD",
        (Category("1", "C", Section.BTL, (Account("2500", "Grip", (line,)),)),),
        globals=(Global("DAYS", "10 / 0"),),
    )
    with pytest.raises(BudgetError) as error:
        compute(budget)
    assert error.value.problems() == [("global DAYS", "'10 / 0' divides by zero")]


def test_duplicate_account_codes_and_a_contractual_named_after_a_section_are_errors():
    budget = topsheet_budget(
        categories=(
            one_line_category("1000", Section.ATL, "1"),
            one_line_category("1000", Section.BTL, "1"),
        ),
        contractuals=(Contractual("atl", "Odd", D(1)),),
    )
    with pytest.raises(BudgetError) as error:
        compute(budget)
    places = [where for where, _ in error.value.problems()]
    assert places == ["category 1000", "account 1000", "contractual atl"]


def test_a_line_without_a_description_is_named_by_its_number():
    lines = (
        DetailLine("First", "1", Unit.FLAT, "1", "1"),
        DetailLine("", "X", Unit.FLAT, "1", "1"),
    )
    budget = Budget("B", "USD", (Category("1", "C", Section.BTL, (Account("300", "A", lines),)),))
    with pytest.raises(BudgetError, match="line 2 in account 300: amount: unknown global X"):
        compute(budget)


def test_sections_fringes_and_codes_are_all_reported():
    computed = compute(grip_budget())
    assert computed.sections == {
        Section.ATL: D(0),
        Section.BTL: D("92187.50"),
        Section.POST: D(0),
        Section.OTHER: D(0),
    }
    assert computed.fringes == D("13337.50")
    assert computed.fringes_by_code == {"LAB": D("13337.50")}
    assert computed.globals == {"PREP": D(2), "SHOOT": D(25)}
    assert computed.lines[0].where == "line 'Key grip – prep' in account 2500"
    assert computed.lines[1].hours == D(300)  # 25 days of 12 hours


# --- properties -------------------------------------------------------------------------------

cents = st.integers(min_value=-100_000_00, max_value=10_000_000_00).map(lambda c: str(D(c) / 100))
lines = st.builds(
    DetailLine,
    description=st.just("Line"),
    amount=st.sampled_from(["1", "2.5", "DAYS", "DAYS / 3", "WEEKS + 1"]),
    unit=st.sampled_from(list(Unit)),
    multiplier=st.sampled_from(["1", "2", "3"]),
    rate=cents,
    fringes=st.sampled_from([(), ("PCT",), ("PCT", "CAP"), ("CAP",)]),
    person=st.sampled_from(["", "Ann", "Bob"]),
)


@st.composite
def budgets(draw):
    categories = []
    for c in range(draw(st.integers(min_value=1, max_value=4))):
        accounts = tuple(
            Account(f"{c}{a}", "Account", tuple(draw(st.lists(lines, max_size=5))))
            for a in range(draw(st.integers(min_value=0, max_value=3)))
        )
        categories.append(
            Category(str(c), "Category", draw(st.sampled_from(list(Section))), accounts)
        )
    return Budget(
        "Generated",
        "USD",
        tuple(categories),
        globals=(
            Global("DAYS", draw(st.sampled_from(["10", "25", "7"]))),
            Global("WEEKS", "DAYS / 5"),
        ),
        fringes=(
            Fringe("PCT", "Percent", FringeKind.PERCENT, D("7.65")),
            Fringe("CAP", "Capped", FringeKind.PERCENT, D("6.2"), D(50000)),
        ),
        contractuals=(
            Contractual("CONT", "Contingency", D(10), ALL),
            Contractual("BOND", "Bond", D("2.5"), ("atl", "btl", "CONT")),
        ),
    )


@settings(max_examples=100, deadline=None)
@given(budgets())
def test_every_total_is_the_sum_of_its_rows(budget):
    computed = compute(budget)
    for account in computed.accounts:
        assert account.subtotal == sum((line.subtotal for line in account.lines), D(0))
        assert account.total == sum((line.total for line in account.lines), D(0))
    for category in computed.categories:
        assert category.total == sum((account.total for account in category.accounts), D(0))
    assert computed.direct == sum((category.total for category in computed.categories), D(0))
    assert computed.direct == computed.above_the_line + computed.below_the_line
    assert computed.fringes == sum((line.fringe_total for line in computed.lines), D(0))
    contractuals = sum((item.amount for item in computed.contractuals), D(0))
    assert computed.grand_total == computed.direct + contractuals
    for figure in (computed.grand_total, *(line.subtotal for line in computed.lines)):
        assert figure == figure.quantize(D("0.01"))
