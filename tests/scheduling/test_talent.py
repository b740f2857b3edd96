"""Exact talent scheduling: every published optimum, the cost rules, brute force, time limits."""

import itertools
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greenlight.scheduling.talent import (
    ActorDays,
    TalentInstance,
    TalentSolution,
    actor_days,
    holding_cost,
    solve,
    total_cost,
    working_cost,
)
from greenlight.scheduling.talent_formats import read_talent
from tests.scheduling.samples import TALENT

# Optimal total cost C* and holding cost H* (shared/domain/scheduling.md, section 2). The CSPLib
# Film tables print H in hundreds ("14,600", "8,700"); the files hold costs / 100, so H = 146, 87.
# The rehearsal files cost 1 a player: H is waiting time. concert.dzn is not Smith's rehearsal:
# its last piece lasts 7, so C* = 111 against 109, with the same H* = 17.
OPTIMA = {
    "csplib-prob039/film1_from_spec.dzn": (871, 146),
    "csplib-prob039/film2_from_spec.dzn": (818, 87),
    "csplib-prob039/rehearsal_choco.dzn": (53, 0),
    "csplib-prob039/rehearsal_smith.dzn": (109, 17),
    "ddo-talentsched/MobStory": (871, 146),
    "ddo-talentsched/Shaw2020": (877, 289),
    "ddo-talentsched/Warwick1201": (222, 31),
    "ddo-talentsched/concert": (111, 17),
    "ddo-talentsched/film-10": (352, 28),
    "ddo-talentsched/film-12": (401, 52),
    "ddo-talentsched/film103.dat": (1031, 187),
    "ddo-talentsched/film105.dat": (849, 110),
    "ddo-talentsched/film114.dat": (867, 143),
    "ddo-talentsched/film116.dat": (541, 110),
    "ddo-talentsched/film117.dat": (913, 197),
    "ddo-talentsched/film118.dat": (853, 156),
    "ddo-talentsched/film119.dat": (790, 159),
    "ddo-talentsched/small": (54, 12),
    "ddo-talentsched/small2": (56, 8),
    "ddo-talentsched/tiny": (29, 2),
    "ddo-talentsched/tiny2": (9, 1),
    "minizinc-benchmarks/easy/concert.dzn": (111, 17),
    "minizinc-benchmarks/easy/small.dzn": (54, 12),
    "minizinc-benchmarks/easy/tiny.dzn": (29, 2),
    "minizinc-benchmarks/medium/MobStory.dzn": (871, 146),
    "minizinc-benchmarks/medium/film103.dzn": (1031, 187),
    "minizinc-benchmarks/medium/film105.dzn": (849, 110),
    "minizinc-benchmarks/medium/film114.dzn": (867, 143),
    "minizinc-benchmarks/medium/film116.dzn": (541, 110),
    "minizinc-benchmarks/medium/film117.dzn": (913, 197),
    "minizinc-benchmarks/medium/film118.dzn": (853, 156),
    "minizinc-benchmarks/medium/film119.dzn": (790, 159),
}
TWENTY_BY_TWENTY = {"ddo-talentsched/Shaw2020", "ddo-talentsched/Warwick1201"}


def _cases() -> list[object]:
    return [
        pytest.param(name, marks=pytest.mark.slow, id=f"{name}[20x20]")
        if name in TWENTY_BY_TWENTY
        else pytest.param(name, id=name)
        for name in OPTIMA
    ]


@cache
def _solved(instance: TalentInstance) -> TalentSolution:
    # The .dzn and .dat copies of an instance are equal (tested below): solve each once.
    return solve(instance)


def _is_order(instance: TalentInstance, order: list[int]) -> bool:
    return sorted(order) == list(range(instance.scene_count))


def test_every_instance_file_has_a_published_optimum():
    files = {
        str(path.relative_to(TALENT))
        for path in TALENT.rglob("*")
        if path.is_file() and path.name != "README.md"
    }
    assert files == set(OPTIMA)


@pytest.mark.parametrize("name", _cases())
def test_solver_reaches_the_published_optimum(name: str):
    instance = read_talent(TALENT / name)
    solution = _solved(instance)
    assert (solution.total_cost, solution.holding_cost) == OPTIMA[name]
    assert solution.optimal
    assert _is_order(instance, solution.order)
    assert total_cost(instance, solution.order) == solution.total_cost
    assert holding_cost(instance, solution.order) == solution.holding_cost


def test_smiths_published_rehearsal_orders_cost_what_csplib_says():
    instance = read_talent(TALENT / "csplib-prob039/rehearsal_smith.dzn")
    smith = [3, 8, 2, 7, 1, 6, 5, 4, 9]
    assert holding_cost(instance, [piece - 1 for piece in smith]) == 17
    assert holding_cost(instance, list(range(9))) == 49


def test_smiths_published_film1_order_waits_146():
    instance = read_talent(TALENT / "csplib-prob039/film1_from_spec.dzn")
    smith = [4, 1, 10, 11, 3, 13, 12, 2, 6, 8, 9, 7, 20, 5, 15, 14, 17, 18, 16, 19]
    assert holding_cost(instance, [piece - 1 for piece in smith]) == 146


