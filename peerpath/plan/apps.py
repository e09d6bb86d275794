from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "peerpath.plan"
    default_auto_field = "django.db.models.BigAutoField"
