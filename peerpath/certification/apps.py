from django.apps import AppConfig


class CertificationConfig(AppConfig):
    name = "peerpath.certification"
    default_auto_field = "django.db.models.BigAutoField"
