"""Exact search for the cheapest shooting order of one block of scenes. Pure.

The state is the set of scenes still to shoot (a bitmask). Shooting scene ``s`` next costs its
duration times the daily cost of the actors who wait through it: those already called who still
have scenes to come, minus the actors of ``s`` (Garcia de la Banda, Stuckey & Chu 2011).

A schedule read backwards costs the same, so the cost of shooting a set *last* equals the cost
of shooting it *first*. One best-first search from the empty schedule therefore serves as both
halves of a bidirectional search: when the search has reached a set of scenes ``X`` as a prefix
and also the complement of ``X``, the two prefixes, one of them reversed, make a full order. The
priority ``max(g + h, 2 g)`` is the meet-in-the-middle rule of Holte, Felner, Sharon & Sturtevant
(MM, AAAI 2016): no state is expanded past half the optimum, the other half comes from the mirror.
The search stops when no open state can lead to an order cheaper than the best found, which makes
that order optimal; with an admissible bound this holds whatever order the states are reached in.

Published dominance rules (de la Banda et al.; Qin et al. 2016) are one-sided: they keep some
optimal order when building from the front only, which the mirrored half does not respect. Made
symmetric they pruned nothing measurable on the benchmark films, so the search uses none.
"""

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .talent_bound import WaitingBound
from .talent_tables import int_sum, int_union

# The clock is read once per this many expanded states: cheap, and fine-grained enough.
_CLOCK_EVERY = 64


@dataclass(frozen=True, slots=True)
class Block:
    """One connected block of scenes after preprocessing: local scene and actor numbers."""

    durations: tuple[int, ...]
    scene_actors: tuple[int, ...]  # bitmask of the block's actors, per scene
    costs: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class BlockResult:
    order: tuple[int, ...]
    waiting: int  # the block's waiting (holding) cost for ``order``
    optimal: bool
    nodes: int


def waiting_cost(block: Block, order: Sequence[int]) -> int:
    """Waiting cost of shooting ``block``'s scenes in ``order`` (every scene exactly once)."""
    return waiting_meter(block)(order)


def waiting_meter(block: Block) -> Callable[[Sequence[int]], int]:
    """A function from an order of ``block``'s scenes to its waiting cost (tables built once)."""
    cost_of = int_sum(block.costs)
    actors, durations = block.scene_actors, block.durations

    def measure(order: Sequence[int]) -> int:
        after = [0] * (len(order) + 1)
        for position in range(len(order) - 1, -1, -1):
            after[position] = after[position + 1] | actors[order[position]]
        before = total = 0
        for position, scene in enumerate(order):
            total += durations[scene] * cost_of(before & after[position + 1] & ~actors[scene])
            before |= actors[scene]
        return total

    return measure


def search(
    block: Block,
    upper: tuple[int, tuple[int, ...]],
    deadline: float | None,
    clock: Callable[[], float],
) -> BlockResult:
    """The optimal order of ``block``, or the best known when ``deadline`` passes first.

    ``upper`` is a known order and its waiting cost; the search only looks for cheaper ones.
    """
    return _Search(block, clock, deadline).run(*upper)