def test_total_counts_waiting_days_and_holding_only_waiting():
    # Actor 0 (3 a day) is in scenes 0 and 2; scene 1 (2 days) sits between them.
    instance = TalentInstance((1, 2, 1), (3, 5), (frozenset({0}), frozenset({1}), frozenset({0})))
    assert actor_days(instance, [0, 1, 2]) == [ActorDays(0, 1, 4, 2), ActorDays(1, 2, 3, 0)]
    assert total_cost(instance, [0, 1, 2]) == 3 * 4 + 5 * 2
    assert working_cost(instance) == 3 * 2 + 5 * 2
    assert holding_cost(instance, [0, 1, 2]) == 3 * 2
    assert holding_cost(instance, [0, 2, 1]) == 0


def test_costs_refuse_something_that_is_not_an_order():
    instance = TalentInstance((1, 1), (1,), (frozenset({0}), frozenset({0})))
    with pytest.raises(ValueError, match="not an order"):
        total_cost(instance, [0, 0])


def test_an_actor_in_no_scene_costs_nothing():
    # film-10 has such an actor (cost 40); the published optimum 352 leaves them out.
    instance = TalentInstance((1, 1), (2, 40), (frozenset({0}), frozenset({0})))
    assert solve(instance).total_cost == 4


def test_scenes_without_actors_and_scenes_with_the_same_cast_are_handled():
    # MobStory.dzn: 28 days, one of them needs nobody; merging equal casts leaves 21 scenes.
    instance = read_talent(TALENT / "minizinc-benchmarks/medium/MobStory.dzn")
    solution = _solved(instance)
    assert solution.order[-1] == 24  # the day nobody works is shot last, where no one waits
    position = {scene: index for index, scene in enumerate(solution.order)}
    for a, b in itertools.combinations(range(instance.scene_count), 2):
        if instance.casts[a] == instance.casts[b] and instance.casts[a]:
            between = solution.order[min(position[a], position[b]) : max(position[a], position[b])]
            assert all(instance.casts[s] == instance.casts[a] for s in between)


def test_tiny_time_limit_gives_a_valid_order_not_claimed_optimal():
    instance = read_talent(TALENT / "ddo-talentsched/film103.dat")
    solution = solve(instance, time_limit=0.0)
    assert not solution.optimal
    assert _is_order(instance, solution.order)
    assert total_cost(instance, solution.order) == solution.total_cost >= 1031
    assert solution.holding_cost == solution.total_cost - working_cost(instance)


def test_time_limit_is_measured_on_the_given_clock():
    # A clock that jumps an hour on every reading: the search must stop at its first look.
    ticks = itertools.count(step=3600.0)
    instance = read_talent(TALENT / "ddo-talentsched/film117.dat")
    solution = solve(instance, time_limit=60.0, clock=lambda: next(ticks))
    assert not solution.optimal
    assert _is_order(instance, solution.order)
    assert solution.seconds >= 3600.0


def test_an_order_without_waiting_is_optimal_even_with_no_time():
    # A chain: actor a is in scenes a and a + 1, so shooting in file order keeps nobody waiting.
    casts = tuple(frozenset(a for a in (s - 1, s) if 0 <= a < 5) for s in range(6))
    instance = TalentInstance((1,) * 6, (1,) * 5, casts)
    solution = solve(instance, time_limit=0.0)
    assert solution.optimal
    assert solution.holding_cost == 0


def test_empty_instance():
    solution = solve(TalentInstance((), (), ()))
    assert (solution.order, solution.total_cost, solution.optimal) == ([], 0, True)


@st.composite
def small_instances(draw: st.DrawFn) -> TalentInstance:
    scenes = draw(st.integers(0, 7))
    actors = draw(st.integers(0, 5))
    casts = tuple(
        frozenset(draw(st.sets(st.integers(0, actors - 1), max_size=actors)) if actors else ())
        for _ in range(scenes)
    )
    durations = tuple(draw(st.integers(0, 4)) for _ in range(scenes))
    costs = tuple(draw(st.sampled_from([0, 1, 2, 3, 5, 10, 40])) for _ in range(actors))
    return TalentInstance(durations, costs, casts)


def _brute_force_total(instance: TalentInstance) -> int:
    """The least total cost over every permutation, each priced directly from its definition."""
    scenes = range(instance.scene_count)
    casts = [sum(1 << a for a in cast) for cast in instance.casts]
    best = None
    for order in itertools.permutations(scenes):
        on_location = [0] * instance.actor_count  # days from first to last scene, per actor
        before, after = 0, [0] * (len(order) + 1)
        for position in range(len(order) - 1, -1, -1):
            after[position] = after[position + 1] | casts[order[position]]
        for position, scene in enumerate(order):
            present = casts[scene] | (before & after[position + 1])
            for actor in range(instance.actor_count):
                if present >> actor & 1:
                    on_location[actor] += instance.durations[scene]
            before |= casts[scene]
        cost = sum(c * days for c, days in zip(instance.costs, on_location, strict=True))
        best = cost if best is None else min(best, cost)
    return best or 0


@settings(max_examples=200, deadline=None)
@given(small_instances())
def test_solver_matches_brute_force_on_small_instances(instance: TalentInstance):
    best = _brute_force_total(instance)
    solution = solve(instance)
    assert solution.optimal
    assert solution.total_cost == best == total_cost(instance, solution.order)
    assert solution.holding_cost == best - working_cost(instance)
