"""The CP-SAT shooting optimiser: every hard rule, the objective, determinism, conflicts."""

import itertools
from dataclasses import replace
from datetime import date

import pytest

from greenlight.scheduling.evaluate import check, evaluate
from greenlight.scheduling.problem import (
    Board,
    CastSpec,
    LocationSpec,
    Precedence,
    Problem,
    Rules,
    ShootDate,
    Weights,
)
from greenlight.scheduling.shooting import Conflict, Progress, Solution, Status, solve
from greenlight.scheduling.shooting_rules import Index, order_board
from tests.scheduling.shooting_samples import (
    JOHN,
    MARY,
    TIM,
    dates,
    day,
    problem,
    scene,
    sixty_scene_problem,
    tiny_problem,
)

# Small instances solve to optimality in milliseconds; the limit only guards a broken model.
LIMIT = 5.0
# Each day costs more than anything else, so without the rule under test one day would do.
PACKED = Weights(holding=1, company_move=1_000, day=1_000_000)


def solved(p: Problem) -> Solution:
    """Solve ``p`` and insist on a proven best board that breaks no rule."""
    result = solve(p, time_limit=LIMIT)
    assert result.status == Status.OPTIMAL, result.message
    assert check(p, result.board) == []
    assert result.costs is not None and result.costs.total == result.objective
    return result


def day_of(board: Board, scene_id: str) -> int:
    return next(k for k, ids in enumerate(board) if scene_id in ids)


def names(result: Solution) -> set[str]:
    return {c.name for c in result.conflicts}


# --- every scene once, days consecutive, order inside a day ---------------------------------


def test_every_scene_is_shot_exactly_once_on_consecutive_days() -> None:
    p = problem([scene(n) for n in range(1, 6)], days=4, weights=PACKED)
    board = solved(p).board
    assert sorted(i for ids in board for i in ids) == ["s1", "s2", "s3", "s4", "s5"]
    assert board == [["s1", "s2", "s3", "s4", "s5"]]


def test_a_day_is_ordered_by_location_continuing_from_the_day_before() -> None:
    scenes = [scene(1, "Park"), scene(2, "Barn"), scene(3, "Park"), scene(4, "Barn")]
    index = Index.of(problem(scenes))
    # Day one: the park comes first in the script, so it ends at the barn; day two starts there.
    # Inside a location, scenes keep their script order.
    assert order_board(index, [["s2", "s1"], ["s3", "s4"]]) == [["s1", "s2"], ["s4", "s3"]]
    assert order_board(index, [["s3", "s1"]]) == [["s1", "s3"]]


def test_solver_boards_come_ordered_within_each_day() -> None:
    scenes = [scene(1, "Park"), scene(2, "Barn"), scene(3, "Park"), scene(4, "Barn")]
    p = problem(scenes, days=2, rules=Rules(max_eighths_per_day=24))
    board = solved(p).board
    assert board == order_board(Index.of(p), board)


def test_an_empty_schedule_is_trivially_optimal() -> None:
    result = solve(problem([]))
    assert (result.status, result.board, result.objective) == (Status.OPTIMAL, [], 0)


# --- each hard rule: the cheapest board would break it, the solver's does not ---------------


def test_night_and_day_scenes_never_share_a_shoot_day() -> None:
    p = problem([scene(1), scene(2, night=True)], weights=PACKED)
    board = solved(p).board
    assert day_of(board, "s1") != day_of(board, "s2")


def test_pages_per_day_cap_spreads_the_scenes() -> None:
    p = problem([scene(n, eighths=30) for n in (1, 2, 3)], weights=PACKED)
    assert [len(ids) for ids in solved(p).board] == [2, 1]


def test_company_moves_eat_into_the_shooting_day() -> None:
    # 350 + 350 minutes fit a 720-minute day, but not with the hour lost moving between them.
    p = problem([scene(1, "Park", minutes=350), scene(2, "Barn", minutes=350)], weights=PACKED)
    assert len(solved(p).board) == 2


def test_no_day_visits_more_locations_than_allowed() -> None:
    scenes = [scene(1, "Park"), scene(2, "Barn"), scene(3, "Pier")]
    p = problem(scenes, weights=PACKED, rules=Rules(max_locations_per_day=2))
    assert max(len(ids) for ids in solved(p).board) == 2


def test_scene_avoids_a_date_its_cast_is_unavailable() -> None:
    mary = replace(MARY, unavailable=frozenset({day(0)}))
    p = problem([scene(1, cast=("MARY",)), scene(2)], cast=(mary,), weights=PACKED)
    assert day_of(solved(p).board, "s1") == 1


