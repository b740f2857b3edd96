"""Request-level glue: anonymous users are sent to sign in; domain errors become pages."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from greenlight.core.errors import GreenlightError

API_PREFIX = "/api/"


class LoginRequired(LoginRequiredMiddleware):
    """Django's login-required default, except the API, which answers 401 itself."""

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if request.path_info.startswith(API_PREFIX):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class DomainErrors:
    """Render NotFound/NotAllowed/Conflict raised by a service as a proper error page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, GreenlightError) or request.path_info.startswith(API_PREFIX):
            return None
        return render(
            request,
            "web/error.html",
            {"status": exception.status, "message": str(exception)},
            status=exception.status,
        )
