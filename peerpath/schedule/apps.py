from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "peerpath.schedule"
    default_auto_field = "django.db.models.BigAutoField"