def test_scene_waits_for_its_cast_to_become_available() -> None:
    mary = replace(MARY, available_from=day(2))
    scenes = [scene(1, cast=("MARY",)), scene(2), scene(3)]
    assert day_of(solved(problem(scenes, cast=(mary,), weights=PACKED)).board, "s1") == 2


def test_scene_avoids_a_date_its_location_is_unavailable() -> None:
    barn = LocationSpec("Barn", unavailable=frozenset({day(0)}))
    p = problem([scene(1, "Barn"), scene(2)], locations=(barn,), weights=PACKED)
    assert day_of(solved(p).board, "s1") == 1


def test_scene_keeps_to_its_location_window() -> None:
    barn = LocationSpec("Barn", available_from=day(1))
    p = problem([scene(1, "Barn"), scene(2)], locations=(barn,), weights=PACKED)
    assert day_of(solved(p).board, "s1") == 1


def _night_then_day(p_dates: tuple[ShootDate, ...]) -> Problem:
    # MARY's night scene is pinned first; holding cost wants her day scene the very next day.
    scenes = [
        scene(1, night=True, cast=("MARY",), pinned=p_dates[0].date),
        scene(2, cast=("MARY",)),
        scene(3),
    ]
    return problem(scenes, cast=(MARY,), dates=p_dates)


def test_turnaround_keeps_a_day_call_off_the_morning_after_a_night_shoot() -> None:
    board = solved(_night_then_day(dates(3))).board
    assert day_of(board, "s2") == 2


def test_turnaround_allows_a_day_call_after_a_day_off() -> None:
    board = solved(_night_then_day(dates(3, every=2))).board
    assert day_of(board, "s2") == 1


def test_turnaround_follows_the_call_times_not_a_fixed_rule() -> None:
    # Nights called at 06:00 wrap at 18:00, leaving 13 hours before a 07:00 day call.
    p = replace(_night_then_day(dates(3)), rules=Rules(night_call_minute=6 * 60))
    assert day_of(solved(p).board, "s2") == 1


def test_a_child_works_no_longer_than_the_school_day_limit() -> None:
    # TIM is 8: 4 hours on a school day, so two 2.5-hour scenes need two days.
    scenes = [scene(n, cast=("TIM",), minutes=150) for n in (1, 2)]
    p = problem(scenes, cast=(TIM,), weights=PACKED)
    assert len(solved(p).board) == 2


def test_a_child_may_work_longer_without_school() -> None:
    scenes = [scene(n, cast=("TIM",), minutes=150) for n in (1, 2)]
    p = problem(scenes, cast=(TIM,), weights=PACKED, dates=dates(3, school_day=False))
    assert len(solved(p).board) == 1


def test_precedence_puts_one_scene_on_a_later_day() -> None:
    p = problem([scene(1), scene(2)], precedences=(Precedence("s2", "s1"),), weights=PACKED)
    board = solved(p).board
    assert day_of(board, "s1") > day_of(board, "s2")


def test_pinned_scene_lands_on_its_date() -> None:
    p = problem([scene(1), scene(2, pinned=day(1)), scene(3)], weights=PACKED)
    assert day_of(solved(p).board, "s2") == 1


def test_weather_cover_keeps_interior_work_for_after_an_exterior_day() -> None:
    scenes = [scene(1, exterior=True), scene(2, cover=True, minutes=120)]
    p = problem(scenes, weights=PACKED, rules=Rules(cover_minutes=120))
    board = solved(p).board
    assert day_of(board, "s2") > day_of(board, "s1")


def test_weather_cover_is_off_by_default() -> None:
    scenes = [scene(1, exterior=True), scene(2, cover=True, minutes=120)]
    assert len(solved(problem(scenes, weights=PACKED)).board) == 1


# --- the objective -----------------------------------------------------------------------


def test_holding_cost_pulls_an_actors_scenes_together() -> None:
    # One scene a day; MARY is in scenes 1 and 4, which are therefore shot on adjacent days.
    scenes = [scene(n, cast=("MARY",) if n in (1, 4) else ()) for n in (1, 2, 3, 4)]
    p = problem(scenes, days=4, cast=(MARY,), rules=Rules(max_eighths_per_day=8))
    result = solved(p)
    assert abs(day_of(result.board, "s1") - day_of(result.board, "s4")) == 1
    assert result.costs is not None and result.costs.holding == 2 * MARY.daily_rate


