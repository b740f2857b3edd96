"""Fringes: percent with per-person caps across all of a person's lines, flat per hour,
effective dates; the worked examples of the domain notes (section 1.4) to the cent."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greenlight.budget.fringes import FringeError, PaidLine, fringe_lines
from greenlight.budget.model import Fringe, FringeKind

D = Decimal
OASDI = Fringe("OASDI", "FICA-OASDI", FringeKind.PERCENT, D("6.2"), D(176100))
MEDICARE = Fringe("MEDI", "FICA-Medicare", FringeKind.PERCENT, D("1.45"))
FUTA = Fringe("FUTA", "FUTA", FringeKind.PERCENT, D("0.6"), D(7000))
SUI = Fringe("SUI", "SUI (illustrative)", FringeKind.PERCENT, D("3.4"), D(7000))
FEE = Fringe("FEE", "Payroll fee (illustrative)", FringeKind.PERCENT, D("0.5"))
PAYROLL = (OASDI, MEDICARE, FUTA, SUI, FEE)
CODES = tuple(fringe.code for fringe in PAYROLL)
PH_HOUR = Fringe("PH", "P&H per hour (illustrative)", FringeKind.FLAT, D("10.00"))


def line_producer(person: str) -> list[PaidLine]:
    """$12,000 a week for 16 weeks, split prep 72k, shoot 96k, wrap 24k (2025)."""
    return [PaidLine(D(pay), None, CODES, person) for pay in ("72000", "96000", "24000")]


def totals(amounts: list[dict[str, Decimal]]) -> dict[str, Decimal]:
    summed: dict[str, Decimal] = {}
    for line in amounts:
        for code, amount in line.items():
            summed[code] = summed.get(code, D(0)) + amount
    return summed


def test_one_person_on_three_lines_is_fringed_as_one_wage_base():
    amounts = fringe_lines(line_producer("Line producer"), PAYROLL)
    by_code = totals(amounts)
    assert by_code == {
        "OASDI": D("10918.20"),
        "MEDI": D("2784.00"),
        "FUTA": D("42.00"),
        "SUI": D("238.00"),
        "FEE": D("960.00"),
    }
    assert sum(by_code.values()) == D("14942.20")
    assert [line["OASDI"] for line in amounts] == [D("4464.00"), D("5952.00"), D("502.20")]
    assert [line["FUTA"] for line in amounts] == [D("42.00"), D("0.00"), D("0.00")]


def test_the_same_lines_without_a_person_are_three_people_and_cost_more():
    amounts = fringe_lines(line_producer(""), PAYROLL)
    by_code = totals(amounts)
    assert by_code["OASDI"] == D("11904.00")
    assert by_code["FUTA"] == D("126.00")
    assert by_code["SUI"] == D("714.00")
    assert sum(by_code.values()) == D("16488.00")


def test_a_flat_fringe_per_hour_uses_the_hours_of_the_unit():
    grips = PaidLine(D("33750.00"), D(25) * 3 * 12, ("PH",))  # 25 days x 3 grips, day = 12 h
    assert fringe_lines([grips], [PH_HOUR]) == [{"PH": D("9000.00")}]


def test_different_people_have_caps_of_their_own():
    lines = [
        PaidLine(D(7000), None, ("FUTA",), "Ann"),
        PaidLine(D(7000), None, ("FUTA",), "Bob"),
        PaidLine(D(7000), None, ("FUTA",), "Ann"),
    ]
    assert [line["FUTA"] for line in fringe_lines(lines, [FUTA])] == [
        D("42.00"),
        D("42.00"),
        D("0.00"),
    ]


def test_a_cap_is_counted_per_fringe():
    lines = [PaidLine(D(10000), None, ("FUTA", "SUI"), "Ann")] * 2
    amounts = fringe_lines(lines, [FUTA, SUI])
    assert amounts[1] == {"FUTA": D("0.00"), "SUI": D("0.00")}
    assert amounts[0] == {"FUTA": D("42.00"), "SUI": D("238.00")}


def test_a_fringe_applies_only_to_pay_within_its_effective_dates():
    oasdi_2025 = Fringe(
        "OASDI",
        "2025",
        FringeKind.PERCENT,
        D("6.2"),
        D(176100),
        date(2025, 1, 1),
        date(2025, 12, 31),
    )
    lines = [
        PaidLine(D(100000), None, ("OASDI",), "Ann", date(2024, 12, 31)),
        PaidLine(D(100000), None, ("OASDI",), "Ann", date(2025, 1, 1)),
        PaidLine(D(100000), None, ("OASDI",), "Ann", date(2025, 12, 31)),
        PaidLine(D(1000), None, ("OASDI",), "Ann"),  # no date: applies
    ]
    amounts = fringe_lines(lines, [oasdi_2025])
    assert amounts[0] == {}  # 2024 pay is neither fringed nor counted toward the 2025 cap
    assert amounts[1] == {"OASDI": D("6200.00")}
    assert amounts[2] == {"OASDI": D("4718.20")}  # 76,100 left under the cap
    assert amounts[3] == {"OASDI": D("0.00")}


def test_a_flat_fringe_on_a_line_without_hours_is_an_error_naming_the_line():
    lines = [PaidLine(D(500), None, ("PH",), where="line 'Kit rental' in account 2585")]
    with pytest.raises(FringeError) as error:
        fringe_lines(lines, [PH_HOUR])
    assert error.value.problems() == [
        (
            "line 'Kit rental' in account 2585",
            "fringe PH is per hour, but the line's unit has no hours"
            " (use hour, day, week or month)",
        )
    ]


def test_a_flat_fringe_with_a_cap_is_refused():
    capped = Fringe("PH", "P&H", FringeKind.FLAT, D(10), D(1000))
    with pytest.raises(FringeError, match="a flat fringe cannot have a cap"):
        fringe_lines([], [capped])


def test_unknown_fringe_codes_are_reported_for_every_line_that_uses_them():
    lines = [PaidLine(D(100), None, ("NOPE",)), PaidLine(D(100), None, ("MEDI", "NOPE"))]
    with pytest.raises(FringeError) as error:
        fringe_lines(lines, [MEDICARE], place=lambda index: f"line #{index + 1}")
    assert error.value.problems() == [
        ("line #1", "unknown fringe NOPE"),
        ("line #2", "unknown fringe NOPE"),
    ]


def test_a_fringe_named_twice_on_a_line_is_applied_once():
    amounts = fringe_lines([PaidLine(D(1000), None, ("FUTA", "FUTA"), "Ann")], [FUTA])
    assert amounts == [{"FUTA": D("6.00")}]


def test_each_line_s_fringe_is_rounded_half_up_to_cents():
    one_percent = Fringe("F", "F", FringeKind.PERCENT, D(1))
    assert fringe_lines([PaidLine(D("0.50"), None, ("F",))], [one_percent]) == [{"F": D("0.01")}]
    assert fringe_lines([PaidLine(D("0.50"), None, ("F",))], [one_percent], D(1)) == [{"F": D(0)}]


def test_a_credit_line_gives_back_fringe_under_the_cap():
    lines = [PaidLine(D(8000), None, ("FUTA",), "Ann"), PaidLine(D(-2000), None, ("FUTA",), "Ann")]
    amounts = fringe_lines(lines, [FUTA])
    assert [line["FUTA"] for line in amounts] == [D("42.00"), D("-6.00")]  # 0.6% of 6,000 in all


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=5_000_000), max_size=12),
    st.integers(min_value=0, max_value=20_000_000),
)
def test_one_person_is_fringed_on_exactly_the_pay_under_the_cap(cents, cap_cents):
    whole = Fringe("ALL", "100 percent", FringeKind.PERCENT, D(100), D(cap_cents) / 100)
    lines = [PaidLine(D(c) / 100, None, ("ALL",), "Ann") for c in cents]
    fringed = sum((line["ALL"] for line in fringe_lines(lines, [whole])), D(0))
    assert fringed == min(D(sum(cents)) / 100, D(cap_cents) / 100)
