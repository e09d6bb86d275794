from __future__ import annotations

from typing import Any

from peerpath.certification.plan_json import certification_plan_json
from peerpath.lib.jsoncli import JsonFileCommand


class Command(JsonFileCommand):
    help = "Compute the certification stage, deadlines and problems for JSON input."

    def handle_item(self, obj: dict[str, Any]) -> dict[str, Any]:
        return certification_plan_json(obj)
