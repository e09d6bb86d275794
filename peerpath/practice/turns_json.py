"""JSON in, JSON out for `peerpath coach-classify` and `peerpath coach-feedback`."""

from __future__ import annotations

from typing import Any

from peerpath.lib.jsoncli import InputError
from peerpath.practice.coach.classifier import Classification, classify_many
from peerpath.practice.coach.labels import SPEAKERS
from peerpath.practice.verdict import EXERCISES, LANGUAGES, verdict

MAX_TEXT_LENGTH = 5000


def parse_turns(data: Any) -> list[tuple[str, str]]:
    if not isinstance(data, list):
        raise InputError("input", 'expected a JSON list of {"speaker", "text"} objects')
    turns = []
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            raise InputError(f"[{index}]", "expected a JSON object")
        unknown = sorted(set(item) - {"speaker", "text"})
        if unknown:
            raise InputError(f"[{index}].{unknown[0]}", "is not a known field")
        speaker, text = item.get("speaker"), item.get("text")
        if speaker not in SPEAKERS:
            raise InputError(f"[{index}].speaker", 'must be "practitioner" or "client"')
        if not isinstance(text, str):
            raise InputError(f"[{index}].text", "must be a string")
        if len(text) > MAX_TEXT_LENGTH:
            raise InputError(f"[{index}].text", f"is longer than {MAX_TEXT_LENGTH} characters")
        turns.append((speaker, text))
    return turns


def classification_to_json(result: Classification) -> dict[str, Any]:
    out: dict[str, Any] = {"label": result.label}
    if result.subtype is not None:
        out["subtype"] = result.subtype
    out["confidence"] = round(result.confidence, 3)
    return out


def classify_turns(turns: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Classify in two batches (one per speaker) and return results in input order."""
    results: list[dict[str, Any] | None] = [None] * len(turns)
    for speaker in SPEAKERS:
        indexes = [i for i, (who, _text) in enumerate(turns) if who == speaker]
        if not indexes:
            continue
        for i, result in zip(
            indexes, classify_many(speaker, [turns[i][1] for i in indexes]), strict=True
        ):
            results[i] = classification_to_json(result)
    return [r for r in results if r is not None]


FEEDBACK_FIELDS = ("exercise", "language", "client", "response")


def parse_feedback_items(data: Any) -> list[tuple[str, str, str, str]]:
    """Validate `peerpath coach-feedback` input: {exercise, language, client, response} items."""
    if not isinstance(data, list):
        raise InputError(
            "input", 'expected a JSON list of {"exercise", "language", "client", "response"}'
        )
    items = []
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            raise InputError(f"[{index}]", "expected a JSON object")
        unknown = sorted(set(item) - set(FEEDBACK_FIELDS))
        if unknown:
            raise InputError(f"[{index}].{unknown[0]}", "is not a known field")
        if item.get("exercise") not in EXERCISES:
            raise InputError(f"[{index}].exercise", f"must be one of {', '.join(EXERCISES)}")
        if item.get("language") not in LANGUAGES:
            raise InputError(f"[{index}].language", 'must be "en" or "es"')
        for name in ("client", "response"):
            value = item.get(name)
            if not isinstance(value, str):
                raise InputError(f"[{index}].{name}", "must be a string")
            if len(value) > MAX_TEXT_LENGTH:
                raise InputError(
                    f"[{index}].{name}", f"is longer than {MAX_TEXT_LENGTH} characters"
                )
        items.append((item["exercise"], item["language"], item["client"], item["response"]))
    return items


def feedback_items(items: list[tuple[str, str, str, str]]) -> list[dict[str, Any]]:
    results = []
    for exercise, language, client, response in items:
        result = verdict(exercise, language, client, response)
        results.append(
            {
                "meets": result.meets,
                "label": result.label,
                "problems": list(result.problems),
                "message": result.message,
            }
        )
    return results
