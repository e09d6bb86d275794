from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from peerpath.catalog.loader import ProviderCsvError, import_provider_csv


class Command(BaseCommand):
    help = (
        "Create or update training providers from a CSV file (format: catalog/data/providers.csv)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="a CSV file, or - for standard input")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        try:
            if path == "-":
                providers = import_provider_csv(sys.stdin)
            else:
                with open(path, encoding="utf-8-sig", newline="") as handle:
                    providers = import_provider_csv(handle)
        except (OSError, ProviderCsvError) as exc:
            self.stderr.write(f"error: {exc}")
            sys.exit(2)
        self.stdout.write(f"{len(providers)} provider(s) imported.")
