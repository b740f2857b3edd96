"""The route table: each package's pages and the API, listed explicitly."""

from django.contrib import admin
from django.urls import include, path

from greenlight.api import api

urlpatterns = [
    path("", include("greenlight.accounts.urls")),
    path("", include("greenlight.projects.urls")),
    path("", include("greenlight.jobs.urls")),
    path("", include("greenlight.screenplay.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
