"""Charts of accounts: budget templates shipped as data, in the Greenlight budget JSON format.

Account numbers are not standard (every studio and broadcaster has its own), so a chart is a
file, not code: ``feature.json``, ``tv_episode.json``, ``game.json`` and
``commercial_aicp.json`` sit beside this module. Each is a whole budget (categories, accounts,
globals, fringes, contractuals) with a few representative lines whose rates are illustrative,
so a new budget is not empty. A chart is imported and exported like any budget file
(:func:`read`, :func:`write`); ``write(budget, lines=False)`` keeps only the structure.
"""

from dataclasses import replace
from functools import cache
from importlib import resources

from greenlight.core.errors import NotFound

from ..jsonformat import dump
from ..jsonformat import load as load_json
from ..model import Budget

# In the order a "new budget" form offers them.
KEYS = ("feature", "tv_episode", "game", "commercial_aicp")


def available() -> list[tuple[str, str]]:
    """(key, title) of every chart shipped with Greenlight."""
    return [(key, _title(key)) for key in KEYS]


def load(key: str) -> Budget:
    """The chart ``key`` as a new budget (a fresh copy each time: callers may change it)."""
    if key not in KEYS:
        raise NotFound(f"No chart of accounts {key!r}; there are {', '.join(KEYS)}.")
    return load_json(_text(key), source=f"chart {key}")


def read(data: bytes | str, *, source: str) -> Budget:
    """A chart (or any budget) from Greenlight budget JSON: the import side."""
    return load_json(data, source=source)


def write(budget: Budget, *, lines: bool = True) -> str:
    """``budget`` as a chart file; with ``lines=False`` only its structure, every account empty."""
    if not lines:
        budget = replace(
            budget,
            categories=tuple(
                replace(
                    category,
                    accounts=tuple(replace(account, lines=()) for account in category.accounts),
                )
                for category in budget.categories
            ),
        )
    return dump(budget)


def _text(key: str) -> str:
    return resources.files(__name__).joinpath(f"{key}.json").read_text(encoding="utf-8")


@cache
def _title(key: str) -> str:
    return load(key).title
