from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from peerpath.web.health import health_report, problems


class Command(BaseCommand):
    help = (
        "Show whether the database is reachable and migrated and the worker keeps up; "
        "exits 1 when something needs attention."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        _serving, report = health_report()
        found = problems(report)
        if options["json"]:
            self.stdout.write(json.dumps({**report, "problems": found}, indent=2))
        else:
            for key, value in report.items():
                self.stdout.write(f"{key.replace('_', ' ')}: {value}")
            for problem in found:
                self.stdout.write(self.style.WARNING(f"problem: {problem}"))
            if not found:
                self.stdout.write(self.style.SUCCESS("all well"))
        if found:
            sys.exit(1)
