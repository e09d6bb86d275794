from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from peerpath.privacy.retention import run_retention


class Command(BaseCommand):
    help = (
        "Remove the records of people kept longer than their program's retention "
        "settings (applications not enrolled: 2 years; participants: 7 years after "
        "their last activity, by default). --dry-run only lists them. Safe to repeat."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list, remove nothing")
        parser.add_argument("--date", type=dt.date.fromisoformat, help="as if today were DATE")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["date"] or timezone.localdate()
        due = run_retention(today, dry_run=options["dry_run"])
        verb = "would be removed" if options["dry_run"] else "removed"
        for item in due:
            self.stdout.write(
                f"account #{item.user_id} (program {item.program_id or '-'}): {item.rule}, "
                f"last active {item.last_active.isoformat()} — {verb}"
            )
        self.stdout.write(f"{len(due)} {verb}.")
