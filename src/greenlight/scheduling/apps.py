from django.apps import AppConfig


class Config(AppConfig):
    name = "greenlight.scheduling"
    label = "scheduling"
    default_auto_field = "django.db.models.BigAutoField"
