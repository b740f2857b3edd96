"""Budget figures for the executive producer's portfolio: each project's budget, estimated
final cost, variance and burn (spent to date), only for roles that see costs."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import can
from greenlight.projects.models import Project
from greenlight.projects.portfolio import PortfolioRow

from .costs_report import Period, cost_report


def portfolio_figures(
    user: Any, rows: Sequence[PortfolioRow], today: date
) -> dict[int, dict[str, str]]:
    """``budget``, ``efc``, ``variance``, ``burn`` (actual to date) and ``burn_percent`` per
    project with a budget, as display strings, plus raw ``*_value`` strings for the chart."""
    projects = Project.objects.in_bulk([r.project_id for r in rows])
    found: dict[int, dict[str, str]] = {}
    for project_id, project in projects.items():
        if not can(user, project, Capability.VIEW_BUDGET):
            continue
        view = cost_report(user, project, Period.week_of(today))
        if view.budget is None:
            continue
        total = view.report.total
        money = view.currency
        budget, efc = total.final_budget, total.efc
        found[project_id] = {
            "budget_name": view.budget_label,
            "budget": f"{money} {budget:,.2f}",
            "efc": f"{money} {efc:,.2f}",
            "variance": _signed(total.variance, money),
            "over": "yes" if total.variance < 0 else "",
            "burn": f"{money} {total.to_date:,.2f}",
            "burn_percent": f"{_percent(total.to_date, budget)}",
            "efc_percent": f"{_percent(efc, budget)}",
            # Chart bar lengths in pixels: 100% of budget is BAR_PX, overruns run on to 150%.
            "budget_px": str(_px(100)),
            "burn_px": str(_px(_percent(total.to_date, budget))),
            "efc_px": str(_px(_percent(efc, budget))),
        }
    return found


BAR_PX = 300


def _px(percent: int) -> int:
    return BAR_PX * min(max(percent, 0), 150) // 100


def _signed(value: Decimal, money: str) -> str:
    return f"({money} {-value:,.2f})" if value < 0 else f"{money} {value:,.2f}"


def _percent(part: Decimal, whole: Decimal) -> int:
    return round(100 * part / whole) if whole else 0
