"""The public API with the committed model file; no database, no network."""

from __future__ import annotations

import pytest

from peerpath.practice.coach import classifier
from peerpath.practice.coach.classifier import Classification, classify, classify_many
from peerpath.practice.coach.labels import LABELS
from peerpath.practice.coach.train import MODEL_PATH, read_saved_models


def test_committed_model_file_loads_offline() -> None:
    assert MODEL_PATH.exists()
    models = read_saved_models()
    assert models is not None, "saved model is stale: run python -m peerpath.practice.coach.train"
    result = classify("practitioner", "You seem really worn down by all of this.", models=models)
    assert result.label in LABELS["practitioner"]


def test_model_decides_when_no_rule_fires() -> None:
    result = classify("client", "My cousin has a truck and works in Fresno.")
    assert result.source == "model"
    assert result.label in LABELS["client"]
    assert 0.0 < result.confidence <= 1.0


def test_examples_from_the_guide() -> None:
    assert classify("practitioner", "Tell me more about your week.").label == "open_question"
    assert classify("practitioner", "How many days did you use?").label == "closed_question"
    assert classify("practitioner", "Your PO knows about it, right?").label == "closed_question"
    assert classify("practitioner", "You should talk to your mom.").label == "advice"
    reflection = classify("practitioner", "So the commute is eating up your whole day.")
    assert reflection.label == "reflection"
    assert reflection.subtype in ("simple", "complex")


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("I really want to finish my GED this year.", "desire"),
        ("I could ask my aunt to watch the baby.", "ability"),
        ("If I quit I'd have money for a car.", "reason"),
        ("I have to get out of that apartment.", "need"),
        ("I'm gonna call my sponsor tonight.", "commitment"),
    ],
)
def test_change_talk_subtypes(text: str, subtype: str) -> None:
    result = classify("client", text)
    assert (result.label, result.subtype) == ("change", subtype)


def test_only_subtyped_labels_carry_a_subtype() -> None:
    for result in classify_many("practitioner", ["How old is he?", "Block his number."]):
        assert result.subtype is None


def test_classify_many_keeps_length_and_order() -> None:
    texts = [
        "What brings you in?",
        "",
        "Did you sleep?",
        "You need to call the landlord.",
        "Thanks for coming in today.",
    ]
    results = classify_many("practitioner", texts)
    assert len(results) == len(texts)
    assert [r.label for r in results] == [
        "open_question",
        "other",
        "closed_question",
        "advice",
        "other",
    ]
    assert results == [classify("practitioner", t) for t in texts]
    assert classify_many("client", []) == []


def test_invalid_speaker_raises() -> None:
    with pytest.raises(ValueError):
        classify("counselor", "Hello")
    with pytest.raises(ValueError):
        classify_many("", ["Hello"])


def test_classification_is_a_plain_value() -> None:
    result = classify("client", "I will go to the meeting tonight.")
    assert isinstance(result, Classification)
    assert result.source == "rule"
    assert classifier.classify("client", "I will go to the meeting tonight.") == result
