"""Learning pages written for PeerPath (both languages in `data/learn.json`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from peerpath.lib.localized import localized

CONTENT_FILE = Path(__file__).resolve().parent / "data" / "learn.json"


@dataclass(frozen=True)
class Section:
    data: dict[str, Any]

    @property
    def heading(self) -> str:
        return localized(self.data, "heading")

    @property
    def ordered(self) -> bool:
        return bool(self.data.get("ordered"))

    @property
    def items(self) -> list[str]:
        return [
            localized({"text": i["en"], "text_es": i["es"]}, "text") for i in self.data["items"]
        ]


@dataclass(frozen=True)
class Topic:
    slug: str
    data: dict[str, Any]

    @property
    def title(self) -> str:
        return localized(self.data, "title")

    @property
    def intro(self) -> str:
        return localized(self.data, "intro")

    @property
    def sections(self) -> list[Section]:
        return [Section(s) for s in self.data["sections"]]


@cache
def topics() -> tuple[Topic, ...]:
    data = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
    return tuple(Topic(t["slug"], t) for t in data["topics"])


def topic(slug: str) -> Topic | None:
    return next((t for t in topics() if t.slug == slug), None)
