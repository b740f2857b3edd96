"""Request-level glue: anonymous users are sent to sign in; domain errors become pages."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
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


class BodySizeLimit:
    """Refuse a request whose declared body exceeds GREENLIGHT_MAX_UPLOAD_BYTES, before reading it.

    Django's own limit skips file uploads; this one covers every body. (`greenlight serve`
    also caps bodies sent without a length.)
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = settings.MAX_REQUEST_BYTES
        if declared > limit:
            message = f"The request is {declared:,} bytes; the limit is {limit:,} bytes."
            if request.path_info.startswith(API_PREFIX):
                return JsonResponse({"detail": message}, status=413)
            return render(
                request, "web/error.html", {"status": 413, "message": message}, status=413
            )
        return self.get_response(request)
