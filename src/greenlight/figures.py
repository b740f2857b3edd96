"""The portfolio's figures from packages that build on projects, listed once for the page
(``urls.py``) and the API (``api.py``)."""

from greenlight.budget.figures import portfolio_figures as budget_figures
from greenlight.projects.services import FiguresOf
from greenlight.scheduling.figures import portfolio_figures

PORTFOLIO_FIGURES: tuple[FiguresOf, ...] = (portfolio_figures, budget_figures)