class _Search:
    def __init__(self, block: Block, clock: Callable[[], float], deadline: float | None) -> None:
        self.block = block
        self.full = (1 << len(block.durations)) - 1
        self.union = int_union(block.scene_actors)
        self.cost_of = int_sum(block.costs)
        self.bound = WaitingBound(block.durations, block.scene_actors, block.costs)
        self.clock = clock
        self.deadline = deadline
        # Cheapest known cost of shooting the complement of each reached state first, and the
        # scene shot last on that cheapest way (which is how orders are read back).
        self.g: dict[int, int] = {self.full: 0}
        self.last: dict[int, int] = {}
        self.expanded: dict[int, int] = {}
        # Lower bounds on the waiting still to come: computed ones, and hints inherited from a
        # parent (its bound minus the step taken, which still bounds the child: "pathmax").
        self.bounds: dict[int, int] = {}
        self.hints: dict[int, int] = {}
        # What each scene's waiting costs, per set of present actors (few distinct sets occur).
        self.steps: dict[int, list[int]] = {}
        self.nodes = 0

    def run(self, best: int, best_order: tuple[int, ...]) -> BlockResult:
        heap: list[tuple[int, int, int]] = [(0, 0, self.full)]
        g, bounds, hints, expanded = self.g, self.bounds, self.hints, self.expanded
        union, full, pop, push = self.union, self.full, heapq.heappop, heapq.heappush
        while heap:
            priority, cost, state = pop(heap)
            cost = -cost  # queued negated: among equal priorities, deeper states first
            if priority >= best:
                break  # nothing left can beat ``best``: it is optimal
            if cost > g[state] or expanded.get(state, cost + 1) <= cost:
                continue  # superseded by a cheaper way to the same state
            present = union(state) & union(full ^ state)
            waiting = bounds.get(state)
            if waiting is None:
                waiting = bounds[state] = self.bound(present, state)
            waiting = max(waiting, hints.get(state, 0))
            if cost + waiting > priority and cost + waiting > 2 * cost:
                push(heap, (max(cost + waiting, 2 * cost), -cost, state))
                continue  # the true bound is higher than the estimate it was queued with
            if self.nodes % _CLOCK_EVERY == 0 and self._late():
                return BlockResult(best_order, best, False, self.nodes)
            self.nodes += 1
            expanded[state] = cost
            best, best_order = self._expand(heap, state, present, cost, waiting, best, best_order)
        return BlockResult(best_order, best, True, self.nodes)

    def _late(self) -> bool:
        return self.deadline is not None and self.clock() >= self.deadline

    def _expand(
        self,
        heap: list[tuple[int, int, int]],
        state: int,
        present: int,
        cost: int,
        waiting: int,
        best: int,
        best_order: tuple[int, ...],
    ) -> tuple[int, tuple[int, ...]]:
        """Queue the states one scene further on; note any full order cheaper than ``best``."""
        g, last, hints, full, push = self.g, self.last, self.hints, self.full, heapq.heappush
        steps = self.steps.get(present) or self._steps(present)
        rest = state
        while rest:
            bit = rest & -rest
            rest ^= bit
            scene = bit.bit_length() - 1
            step = steps[scene]
            child, child_cost = state ^ bit, cost + step
            if child_cost >= g.get(child, best):
                continue
            # The parent's bound minus this step still bounds the child (pathmax).
            child_bound = waiting - step
            mirror = g.get(full ^ child)
            if mirror is not None and child_cost + mirror < best:
                g[child], last[child] = child_cost, scene
                best, best_order = child_cost + mirror, self._order(child)
            priority = max(child_cost + child_bound, 2 * child_cost)
            if priority >= best:
                continue
            g[child], last[child] = child_cost, scene
            if child_bound > hints.get(child, 0):
                hints[child] = child_bound
            push(heap, (priority, -child_cost, child))
        return best, best_order

    def _steps(self, present: int) -> list[int]:
        """Per scene, the waiting cost of shooting it while ``present`` are on location."""
        durations, actors, cost_of = self.block.durations, self.block.scene_actors, self.cost_of
        steps = [d * cost_of(present & ~cast) for d, cast in zip(durations, actors, strict=True)]
        self.steps[present] = steps
        return steps

    def _prefix(self, state: int) -> list[int]:
        """The cheapest known order of the scenes shot before ``state``."""
        order: list[int] = []
        while state != self.full:
            scene = self.last[state]
            order.append(scene)
            state |= 1 << scene
        order.reverse()
        return order

    def _order(self, state: int) -> tuple[int, ...]:
        """A full order: the prefix reaching ``state``, then the mirror's prefix reversed."""
        return tuple(self._prefix(state) + self._prefix(self.full ^ state)[::-1])
