"""The practice exercises, loaded from `data/exercises.json` (English and Spanish)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from peerpath.lib.localized import localized

EXERCISES_FILE = Path(__file__).resolve().parent / "data" / "exercises.json"

RESPOND = "respond"
CHOOSE = "choose"


@dataclass(frozen=True)
class Skill:
    code: str
    data: dict[str, Any] = field(repr=False)

    def tr(self, name: str) -> str:
        return localized(self.data, name)

    @property
    def points(self) -> list[str]:
        return [localized(point, "text") for point in self.data.get("points", [])]

    @property
    def samhsa_codes(self) -> tuple[str, ...]:
        return tuple(self.data.get("samhsa", ()))


@dataclass(frozen=True)
class Prompt:
    code: str
    data: dict[str, Any] = field(repr=False)

    def tr(self, name: str) -> str:
        return localized(self.data, name)

    @property
    def examples(self) -> list[str]:
        return localized_list(self.data, "examples")

    @property
    def exchange(self) -> list[tuple[str, str]]:
        return [
            (turn["speaker"], localized(turn, "text")) for turn in self.data.get("exchange", [])
        ]

    def client_text(self, language: str) -> str:
        """What the person said, in `language`: all their turns for a summary."""
        suffix = "_es" if language == "es" else ""
        if "exchange" in self.data:
            return " ".join(
                str(turn.get(f"text{suffix}") or turn["text"])
                for turn in self.data["exchange"]
                if turn["speaker"] == "client"
            )
        for name in ("client", "closed"):
            if self.data.get(name):
                return str(self.data.get(f"{name}{suffix}") or self.data[name])
        return ""

    @property
    def answer(self) -> str:
        return str(self.data.get("answer", ""))


@dataclass(frozen=True)
class Exercise:
    code: str
    skill: str
    kind: str
    goal_labels: tuple[str, ...]
    goal_subtype: str | None
    prompts: tuple[Prompt, ...]
    data: dict[str, Any] = field(repr=False)

    def tr(self, name: str) -> str:
        return localized(self.data, name)

    def prompt(self, code: str) -> Prompt | None:
        return next((p for p in self.prompts if p.code == code), None)

    @property
    def choices(self) -> dict[str, str]:
        """Answer code → label in the active language, for choose exercises."""
        return {c["code"]: localized(c, "label") for c in self.data.get("choices", [])}


def localized_list(data: dict[str, Any], name: str) -> list[str]:
    from django.utils import translation

    if (translation.get_language() or "en")[:2] == "es" and data.get(f"{name}_es"):
        return list(data[f"{name}_es"])
    return list(data.get(name, []))


@cache
def load_content() -> tuple[dict[str, Skill], dict[str, Exercise]]:
    raw = json.loads(EXERCISES_FILE.read_text(encoding="utf-8"))
    skills = {s["code"]: Skill(s["code"], s) for s in raw["skills"]}
    exercises = {}
    for item in raw["exercises"]:
        goal = item.get("goal") or {}
        exercises[item["code"]] = Exercise(
            code=item["code"],
            skill=item["skill"],
            kind=item["kind"],
            goal_labels=tuple(goal.get("labels", ())),
            goal_subtype=goal.get("subtype"),
            prompts=tuple(Prompt(p["code"], p) for p in item["prompts"]),
            data=item,
        )
    return skills, exercises


def all_exercises() -> list[Exercise]:
    return list(load_content()[1].values())


def get_exercise(code: str) -> Exercise | None:
    return load_content()[1].get(code)


def get_skill(code: str) -> Skill:
    return load_content()[0][code]


def all_skills() -> list[Skill]:
    return list(load_content()[0].values())
