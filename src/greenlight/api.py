"""The JSON API: one NinjaAPI, each package's router listed explicitly, errors mapped once."""

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from greenlight import __version__
from greenlight.accounts.api import API_AUTH
from greenlight.accounts.api import router as tokens_router
from greenlight.budget.api import router as budget_router
from greenlight.budget.api_costs import router as costs_router
from greenlight.budget.api_deals import router as deals_router
from greenlight.core.errors import GreenlightError, InvalidInput
from greenlight.figures import PORTFOLIO_FIGURES
from greenlight.jobs.api import router as jobs_router
from greenlight.projects.api import portfolio_router
from greenlight.projects.api import router as projects_router
from greenlight.scheduling.api import router as scheduling_router
from greenlight.screenplay.api import router as screenplay_router

api = NinjaAPI(
    title="Greenlight API",
    version=__version__,
    description=(
        "Production management for film, TV and games. Authenticate with a personal API token "
        "(`Authorization: Bearer glt_…`, created under Account → API tokens) or a signed-in "
        "session. Every call checks your role on the project, as the pages do."
    ),
    auth=API_AUTH,
    urls_namespace="api",
)
api.add_router("", projects_router)
api.add_router("", portfolio_router(PORTFOLIO_FIGURES))
api.add_router("", screenplay_router)
api.add_router("", scheduling_router)
api.add_router("", budget_router)
api.add_router("", costs_router)
api.add_router("", deals_router)
api.add_router("", jobs_router)
api.add_router("", tokens_router)


@api.exception_handler(GreenlightError)
def greenlight_error(request: HttpRequest, exc: GreenlightError) -> HttpResponse:
    body: dict[str, Any] = {"detail": str(exc)}
    if isinstance(exc, InvalidInput):
        body["errors"] = exc.errors
    return api.create_response(request, body, status=exc.status)


@api.exception_handler(ValidationError)
def schema_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Schema errors in the same shape as service errors: a summary plus errors by field."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in {"body", "payload"}]
        errors.setdefault(".".join(location) or "__all__", []).append(str(error.get("msg", "")))
    detail = InvalidInput(errors).summary()
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=413)
