"""Pricing and checking shooting boards dragged by hand: costs, and each rule a board can break."""

from dataclasses import replace
from datetime import date

import pytest

from greenlight.scheduling.evaluate import Costs, Violation, check, evaluate
from greenlight.scheduling.problem import (
    Board,
    LocationSpec,
    Precedence,
    Problem,
    Rules,
    Weights,
)
from greenlight.scheduling.shooting_rules import format_date, format_minutes, format_pages
from tests.scheduling.shooting_samples import JOHN, MARY, TIM, dates, day, problem, scene


def kinds(p: Problem, board: Board) -> list[str]:
    return [v.kind for v in check(p, board)]


def only(p: Problem, board: Board) -> Violation:
    """The single violation ``board`` has."""
    found = check(p, board)
    assert len(found) == 1, found
    return found[0]


# --- costs -------------------------------------------------------------------------------


def test_holding_pays_each_actor_from_first_to_last_work_day() -> None:
    scenes = [scene(1, cast=("MARY",)), scene(2, cast=("JOHN",)), scene(3, cast=("MARY",))]
    p = problem(scenes, cast=(MARY, JOHN))
    costs = evaluate(p, [["s1"], ["s2"], ["s3"]])
    assert costs.holding == 3 * MARY.daily_rate + 1 * JOHN.daily_rate


def test_company_moves_count_each_location_after_the_first_of_a_day() -> None:
    scenes = [scene(1, "Park"), scene(2, "Barn"), scene(3, "Pier"), scene(4, "Park")]
    costs = evaluate(problem(scenes), [["s1", "s2", "s3"], ["s4"]])
    assert costs.company_moves == 2


def test_days_count_up_to_the_last_day_with_scenes() -> None:
    p = problem([scene(1), scene(2)])
    assert evaluate(p, [["s1"], [], ["s2"], []]).days == 3


def test_total_applies_the_weights() -> None:
    scenes = [scene(1, "Park", cast=("MARY",)), scene(2, "Barn"), scene(3, cast=("MARY",))]
    p = problem(scenes, cast=(MARY,), weights=Weights(holding=2, company_move=10, day=7))
    holding = 2 * MARY.daily_rate
    assert evaluate(p, [["s1", "s2"], ["s3"]]) == Costs(
        holding=holding, company_moves=1, days=2, total=2 * holding + 10 + 2 * 7
    )


def test_evaluate_ignores_unknown_and_repeated_scenes() -> None:
    p = problem([scene(1, cast=("MARY",))], cast=(MARY,))
    assert evaluate(p, [["s1", "ghost"], ["s1"]]) == evaluate(p, [["s1"]])


def test_an_empty_board_costs_nothing() -> None:
    assert evaluate(problem([scene(1)]), []) == Costs(0, 0, 0, 0)


# --- check: a clean board, then each rule broken on purpose ------------------------------


def test_a_board_that_keeps_every_rule_has_no_violations() -> None:
    scenes = [scene(1, "Park", cast=("MARY",)), scene(2, night=True, cast=("JOHN",))]
    p = problem(scenes, cast=(MARY, JOHN))
    assert check(p, [["s1"], ["s2"]]) == []


def test_an_unknown_scene_is_reported_where_it_was_dropped() -> None:
    v = only(problem([scene(1)]), [["s1", "ghost"]])
    assert (v.kind, v.day, v.scene) == ("unknown_scene", 0, "ghost")


def test_a_scene_twice_on_the_board_is_reported() -> None:
    v = only(problem([scene(1), scene(2)]), [["s1", "s2"], ["s1"]])
    assert (v.kind, v.day, v.scene, v.message) == (
        "duplicate_scene",
        1,
        "s1",
        "Sc 1 is on the board more than once",
    )


def test_a_scene_missing_from_the_board_is_reported() -> None:
    v = only(problem([scene(1), scene(2)]), [["s1"]])
    assert (v.kind, v.scene, v.message) == ("unscheduled", "s2", "Sc 2 is not on the board")


def test_more_days_than_shoot_dates_is_reported() -> None:
    p = problem([scene(1), scene(2)], days=1)
    v = only(p, [["s1"], ["s2"]])
    assert (v.kind, v.message) == ("too_many_days", "The board has 2 days but only 1 shoot date")


def test_a_board_shorter_than_the_calendar_is_fine() -> None:
    assert check(problem([scene(1)], days=5), [["s1"]]) == []


