"""Admin glue shared by every package's admin registrations."""

from typing import Any

from django.http import HttpRequest


class VersionedAdminMixin:
    """Admin edits bump ``version`` too, so a page form opened earlier cannot overwrite them."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change and hasattr(obj, "version"):
            obj.version += 1
        super().save_model(request, obj, form, change)  # type: ignore[misc]
