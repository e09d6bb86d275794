"""Spanish turns: language detection, the Spanish rules and the Spanish model."""

from __future__ import annotations

import pytest

from peerpath.practice.coach import classifier, rules_es
from peerpath.practice.coach.classifier import UNSURE_CONFIDENCE, classify, classify_many
from peerpath.practice.coach.dataset import (
    fresh_examples,
    spanish_examples,
    training_examples,
)
from peerpath.practice.coach.labels import CLIENT, PRACTITIONER
from peerpath.practice.coach.language import detect_language
from peerpath.practice.coach.train import SPANISH_MODEL_PATH, read_saved_models


@pytest.mark.parametrize(
    "text",
    [
        "¿Cómo te fue con tu jefe?",
        "Cuéntame más sobre tu trabajo",
        "suena a que estas cansado de todo eso",
        "no se, la neta no tengo ganas de ir",
        "¡Qué bueno que viniste!",
        "la neta no sé, my boss anda bien raro conmigo",
        "Quiero dormir mejor",
        "tengo miedo",
    ],
)
def test_spanish_is_detected(text: str) -> None:
    assert detect_language(text) == "es"


@pytest.mark.parametrize(
    "text",
    [
        "How did it go with your boss?",
        "Tell me more about your job.",
        "Mija, you have to take care of yourself first.",
        "Voy a ir, I'm going to the meeting with mi prima on Thursday.",
        "Mi abuela makes tamales every Christmas.",
        "I feel like my jefa doesn't get it",
        "",
        "ok",
    ],
)
def test_english_and_english_leaning_spanglish_stay_english(text: str) -> None:
    assert detect_language(text) == "en"


def test_every_english_data_row_is_detected_as_english() -> None:
    # English behaviour is unchanged only if no English turn is routed to Spanish.
    for speaker in (PRACTITIONER, CLIENT):
        for example in training_examples(speaker) + fresh_examples(speaker):
            assert detect_language(example.text) == "en", example.text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Cuéntame más sobre tu trabajo", "open_question"),
        ("¿Qué te gustaría que fuera diferente?", "open_question"),
        ("como te fue con tu jefe", "open_question"),
        ("¿Por qué decidiste venir hoy?", "open_question"),
        ("Háblame de tu familia", "open_question"),
        ("¿Fuiste al grupo esta semana?", "closed_question"),
        ("¿Cuántos días fumaste?", "closed_question"),
        ("Ya hablaste con tu PO, ¿verdad?", "closed_question"),
        ("¿Has pensado en hablar con un consejero?", "closed_question"),
        ("¿Tienes que trabajar mañana?", "closed_question"),
        ("Deberías hablar con tu jefe", "advice"),
        ("¿Por qué no intentas caminar?", "advice"),
        ("¿Has intentado dejar el cel afuera del cuarto?", "advice"),
        ("Te recomiendo que vayas al grupo", "advice"),
        ("Suena a que estás cansado de todo eso", "reflection"),
        ("Te sientes solo desde que se fue tu hermano", "reflection"),
        ("Se nota que te has esforzado mucho", "affirmation"),
        ("Hace falta mucho valor para decir eso", "affirmation"),
        (
            "A ver si entendí: perdiste el trabajo, tu mamá está enferma y no has dormido",
            "summary",
        ),
        ("Nos vemos el martes", "other"),
    ],
)
def test_practitioner_rules(text: str, label: str) -> None:
    result = classify(PRACTITIONER, text)
    assert (result.label, result.source) == (label, "rule")
    assert result.confidence >= 0.75


def test_why_not_with_a_past_verb_is_a_real_question() -> None:
    assert classify(PRACTITIONER, "¿Por qué no fuiste?").label == "open_question"
    assert classify(PRACTITIONER, "¿Por qué no le dices a tu mamá?").label == "advice"


