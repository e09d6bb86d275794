"""Recompute every stale list status row (the caseload and at-risk lists) for today."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from peerpath.accounts.models import Role, User
from peerpath.participants.status import fresh


class Command(BaseCommand):
    help = (
        "Recompute the caseload and at-risk status of every participant whose row is "
        "stale. Run it daily after midnight so the lists never pay for a new day."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        count = fresh(User.objects.filter(role=Role.PARTICIPANT), timezone.localdate())
        self.stdout.write(f"{count} rows refreshed in {time.monotonic() - started:.1f} s")
