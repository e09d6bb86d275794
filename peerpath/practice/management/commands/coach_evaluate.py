from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from peerpath.practice.coach import evaluate


class Command(BaseCommand):
    help = (
        "Measure the coach on the project's data, English and Spanish separately: per-class "
        "precision, recall and F1 with cross-validation, a held-out split and the fresh sets; "
        "with --verdicts, the exercise verdicts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print the raw numbers as JSON")
        parser.add_argument("--no-cv", action="store_true", help="skip cross-validation")
        parser.add_argument("--no-fresh", action="store_true", help="skip the fresh sets")
        parser.add_argument("--no-spanish", action="store_true", help="skip Spanish")
        parser.add_argument(
            "--verdicts", action="store_true", help="score the exercise verdicts instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        argv = [
            flag
            for flag in ("--json", "--no-cv", "--no-fresh", "--no-spanish", "--verdicts")
            if options[flag.lstrip("-").replace("-", "_")]
        ]
        evaluate.main(argv)
