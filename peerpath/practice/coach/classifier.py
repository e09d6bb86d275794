"""Public API of the MI coach: label one utterance, or many.

    >>> classify("practitioner", "Tell me more about what happened at work.")
    Classification(label='open_question', subtype=None, confidence=0.95, source='rule')

Rules go first because they encode definitions from the labelling guide; the
model covers everything they are unsure about. Subtypes combine the same way:
a lexical cue (a DARN-C verb, a feeling word in a reflection) beats the subtype
model.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .labels import CLIENT, PRACTITIONER, SPEAKERS, SUBTYPED_LABEL
from .model import CoachModels
from .rules import (
    RuleHit,
    change_subtype_cue,
    client_rule,
    practitioner_rule,
    reflection_subtype_cue,
)
from .train import load_models

Source = Literal["rule", "model"]

# What an empty turn is, per speaker: nothing was said, so nothing MI-relevant.
_EMPTY_LABEL = {PRACTITIONER: "other", CLIENT: "neutral"}
_RULES = {PRACTITIONER: practitioner_rule, CLIENT: client_rule}
_SUBTYPE_CUES = {PRACTITIONER: reflection_subtype_cue, CLIENT: change_subtype_cue}


@dataclass(frozen=True)
class Classification:
    label: str
    subtype: str | None
    # For the label alone when a rule decided it; when the model decided both the
    # label and the subtype, the product of the two probabilities.
    confidence: float
    source: Source


def _check_speaker(speaker: str) -> None:
    if speaker not in SPEAKERS:
        raise ValueError(f"speaker must be one of {SPEAKERS}, not {speaker!r}")


def classify_many(
    speaker: str, texts: Iterable[str], *, models: CoachModels | None = None
) -> list[Classification]:
    """Classify texts spoken by one speaker; the result keeps their order."""
    _check_speaker(speaker)
    items = list(texts)
    for text in items:
        if not isinstance(text, str):
            raise TypeError(f"expected str, got {type(text).__name__}")
    bundle = (models or load_models()).speakers[speaker]
    rule_hits: list[RuleHit | None] = [_RULES[speaker](text) for text in items]

    # Run the label model only where no rule fired, in one batch.
    results: list[Classification | None] = [None] * len(items)
    to_model: list[int] = []
    for i, (text, hit) in enumerate(zip(items, rule_hits, strict=True)):
        if not text.strip():
            results[i] = Classification(_EMPTY_LABEL[speaker], None, 1.0, "rule")
        elif hit is None:
            to_model.append(i)
    predicted = dict(zip(to_model, bundle.label.predict([items[i] for i in to_model]), strict=True))

    # Subtypes: rule subtype, else lexical cue, else the subtype model.
    need_subtype: list[int] = []
    labels: dict[int, tuple[str, str | None, float, Source]] = {}
    for i, text in enumerate(items):
        if results[i] is not None:
            continue
        hit = rule_hits[i]
        if hit is not None:
            label, subtype, confidence, source = hit.label, hit.subtype, hit.confidence, "rule"
        else:
            label, confidence = predicted[i]
            subtype, source = None, "model"
        if label == SUBTYPED_LABEL[speaker] and subtype is None:
            subtype = _SUBTYPE_CUES[speaker](text)
            if subtype is None:
                need_subtype.append(i)
        labels[i] = (label, subtype, confidence, source)
    subtypes = dict(
        zip(
            need_subtype,
            bundle.subtype.predict([items[i] for i in need_subtype]),
            strict=True,
        )
    )

    for i, (label, subtype, confidence, source) in labels.items():
        if i in subtypes:
            subtype, subtype_confidence = subtypes[i]
            if source == "model":
                confidence *= subtype_confidence
        results[i] = Classification(label, subtype, round(confidence, 4), source)
    return [r for r in results if r is not None]


def classify(speaker: str, text: str, *, models: CoachModels | None = None) -> Classification:
    """Classify one practitioner response or client statement."""
    return classify_many(speaker, [text], models=models)[0]
