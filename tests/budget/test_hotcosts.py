"""The daily hot cost: the worked example of the domain notes (1.9) and its edges."""

from dataclasses import replace
from datetime import date, time
from decimal import Decimal

import pytest

from greenlight.budget.hotcosts import (
    Extra,
    LabourGroup,
    ShootDay,
    hot_cost,
    total_over,
    worked_hours,
)
from greenlight.core.eighths import parse_eighths

D = Decimal

CREW = LabourGroup(
    name="Shooting crew",
    hourly_rate=D(45),
    budgeted_heads=40,
    budgeted_hours=D(12),
    heads=40,
    call=time(7, 0),
    wrap=time(21, 0),
    meal_minutes=30,
    fringe_percent=D(25),
)
DAY_12 = ShootDay(
    number=12,
    on=date(2025, 4, 8),
    labour=(CREW,),
    scheduled_eighths=parse_eighths("4 2/8"),
    shot_eighths=parse_eighths("3 5/8"),
)


def test_day_12_of_the_worked_example_is_6750_over_with_fringe():
    report = hot_cost(DAY_12)
    crew = report.labour[0]
    assert crew.worked_hours == D("13.5")
    assert (crew.budgeted_pay_hours, crew.actual_pay_hours) == (14, 17)
    assert crew.pay_hours_over == 3
    assert crew.actual_labour - crew.budgeted_labour == D("5400.00")
    assert crew.actual_fringe - crew.budgeted_fringe == D("1350.00")
    assert crew.over == D("6750.00")
    assert report.over == D("6750.00")


def test_day_12_budgeted_and_actual_labour_to_the_cent():
    crew = hot_cost(DAY_12).labour[0]
    assert (crew.budgeted_labour, crew.budgeted_fringe) == (D("25200.00"), D("6300.00"))
    assert (crew.actual_labour, crew.actual_fringe) == (D("30600.00"), D("7650.00"))


def test_day_12_shot_3_5_8_pages_of_4_2_8_so_it_is_5_8_behind():
    report = hot_cost(DAY_12)
    assert report.eighths_behind == 5
    assert report.pages_summary == "5/8 behind"


def test_pages_ahead_or_on_schedule_are_said_plainly():
    ahead = hot_cost(replace(DAY_12, shot_eighths=parse_eighths("5 4/8")))
    assert ahead.eighths_behind == -10
    assert ahead.pages_summary == "1 2/8 ahead"
    assert hot_cost(replace(DAY_12, shot_eighths=34)).pages_summary == "on schedule"


def test_worked_hours_are_call_to_wrap_less_unpaid_meals():
    assert worked_hours(time(7), time(21), 30) == D("13.5")
    assert worked_hours(time(6, 30), time(17, 15), 60) == D("9.75")


def test_a_wrap_after_midnight_counts_into_the_next_day():
    assert worked_hours(time(18), time(6, 30), 30) == 12


def test_meals_longer_than_the_day_are_refused():
    with pytest.raises(ValueError, match="longer than the day"):
        worked_hours(time(9), time(9, 30), 60)


def test_a_short_day_still_costs_the_guarantee():
    short = replace(CREW, wrap=time(15), guaranteed_hours=D(10))
    crew = hot_cost(replace(DAY_12, labour=(short,))).labour[0]
    assert crew.worked_hours == D("7.5")
    assert crew.actual_pay_hours == 11
    assert crew.over == (11 - 14) * 45 * 40 * D("1.25")


def test_fewer_heads_than_budgeted_can_offset_the_overtime():
    smaller = replace(CREW, heads=33)
    crew = hot_cost(replace(DAY_12, labour=(smaller,))).labour[0]
    assert crew.actual_labour == D("25245.00")  # 33 x 17 x 45
    assert crew.over == D("56.25")


def test_a_seventh_day_pays_the_seventh_day_rule():
    seventh = replace(CREW, day_in_week=7)
    crew = hot_cost(replace(DAY_12, labour=(seventh,))).labour[0]
    assert crew.budgeted_pay_hours == 8 * D("1.5") + 4 * 2
    assert crew.actual_pay_hours == 8 * D("1.5") + D("5.5") * 2


def test_extras_such_as_catering_count_in_the_day():
    catering = Extra("Catering", D(2_400), D(2_650))
    report = hot_cost(replace(DAY_12, extras=(catering,)))
    assert report.over == D("7000.00")
    assert report.budgeted == D("31500.00") + D(2_400)


def test_several_groups_and_days_add_up():
    drivers = replace(CREW, name="Drivers", hourly_rate=D(38), budgeted_heads=10, heads=10)
    two_groups = replace(DAY_12, labour=(CREW, drivers))
    report = hot_cost(two_groups)
    assert report.over == D("6750.00") + 3 * 38 * 10 * D("1.25")
    assert total_over([report, hot_cost(DAY_12)]) == report.over + D("6750.00")
