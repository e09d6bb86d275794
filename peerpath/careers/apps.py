from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "peerpath.careers"
    default_auto_field = "django.db.models.BigAutoField"
