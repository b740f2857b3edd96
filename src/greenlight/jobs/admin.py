from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("label", "created_by", "status", "done", "total", "created_at", "finished_at")
    list_filter = ("status", "kind")
    exclude = ("result_data",)
