from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from peerpath.certification.tasks import sweep_reminders


class Command(BaseCommand):
    help = "Send the certification reminders due today (the worker also does this daily)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            help="pretend today is YYYY-MM-DD in every program (default: each program's own date)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = dt.date.fromisoformat(options["date"]) if options["date"] else None
        when = today.isoformat() if today else "each program's today"
        self.stdout.write(f"{sweep_reminders(today)} reminder(s) sent for {when}")
