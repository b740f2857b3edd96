"""Schedule figures for the executive producer's portfolio: days planned and shot, and the
cast holding cost of each project's current schedule (shown only to roles that see costs)."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import can
from greenlight.projects.models import Project
from greenlight.projects.portfolio import PortfolioRow

from .board import read_board
from .services import current_schedule


def portfolio_figures(
    user: Any, rows: Sequence[PortfolioRow], today: date
) -> dict[int, dict[str, str]]:
    """For each project row: ``schedule``, ``shoot_days``, ``days_done`` and, for roles that
    see costs, ``holding_cost``; projects without a schedule get nothing."""
    projects = Project.objects.in_bulk([r.project_id for r in rows])
    found: dict[int, dict[str, str]] = {}
    for project_id, project in projects.items():
        schedule = current_schedule(project)
        if schedule is None:
            continue
        view = read_board(schedule)
        done = sum(1 for d in view.days if d.date is not None and d.date < today)
        figures = {
            "schedule": schedule.name + (" (locked)" if schedule.status == "locked" else ""),
            "shoot_days": str(len(view.days)),
            "days_done": str(done),
        }
        if can(user, project, Capability.VIEW_BUDGET):
            figures["holding_cost"] = f"{project.currency} {view.holding_cost:,.2f}"
        found[project_id] = figures
    return found
