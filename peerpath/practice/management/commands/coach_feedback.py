from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from peerpath.lib.jsoncli import InputError, read_json
from peerpath.practice.turns_json import feedback_items, parse_feedback_items


class Command(BaseCommand):
    help = (
        'Judge practice answers: reads a JSON list of {"exercise", "language", "client", '
        '"response"} and prints a list of {"meets", "label", "problems", "message"} of the '
        "same length."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="a JSON file, or - for standard input")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            items = parse_feedback_items(read_json(options["file"]))
        except InputError as exc:
            self.stderr.write(f"error: {exc}")
            sys.exit(2)
        self.stdout.write(json.dumps(feedback_items(items), indent=2, ensure_ascii=False))
