"""Django admin for site administrators (superusers); day-to-day work uses the app's pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from greenlight.web.admin import VersionedAdminMixin

from .models import Department, Episode, Person, Project, Unavailability


@admin.register(Project)
class ProjectAdmin(VersionedAdminMixin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("title", "code", "kind", "phase", "shoot_start", "delivery_date")
    list_filter = ("kind", "phase")
    search_fields = ("title", "code")


@admin.register(Episode)
class EpisodeAdmin(VersionedAdminMixin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("project", "number", "title")
    list_filter = ("project",)


@admin.register(Department)
class DepartmentAdmin(VersionedAdminMixin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("project", "code", "name", "sort_order")
    list_filter = ("project",)


class UnavailabilityInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Unavailability
    extra = 0


@admin.register(Person)
class PersonAdmin(VersionedAdminMixin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("name", "project", "kind", "position", "department")
    list_filter = ("project", "kind")
    search_fields = ("name", "position", "email")
    inlines = [UnavailabilityInline]
