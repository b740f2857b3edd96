"""The executive producer's portfolio: one row per project. Pure.

Later capabilities (budget, schedule, issues) add figures to :class:`PortfolioRow` through
``figures``, keyed by a stable name, so the portfolio grows without changing its shape.
"""

import itertools
from dataclasses import dataclass, field
from datetime import date

from greenlight.accounts.capabilities import Role

from .kinds import Phase, ProjectKind


@dataclass(frozen=True)
class KeyDates:
    prep_start: date | None
    shoot_start: date | None
    shoot_end: date | None
    delivery: date | None

    def next_milestone(self, today: date) -> tuple[str, date] | None:
        """The first key date on or after ``today``, with its name."""
        named = [
            ("Prep starts", self.prep_start),
            ("Shoot starts", self.shoot_start),
            ("Wrap", self.shoot_end),
            ("Delivery", self.delivery),
        ]
        upcoming = [(name, when) for name, when in named if when is not None and when >= today]
        return min(upcoming, key=lambda item: item[1]) if upcoming else None

    def problems(self) -> list[str]:
        """Key dates out of order, as messages naming the fields."""
        order = [
            ("prep_start", self.prep_start),
            ("shoot_start", self.shoot_start),
            ("shoot_end", self.shoot_end),
            ("delivery_date", self.delivery),
        ]
        present = [(name, when) for name, when in order if when is not None]
        return [
            f"{later} ({later_date}) is before {earlier} ({earlier_date})"
            for (earlier, earlier_date), (later, later_date) in itertools.pairwise(present)
            if later_date < earlier_date
        ]


@dataclass(frozen=True)
class PortfolioRow:
    project_id: int
    title: str
    code: str
    kind: str
    phase: str
    role: str
    dates: KeyDates
    team_size: int
    people: int
    cast: int
    episodes: int
    departments: int
    figures: dict[str, str] = field(default_factory=dict)
    next_milestone: tuple[str, date] | None = None

    @property
    def kind_label(self) -> str:
        return ProjectKind(self.kind).label

    @property
    def phase_label(self) -> str:
        return Phase(self.phase).label

    @property
    def role_label(self) -> str:
        return Role(self.role).label


@dataclass(frozen=True)
class PortfolioSummary:
    projects: int
    by_phase: tuple[tuple[str, int], ...]
    people: int
    cast: int


def summarise(rows: list[PortfolioRow]) -> PortfolioSummary:
    """Totals across the portfolio, phases in production order."""
    by_phase = tuple(
        (phase.label, count)
        for phase in Phase
        if (count := sum(1 for row in rows if row.phase == phase.value))
    )
    return PortfolioSummary(
        projects=len(rows),
        by_phase=by_phase,
        people=sum(row.people for row in rows),
        cast=sum(row.cast for row in rows),
    )