def test_heavier_company_move_weight_reduces_moves() -> None:
    # Two scenes a day. MARY in Park 1 and Barn 1: together they cost a move, apart a day's pay.
    scenes = [
        scene(1, "Park", cast=("MARY",)),
        scene(2, "Park"),
        scene(3, "Barn", cast=("MARY",)),
        scene(4, "Barn"),
    ]
    p = problem(scenes, days=2, cast=(MARY,), rules=Rules(max_eighths_per_day=16))
    cheap_moves = solved(replace(p, weights=Weights(company_move=1_000))).costs
    dear_moves = solved(replace(p, weights=Weights(company_move=1_000_000))).costs
    assert cheap_moves is not None and dear_moves is not None
    assert (cheap_moves.company_moves, dear_moves.company_moves) == (2, 0)


def test_day_weight_packs_the_schedule_into_fewer_days() -> None:
    scenes = [scene(n, cast=("MARY",) if n == 1 else ()) for n in (1, 2, 3, 4)]
    p = problem(scenes, days=4, cast=(MARY,), weights=Weights(day=10_000))
    assert len(solved(p).board) == 1


def test_reported_costs_are_what_evaluate_says() -> None:
    scenes = [scene(1, "Park", cast=("MARY", "JOHN")), scene(2, "Barn", cast=("JOHN",))]
    scenes += [scene(3, "Park", night=True, cast=("MARY",))]
    p = problem(scenes, cast=(MARY, JOHN), weights=Weights(holding=2, company_move=7, day=5))
    result = solved(p)
    assert result.costs == evaluate(p, result.board)
    assert result.objective == result.costs.total == result.bound
    assert result.gap == 0.0


# --- a real-sized schedule: anytime, deterministic, reported progress --------------------


@pytest.fixture(scope="module")
def sixty() -> Problem:
    return sixty_scene_problem()


@pytest.fixture(scope="module")
def sixty_solved(sixty: Problem) -> tuple[Solution, list[Progress]]:
    progress: list[Progress] = []
    return solve(sixty, time_limit=1.0, seed=3, on_progress=progress.append), progress


def test_sixty_scene_schedule_is_found_quickly_and_breaks_no_rule(
    sixty: Problem, sixty_solved: tuple[Solution, list[Progress]]
) -> None:
    result, _ = sixty_solved
    assert result.status in (Status.OPTIMAL, Status.FEASIBLE), result.message
    assert check(sixty, result.board) == []
    assert result.costs == evaluate(sixty, result.board)
    assert result.costs is not None and result.objective == result.costs.total


def test_best_board_comes_with_its_bound_and_gap(
    sixty_solved: tuple[Solution, list[Progress]],
) -> None:
    result, _ = sixty_solved
    assert result.objective is not None and result.bound is not None
    assert 0 <= result.bound <= result.objective
    assert result.gap == pytest.approx((result.objective - result.bound) / result.objective)


def test_progress_is_reported_for_each_improving_board(
    sixty_solved: tuple[Solution, list[Progress]],
) -> None:
    result, progress = sixty_solved
    assert progress, "no progress reported"
    assert [p.solutions for p in progress] == list(range(1, len(progress) + 1))
    objectives = [p.objective for p in progress]
    assert objectives == sorted(objectives, reverse=True) and len(set(objectives)) == len(progress)
    assert objectives[-1] == result.objective
    assert all(p.bound <= p.objective for p in progress)


def test_the_same_seed_gives_the_same_board(
    sixty: Problem, sixty_solved: tuple[Solution, list[Progress]]
) -> None:
    first, _ = sixty_solved
    again = solve(sixty, time_limit=1.0, seed=3)
    assert again.board == first.board
    assert (again.objective, again.bound) == (first.objective, first.bound)


def test_one_worker_is_deterministic_too(sixty: Problem) -> None:
    runs = [solve(sixty, time_limit=0.5, workers=1, seed=1) for _ in range(2)]
    assert runs[0].status in (Status.OPTIMAL, Status.FEASIBLE)
    assert runs[0].board == runs[1].board and runs[0].objective == runs[1].objective


# --- infeasible: the smallest set of rules that cannot all hold --------------------------


