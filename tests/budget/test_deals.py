"""Deal memos: overtime rules as data, quotes, day pay, budget lines and approval (notes 4.2)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from greenlight.budget.deals import (
    OVERTIME_RULES,
    ApprovalThreshold,
    Deal,
    OvertimeRule,
    RateType,
    bands,
    contract_value,
    day_pay,
    equivalent_quote,
    hourly_from_quote,
    kit_account,
    labour_lines,
    needs_approval,
    pay_hours,
    rule_for,
    week_pay_hours,
    weekly_equivalent,
    working_days,
)
from greenlight.budget.model import Unit

D = Decimal
CA = OVERTIME_RULES["ca_daily"]
AFTER_10 = OVERTIME_RULES["after_10"]
FLSA = OVERTIME_RULES["flsa_weekly"]

KEY_GRIP = Deal(
    person="person-17",
    name="Ann Lee",
    position="Key Grip",
    department="Grip",
    account_code="2501",
    rate=D(500),
    rate_type=RateType.DAILY,
    start=date(2025, 3, 3),  # a Monday
    end=date(2025, 5, 30),  # 13 weeks later, a Friday
    guaranteed_hours=D(10),
    kit_rental=D(250),
    union="IATSE 80",
    fringes=("FICA", "MEDI", "PH-IATSE"),
)


@pytest.mark.parametrize(
    ("worked", "expected"),
    [("0", "0"), ("8", "8"), ("10", "11"), ("12", "14"), ("13.5", "17"), ("16", "22")],
)
def test_california_daily_pays_half_again_after_8_hours_and_double_after_12(worked, expected):
    assert pay_hours(D(worked), CA) == D(expected)


@pytest.mark.parametrize(("worked", "expected"), [("10", "10"), ("12", "13"), ("13", "15")])
def test_after_10_pays_half_again_after_10_hours_and_double_after_12(worked, expected):
    assert pay_hours(D(worked), AFTER_10) == D(expected)


def test_the_6th_day_pays_half_again_for_12_hours_and_the_7th_double_after_8():
    assert pay_hours(12, CA, day=6) == 18
    assert pay_hours(13, CA, day=6) == 20
    assert pay_hours(8, CA, day=7) == 12
    assert pay_hours(10, CA, day=7) == 16


def test_flsa_pays_half_again_over_40_hours_a_week():
    assert week_pay_hours([12] * 5, FLSA) == 70
    assert week_pay_hours([8] * 5, FLSA) == 40
    assert week_pay_hours([10, 10, 10, 10, 10, 10], FLSA) == 70


def test_one_flsa_day_counts_as_one_of_five_such_days():
    assert pay_hours(12, FLSA) == week_pay_hours([12] * 5, FLSA) / 5
    assert pay_hours(6, FLSA) == 6
    assert pay_hours(5, FLSA, day=6) == D("7.5")


def test_a_week_never_pays_two_premiums_for_one_hour():
    combined = replace(CA, key="ca_weekly", weekly_after=D(40))
    # 5 x 10 hours: 40 straight hours, 10 daily-overtime hours: no weekly premium on top.
    assert week_pay_hours([10] * 5, combined) == 55
    # 6 x 8 hours without a 6th-day rule: the 6th day's 8 straight hours are over 40.
    plain = replace(combined, sixth_day=None)
    assert week_pay_hours([8] * 6, plain) == 40 + 8 * D("1.5")


def test_a_500_for_10_quote_is_45_45_an_hour_over_11_pay_hours():
    assert pay_hours(10, CA) == 11
    assert hourly_from_quote(D(500), 10, CA) == D("45.45")


def test_a_750_for_12_quote_is_53_57_an_hour_over_14_pay_hours():
    assert pay_hours(12, CA) == 14
    assert hourly_from_quote(D(750), 12, CA) == D("53.57")


def test_750_for_10_is_68_18_an_hour_which_is_954_55_for_12():
    assert hourly_from_quote(D(750), 10, CA) == D("68.18")
    assert equivalent_quote(D(750), 10, 12, CA) == D("954.55")


def test_a_quote_without_hours_is_refused():
    with pytest.raises(ValueError, match="guaranteed hours"):
        hourly_from_quote(D(500), 0, CA)


def test_a_short_day_still_pays_the_guarantee():
    assert day_pay(KEY_GRIP, 6) == D("500.00")
    assert day_pay(KEY_GRIP, 10) == D("500.00")


def test_a_long_day_pays_the_overtime_on_the_exact_hourly_rate():
    assert day_pay(KEY_GRIP, 12) == D("636.36")  # 500 / 11 x 14
    assert day_pay(KEY_GRIP, 10, day=6) == D("681.82")  # 500 / 11 x 15


def test_hourly_weekly_and_flat_deals_pay_their_own_way():
    hourly = replace(KEY_GRIP, rate=D(45), rate_type=RateType.HOURLY, guaranteed_hours=D(0))
    assert day_pay(hourly, D("13.5")) == D("765.00")  # 45 x 17
    weekly = replace(KEY_GRIP, rate=D(2_750), rate_type=RateType.WEEKLY, guaranteed_hours=D(12))
    assert day_pay(weekly, 12) == D("550.00")
    assert day_pay(weekly, 13) == D("628.57")  # 550 / 14 x 16
    flat = replace(KEY_GRIP, rate=D(20_000), rate_type=RateType.FLAT)
    with pytest.raises(ValueError, match="flat fee"):
        day_pay(flat, 10)


def test_a_daily_or_weekly_deal_needs_its_guaranteed_hours():
    with pytest.raises(ValueError, match="needs its hours"):
        replace(KEY_GRIP, guaranteed_hours=D(0))


def test_a_deal_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="before it starts"):
        replace(KEY_GRIP, end=date(2025, 3, 1))


def test_an_unknown_overtime_rule_is_named_with_the_known_ones():
    with pytest.raises(ValueError, match="after_10, ca_daily, flsa_weekly"):
        rule_for("nope")


def test_a_production_can_plug_in_its_own_rule_set():
    union = OvertimeRule("union_x", "Union X", bands((0, 1), (8, "1.5"), (12, 2), (16, 3)))
    rules = {**OVERTIME_RULES, "union_x": union}
    assert pay_hours(17, union) == 8 + 6 + 8 + 3
    deal = replace(KEY_GRIP, overtime="union_x")
    assert day_pay(deal, 17, rules=rules) == (D(500) / 11 * 25).quantize(D("0.01"))


def test_bands_must_start_at_zero_hours_and_increase():
    with pytest.raises(ValueError, match="start at 0"):
        OvertimeRule("bad", "Bad", bands((1, 1), (8, 2)))
    with pytest.raises(ValueError, match="increase"):
        OvertimeRule("bad", "Bad", bands((0, 1), (12, 2), (8, 3)))


def test_labour_lines_budget_prep_shoot_wrap_overtime_and_kit_for_a_daily_deal():
    lines = labour_lines(KEY_GRIP, prep_days=10, shoot_days=25, wrap_days=5, shoot_hours_per_day=12)
    summary = [(line.tags["group"], line.amount, line.unit, line.rate) for line in lines]
    assert summary == [
        ("prep", "10", Unit.DAY, "500"),
        ("shoot", "25", Unit.DAY, "500"),
        ("wrap", "5", Unit.DAY, "500"),
        ("overtime", "75", Unit.HOUR, "45.4545"),  # 25 days x (14 - 11) pay-hours
        ("kit", "8", Unit.WEEK, "250"),  # 40 days = 8 weeks
    ]
    assert {line.person for line in lines} == {"person-17"}
    assert [line.fringes for line in lines[:4]] == [KEY_GRIP.fringes] * 4
    assert lines[4].fringes == ()
    assert "2585" in lines[4].description
    assert "xx-85" in lines[4].description
    assert "3 pay-hours a day" in lines[3].description


def test_labour_lines_date_each_phase_for_the_fringes_effective_dates():
    lines = labour_lines(KEY_GRIP, prep_days=10, shoot_days=25, wrap_days=5, shoot_hours_per_day=12)
    paid = {line.tags["group"]: line.paid_on for line in lines}
    assert paid["prep"] == date(2025, 3, 3)
    assert paid["shoot"] == paid["overtime"] == date(2025, 3, 17)  # after 10 working days
    assert paid["wrap"] == date(2025, 4, 21)  # after 35 working days
    assert paid["kit"] is None


def test_no_overtime_line_when_the_shooting_day_is_within_the_guarantee():
    lines = labour_lines(KEY_GRIP, prep_days=0, shoot_days=20, wrap_days=0, shoot_hours_per_day=10)
    assert [line.tags["group"] for line in lines] == ["shoot", "kit"]


def test_a_weekly_deal_is_budgeted_in_weeks_of_five_days():
    weekly = replace(KEY_GRIP, rate=D(2_750), rate_type=RateType.WEEKLY, kit_rental=D(0))
    lines = labour_lines(weekly, prep_days=7, shoot_days=25, wrap_days=0, shoot_hours_per_day=12)
    assert [(line.amount, line.unit, line.rate) for line in lines[:2]] == [
        ("1.4", Unit.WEEK, "2750"),
        ("5", Unit.WEEK, "2750"),
    ]
    assert lines[2].tags["group"] == "overtime"
    assert lines[2].amount == "75"  # 25 days x (14 - 11) pay-hours
    assert len(lines) == 3


def test_an_hourly_deal_is_budgeted_in_pay_hours_with_overtime_past_the_straight_day():
    hourly = replace(KEY_GRIP, rate=D(45), rate_type=RateType.HOURLY, guaranteed_hours=D(0))
    lines = labour_lines(hourly, prep_days=2, shoot_days=10, wrap_days=0, shoot_hours_per_day=12)
    assert [(line.tags["group"], line.amount, line.unit, line.rate) for line in lines] == [
        ("prep", "16", Unit.HOUR, "45"),
        ("shoot", "80", Unit.HOUR, "45"),
        ("overtime", "60", Unit.HOUR, "45"),  # 10 days x (14 - 8) pay-hours
        ("kit", "2.4", Unit.WEEK, "250"),
    ]


def test_a_flat_deal_is_one_fee_line_and_its_kit():
    flat = replace(KEY_GRIP, rate=D(20_000), rate_type=RateType.FLAT, currency="GBP")
    lines = labour_lines(flat, prep_days=5, shoot_days=20, wrap_days=5, shoot_hours_per_day=14)
    assert [(line.tags["group"], line.amount, line.unit, line.rate) for line in lines] == [
        ("fee", "1", Unit.FLAT, "20000"),
        ("kit", "6", Unit.WEEK, "250"),
    ]
    assert {line.currency for line in lines} == {"GBP"}


def test_kit_rentals_go_to_the_departments_xx_85_account():
    assert kit_account("2501") == "2585"
    assert kit_account("25") == "2585"


def test_working_days_count_monday_to_friday():
    assert working_days(date(2025, 3, 3), date(2025, 5, 30)) == 65
    assert working_days(date(2025, 3, 7), date(2025, 3, 10)) == 2  # Friday to Monday
    assert working_days(date(2025, 3, 8), date(2025, 3, 9)) == 0


def test_weekly_equivalent_and_contract_value_of_a_daily_deal():
    assert weekly_equivalent(KEY_GRIP) == D(2_500)
    assert contract_value(KEY_GRIP) == D("35750.00")  # 13 weeks x (2,500 + 250 kit)


def test_a_deal_above_the_weekly_or_the_total_threshold_needs_approval():
    assert needs_approval(KEY_GRIP, ApprovalThreshold(weekly=D(2_000)))
    assert not needs_approval(KEY_GRIP, ApprovalThreshold(weekly=D(2_500)))
    assert needs_approval(KEY_GRIP, ApprovalThreshold(total=D(35_000)))
    assert not needs_approval(KEY_GRIP, ApprovalThreshold(weekly=D(3_000), total=D(40_000)))
    assert not needs_approval(KEY_GRIP, ApprovalThreshold())


def test_hourly_and_flat_deals_have_weekly_equivalents_too():
    hourly = replace(KEY_GRIP, rate=D(45), rate_type=RateType.HOURLY, guaranteed_hours=D(10))
    assert weekly_equivalent(hourly) == D("2475.00")  # 45 x 11 pay-hours x 5
    flat = replace(KEY_GRIP, rate=D(26_000), rate_type=RateType.FLAT)
    assert weekly_equivalent(flat) == D("2000.00")  # over 13 weeks
    assert contract_value(flat) == D("29250.00")  # the fee and 13 weeks of kit
