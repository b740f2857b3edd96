"""Talent scheduling: the cast-order cost of a shooting schedule, and its exact optimiser. Pure.

Scenes are shot one after another; scene ``s`` lasts ``durations[s]`` days and needs the actors
``casts[s]``. An actor is paid ``costs[a]`` a day from the first day of their first scene to the
last day of their last scene, waiting days included (Cheng, Diamond & Lin 1993). The total cost
of an order is therefore ``sum(costs[a] * (last_day[a] - first_day[a] + 1))``; its holding cost
is the part paid for waiting, the total minus what each actor's own scenes cost. Only the
holding cost depends on the order.

:func:`solve` finds an order of least cost: preprocessing (:mod:`.talent_reduction`), a greedy
and local-search start (:mod:`.talent_heuristic`), then an exact bidirectional best-first search
(:mod:`.talent_search`). Given a time limit it may stop early with the best order it knows.
"""

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .talent_heuristic import initial_order
from .talent_reduction import ReducedBlock, reduce_instance
from .talent_search import search


@dataclass(frozen=True, slots=True)
class TalentInstance:
    """Scene durations (days), actor costs (per day) and each scene's cast (actor numbers)."""

    durations: tuple[int, ...]
    costs: tuple[int, ...]
    casts: tuple[frozenset[int], ...]
    name: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if len(self.casts) != len(self.durations):
            raise ValueError(
                f"{len(self.durations)} scene durations but {len(self.casts)} scene casts"
            )
        if any(d < 0 for d in self.durations) or any(c < 0 for c in self.costs):
            raise ValueError("durations and costs cannot be negative")
        actors = range(len(self.costs))
        if any(a not in actors for cast in self.casts for a in cast):
            raise ValueError(f"a cast names an actor outside 0..{len(self.costs) - 1}")

    @property
    def scene_count(self) -> int:
        return len(self.durations)

    @property
    def actor_count(self) -> int:
        return len(self.costs)

    def scenes_of(self, actor: int) -> list[int]:
        """The scenes ``actor`` appears in, in file order."""
        return [s for s, cast in enumerate(self.casts) if actor in cast]


@dataclass(frozen=True, slots=True)
class TalentSolution:
    """A shooting order (0-based scene numbers, first scene first) and what it costs."""

    order: list[int]
    total_cost: int
    holding_cost: int
    optimal: bool  # proven optimal; False when a time limit stopped the search first
    seconds: float
    nodes: int  # search states expanded


@dataclass(frozen=True, slots=True)
class ActorDays:
    """One actor's stay for a given order: first and last day (1-based) and days spent waiting."""

    actor: int
    first_day: int
    last_day: int
    waiting_days: int


def actor_days(instance: TalentInstance, order: Sequence[int]) -> list[ActorDays]:
    """Each actor's first and last day and waiting days when shooting in ``order``."""
    _check_order(instance, order)
    start = {}
    day = 1
    for scene in order:
        start[scene] = day
        day += instance.durations[scene]
    stays = []
    for actor in range(instance.actor_count):
        scenes = instance.scenes_of(actor)
        if not scenes:
            continue  # never needed, never paid
        first = min(start[s] for s in scenes)
        last = max(start[s] + instance.durations[s] - 1 for s in scenes)
        own = sum(instance.durations[s] for s in scenes)
        stays.append(ActorDays(actor, first, last, last - first + 1 - own))
    return stays


def total_cost(instance: TalentInstance, order: Sequence[int]) -> int:
    """What the cast is paid for ``order``: each actor's cost times their days on location."""
    return sum(
        instance.costs[stay.actor] * (stay.last_day - stay.first_day + 1)
        for stay in actor_days(instance, order)
    )


def working_cost(instance: TalentInstance) -> int:
    """What the cast is paid for the days they act: the same for every order."""
    return sum(
        instance.durations[s] * sum(instance.costs[a] for a in cast)
        for s, cast in enumerate(instance.casts)
    )


def holding_cost(instance: TalentInstance, order: Sequence[int]) -> int:
    """What the cast is paid for waiting when shooting in ``order``."""
    return total_cost(instance, order) - working_cost(instance)


def solve(
    instance: TalentInstance,
    *,
    time_limit: float | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> TalentSolution:
    """An order of least total cost; with ``time_limit`` (seconds) possibly only the best found."""
    started = clock()
    deadline = None if time_limit is None else started + time_limit
    reduction = reduce_instance(instance.durations, instance.costs, instance.casts)
    order: list[int] = []
    optimal, nodes = True, 0
    for part in reduction.blocks:
        block_order, block_optimal, block_nodes = _solve_block(part, deadline, clock)
        order += [scene for local in block_order for scene in part.scenes[local]]
        optimal, nodes = optimal and block_optimal, nodes + block_nodes
    order += reduction.tail
    total = total_cost(instance, order)
    return TalentSolution(
        order=order,
        total_cost=total,
        holding_cost=total - working_cost(instance),
        optimal=optimal,
        seconds=clock() - started,
        nodes=nodes,
    )


def _solve_block(
    part: ReducedBlock, deadline: float | None, clock: Callable[[], float]
) -> tuple[tuple[int, ...], bool, int]:
    upper = initial_order(part.block, deadline, clock)
    if upper[0] == 0:
        return upper[1], True, 0  # nobody waits: nothing can be cheaper
    result = search(part.block, upper, deadline, clock)
    return result.order, result.optimal, result.nodes


def _check_order(instance: TalentInstance, order: Sequence[int]) -> None:
    if sorted(order) != list(range(instance.scene_count)):
        raise ValueError(f"not an order of the {instance.scene_count} scenes: {list(order)}")
