"""The pieces behind the talent solver: tables, the waiting bound, preprocessing and the search."""

import math
import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greenlight.scheduling.talent_bound import WaitingBound
from greenlight.scheduling.talent_formats import read_talent
from greenlight.scheduling.talent_reduction import reduce_instance
from greenlight.scheduling.talent_search import Block, search, waiting_cost
from greenlight.scheduling.talent_tables import float_sum, int_sum, int_union
from tests.scheduling.samples import TALENT


def _members(mask: int) -> list[int]:
    return [i for i in range(mask.bit_length()) if mask >> i & 1]


@pytest.mark.parametrize("size", [0, 5, 20, 24, 30])
def test_byte_tables_sum_and_unite_like_a_loop(size: int):
    rng = random.Random(size)
    values = [rng.randrange(1 << 12) for _ in range(size)]
    add, unite, add_float = int_sum(values), int_union(values), float_sum([v / 8 for v in values])
    for _ in range(200):
        mask = rng.randrange(1 << size) if size else 0
        chosen = [values[i] for i in _members(mask)]
        assert add(mask) == sum(chosen)
        assert unite(mask) == _union(chosen)
        assert add_float(mask) == sum(chosen) / 8


def _union(values: list[int]) -> int:
    result = 0
    for value in values:
        result |= value
    return result


@st.composite
def blocks(draw: st.DrawFn, max_scenes: int = 7) -> Block:
    scenes = draw(st.integers(1, max_scenes))
    actors = draw(st.integers(1, 5))
    return Block(
        durations=tuple(draw(st.integers(1, 5)) for _ in range(scenes)),
        scene_actors=tuple(draw(st.integers(0, (1 << actors) - 1)) for _ in range(scenes)),
        costs=tuple(draw(st.integers(1, 40)) for _ in range(actors)),
    )


def _least_waiting(block: Block, done: int, remaining: int) -> int:
    """The least waiting while shooting ``remaining`` after ``done``: every order, by recursion."""
    if not remaining:
        return 0
    present = _cast(block, done) & _cast(block, remaining)
    return min(
        block.durations[s] * sum(block.costs[a] for a in _members(present & ~block.scene_actors[s]))
        + _least_waiting(block, done | 1 << s, remaining & ~(1 << s))
        for s in _members(remaining)
    )


def _cast(block: Block, scenes: int) -> int:
    return _union([block.scene_actors[s] for s in _members(scenes)])


@settings(max_examples=300, deadline=None)
@given(blocks(), st.data())
def test_waiting_bound_never_exceeds_the_true_remaining_waiting(block: Block, data: st.DataObject):
    scenes = len(block.durations)
    done = data.draw(st.integers(0, (1 << scenes) - 2))
    remaining = ((1 << scenes) - 1) & ~done
    present = _cast(block, done) & _cast(block, remaining)
    bound = WaitingBound(block.durations, block.scene_actors, block.costs)
    assert bound(present, remaining) <= _least_waiting(block, done, remaining)


def _exact_bound(block: Block, present: int, remaining: int) -> Fraction:
    """The de la Banda et al. bound in exact arithmetic, straight from its definition."""
    ratio = {a: Fraction(0) for a in _members(present)}
    correction = Fraction(0)
    for scene in _members(remaining):
        here = [block.costs[a] for a in _members(block.scene_actors[scene] & present)]
        if not here:
            continue
        for a in _members(block.scene_actors[scene] & present):
            ratio[a] += Fraction(block.durations[scene], sum(here))
        correction += (
            Fraction(block.durations[scene])
            * (sum(here) + Fraction(sum(c * c for c in here), sum(here)))
            / 2
        )
    bound, elapsed = -correction, Fraction(0)
    for a in sorted(ratio, key=ratio.__getitem__):
        elapsed += ratio[a] * block.costs[a]
        bound += block.costs[a] * elapsed
    return bound


@pytest.mark.parametrize("scenes", [12, 24, 30])
def test_waiting_bound_computes_the_published_formula_for_small_and_wide_blocks(scenes: int):
    rng = random.Random(scenes)
    block = Block(
        durations=tuple(rng.randint(1, 4) for _ in range(scenes)),
        scene_actors=tuple(rng.randrange(1, 1 << 9) for _ in range(scenes)),
        costs=tuple(rng.choice([1, 4, 5, 10, 20, 40]) for _ in range(9)),
    )
    bound = WaitingBound(block.durations, block.scene_actors, block.costs)
    for _ in range(100):
        present, remaining = rng.randrange(1 << 9), rng.randrange(1 << scenes)
        exact = _exact_bound(block, present, remaining) if present else Fraction(0)
        assert bound(present, remaining) in {max(0, math.ceil(exact)), max(0, math.ceil(exact) - 1)}
        assert bound(present, remaining) <= max(0, math.ceil(exact))


def test_preprocessing_merges_equal_casts_and_sets_aside_the_day_nobody_works():
    instance = read_talent(TALENT / "minizinc-benchmarks/medium/MobStory.dzn")
    reduction = reduce_instance(instance.durations, instance.costs, instance.casts)
    assert [len(part.block.durations) for part in reduction.blocks] == [20]
    assert reduction.tail == (24,)
    covered = [s for part in reduction.blocks for group in part.scenes for s in group]
    assert sorted(covered + list(reduction.tail)) == list(range(28))


def test_preprocessing_splits_independent_blocks():
    # Warwick1201: every actor is in two scenes; the scenes fall apart into three cycles.
    instance = read_talent(TALENT / "ddo-talentsched/Warwick1201")
    reduction = reduce_instance(instance.durations, instance.costs, instance.casts)
    assert sorted(len(part.block.durations) for part in reduction.blocks) == [5, 6, 9]


def test_preprocessing_drops_actors_whose_cost_cannot_change():
    # Actor 0 is in every scene, actor 1 in one scene only: neither is left to the search.
    casts = (frozenset({0, 1, 2}), frozenset({0, 2}), frozenset({0, 3}), frozenset({0, 2, 3}))
    reduction = reduce_instance((1, 1, 1, 1), (5, 5, 1, 1), casts)
    (part,) = reduction.blocks
    assert len(part.block.costs) == 2  # actors 2 and 3


def test_search_improves_on_a_poor_first_order_to_the_brute_force_optimum():
    instance = read_talent(TALENT / "ddo-talentsched/film-12")
    reduction = reduce_instance(instance.durations, instance.costs, instance.casts)
    (part,) = reduction.blocks
    block = part.block
    poor = tuple(range(len(block.durations)))
    result = search(block, (waiting_cost(block, poor), poor), None, lambda: 0.0)
    assert result.optimal
    assert result.waiting == waiting_cost(block, result.order) == 52
    assert sorted(result.order) == list(poor)


def test_search_past_its_deadline_returns_the_order_it_was_given():
    block = Block((1, 2, 3), (0b01, 0b10, 0b01), (5, 7))
    given_order = (0, 1, 2)
    result = search(block, (waiting_cost(block, given_order), given_order), 0.0, lambda: 1.0)
    assert (result.order, result.optimal) == (given_order, False)
