"""The route table: each package's pages and the API, listed explicitly."""

from django.contrib import admin
from django.urls import include, path

from greenlight.api import api
from greenlight.figures import PORTFOLIO_FIGURES
from greenlight.projects import views as projects_views

urlpatterns = [
    # The portfolio gathers figures from packages that build on projects.
    path(
        "",
        projects_views.portfolio,
        {"figures": PORTFOLIO_FIGURES},
        name="portfolio",
    ),
    path("", include("greenlight.accounts.urls")),
    path("", include("greenlight.projects.urls")),
    path("", include("greenlight.jobs.urls")),
    path("", include("greenlight.screenplay.urls")),
    path("", include("greenlight.scheduling.urls")),
    path("", include("greenlight.budget.urls")),
    path("", include("greenlight.budget.urls_costs")),
    path("", include("greenlight.budget.urls_deals")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
