"""Shooting-schedule problems for the optimiser and checker tests: builders, one real-sized."""

import random
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from greenlight.scheduling.problem import (
    CastSpec,
    LocationSpec,
    Precedence,
    Problem,
    Rules,
    SceneSpec,
    ShootDate,
    Weights,
)

MON = date(2026, 3, 2)  # Mon 2 Mar 2026


def day(n: int) -> date:
    """The calendar day ``n`` days after Mon 2 Mar 2026."""
    return MON + timedelta(days=n)


def dates(count: int, *, school_day: bool = True, every: int = 1) -> tuple[ShootDate, ...]:
    """``count`` shoot dates from Mon 2 Mar 2026, ``every`` calendar days apart."""
    return tuple(ShootDate(day(n * every), school_day=school_day) for n in range(count))


def scene(number: int, location: str = "Studio", **fields: Any) -> SceneSpec:
    """Scene ``s<number>`` labelled ``Sc <number>``: one page, an hour, unless told otherwise."""
    plain = SceneSpec(f"s{number}", f"Sc {number}", eighths=8, minutes=60, location=location)
    return replace(plain, **fields)


def problem(
    scenes: list[SceneSpec],
    *,
    days: int = 3,
    cast: tuple[CastSpec, ...] = (),
    **fields: Any,
) -> Problem:
    """A problem over ``days`` consecutive school days from Mon 2 Mar 2026."""
    return replace(Problem(dates(days), tuple(scenes), cast), **fields)


MARY = CastSpec("MARY", "Anna Lee", daily_rate=100_000)
JOHN = CastSpec("JOHN", "Tom Hart", daily_rate=80_000)
TIM = CastSpec("TIM", "Tim Roe", daily_rate=20_000, minor_age=8)


def sixty_scene_problem(seed: int = 7) -> Problem:
    """A realistic feature block: 60 scenes, 8 cast (one a child), 10 locations, 15 weekdays."""
    rng = random.Random(seed)
    weekdays = [day(n) for n in range(21) if day(n).weekday() < 5][:15]
    shoot_dates = tuple(ShootDate(d, school_day=d.weekday() != 4) for d in weekdays)
    cast = tuple(
        CastSpec(
            f"ROLE{n}",
            f"Performer {n}",
            daily_rate=rng.randrange(20_000, 200_000, 100),
            unavailable=frozenset(rng.sample(weekdays, 2)),
            minor_age=11 if n == 7 else None,
        )
        for n in range(8)
    )
    places = [f"Location {n}" for n in range(10)]
    scenes = tuple(_random_scene(rng, n, places, cast) for n in range(1, 61))
    return Problem(
        dates=shoot_dates,
        scenes=scenes,
        cast=cast,
        locations=(LocationSpec("Location 3", available_from=weekdays[5]),),
        precedences=(Precedence("s5", "s40", "haircut"), Precedence("s12", "s33", "set burns")),
        weights=Weights(holding=1, company_move=50_000, day=100_000),
        rules=Rules(cover_minutes=60),
    )


def _random_scene(
    rng: random.Random, n: int, places: list[str], cast: tuple[CastSpec, ...]
) -> SceneSpec:
    night = rng.random() < 0.12
    exterior = rng.random() < 0.35
    people = rng.sample([c.id for c in cast if not (night and c.minor_age)], rng.randint(1, 3))
    return SceneSpec(
        id=f"s{n}",
        label=f"Sc {n}",
        eighths=rng.randint(2, 14),
        minutes=rng.randrange(30, 150, 5),
        location=places[min(int(rng.expovariate(0.35)), len(places) - 1)],
        night=night,
        exterior=exterior,
        cast=tuple(sorted(people)),
        cover=not exterior and rng.random() < 0.4,
    )


def tiny_problem(seed: int) -> Problem:
    """A random problem small enough to try every board: 5 scenes, 3 dates, every rule in play."""
    rng = random.Random(seed)
    spaced = [day(n) for n in sorted(rng.sample(range(5), 3))]
    cast = (
        replace(MARY, unavailable=frozenset(rng.sample(spaced, rng.randint(0, 1)))),
        replace(TIM, minor_age=rng.choice([None, 8, 15])),
    )
    scenes = [_tiny_scene(rng, n, spaced) for n in range(1, 6)]
    return Problem(
        dates=tuple(ShootDate(d, school_day=rng.random() < 0.5) for d in spaced),
        scenes=tuple(scenes),
        cast=cast,
        locations=(LocationSpec("Barn", available_from=rng.choice(spaced[:2])),),
        precedences=(Precedence("s1", "s2"),) if rng.random() < 0.4 else (),
        weights=Weights(holding=1, company_move=rng.choice([0, 30_000]), day=rng.choice([0, 9])),
        rules=Rules(
            max_eighths_per_day=rng.choice([None, 20]),
            day_minutes=rng.choice([None, 300]),
            max_locations_per_day=rng.choice([1, 2, 2]),
            cover_minutes=rng.choice([0, 0, 60]),
        ),
    )


def _tiny_scene(rng: random.Random, n: int, spaced: list[date]) -> SceneSpec:
    night = rng.random() < 0.25
    return SceneSpec(
        id=f"s{n}",
        label=f"Sc {n}",
        eighths=rng.randint(1, 12),
        minutes=rng.randrange(30, 200, 10),
        location=rng.choice(["Park", "Barn", "Pier"]),
        night=night,
        exterior=rng.random() < 0.3,
        cast=tuple(c for c in ("MARY", "TIM") if rng.random() < 0.5 and not (night and c == "TIM")),
        pinned=rng.choice(spaced) if rng.random() < 0.15 else None,
        cover=rng.random() < 0.4,
    )
