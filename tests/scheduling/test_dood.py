"""Day out of days: work, hold, weekends, holidays, drop/pick-up, travel and the totals."""

from datetime import date, timedelta

import pytest

from greenlight.scheduling.dood import Code, Column, ElementRowInput, build

MONDAY = date(2025, 3, 3)


def calendar(days: int, *, holidays: tuple[date, ...] = ()) -> list[Column]:
    """``days`` calendar days from a Monday; Monday to Friday shoot unless a holiday."""
    columns = []
    number = 0
    for offset in range(days):
        day = MONDAY + timedelta(days=offset)
        shoots = day.weekday() < 5 and day not in holidays
        number += shoots
        columns.append(Column(day, number if shoots else None, holiday=day in holidays))
    return columns


def d(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


def days(*offsets: int) -> frozenset[date]:
    return frozenset(d(offset) for offset in offsets)


def element(columns, **fields):
    """Mary's row in a grid of ``columns``; ``fields`` are her ElementRowInput fields."""
    return build(columns, [ElementRowInput("mary", "1. MARY (Anna Lee)", **fields)]).rows[0]


def shown(row) -> str:
    """The row's codes as one readable string, ``.`` for a blank day."""
    return " ".join(code or "." for code in row.codes)


def grid(columns, **fields) -> str:
    return shown(element(columns, **fields))


def test_a_single_work_day_is_start_work_finish():
    assert grid(calendar(5), work=days(2)) == ". . SWF . ."


def test_first_day_is_start_last_is_finish_and_the_days_between_are_held():
    assert grid(calendar(5), work=days(0, 2, 4)) == "SW H W H WF"


def test_a_no_hold_element_is_blank_between_work_days_and_those_days_are_idle():
    row = element(calendar(5), work=days(0, 2, 4), allow_hold=False)
    assert shown(row) == "SW . W . WF"
    assert (row.totals.hold, row.totals.idle, row.totals.work) == (0, 2, 3)


def test_a_weekend_inside_the_span_is_blank_and_not_a_hold():
    row = element(calendar(8), work=days(4, 7))  # Friday, then Monday
    assert shown(row) == ". . . . SW . . WF"
    assert (row.totals.hold, row.totals.idle, row.totals.total) == (0, 0, 2)


def test_a_weekend_inside_the_span_of_a_no_hold_element_is_not_idle():
    row = element(calendar(8), work=days(4, 7), allow_hold=False)
    assert row.totals.idle == 0


def test_a_holiday_inside_the_span_is_paid_as_a_holiday():
    columns = calendar(5, holidays=(d(2),))
    row = element(columns, work=days(0, 4))
    assert shown(row) == "SW H HOL H WF"
    assert (row.totals.hold, row.totals.holiday, row.totals.total) == (2, 1, 5)


def test_a_holiday_inside_the_span_of_a_no_hold_element_is_blank_and_unpaid():
    row = element(calendar(5, holidays=(d(2),)), work=days(0, 4), allow_hold=False)
    assert shown(row) == "SW . . . WF"
    assert (row.totals.holiday, row.totals.idle, row.totals.total) == (0, 2, 2)


def test_a_holiday_outside_the_span_is_blank():
    assert grid(calendar(5, holidays=(d(0),)), work=days(2, 3)) == ". . SW WF ."


def test_days_outside_the_span_are_blank():
    assert grid(calendar(7), work=days(1, 3)) == ". SW H WF . . ."


def test_no_work_leaves_the_row_blank_with_no_start():
    row = element(calendar(5), work=frozenset())
    assert set(row.codes) == {Code.OFF}
    assert (row.totals.start, row.totals.finish, row.totals.total) == (None, None, 0)


# Drop and pick-up. Four weeks of Monday-to-Friday shooting: 28 calendar days.


def test_a_gap_longer_than_the_minimum_becomes_a_drop_and_a_pick_up():
    # Works Monday 3rd, then Monday 17th: 14 calendar days from release to pick-up (> 10).
    row = element(calendar(15), work=days(0, 14), drop_pickup_days=10)
    assert row.codes[0] == Code.SW and row.codes[1] == Code.D
    assert row.codes[14] == Code.PWF
    assert set(row.codes[2:14]) == {Code.OFF}
    assert row.drop_used
    # Shoot days from the 4th to the 14th: 9 unpaid, D included; nothing held.
    assert (row.totals.hold, row.totals.idle, row.totals.work, row.totals.total) == (0, 9, 2, 2)


def test_the_pick_up_day_is_pw_when_work_goes_on_after_it():
    row = element(calendar(17), work=days(0, 14, 16), drop_pickup_days=10)
    assert [row.codes[i] for i in (0, 1, 14, 15, 16)] == [Code.SW, Code.D, Code.PW, Code.H, Code.WF]


def test_a_gap_of_exactly_the_minimum_is_held_not_dropped():
    # Release Friday 7th, pick-up Monday 17th: 10 days, not more than 10.
    row = element(calendar(15), work=days(4, 14), drop_pickup_days=10)
    assert not row.drop_used
    assert Code.D not in row.codes and Code.PW not in row.codes
    assert row.totals.hold == 5 and row.totals.idle == 0


def test_the_same_gap_qualifies_under_a_shorter_minimum():
    row = element(calendar(15), work=days(4, 14), drop_pickup_days=9)
    assert row.drop_used and row.codes[5] == Code.D  # the Saturday after release


def test_no_drop_when_the_element_does_not_allow_one():
    row = element(calendar(15), work=days(0, 14))
    assert not row.drop_used
    assert row.totals.hold == 9


def test_only_the_longest_qualifying_gap_is_dropped():
    # Gaps: 3rd -> 17th (14 days) and 17th -> 4th of April (18 days): the second is longer.
    row = element(calendar(33), work=days(0, 14, 32), drop_pickup_days=10)
    assert row.codes.count(Code.D) == 1
    assert row.codes[15] == Code.D and row.codes[32] == Code.PWF
    assert row.codes[14] == Code.W  # the release day keeps its work code
    assert row.codes[1] == Code.H  # the first gap is held
    assert row.totals.hold == 9


def test_equal_gaps_drop_the_earlier_one():
    row = element(calendar(29), work=days(0, 14, 28), drop_pickup_days=10)
    assert row.codes.index(Code.D) == 1
    assert row.codes[14] == Code.PW


def test_a_holiday_inside_a_drop_is_not_paid():
    row = element(calendar(15, holidays=(d(7 + 3),)), work=days(0, 14), drop_pickup_days=10)
    assert Code.HOL not in row.codes
    assert row.totals.holiday == 0


def test_travel_home_and_back_around_a_drop_shortens_it():
    # Travel home the day after release and back the day before pick-up; the drop lies between.
    row = element(calendar(15), work=days(0, 14), travel=days(1, 13), drop_pickup_days=10)
    assert row.codes[1] == Code.T and row.codes[2] == Code.D and row.codes[13] == Code.T
    assert row.codes[14] == Code.PWF
    assert row.totals.travel == 2


def test_travel_that_breaks_the_gap_into_short_pieces_prevents_the_drop():
    row = element(calendar(15), work=days(0, 14), travel=days(7), drop_pickup_days=10)
    assert not row.drop_used
    assert row.codes[7] == Code.T


# Travel, rehearsal, fitting.


def test_travel_before_the_first_work_day_leaves_start_work_on_the_work_day():
    row = element(calendar(5), work=days(2, 3), travel=days(1))
    assert shown(row) == ". T SW WF ."
    assert row.totals.start == d(1) and row.totals.finish == d(3)


def test_travel_after_the_last_work_day_extends_the_finish():
    row = element(calendar(8), work=days(2, 3), travel=days(5))  # home on Saturday
    assert shown(row) == ". . SW WF . T . ."
    assert row.totals.finish == d(5) and row.totals.travel == 1


def test_work_wins_over_travel_on_the_same_day():
    row = element(calendar(5), work=days(2), travel=days(2))
    assert row.codes[2] == Code.SWF and row.totals.travel == 0


def test_a_rehearsal_before_the_start_is_paid_but_does_not_start_the_holds():
    row = element(calendar(5), work=days(3, 4), rehearsal=days(0))
    assert shown(row) == "R . . SW WF"
    assert (row.totals.rehearsal, row.totals.hold, row.totals.start) == (1, 0, d(0))


def test_a_fitting_is_paid_but_moves_neither_start_nor_finish():
    row = element(calendar(5), work=days(3, 4), fitting=days(1))
    assert row.codes[1] == Code.F
    assert (row.totals.fitting, row.totals.total, row.totals.start) == (1, 3, d(3))


def test_a_rehearsal_inside_the_span_replaces_the_hold():
    row = element(calendar(5), work=days(0, 4), rehearsal=days(2))
    assert shown(row) == "SW H R H WF"
    assert (row.totals.hold, row.totals.rehearsal, row.totals.total) == (2, 1, 5)


def test_totals_add_up_for_a_full_row():
    columns = calendar(22, holidays=(d(14),))
    row = element(columns, work=days(2, 3, 9, 17), travel=days(1, 18), fitting=days(0))
    t = row.totals
    assert (t.work, t.hold, t.holiday, t.travel, t.fitting, t.idle) == (4, 7, 1, 2, 1, 0)
    assert t.total == 15
    assert (t.start, t.finish) == (d(1), d(18))


# The grid as a whole.


def test_rows_keep_their_order_and_can_be_found_by_key():
    columns = calendar(5)
    dood = build(
        columns,
        [ElementRowInput("b", "2. BOB", days(1)), ElementRowInput("a", "1. ANN", days(0, 1))],
    )
    assert [row.key for row in dood.rows] == ["b", "a"]
    assert dood.row("a").codes[:2] == (Code.SW, Code.WF)
    assert dood.columns == tuple(columns)
    with pytest.raises(KeyError):
        dood.row("zed")


def test_work_on_a_day_off_is_refused_with_the_element_and_the_date():
    with pytest.raises(ValueError, match=r"MARY.*2025-03-08.*not a shoot day"):
        grid(calendar(7), work=days(5))


def test_a_date_outside_the_grid_is_refused():
    with pytest.raises(ValueError, match=r"MARY.*travel date 2025-04-01"):
        grid(calendar(5), work=days(1), travel=frozenset({date(2025, 4, 1)}))


def test_columns_out_of_order_are_refused():
    columns = calendar(3)
    with pytest.raises(ValueError, match="date order"):
        build([columns[1], columns[0]], [])
