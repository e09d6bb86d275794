from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    ADVOCATE = "advocate", _("Peer support advocate")
    COORDINATOR = "coordinator", _("Program coordinator")
    ADMINISTRATOR = "administrator", _("Administrator")


STAFF_ROLES = frozenset({Role.ADVOCATE, Role.COORDINATOR, Role.ADMINISTRATOR})
