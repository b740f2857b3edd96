"""The weekly cash flow: the worked example of the domain notes (1.10) and the spreading rules."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greenlight.budget.cashflow import (
    CashFlow,
    FundingDrop,
    SpendItem,
    Spread,
    cash_flow,
    payments,
)

D = Decimal
SIGNING = date(2025, 1, 6)  # week 0 starts on the day of signing


def week(number: int) -> date:
    return SIGNING + timedelta(weeks=number)


def weeks(first: int, last: int) -> tuple[date, date]:
    return week(first), week(last) + timedelta(days=6)


def example() -> CashFlow:
    """$2,000,000; funding 30/40/20/10 at signing, start of PP, picture lock and delivery."""
    phases = [("prep", 400_000, 1, 6), ("shoot", 1_000_000, 7, 11), ("post", 360_000, 12, 14)]
    phases.append(("finishing", 240_000, 15, 16))
    items = [
        SpendItem(name, D(amount), *weeks(first, last), Spread.SPREAD, description=name)
        for name, amount, first, last in phases
    ]
    funding = [
        FundingDrop(week(0), D(600_000), "signing"),
        FundingDrop(week(6), D(800_000), "start of principal photography"),
        FundingDrop(week(14), D(400_000), "picture lock"),
        FundingDrop(week(20), D(200_000), "delivery"),
    ]
    return cash_flow(items, funding, start=SIGNING, weeks=21)


def test_week_0_signing_brings_in_600000():
    signing = example().week(0)
    assert (signing.spend, signing.funding, signing.cash_position) == (0, 600_000, 600_000)
    assert signing.sources == ("signing",)
    assert not signing.shortfall


def test_prep_spends_400000_over_weeks_1_to_6_leaving_200000_before_the_pp_drop():
    flow = example()
    assert sum(flow.week(n).spend for n in range(1, 7)) == D(400_000)
    week_6 = flow.week(6)
    assert week_6.cumulative_spend == D(400_000)
    assert week_6.lowest_position == D(200_000)
    assert (week_6.funding, week_6.cumulative_funding) == (D(800_000), D(1_400_000))
    assert week_6.cash_position == D(1_000_000)


def test_the_shoot_spends_1000000_over_weeks_7_to_11_and_ends_at_zero():
    week_11 = example().week(11)
    assert week_11.cumulative_spend == D(1_400_000)
    assert week_11.cash_position == 0
    assert not week_11.shortfall


def test_post_runs_360000_short_in_weeks_12_to_14_until_picture_lock():
    flow = example()
    assert [flow.week(n).shortfall for n in (12, 13, 14)] == [True, True, True]
    week_14 = flow.week(14)
    assert week_14.cumulative_spend == D(1_760_000)
    assert week_14.lowest_position == D(-360_000)
    assert week_14.cumulative_funding == D(1_800_000)
    assert week_14.cash_position == D(40_000)


def test_finishing_runs_200000_short_from_week_16_until_delivery():
    flow = example()
    assert [flow.week(n).shortfall for n in (15, 16)] == [True, True]
    week_16 = flow.week(16)
    assert (week_16.cumulative_spend, week_16.cash_position) == (D(2_000_000), D(-200_000))
    assert all(flow.week(n).cash_position == D(-200_000) for n in (17, 18, 19))
    delivery = flow.week(20)
    assert (delivery.funding, delivery.cumulative_funding) == (D(200_000), D(2_000_000))
    assert delivery.cash_position == 0


def test_the_first_shortfall_is_flagged_in_week_12():
    flow = example()
    assert flow.first_shortfall is not None
    assert flow.first_shortfall.number == 12
    assert not any(flow.week(n).shortfall for n in range(12))
    assert (flow.total_spend, flow.total_funding) == (D(2_000_000), D(2_000_000))


def test_a_spread_shares_cents_equally_with_the_remainder_on_the_last_week():
    item = SpendItem("2500", D(100), *weeks(0, 2), Spread.SPREAD)
    assert [p.amount for p in payments(item, weeks_from=SIGNING)] == [
        D("33.33"),
        D("33.33"),
        D("33.34"),
    ]


def test_a_spread_starting_mid_week_gives_that_week_its_days_share():
    item = SpendItem("2500", D(1_000), week(0) + timedelta(days=5), week(1) + timedelta(days=6))
    item = SpendItem(item.account_code, item.amount, item.start, item.end, Spread.SPREAD)
    spread = payments(item, weeks_from=SIGNING)
    assert [(p.on, p.amount) for p in spread] == [
        (week(0) + timedelta(days=6), D("222.22")),  # 2 of 9 days, paid on the week's last day
        (week(1) + timedelta(days=6), D("777.78")),
    ]


def test_net_30_terms_move_a_payment_30_days_later():
    invoice = SpendItem("3300", D(5_000), week(1), terms_days=30)
    flow = cash_flow([invoice], [], start=SIGNING)
    assert [w.number for w in flow.weeks if w.spend] == [5]  # day 7 + 30 = day 37


def test_a_rental_is_billed_in_advance_each_rental_week_from_pickup():
    pickup = week(2) + timedelta(days=2)  # a Wednesday
    rental = SpendItem("3300", D(9_000), pickup, pickup + timedelta(days=16), Spread.RENTAL)
    bills = payments(rental, weeks_from=SIGNING)
    assert [(p.on, p.amount) for p in bills] == [
        (pickup, D(3_000)),
        (pickup + timedelta(days=7), D(3_000)),
        (pickup + timedelta(days=14), D(3_000)),
    ]


def test_a_lump_sum_falls_on_its_date():
    deposit = SpendItem("3600", D("12345.67"), week(3) + timedelta(days=4))
    assert cash_flow([deposit], [], start=SIGNING).week(3).spend == D("12345.67")


def test_money_before_the_start_falls_in_week_0_and_late_money_lengthens_the_schedule():
    early = SpendItem("1100", D(10_000), SIGNING - timedelta(days=40))
    late = FundingDrop(week(30) + timedelta(days=3), D(50_000), "tax credit sale")
    flow = cash_flow([early], [late], start=SIGNING, weeks=4)
    assert flow.week(0).spend == D(10_000)
    assert len(flow.weeks) == 31
    assert flow.weeks[-1].sources == ("tax credit sale",)


def test_an_item_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="ends before it starts"):
        SpendItem("2500", D(1), week(2), week(1), Spread.SPREAD)


# Property tests: money is spread exactly and the weekly sums add up.

amounts = st.decimals(min_value=-10_000, max_value=1_000_000, places=2)
offsets = st.integers(min_value=-20, max_value=200)


@st.composite
def spend_items(draw: st.DrawFn) -> SpendItem:
    start = SIGNING + timedelta(days=draw(offsets))
    length = draw(st.integers(min_value=0, max_value=120))
    return SpendItem(
        "2500",
        draw(amounts),
        start,
        start + timedelta(days=length),
        draw(st.sampled_from(list(Spread))),
        draw(st.sampled_from([0, 15, 30, 60])),
    )


funding_drops = st.builds(
    FundingDrop, offsets.map(lambda n: SIGNING + timedelta(days=n)), amounts, st.just("drop")
)


@settings(max_examples=150, deadline=None)
@given(spend_items())
def test_an_items_payments_add_up_to_it_exactly_and_are_in_cents(item):
    paid = payments(item, weeks_from=SIGNING)
    assert sum((p.amount for p in paid), D(0)) == item.amount
    assert all(p.amount == p.amount.quantize(D("0.01")) for p in paid)
    assert all(p.on >= item.start + timedelta(days=item.terms_days) for p in paid)


@settings(max_examples=100, deadline=None)
@given(st.lists(spend_items(), max_size=8), st.lists(funding_drops, max_size=5))
def test_weekly_sums_add_up_to_the_items_and_the_funding(items, funding):
    flow = cash_flow(items, funding, start=SIGNING, weeks=10)
    assert flow.total_spend == sum((item.amount for item in items), D(0))
    assert flow.total_funding == sum((drop.amount for drop in funding), D(0))
    spent = funded = D(0)
    for number, row in enumerate(flow.weeks):
        spent += row.spend
        funded += row.funding
        assert row.number == number
        assert (row.cumulative_spend, row.cumulative_funding) == (spent, funded)
        assert row.cash_position == funded - spent
        assert row.shortfall == (min(row.cash_position, row.cash_position - row.funding) < 0)
    first = flow.first_shortfall
    assert first is None or not any(row.shortfall for row in flow.weeks[: first.number])