def test_pinned_scene_on_a_day_its_actor_is_away_names_both() -> None:
    mary = replace(MARY, unavailable=frozenset({day(0)}))
    p = problem([scene(4, cast=("MARY",), pinned=day(0)), scene(5)], cast=(mary,))
    result = solve(p, time_limit=LIMIT)
    assert result.status == Status.INFEASIBLE
    assert result.conflicts == (
        Conflict("pinned", "pinned:Sc 4", "Sc 4 is pinned to Mon 2 Mar 2026"),
        Conflict(
            "cast_unavailable",
            "cast_unavailable:MARY:2026-03-02",
            "MARY (Anna Lee) is unavailable on Mon 2 Mar 2026",
        ),
    )
    assert result.message == (
        "These constraints cannot all hold: Sc 4 is pinned to Mon 2 Mar 2026; "
        "MARY (Anna Lee) is unavailable on Mon 2 Mar 2026."
    )
    assert result.board == [] and result.costs is None


def test_too_many_pages_for_the_dates_names_the_cap_and_the_calendar() -> None:
    p = problem([scene(n, eighths=40) for n in range(1, 5)], days=2)
    result = solve(p, time_limit=LIMIT)
    assert result.status == Status.INFEASIBLE
    assert names(result) == {"max_eighths", "calendar"}
    assert "2 shoot dates from Mon 2 Mar 2026 to Tue 3 Mar 2026" in result.message


def test_precedence_against_pins_names_the_precedence_and_both_pins() -> None:
    scenes = [scene(1, pinned=day(1)), scene(2, pinned=day(1)), scene(3)]
    p = problem(scenes, precedences=(Precedence("s1", "s2", "haircut"),))
    result = solve(p, time_limit=LIMIT)
    assert names(result) == {"pinned:Sc 1", "pinned:Sc 2", "precedence:Sc 1<Sc 2"}
    assert "Sc 1 must be shot on a day before Sc 2 (haircut)" in result.message


def test_a_childs_hours_against_pins_names_the_limit_and_both_pins() -> None:
    scenes = [scene(n, cast=("TIM",), minutes=150, pinned=day(0)) for n in (1, 2)]
    result = solve(problem(scenes, cast=(TIM,)), time_limit=LIMIT)
    assert names(result) == {"pinned:Sc 1", "pinned:Sc 2", "minor_hours:TIM"}


def test_turnaround_against_pins_names_the_rest_rule() -> None:
    scenes = [scene(1, night=True, cast=("MARY",), pinned=day(0))]
    scenes += [scene(2, cast=("MARY",), pinned=day(1))]
    result = solve(problem(scenes, cast=(MARY,)), time_limit=LIMIT)
    assert names(result) == {"pinned:Sc 1", "pinned:Sc 2", "turnaround:MARY"}


def test_weather_cover_needs_a_later_day() -> None:
    scenes = [scene(1, exterior=True), scene(2, cover=True)]
    p = problem(scenes, days=1, rules=Rules(cover_minutes=60))
    assert names(solve(p, time_limit=LIMIT)) == {"weather_cover", "calendar"}


def test_an_unusable_first_date_leaves_a_gap() -> None:
    mary = replace(MARY, unavailable=frozenset({day(0)}))
    result = solve(problem([scene(1, cast=("MARY",))], cast=(mary,)), time_limit=LIMIT)
    assert names(result) == {"cast_unavailable:MARY:2026-03-02", "no_gaps", "calendar"}
    assert result.message == (
        "These constraints cannot all hold: MARY (Anna Lee) is unavailable on Mon 2 Mar 2026; "
        "Shoot days follow one another from Mon 2 Mar 2026; "
        "The scene must be shot on the 3 shoot dates from Mon 2 Mar 2026 to Wed 4 Mar 2026."
    )


def test_explanations_repeat_exactly() -> None:
    p = problem([scene(n, eighths=40) for n in range(1, 5)], days=2)
    assert solve(p, seed=5).conflicts == solve(p, seed=5).conflicts


@pytest.mark.parametrize(
    ("p", "kind", "words"),
    [
        (problem([scene(1, minutes=800)]), "day_minutes", "Sc 1 needs 13 h 20 min, longer"),
        (problem([scene(1, eighths=70)]), "max_eighths", "Sc 1 has 8 6/8 pages"),
        (
            problem([scene(1, pinned=date(2026, 3, 9))]),
            "pinned",
            "Sc 1 is pinned to Mon 9 Mar 2026, which is not a shoot date",
        ),
        (
            problem(
                [scene(1, cast=("MARY", "JOHN"))],
                cast=(replace(MARY, available_to=day(0)), replace(JOHN, available_from=day(1))),
            ),
            "availability",
            "No shoot date has MARY (Anna Lee) and JOHN (Tom Hart) all available for Sc 1",
        ),
        (
            problem([scene(1, cast=("MARY",))], cast=(replace(MARY, available_from=day(9)),)),
            "availability",
            "MARY (Anna Lee) is available on none of the shoot dates",
        ),
        (problem([scene(1, night=True, cast=("TIM",))], cast=(TIM,)), "minor_night", "minor"),
        (
            problem([scene(1, minutes=400, cast=("TIM",))], cast=(TIM,)),
            "minor_hours",
            "may work at most 4 h a day",
        ),
        (problem([scene(1)], days=0), "calendar", "There are no shoot dates"),
    ],
)
def test_obvious_conflicts_are_named_without_a_search(p: Problem, kind: str, words: str) -> None:
    result = solve(p, time_limit=LIMIT)
    assert result.status == Status.INFEASIBLE
    assert [c.kind for c in result.conflicts] == [kind]
    assert words in result.message


