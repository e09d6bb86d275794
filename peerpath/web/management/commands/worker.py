from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string

# Each capability's recurring job queues its own next run; these make sure one
# is waiting when the worker starts.
SCHEDULERS = [
    "peerpath.certification.tasks.schedule_daily_sweep",
    "peerpath.careers.tasks.schedule_daily_careers_sweep",
    "peerpath.schedule.tasks.schedule_session_reminders",
    "peerpath.privacy.tasks.schedule_daily_retention",
]


class Command(BaseCommand):
    help = "Run the background worker that processes queued tasks (reminders, scheduled jobs)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="process the tasks that are due, then exit"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for scheduler in SCHEDULERS:
            import_string(scheduler)()
        worker_options: dict[str, Any] = {
            "batch": options["batch"],
            "queue_name": "*",
            "reload": False,
        }
        call_command("db_worker", **worker_options)
