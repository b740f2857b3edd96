from django.apps import AppConfig


class Config(AppConfig):
    name = "greenlight.budget"
    label = "budget"
    default_auto_field = "django.db.models.BigAutoField"
