"""Shared plumbing for commands that read JSON and print JSON.

`peerpath check-eligibility FILE`, `peerpath certification-plan FILE` and
friends accept one JSON object or a list of them (FILE is a path, or `-` for
standard input) and print one result or a list of the same length. Invalid
input ends with exit status 2 and a message that names the field.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandParser

from peerpath.lib.dates import parse_iso_date


class InputError(ValueError):
    """Bad input for one field; `field` is the JSON key at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def json_date(value: Any, field: str) -> dt.date:
    """A strict YYYY-MM-DD date. The value is never echoed: a birth date is personal."""
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise InputError(field, "expected a real date as YYYY-MM-DD") from exc


def json_bool(value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(field, "expected true or false")
    return value


def reject_unknown(obj: Mapping[str, Any], known: Iterable[str], prefix: str = "") -> None:
    allowed = set(known)
    for key in obj:
        if key not in allowed:
            raise InputError(f"{prefix}{key}", "is not a known field")


def read_json(path: str, stdin: TextIO | None = None) -> Any:
    try:
        if path == "-":
            text = (stdin or sys.stdin).read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        raise InputError("FILE", f"cannot read {path}: {exc.strerror}") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError("FILE", f"not valid JSON ({exc.msg} at line {exc.lineno})") from exc


def map_one_or_many(data: Any, handle_one: Callable[[dict[str, Any]], Any]) -> Any:
    """Apply `handle_one` to an object, or to each object of a list.

    Errors inside a list name the item: `[2].birth_date: ...`.
    """
    if isinstance(data, dict):
        return handle_one(data)
    if isinstance(data, list):
        results = []
        for index, item in enumerate(data):
            if not isinstance(item, dict):
                raise InputError(f"[{index}]", "expected a JSON object")
            try:
                results.append(handle_one(item))
            except InputError as exc:
                raise InputError(f"[{index}].{exc.field}", exc.message) from exc
        return results
    raise InputError("input", "expected a JSON object or a list of objects")


class JsonFileCommand(BaseCommand):
    """A management command that maps JSON input to JSON output.

    Subclasses implement `handle_item(obj) -> result` and raise `InputError`
    for bad input; the command prints the message and exits with status 2.
    """

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="a JSON file, or - for standard input")

    handle_item: Callable[[dict[str, Any]], Any]

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = read_json(options["file"], self.stdin if hasattr(self, "stdin") else None)
            result = map_one_or_many(data, self.handle_item)
        except InputError as exc:
            self.stderr.write(f"error: {exc}")
            sys.exit(2)
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
