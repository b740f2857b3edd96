"""The route table: each package's pages and the API, listed explicitly."""

from django.contrib import admin
from django.urls import include, path

from greenlight.api import api
from greenlight.projects import views as projects_views
from greenlight.scheduling.figures import portfolio_figures

urlpatterns = [
    # The portfolio gathers figures from packages that build on projects.
    path(
        "",
        projects_views.portfolio,
        {"figures": [portfolio_figures]},
        name="portfolio",
    ),
    path("", include("greenlight.accounts.urls")),
    path("", include("greenlight.projects.urls")),
    path("", include("greenlight.jobs.urls")),
    path("", include("greenlight.screenplay.urls")),
    path("", include("greenlight.scheduling.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