# --- bad input: INVALID with what and where, never an exception --------------------------


@pytest.mark.parametrize(
    ("p", "words"),
    [
        (problem([scene(1, cast=("BOB",))]), "scene 1 (Sc 1) needs cast 'BOB'"),
        (problem([scene(1), scene(1)]), "scene 2 (Sc 1): the id 's1' is used by another scene"),
        (
            problem([scene(1)], precedences=(Precedence("s1", "s9"),)),
            "precedence 1 names scene 's9'",
        ),
        (
            problem(
                [scene(1), scene(2), scene(3)],
                precedences=tuple(
                    Precedence(a, b) for a, b in (("s1", "s2"), ("s2", "s3"), ("s3", "s1"))
                ),
            ),
            "go round in a circle: Sc 1 then Sc 2 then Sc 3 then Sc 1",
        ),
        (problem([scene(1)], precedences=(Precedence("s1", "s1"),)), "after itself"),
        (problem([scene(1, eighths=-1)]), "eighths cannot be negative (-1)"),
        (problem([scene(1, minutes=-5)]), "minutes cannot be negative (-5)"),
        (problem([scene(1)], cast=(replace(MARY, daily_rate=-1),)), "daily rate cannot be neg"),
        (problem([scene(1)], weights=Weights(day=-3)), "weights.day cannot be negative (-3)"),
        (problem([scene(1)], rules=Rules(move_minutes=-1)), "rules.move_minutes cannot be neg"),
        (problem([scene(1)], cast=(MARY, MARY)), "cast 'MARY' is listed twice"),
        (
            problem([scene(1)], dates=(ShootDate(day(1)), ShootDate(day(0)))),
            "shoot dates must be in order",
        ),
        (
            problem([scene(1)], cast=(replace(MARY, available_from=day(3), available_to=day(1)),)),
            "available from a date after available to",
        ),
    ],
)
def test_bad_input_is_invalid_with_a_message_saying_what_and_where(p: Problem, words: str) -> None:
    result = solve(p, time_limit=LIMIT)
    assert result.status == Status.INVALID
    assert words in result.message
    assert result.board == [] and result.conflicts == ()


@pytest.mark.parametrize(("limit", "workers"), [(0.0, 2), (-1.0, 2), (1.0, 0)])
def test_bad_solver_settings_are_invalid(limit: float, workers: int) -> None:
    result = solve(problem([scene(1)]), time_limit=limit, workers=workers)
    assert result.status == Status.INVALID


def test_a_cast_member_in_no_scene_costs_nothing() -> None:
    p = problem([scene(1)], cast=(MARY, CastSpec("EXTRA", "Nobody", daily_rate=5)))
    assert solved(p).objective == 0


# --- the model agrees with check() and evaluate() on every board of tiny instances -------


def _best_by_trying_every_board(p: Problem) -> int | None:
    """The least cost of any board check() accepts, or None if it accepts none."""
    index, best = Index.of(p), None
    for days in itertools.product(range(len(p.dates)), repeat=len(p.scenes)):
        plan = [[s.id for s, k in zip(p.scenes, days, strict=True) if k == d] for d in range(3)]
        while plan and not plan[-1]:
            plan.pop()
        board = order_board(index, plan)
        if not check(p, board):
            cost = evaluate(p, board).total
            best = cost if best is None else min(best, cost)
    return best


@pytest.mark.parametrize("seed", range(40))
def test_solver_finds_the_best_board_that_check_accepts(seed: int) -> None:
    p = tiny_problem(seed)
    result = solve(p, time_limit=LIMIT)
    best = _best_by_trying_every_board(p)
    if best is None:
        assert result.status == Status.INFEASIBLE and result.conflicts, result.message
    else:
        assert result.status == Status.OPTIMAL, result.message
        assert check(p, result.board) == []
        assert result.objective == best == evaluate(p, result.board).total
