"""Django admin for site administrators: memberships, invitations and token revocation."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from greenlight.web.admin import VersionedAdminMixin

from .models import ApiToken, Invitation, Membership


@admin.register(Membership)
class MembershipAdmin(VersionedAdminMixin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("user", "project", "role")
    list_filter = ("role", "project")
    search_fields = ("user__username", "user__email")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("email", "project", "role", "created_at", "expires_at", "accepted_at")
    exclude = ("token_digest",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "user", "lookup", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "lookup", "digest", "created_at", "last_used_at")
