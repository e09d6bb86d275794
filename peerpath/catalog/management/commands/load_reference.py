from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from peerpath.catalog.loader import load_reference


class Command(BaseCommand):
    help = "Load the reference data files (specializations, providers, competencies, careers)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="reload every file even when that version is already loaded "
            "(overwrites admin edits to those rows)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for result in load_reference(force=options["force"]):
            state = "loaded" if result.loaded else "already up to date"
            self.stdout.write(f"{result.name} v{result.version}: {state}")
