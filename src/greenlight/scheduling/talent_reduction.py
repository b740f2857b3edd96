"""Preprocessing for talent scheduling: shrink an instance to blocks that need a search. Pure.

Three reductions, each keeping an optimal order (Smith 2003; Garcia de la Banda et al. 2011):

- Scenes with the same cast can be shot back to back: they merge into one longer scene.
- An actor in a single scene never waits; an actor in every scene always waits the same. Both
  pay a fixed amount whatever the order, so they leave the problem. Dropping them can make more
  casts equal, so the two steps repeat until nothing changes.
- Scenes that share no actor, directly or through others, form independent blocks: shooting the
  blocks one after another costs the sum of their own optima.

A (merged) scene left with no actor is shot after the blocks, where no one waits. Such scenes are
placed in reverse order of the round in which they lost their last actor: an actor dropped for
being in every scene is in every scene emptied in a later round, so its scenes stay contiguous.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from .talent_search import Block


@dataclass(frozen=True, slots=True)
class ReducedBlock:
    block: Block
    scenes: tuple[tuple[int, ...], ...]  # the original scenes behind each of the block's scenes


@dataclass(frozen=True, slots=True)
class Reduction:
    blocks: tuple[ReducedBlock, ...]
    tail: tuple[int, ...]  # original scenes with no waiting actor, shot after the blocks


@dataclass
class _Group:
    scenes: list[int]  # original scenes, in the order they will be shot
    duration: int
    actors: int  # bitmask of the actors still in the problem


def reduce_instance(
    durations: Sequence[int], costs: Sequence[int], casts: Sequence[frozenset[int]]
) -> Reduction:
    """Merge, drop fixed-cost actors and split into blocks, as described in the module."""
    alive = sum(1 << a for a, cost in enumerate(costs) if cost > 0)
    groups = [
        _Group([s], d, sum(1 << a for a in cast) & alive)
        for s, (d, cast) in enumerate(zip(durations, casts, strict=True))
    ]
    # emptied[round]: the groups whose last actor left in that round. A group stays one run of
    # scenes even then: an actor dropped for being in that group alone needs it unbroken.
    emptied: list[list[list[int]]] = []
    changed = True
    while changed:
        emptied.append(sorted(group.scenes for group in groups if not group.actors))
        groups = _merge([group for group in groups if group.actors])
        dropped = _fixed_actors(groups, alive)
        alive &= ~dropped
        for group in groups:
            group.actors &= alive
        changed = bool(dropped)
    tail = tuple(s for groups_then in reversed(emptied) for scenes in groups_then for s in scenes)
    blocks = tuple(_block(part, costs) for part in _components(groups))
    return Reduction(blocks, tail)


def _merge(groups: list[_Group]) -> list[_Group]:
    """Groups with the same remaining cast become one, keeping each group's scenes together:
    an actor dropped earlier for being in one group needs that group's run unbroken."""
    by_cast: dict[int, _Group] = {}
    for group in groups:
        twin = by_cast.get(group.actors)
        if twin is None:
            by_cast[group.actors] = _Group(list(group.scenes), group.duration, group.actors)
        else:
            twin.scenes.extend(group.scenes)
            twin.duration += group.duration
    return list(by_cast.values())


def _fixed_actors(groups: list[_Group], alive: int) -> int:
    """Actors in exactly one group or in every group: their cost does not depend on the order."""
    dropped = 0
    rest = alive
    while rest:
        bit = rest & -rest
        rest ^= bit
        count = sum(1 for group in groups if group.actors & bit)
        if count == 1 or count == len(groups):
            dropped |= bit
    return dropped


def _components(groups: list[_Group]) -> list[list[_Group]]:
    """Groups linked by shared actors, in the order of their first original scene."""
    parts: list[tuple[int, list[_Group]]] = []
    for group in sorted(groups, key=lambda g: min(g.scenes)):
        linked = [part for part in parts if part[0] & group.actors]
        actors, members = group.actors, [group]
        for part in linked:
            actors |= part[0]
            members = part[1] + members
            parts.remove(part)
        parts.append((actors, members))
    parts.sort(key=lambda part: min(min(g.scenes) for g in part[1]))
    return [sorted(members, key=lambda g: min(g.scenes)) for _, members in parts]


def _block(groups: list[_Group], costs: Sequence[int]) -> ReducedBlock:
    """Renumber a component's scenes and actors from 0."""
    actors = 0
    for group in groups:
        actors |= group.actors
    index = [a for a in range(len(costs)) if actors >> a & 1]
    local = {a: i for i, a in enumerate(index)}
    scene_actors = tuple(
        sum(1 << local[a] for a in index if group.actors >> a & 1) for group in groups
    )
    block = Block(
        durations=tuple(group.duration for group in groups),
        scene_actors=scene_actors,
        costs=tuple(costs[a] for a in index),
    )
    return ReducedBlock(block, tuple(tuple(group.scenes) for group in groups))
