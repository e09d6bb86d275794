from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from peerpath.certification.tasks import sweep_reminders


class Command(BaseCommand):
    help = "Send the certification reminders due today (the worker also does this daily)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="pretend today is YYYY-MM-DD (for testing)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        self.stdout.write(f"{sweep_reminders(today)} reminder(s) sent for {today.isoformat()}")
