from django.apps import AppConfig


class Config(AppConfig):
    name = "greenlight.screenplay"
    label = "screenplay"
    default_auto_field = "django.db.models.BigAutoField"
