from __future__ import annotations

from typing import Any

from peerpath.lib.jsoncli import JsonFileCommand
from peerpath.reports.indicators_json import outcome_indicators_json


class Command(JsonFileCommand):
    help = "Compute the funder outcome indicators for JSON input (see docs/reports.md)."

    def handle_item(self, obj: dict[str, Any]) -> dict[str, Any]:
        return outcome_indicators_json(obj)
