from __future__ import annotations

import logging
import os
import socket
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.crypto import get_random_string
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
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="seconds to wait between looks at an empty queue (default 1)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from peerpath.web.worker import Worker, run_with_backoff

        # The worker writes one line per task; the task library's own start and
        # finish lines would double them.
        logging.getLogger("django_tasks").setLevel(logging.WARNING)
        logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
        run_with_backoff(lambda: [import_string(s)() for s in SCHEDULERS])
        worker_id = f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(6)}"
        worker = Worker(
            queue_names=["*"],
            interval=options["interval"],
            batch=options["batch"],
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id[:64],
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()
