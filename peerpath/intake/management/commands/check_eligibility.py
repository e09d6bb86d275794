from __future__ import annotations

from typing import Any

from peerpath.intake.eligibility_json import check_eligibility_json
from peerpath.lib.jsoncli import JsonFileCommand


class Command(JsonFileCommand):
    help = "Check program eligibility for JSON input."

    def handle_item(self, obj: dict[str, Any]) -> dict[str, Any]:
        return check_eligibility_json(obj)
