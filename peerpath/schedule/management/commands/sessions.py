"""`peerpath sessions --program SLUG --start YYYY-MM-DD --end YYYY-MM-DD --format json|ics`."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from peerpath.accounts.models import Program
from peerpath.lib.dates import parse_iso_date
from peerpath.schedule import ical, rules
from peerpath.schedule.occurrences import active_series, expand_series

MAX_DAYS = 3 * 366


def occurrence_json(occurrence: Any) -> dict[str, str]:
    return {
        "kind": occurrence.kind,
        "title": occurrence.title,
        "start": occurrence.start.isoformat(),
        "end": occurrence.end.isoformat(),
        "status": occurrence.status,
    }


class Command(BaseCommand):
    help = (
        "Print a program's sessions between two dates (both included), with cancellations "
        "and moves applied, as JSON or iCalendar. Join details are never printed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", required=True, metavar="SLUG")
        parser.add_argument("--start", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--end", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--format", choices=["json", "ics"], default="json")
        parser.add_argument("--language", choices=["en", "es"], default="en")

    def fail(self, message: str) -> NoReturn:
        self.stderr.write(f"error: {message}")
        sys.exit(2)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            first = parse_iso_date(options["start"])
        except ValueError:
            self.fail("--start: expected a real date as YYYY-MM-DD")
        try:
            last = parse_iso_date(options["end"])
        except ValueError:
            self.fail("--end: expected a real date as YYYY-MM-DD")
        if not (rules.in_calendar_range(first) and rules.in_calendar_range(last)):
            self.fail(f"dates must be from {rules.FIRST_DAY.year} to {rules.LAST_DAY.year}")
        if last < first:
            self.fail("--end is before --start")
        if (last - first) > dt.timedelta(days=MAX_DAYS):
            self.fail("at most three years at a time")
        program = Program.objects.filter(slug=options["program"]).first()
        if program is None:
            self.fail(f"no program with the short name {options['program']!r}")
        with translation.override(options["language"]):
            # Occurrences from the series alone carry no join details.
            occurrences = expand_series(active_series([program]), first, last)
            if options["format"] == "json":
                output = json.dumps(
                    [occurrence_json(o) for o in occurrences], indent=2, ensure_ascii=False
                )
            else:
                output = ical.build_calendar(occurrences, name=program.name).decode()
        self.stdout.write(output, ending="" if options["format"] == "ics" else "\n")
