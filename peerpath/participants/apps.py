from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "peerpath.participants"
    verbose_name = _("Participants")

    def ready(self) -> None:
        from peerpath.participants import signals

        signals.connect()
