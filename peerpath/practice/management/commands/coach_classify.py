from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from peerpath.lib.jsoncli import InputError, read_json
from peerpath.practice.turns_json import classify_turns, parse_turns


class Command(BaseCommand):
    help = (
        'Classify MI turns: reads a JSON list of {"speaker", "text"} and prints a list of '
        '{"label", "subtype", "confidence"} of the same length.'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="a JSON file, or - for standard input")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            turns = parse_turns(read_json(options["file"]))
        except InputError as exc:
            self.stderr.write(f"error: {exc}")
            sys.exit(2)
        self.stdout.write(json.dumps(classify_turns(turns), indent=2))
