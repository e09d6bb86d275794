from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "peerpath.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from peerpath.privacy import checks  # noqa: F401  (registers the deploy check)