def test_an_empty_day_between_shoot_days_is_reported() -> None:
    v = only(problem([scene(1), scene(2)]), [["s1"], [], ["s2"]])
    assert (v.kind, v.day) == ("no_gaps", 1)
    assert v.message == "Tue 3 Mar 2026 has no scenes, but later days do"


def test_day_and_night_scenes_on_one_day_are_reported() -> None:
    p = problem([scene(1), scene(2, night=True)])
    assert kinds(p, [["s1", "s2"]]) == ["day_night"]


def test_too_many_pages_in_a_day_are_reported() -> None:
    v = only(problem([scene(1, eighths=40), scene(2, eighths=30)]), [["s1", "s2"]])
    assert (v.kind, v.day) == ("max_eighths", 0)
    assert v.message == "Mon 2 Mar 2026 has 8 6/8 pages, more than the 8 pages a day allowed"


def test_a_day_too_long_once_the_company_moves_is_reported() -> None:
    p = problem([scene(1, "Park", minutes=350), scene(2, "Barn", minutes=350)])
    v = only(p, [["s1", "s2"]])
    assert v.kind == "day_minutes"
    assert "needs 12 h 40 min including company moves" in v.message


def test_too_many_locations_in_a_day_are_reported() -> None:
    scenes = [scene(1, "Park"), scene(2, "Barn"), scene(3, "Pier")]
    v = only(problem(scenes), [["s1", "s2", "s3"]])
    assert v.kind == "max_locations"
    assert "uses 3 locations (Park, Barn and Pier), more than the 2 allowed" in v.message


def test_a_scene_on_a_day_its_actor_is_away_is_reported_in_producer_words() -> None:
    mary = replace(MARY, unavailable=frozenset({day(1)}))
    p = problem([scene(1), scene(12, cast=("MARY",))], cast=(mary,))
    v = only(p, [["s1"], ["s12"]])
    assert (v.kind, v.day, v.scene) == ("cast_unavailable", 1, "s12")
    assert v.message == "Sc 12 is on Tue 3 Mar 2026, when MARY (Anna Lee) is unavailable"


def test_a_scene_outside_its_actors_window_is_reported() -> None:
    mary = replace(MARY, available_from=day(1), available_to=day(2))
    v = only(problem([scene(1, cast=("MARY",))], cast=(mary,)), [["s1"]])
    assert v.kind == "cast_window"
    assert v.message == (
        "Sc 1 is on Mon 2 Mar 2026, but MARY (Anna Lee) is available only from "
        "Tue 3 Mar 2026 to Wed 4 Mar 2026"
    )


def test_a_scene_on_a_day_its_location_is_closed_is_reported() -> None:
    barn = LocationSpec("Barn", unavailable=frozenset({day(0)}))
    v = only(problem([scene(1, "Barn")], locations=(barn,)), [["s1"]])
    assert (v.kind, v.message) == (
        "location_unavailable",
        "Sc 1 is on Mon 2 Mar 2026, when Barn is unavailable",
    )


def test_a_scene_outside_its_locations_window_is_reported() -> None:
    barn = LocationSpec("Barn", available_to=day(0))
    p = problem([scene(1), scene(2, "Barn")], locations=(barn,))
    v = only(p, [["s1"], ["s2"]])
    assert (v.kind, v.day) == ("location_window", 1)
    assert v.message.endswith("Barn is available only until Mon 2 Mar 2026")


def test_a_night_shoot_then_a_day_call_for_the_same_actor_is_reported() -> None:
    p = problem([scene(1, night=True, cast=("MARY",)), scene(2, cast=("MARY",))], cast=(MARY,))
    v = only(p, [["s1"], ["s2"]])
    assert (v.kind, v.day) == ("turnaround", 1)
    assert v.message == (
        "MARY (Anna Lee) works a night shoot on Mon 2 Mar 2026 and a day shoot on "
        "Tue 3 Mar 2026: less than 12 h from wrap to call"
    )


def test_turnaround_only_binds_people_working_both_days() -> None:
    p = problem([scene(1, night=True, cast=("MARY",)), scene(2, cast=("JOHN",))], cast=(MARY, JOHN))
    assert check(p, [["s1"], ["s2"]]) == []


def test_a_day_off_between_restores_the_turnaround() -> None:
    scenes = [scene(1, night=True, cast=("MARY",)), scene(2, cast=("MARY",))]
    p = problem(scenes, cast=(MARY,), dates=dates(2, every=2))
    assert check(p, [["s1"], ["s2"]]) == []


