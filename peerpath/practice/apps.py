from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "peerpath.practice"
    default_auto_field = "django.db.models.BigAutoField"
