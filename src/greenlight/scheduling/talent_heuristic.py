"""A good first order for a block, found quickly: greedy starts improved by local search. Pure.

The exact search only needs it as an upper bound (it prunes everything that cannot beat it) and
as the answer when a time limit stops the search early.
"""

from collections.abc import Callable

from .talent_search import Block, waiting_meter
from .talent_tables import int_sum, int_union

# Local search runs from this many of the best greedy orders: from one when there is no time
# limit (the exact search expands the same states whatever the first bound), from more when a
# time limit may make this order the answer.
_POLISHED, _POLISHED_UNDER_LIMIT = 1, 3


def initial_order(
    block: Block, deadline: float | None, clock: Callable[[], float]
) -> tuple[int, tuple[int, ...]]:
    """The cheapest order found (waiting cost, order): greedy from each first scene, polished."""
    return _Heuristic(block, deadline, clock).run()


class _Heuristic:
    def __init__(self, block: Block, deadline: float | None, clock: Callable[[], float]) -> None:
        self.block = block
        self.union = int_union(block.scene_actors)
        self.cost_of = int_sum(block.costs)
        self.measure = waiting_meter(block)
        self.deadline = deadline
        self.clock = clock

    def run(self) -> tuple[int, tuple[int, ...]]:
        greedy: list[list[int]] = []
        for first in range(len(self.block.durations)):
            if greedy and self._late():
                break  # out of time: one start is enough to have an order
            greedy.append(self._greedy(first))
        starts = sorted((self.measure(order), order) for order in greedy)
        best = starts[0]
        polished = _POLISHED if self.deadline is None else _POLISHED_UNDER_LIMIT
        for cost, order in starts[:polished]:
            if self._late():
                break
            best = min(best, self._improve(cost, order))
        return best[0], tuple(best[1])

    def _late(self) -> bool:
        return self.deadline is not None and self.clock() >= self.deadline

    def _greedy(self, first: int) -> list[int]:
        """From ``first``, always the scene that keeps the cheapest set of actors waiting."""
        full = (1 << len(self.block.durations)) - 1
        order, done = [first], 1 << first
        while done != full:
            scene = self._next(done, full ^ done)
            order.append(scene)
            done |= 1 << scene
        return order

    def _next(self, done: int, remaining: int) -> int:
        union, cost_of = self.union, self.cost_of
        actors, durations = self.block.scene_actors, self.block.durations
        called = union(done)
        present = called & union(remaining)
        choices = []
        rest = remaining
        while rest:
            bit = rest & -rest
            rest ^= bit
            scene = bit.bit_length() - 1
            waiting = durations[scene] * cost_of(present & ~actors[scene])
            # Among equal waits, call the fewest new actors: they would start waiting too.
            choices.append((waiting, cost_of(actors[scene] & ~called), scene))
        return min(choices)[2]

    def _improve(self, cost: int, order: list[int]) -> tuple[int, list[int]]:
        """Move single scenes to better places until no move helps (first improvement)."""
        improved = True
        while improved:
            improved = False
            for source in range(len(order)):
                if self._late():
                    return cost, order
                scene = order[source]
                rest = order[:source] + order[source + 1 :]
                for target in range(len(order)):
                    candidate = [*rest[:target], scene, *rest[target:]]
                    candidate_cost = self.measure(candidate)
                    if candidate_cost < cost:
                        cost, order, improved = candidate_cost, candidate, True
                        break
        return cost, order
