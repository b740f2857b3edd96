from django.apps import AppConfig


class Config(AppConfig):
    name = "greenlight.jobs"
    label = "jobs"
    default_auto_field = "django.db.models.BigAutoField"
