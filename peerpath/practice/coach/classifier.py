"""Public API of the MI coach: label one utterance, or many.

    >>> classify("practitioner", "Tell me more about what happened at work.")
    Classification(label='open_question', subtype=None, confidence=0.95, source='rule')

Rules go first because they encode definitions from the labelling guide; the
model covers everything they are unsure about. Subtypes combine the same way:
a lexical cue (a DARN-C verb, a feeling word in a reflection) beats the subtype
model.

The model only knows English. A turn that reads as Spanish (``language.py``)
goes to the Spanish rules (``rules_es.py``) instead, and when none of them
fires the answer is ``other`` / ``neutral`` with ``source="unsure"`` and a low
confidence, so the practice page says the coach is not sure rather than
passing on an English model's guess about Spanish text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from . import rules_es
from .labels import CLIENT, PRACTITIONER, SPEAKERS, SUBTYPED_LABEL
from .language import detect_language
from .rules import (
    RuleHit,
    change_subtype_cue,
    client_rule,
    practitioner_rule,
    reflection_subtype_cue,
)

if TYPE_CHECKING:  # scikit-learn loads only when a text is classified
    from .model import CoachModels

# "unsure": a Spanish turn that no Spanish rule could settle (there is no
# Spanish model), reported as other / neutral with UNSURE_CONFIDENCE.
Source = Literal["rule", "model", "unsure"]

# What an empty turn is, per speaker: nothing was said, so nothing MI-relevant.
# The same labels stand for "could not tell" on Spanish turns.
_EMPTY_LABEL = {PRACTITIONER: "other", CLIENT: "neutral"}
_RULES = {PRACTITIONER: practitioner_rule, CLIENT: client_rule}
_SUBTYPE_CUES = {PRACTITIONER: reflection_subtype_cue, CLIENT: change_subtype_cue}
_RULES_ES = {PRACTITIONER: rules_es.practitioner_rule, CLIENT: rules_es.client_rule}
_SUBTYPE_CUES_ES = {
    PRACTITIONER: rules_es.reflection_subtype_cue,
    CLIENT: rules_es.change_subtype_cue,
}
# Below the page's "fairly sure" threshold (0.5), so trainees see "not sure".
UNSURE_CONFIDENCE = 0.3


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


def _classify_spanish(speaker: str, text: str, models: CoachModels | None) -> Classification:
    """Spanish rules first, then the Spanish model ("unsure" only without one)."""
    hit = _RULES_ES[speaker](text)
    if hit is None:
        if models is None:
            return Classification(_EMPTY_LABEL[speaker], None, UNSURE_CONFIDENCE, "unsure")
        bundle = models.speakers[speaker]
        label, confidence = bundle.label.predict([text])[0]
        subtype = None
        if label == SUBTYPED_LABEL[speaker]:
            subtype = _SUBTYPE_CUES_ES[speaker](text)
            if subtype is None:
                subtype, subtype_confidence = bundle.subtype.predict([text])[0]
                confidence *= subtype_confidence
        return Classification(label, subtype, round(confidence, 4), "model")
    subtype = hit.subtype
    if hit.label == SUBTYPED_LABEL[speaker] and subtype is None:
        subtype = _SUBTYPE_CUES_ES[speaker](text)
        if subtype is None and speaker == PRACTITIONER:
            # No feeling, meaning, two-sided or amplifying cue: the guide's
            # definition of a simple reflection. There is no model to ask.
            subtype = "simple"
    return Classification(hit.label, subtype, round(hit.confidence, 4), "rule")


def classify_many(
    speaker: str,
    texts: Iterable[str],
    *,
    models: CoachModels | None = None,
    spanish_models: CoachModels | None = None,
) -> list[Classification]:
    """Classify texts spoken by one speaker; the result keeps their order.

    `models` / `spanish_models` default to the saved English / Spanish models.
    """
    _check_speaker(speaker)
    items = list(texts)
    for text in items:
        if not isinstance(text, str):
            raise TypeError(f"expected str, got {type(text).__name__}")
    if models is None:
        from .train import load_models

        models = load_models()
    bundle = models.speakers[speaker]
    results: list[Classification | None] = [None] * len(items)
    # Spanish turns never reach the English rules or model.
    spanish = [i for i, text in enumerate(items) if detect_language(text) == "es"]
    if spanish:
        es_models = spanish_models or load_models(language="es")
        for i in spanish:
            results[i] = _classify_spanish(speaker, items[i], es_models)
    rule_hits: list[RuleHit | None] = [
        _RULES[speaker](text) if results[i] is None else None for i, text in enumerate(items)
    ]

    # Run the label model only where no rule fired, in one batch.
    to_model: list[int] = []
    for i, (text, hit) in enumerate(zip(items, rule_hits, strict=True)):
        if results[i] is not None:
            continue
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


def classify(
    speaker: str,
    text: str,
    *,
    models: CoachModels | None = None,
    spanish_models: CoachModels | None = None,
) -> Classification:
    """Classify one practitioner response or client statement."""
    return classify_many(speaker, [text], models=models, spanish_models=spanish_models)[0]
