"""Lower bound on the waiting still to come, for the exact talent search. Pure.

The bound is the one of Garcia de la Banda, Stuckey & Chu (2011, INFORMS J. Computing 23(1)),
for the actors already on location: each of them stays until their last remaining scene is shot.
Sharing every remaining scene among its on-location actors in proportion to their daily cost
turns their stay into a single-machine problem (minimise the weighted sum of completion times),
which Smith's ratio rule solves exactly; an area correction for the shared scenes then makes it a
bound on the waiting cost. Actors not called yet add nothing to the bound. (The tests check the
bound against exhaustive search on random blocks.)

The shares depend on which actors are present, so the per-scene weights are tabulated once per
present set (the search meets the same few present sets again and again) and then summed over
the remaining scenes of each actor with byte tables.
"""

from collections.abc import Callable, Sequence
from math import ceil

from .talent_tables import BYTE_TABLES, float_sum, float_tables

# (cost, scenes) per present actor; byte tables of the share weights; of the area corrections.
_Entry = tuple[list[tuple[int, int]], tuple[list[float], ...], tuple[list[float], ...]]

# A generous cap on the tabulated present sets (each costs a few kilobytes); past it the cache is
# dropped and refilled, which only costs time.
_CACHE_LIMIT = 20_000


class WaitingBound:
    """``bound(present, remaining)``: a lower bound on the waiting cost of shooting ``remaining``.

    ``present`` are the actors on location, who stay until their last scene in ``remaining``.
    """

    def __init__(
        self, durations: Sequence[int], scene_actors: Sequence[int], costs: Sequence[int]
    ) -> None:
        self._durations = tuple(durations)
        self._scene_actors = tuple(scene_actors)
        self._costs = tuple(costs)
        self._actor_scenes = tuple(
            sum(1 << s for s, actors in enumerate(scene_actors) if actors >> a & 1)
            for a in range(len(costs))
        )
        # Float sums are rounded down by this margin so that rounding can never lift the bound
        # over an integer optimum: values stay far below 2**50, errors far below the margin.
        self._margin = 1e-7 * (1 + sum(durations) * sum(costs))
        self._cache: dict[int, _Entry] = {}
        self._wide_cache: dict[int, tuple[Callable[[int], float], Callable[[int], float]]] = {}

    def __call__(self, present: int, remaining: int) -> int:
        if not present:
            return 0
        if len(self._durations) > 8 * BYTE_TABLES:
            return self._wide(present, remaining)
        entry = self._cache.get(present) or self._tabulate(present)
        actors, (t0, t1, t2), (c0, c1, c2) = entry
        # Smith's rule: an actor's share is its processing time per unit of cost, so sorting by
        # share is sorting by Smith's ratio. The byte-table sums are written out: this is the
        # innermost loop of the whole search.
        shares = sorted(
            [
                (t0[(x := remaining & scenes) & 255] + t1[(x >> 8) & 255] + t2[x >> 16], cost)
                for cost, scenes in actors
            ]
        )
        bound = -(c0[remaining & 255] + c1[(remaining >> 8) & 255] + c2[remaining >> 16])
        elapsed = 0.0
        for share, cost in shares:
            elapsed += share * cost
            bound += cost * elapsed
        return max(0, ceil(bound - self._margin))

    def _wide(self, present: int, remaining: int) -> int:
        """The same bound for blocks of more than 24 scenes, with looped table reads."""
        share_sum, correction_sum = self._wide_sums(present)
        scenes_of, costs = self._actor_scenes, self._costs
        members = [a for a in range(len(costs)) if present >> a & 1]
        shares = sorted((share_sum(remaining & scenes_of[a]), costs[a]) for a in members)
        bound = -correction_sum(remaining)
        elapsed = 0.0
        for share, cost in shares:
            elapsed += share * cost
            bound += cost * elapsed
        return max(0, ceil(bound - self._margin))

    def _wide_sums(self, present: int) -> tuple[Callable[[int], float], Callable[[int], float]]:
        sums = self._wide_cache.get(present)
        if sums is None:
            shares, corrections = self._weights(present)
            sums = self._wide_cache[present] = (float_sum(shares), float_sum(corrections))
            if len(self._wide_cache) >= _CACHE_LIMIT:
                self._wide_cache.clear()
        return sums

    def _weights(self, present: int) -> tuple[list[float], list[float]]:
        """Per scene: the share weight (duration over present cost) and the area correction."""
        costs = self._costs
        shares: list[float] = []
        corrections: list[float] = []
        for duration, actors in zip(self._durations, self._scene_actors, strict=True):
            total = squares = 0
            here = actors & present
            while here:
                bit = here & -here
                here ^= bit
                cost = costs[bit.bit_length() - 1]
                total += cost
                squares += cost * cost
            shares.append(duration / total if total else 0.0)
            corrections.append(duration * (total + squares / total) / 2 if total else 0.0)
        return shares, corrections

    def _tabulate(self, present: int) -> _Entry:
        """Byte tables of the share weights and area corrections for one set of present actors."""
        costs = self._costs
        shares, corrections = self._weights(present)
        members = [(costs[a], self._actor_scenes[a]) for a in range(len(costs)) if present >> a & 1]
        entry = (members, float_tables(shares), float_tables(corrections))
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[present] = entry
        return entry
