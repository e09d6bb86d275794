"""`peerpath bench-data --participants N [--organizations K]`: data for the benchmark."""

from __future__ import annotations

import math
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from peerpath.web import benchdata


class Command(BaseCommand):
    help = (
        "Fill an empty database with realistic benchmark data: N participants across K "
        "organizations (default: one per 5,000 participants) with about 120 rows each."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--participants", type=int, required=True)
        parser.add_argument("--organizations", type=int)
        parser.add_argument("--providers", type=int, default=500)
        parser.add_argument("--seed", type=int, default=14)

    def handle(self, *args: Any, **options: Any) -> None:
        from peerpath.accounts.models import Organization

        participants = options["participants"]
        if participants < 1:
            raise CommandError("--participants must be at least 1.")
        organizations = options["organizations"] or max(1, math.ceil(participants / 5000))
        if Organization.objects.filter(slug__startswith="bench-").exists():
            raise CommandError("This database already has benchmark data; use a fresh one.")
        started = time.monotonic()
        call_command("load_reference", verbosity=0, stdout=self.stdout)
        counts = benchdata.generate(
            participants,
            organizations,
            providers=options["providers"],
            seed=options["seed"],
            say=lambda line: self.stdout.write(f"{time.monotonic() - started:7.1f} s  {line}"),
        )
        from django.db import connection

        if connection.vendor == "postgresql":
            # Fresh statistics: without them the planner guesses from empty tables.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        total = sum(counts.values())
        for table, count in sorted(counts.items()):
            self.stdout.write(f"{table:40} {count:>12,}")
        self.stdout.write(f"{total:,} rows in {time.monotonic() - started:.0f} s")