def test_spanish_reflections_carry_a_subtype() -> None:
    complex_ = classify(PRACTITIONER, "Por un lado quieres dejarlo y por otro te ayuda a relajarte")
    assert (complex_.label, complex_.subtype) == ("reflection", "complex")
    simple = classify(PRACTITIONER, "Parece que el doctor te cambió la dosis")
    assert (simple.label, simple.subtype) == ("reflection", "simple")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Seguiste adelante aunque fue difícil; eso muestra mucha determinación", "affirmation"),
        ("Deberías hablar con alguien. ¿Ya lo intentaste?", "advice"),
        ("Te cambiaron el turno otra vez.", "reflection"),
        ("pues el clima está bien raro estos días", "other"),
    ],
)
def test_the_spanish_model_decides_where_no_rule_fires(text: str, label: str) -> None:
    result = classify(PRACTITIONER, text)
    assert result.label == label
    assert result.source in ("rule", "model")
    assert 0 < result.confidence <= 1


def test_without_a_spanish_model_an_unclear_turn_is_unsure() -> None:
    result = classifier._classify_spanish(PRACTITIONER, "asdf la la la bueno pues eso", None)
    assert (result.label, result.source) == ("other", "unsure")
    assert result.confidence == UNSURE_CONFIDENCE < 0.5


@pytest.mark.parametrize(
    ("text", "label", "subtype"),
    [
        ("Voy a llamar mañana", "change", "commitment"),
        ("Quiero dormir mejor", "change", "desire"),
        ("Podría pedirle ride a mi primo para ir a las juntas", "change", "ability"),
        ("Si dejara el vape, tendría más dinero para la renta", "change", "reason"),
        ("Tengo que encontrar otro trabajo", "change", "need"),
        ("Ya no puedo seguir llegando tarde al trabajo", "change", "need"),
        ("No quiero seguir fumando", "change", "desire"),
        ("No veo cuál es el problema", "sustain", None),
        ("El pisto es lo único que me relaja", "sustain", None),
        ("Necesito la mota para dormir", "sustain", None),
        ("No sé", "neutral", None),
    ],
)
def test_client_rules(text: str, label: str, subtype: str | None) -> None:
    result = classify(CLIENT, text)
    assert (result.label, result.subtype, result.source) == (label, subtype, "rule")


def test_a_client_fact_no_rule_settles_goes_to_the_spanish_model() -> None:
    result = classify(CLIENT, "Mi primo vive en Fresno y trabaja en el campo.")
    assert (result.label, result.subtype, result.source) == ("neutral", None, "model")


def test_committed_spanish_model_file_is_current_and_small() -> None:
    assert SPANISH_MODEL_PATH.stat().st_size < 2_000_000
    assert read_saved_models(SPANISH_MODEL_PATH, language="es") is not None, (
        "saved Spanish model is stale: run python -m peerpath.practice.coach.train"
    )


def test_spanish_training_data_is_large_enough_and_apart_from_the_evaluation_sets() -> None:
    practitioner = training_examples(PRACTITIONER, language="es")
    client = training_examples(CLIENT, language="es")
    assert len(practitioner) >= 600 and len(client) >= 300
    held_apart = {e.text.strip().lower() for e in spanish_examples(PRACTITIONER)}
    held_apart |= {e.text.strip().lower() for e in spanish_examples(CLIENT)}
    assert not held_apart & {e.text.strip().lower() for e in practitioner + client}


def test_ambivalence_is_left_undecided() -> None:
    # Change and sustain cues together: the rules do not pick a side.
    assert rules_es.client_rule("Quiero dejarlo pero es lo único que me calma") is None


def test_english_results_are_unchanged_by_spanish_routing() -> None:
    texts = ["Tell me more about your week.", "You should talk to your mom.", "How old is he?"]
    mixed = classify_many(PRACTITIONER, [texts[0], "¿Cómo te fue?", texts[1], "", texts[2]])
    assert [mixed[0], mixed[2], mixed[4]] == classify_many(PRACTITIONER, texts)
    assert mixed[1].label == "open_question"
    assert mixed[3].label == "other"


def test_spanish_evaluation_sets_are_well_formed() -> None:
    practitioner = spanish_examples(PRACTITIONER)
    client = spanish_examples(CLIENT)
    assert len(practitioner) >= 150
    assert len(client) >= 90
    assert len({e.id for e in practitioner + client}) == len(practitioner) + len(client)
