"""A good first order for a block, found quickly: greedy starts improved by local search. Pure.

The exact search only needs it as an upper bound (it prunes everything that cannot beat it) and
as the answer when a time limit stops the search early.
"""

from collections.abc import Callable

from .talent_search import Block, waiting_cost
from .talent_tables import int_sum, int_union

# Local search runs from this many of the best greedy orders.
_POLISHED = 3


def initial_order(
    block: Block, deadline: float | None, clock: Callable[[], float]
) -> tuple[int, tuple[int, ...]]:
    """The cheapest order found (waiting cost, order): greedy from each first scene, polished."""
    starts = sorted(
        (waiting_cost(block, order), order)
        for order in (_greedy(block, first) for first in range(len(block.durations)))
    )
    best = starts[0]
    for cost, order in starts[:_POLISHED]:
        if deadline is not None and clock() >= deadline:
            break
        best = min(best, _improve(block, cost, order, deadline, clock))
    return best[0], tuple(best[1])


def _greedy(block: Block, first: int) -> list[int]:
    """Start with ``first``; then always the scene that keeps the fewest, cheapest actors waiting."""
    union = int_union(block.scene_actors)
    cost_of = int_sum(block.costs)
    actors, durations = block.scene_actors, block.durations
    full = (1 << len(durations)) - 1
    order, done = [first], 1 << first
    while done != full:
        called = union(done)
        present = called & union(full ^ done)

        def price(scene: int) -> tuple[int, int, int]:
            waiting = durations[scene] * cost_of(present & ~actors[scene])
            # Among equal waits, prefer calling fewer new actors (they would start waiting too).
            return waiting, cost_of(actors[scene] & ~called), scene

        scene = min((s for s in range(len(durations)) if not done >> s & 1), key=price)
        order.append(scene)
        done |= 1 << scene
    return order


def _improve(
    block: Block,
    cost: int,
    order: list[int],
    deadline: float | None,
    clock: Callable[[], float],
) -> tuple[int, list[int]]:
    """Move single scenes to better places until no move helps (first improvement)."""
    improved = True
    while improved:
        improved = False
        for source in range(len(order)):
            if deadline is not None and clock() >= deadline:
                return cost, order
            scene = order[source]
            rest = order[:source] + order[source + 1 :]
            for target in range(len(order)):
                if target == source:
                    continue
                candidate = rest[:target] + [scene] + rest[target:]
                candidate_cost = waiting_cost(block, candidate)
                if candidate_cost < cost:
                    cost, order, improved = candidate_cost, candidate, True
                    break
    return cost, order
