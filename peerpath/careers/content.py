"""Interview tips and practice questions, from the versioned file `data/interview.json`.

Both languages live in the file; `tr()` picks the active one. Answers store
the file's version so a self-review can be read against the text it was made on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from peerpath.lib.localized import localized

CONTENT_FILE = Path(__file__).resolve().parent / "data" / "interview.json"


@dataclass(frozen=True)
class Point:
    code: str
    data: dict[str, Any] = field(repr=False)

    @property
    def text(self) -> str:
        return localized(self.data, "text")


@dataclass(frozen=True)
class Group:
    code: str
    data: dict[str, Any] = field(repr=False)

    @property
    def name(self) -> str:
        return localized(self.data, "name")


@dataclass(frozen=True)
class Tip:
    code: str
    group: str
    data: dict[str, Any] = field(repr=False)

    @property
    def text(self) -> str:
        return localized(self.data, "text")


@dataclass(frozen=True)
class Question:
    code: str
    group: str
    strong: tuple[Point, ...]
    avoid: tuple[Point, ...]
    data: dict[str, Any] = field(repr=False)

    @property
    def text(self) -> str:
        return localized(self.data, "text")

    @property
    def note(self) -> str:
        note = self.data.get("note")
        return localized(note, "text") if note else ""

    @property
    def point_codes(self) -> tuple[str, ...]:
        return tuple(point.code for point in self.strong)


@dataclass(frozen=True)
class InterviewContent:
    version: int
    tip_groups: tuple[Group, ...]
    tips: tuple[Tip, ...]
    question_groups: tuple[Group, ...]
    questions: tuple[Question, ...]

    @property
    def tip_codes(self) -> tuple[str, ...]:
        return tuple(tip.code for tip in self.tips)

    def question(self, code: str) -> Question | None:
        return next((q for q in self.questions if q.code == code), None)

    def tips_by_group(self) -> list[tuple[Group, list[Tip]]]:
        return [(g, [t for t in self.tips if t.group == g.code]) for g in self.tip_groups]

    def questions_by_group(self) -> list[tuple[Group, list[Question]]]:
        return [(g, [q for q in self.questions if q.group == g.code]) for g in self.question_groups]


def _points(items: list[dict[str, Any]], prefix: str) -> tuple[Point, ...]:
    return tuple(
        Point(item.get("code") or f"{prefix}{index}", item) for index, item in enumerate(items)
    )


def parse_content(data: dict[str, Any]) -> InterviewContent:
    return InterviewContent(
        version=int(data["version"]),
        tip_groups=tuple(Group(g["code"], g) for g in data["tip_groups"]),
        tips=tuple(Tip(t["code"], t["group"], t) for t in data["tips"]),
        question_groups=tuple(Group(g["code"], g) for g in data["question_groups"]),
        questions=tuple(
            Question(
                q["code"],
                q["group"],
                _points(q["strong"], "strong-"),
                _points(q.get("avoid", []), "avoid-"),
                q,
            )
            for q in data["questions"]
        ),
    )


@cache
def interview_content() -> InterviewContent:
    return parse_content(json.loads(CONTENT_FILE.read_text(encoding="utf-8")))