def test_without_a_set_day_length_the_shot_minutes_decide_the_wrap() -> None:
    # Night call 18:00: one hour shot wraps at 19:00, twelve hours before a 07:00 day call.
    scenes = [scene(1, night=True, cast=("MARY",)), scene(2, cast=("MARY",))]
    short = problem(scenes, cast=(MARY,), rules=Rules(day_minutes=None))
    assert check(short, [["s1"], ["s2"]]) == []
    long = problem(
        [replace(scenes[0], minutes=61), scenes[1]], cast=(MARY,), rules=Rules(day_minutes=None)
    )
    assert kinds(long, [["s1"], ["s2"]]) == ["turnaround"]


def test_a_child_working_too_long_is_reported() -> None:
    scenes = [scene(n, cast=("TIM",), minutes=150) for n in (1, 2)]
    v = only(problem(scenes, cast=(TIM,)), [["s1", "s2"]])
    assert v.kind == "minor_hours"
    assert v.message == (
        "TIM (Tim Roe) works 5 h on Mon 2 Mar 2026, more than the 4 h a minor aged 8 may "
        "work on a school day"
    )


def test_a_child_may_work_longer_on_a_day_without_school() -> None:
    scenes = [scene(n, cast=("TIM",), minutes=150) for n in (1, 2)]
    p = problem(scenes, cast=(TIM,), dates=dates(1, school_day=False))
    assert check(p, [["s1", "s2"]]) == []


def test_a_child_on_a_night_shoot_is_reported() -> None:
    v = only(problem([scene(1, night=True, cast=("TIM",))], cast=(TIM,)), [["s1"]])
    assert (v.kind, v.scene) == ("minor_night", "s1")


def test_a_scene_before_the_one_it_must_follow_is_reported() -> None:
    p = problem([scene(1), scene(2)], precedences=(Precedence("s1", "s2", "haircut"),))
    v = only(p, [["s2"], ["s1"]])
    assert (v.kind, v.day, v.scene) == ("precedence", 0, "s2")
    assert v.message == (
        "Sc 2 is on Mon 2 Mar 2026, but must come on a day after Sc 1 (Tue 3 Mar 2026) (haircut)"
    )


def test_precedence_needs_a_later_day_not_just_a_later_slot() -> None:
    p = problem([scene(1), scene(2)], precedences=(Precedence("s1", "s2"),))
    assert kinds(p, [["s1", "s2"]]) == ["precedence"]


def test_a_pinned_scene_moved_off_its_date_is_reported() -> None:
    v = only(problem([scene(1), scene(2, pinned=day(0))]), [["s1"], ["s2"]])
    assert (v.kind, v.message) == (
        "pinned",
        "Sc 2 is pinned to Mon 2 Mar 2026 but is on Tue 3 Mar 2026",
    )


def test_an_exterior_day_without_cover_left_is_reported() -> None:
    scenes = [scene(1, exterior=True), scene(2, cover=True, minutes=45)]
    p = problem(scenes, rules=Rules(cover_minutes=60))
    v = only(p, [["s1"], ["s2"]])
    assert v.kind == "weather_cover"
    assert "only 45 min of interior cover left for later days; 1 h is needed" in v.message
    assert kinds(problem(scenes), [["s1"], ["s2"]]) == []  # cover is off by default


def test_every_broken_rule_is_listed_not_just_the_first() -> None:
    p = problem([scene(1, eighths=70, night=True), scene(2)], days=1)
    assert sorted(kinds(p, [["s1", "s2", "ghost"], []])) == [
        "day_night",
        "max_eighths",
        "too_many_days",
        "unknown_scene",
    ]


# --- how things read ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "text"),
    [(date(2026, 3, 2), "Mon 2 Mar 2026"), (date(2026, 12, 27), "Sun 27 Dec 2026")],
)
def test_dates_read_the_way_a_producer_writes_them(when: date, text: str) -> None:
    assert format_date(when) == text


def test_lengths_read_as_hours_and_pages() -> None:
    assert [format_minutes(m) for m in (45, 60, 90, 720)] == ["45 min", "1 h", "1 h 30 min", "12 h"]
    assert [format_pages(e) for e in (8, 12, 64)] == ["1 page", "1 4/8 pages", "8 pages"]
