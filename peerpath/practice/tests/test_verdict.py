"""Verdicts that look at content: one table per problem code, both languages, near misses."""

import pytest

from peerpath.practice.coach import content
from peerpath.practice.verdict import EXERCISES, verdict

CHECK_IN_EN = "I haven't missed a single check-in with my PO since I got out."
CHECK_IN_ES = "No he faltado a ni una cita con mi PO desde que salí."
SPONSOR_EN = "I called my sponsor instead of drinking last night."
SPONSOR_ES = "Anoche le llamé a mi padrino en vez de ponerme a tomar."
JOBS_EN = "I'm working two jobs and going to training three days a week."
JOBS_ES = "Estoy trabajando en dos chambas y voy a la capacitación tres días a la semana."
MATH_EN = "I failed my math test again."
MATH_ES = "Reprobé el examen de matemáticas otra vez."
ALONE_EN = "I feel so alone since I moved here."
ALONE_ES = "Me siento muy solo desde que me mudé."


def check(exercise, language, client, response, meets, problem):
    result = verdict(exercise, language, client, response)
    assert result.meets is meets, result
    if problem:
        assert problem in result.problems, result
        assert result.message and result.suggestion
    else:
        assert result.problems == (), result


@pytest.mark.parametrize(
    ("language", "client", "response", "meets"),
    [
        ("en", CHECK_IN_EN, "Good job!", False),
        ("en", CHECK_IN_EN, "Great!", False),
        ("en", CHECK_IN_EN, "Awesome, keep it up.", False),
        ("en", CHECK_IN_EN, "I'm so proud of you!", False),
        ("en", CHECK_IN_EN, "Wow, that's amazing. Good for you.", False),
        ("es", CHECK_IN_ES, "¡Buen trabajo!", False),
        ("es", CHECK_IN_ES, "¡Excelente!", False),
        ("es", CHECK_IN_ES, "Muy bien.", False),
        ("es", CHECK_IN_ES, "¡Qué bien! Sigue así.", False),
        ("es", CHECK_IN_ES, "Estoy muy orgullosa de ti.", False),
        # Near misses: praise that names the act, the effort or the value.
        (
            "en",
            "I called my sponsor instead of going to the bar.",
            "You did a good job calling your sponsor.",
            True,
        ),
        (
            "en",
            CHECK_IN_EN,
            "You've shown up every single week, and that takes real commitment.",
            True,
        ),
        ("es", CHECK_IN_ES, "Has sido constante y cumplido en cada una de tus citas.", True),
        ("es", SPONSOR_ES, "Hiciste muy bien en llamarle a tu padrino en vez de tomar.", True),
    ],
)
def test_generic_praise(language, client, response, meets):
    check("affirmation", language, client, response, meets, None if meets else "generic_praise")


def test_praise_that_names_the_act_passes_the_borderline_decision():
    """ "That's great you called…" is evaluative, but it names the act: it passes.

    The coach prefers "you" statements about a strength; this one still tells
    the person what was noticed, which is what generic praise fails to do.
    """
    result = verdict(
        "affirmation", "en", SPONSOR_EN, "That's great you called your sponsor instead of drinking."
    )
    assert result.meets and result.problems == ()


@pytest.mark.parametrize(
    ("exercise", "language", "client", "response", "meets"),
    [
        ("reflection_simple", "en", JOBS_EN, "You went to the beach last weekend.", False),
        ("reflection_simple", "en", MATH_EN, "Your dog is getting old.", False),
        ("open_question", "en", JOBS_EN, "How was the movie on Saturday?", False),
        ("reflection_simple", "es", JOBS_ES, "Fuiste a la playa el fin de semana.", False),
        ("reflection_simple", "es", MATH_ES, "Tu perro ya está viejito.", False),
        # Near misses: the person's words, a synonym, or a feeling about it.
        ("reflection_simple", "en", JOBS_EN, "You're juggling work and training.", True),
        ("reflection_simple", "en", JOBS_EN, "That sounds exhausting.", True),
        ("reflection_simple", "es", JOBS_ES, "Estás con mucho trabajo y la capacitación.", True),
        ("open_question", "en", MATH_EN, "What do you make of the test?", True),
    ],
)
def test_off_topic(exercise, language, client, response, meets):
    check(exercise, language, client, response, meets, None if meets else "off_topic")


@pytest.mark.parametrize(
    ("language", "client", "response", "meets"),
    [
        (
            "en",
            MATH_EN,
            "It sounds like you failed your math test again. That's the second one?",
            False,
        ),
        ("en", MATH_EN, "You failed your math test again?", False),
        ("en", MATH_EN, "Are you worried about math", False),
        ("es", MATH_ES, "¿Reprobaste otra vez?", False),
        ("es", MATH_ES, "Suena a que reprobaste el examen otra vez, ¿verdad?", False),
        # Near misses: the same words as a statement.
        ("en", MATH_EN, "It sounds like you failed your math test again.", True),
        ("en", MATH_EN, "You failed the math test again.", True),
        ("es", MATH_ES, "Suena a que reprobaste el examen de matemáticas otra vez.", True),
    ],
)
def test_question_form(language, client, response, meets):
    check(
        "reflection_simple", language, client, response, meets, None if meets else "question_form"
    )


@pytest.mark.parametrize(
    ("exercise", "language", "client", "response"),
    [
        ("open_question", "en", ALONE_EN, "You should join a club."),
        ("open_question", "en", ALONE_EN, "Why don't you call your cousin?"),
        ("reflection_simple", "en", ALONE_EN, "You feel alone. You need to get out more."),
        ("open_question", "es", ALONE_ES, "Deberías hablar con alguien. ¿Ya lo intentaste?"),
        ("reflection_simple", "es", ALONE_ES, "Tienes que salir más."),
        ("affirmation", "es", ALONE_ES, "Te recomiendo que busques un grupo."),
    ],
)
def test_advice_is_the_righting_reflex(exercise, language, client, response):
    result = verdict(exercise, language, client, response)
    assert not result.meets and result.problems[0] == "advice"
    assert "righting reflex" in result.message or "reflejo" in result.message


@pytest.mark.parametrize(
    ("language", "client", "response", "meets"),
    [
        ("en", ALONE_EN, "Do you have friends here?", False),
        ("en", ALONE_EN, "Is it hard?", False),
        ("es", ALONE_ES, "¿Tienes amigos aquí?", False),
        ("es", ALONE_ES, "¿Cuántos años tienes?", False),
        # Near misses: open questions.
        ("en", ALONE_EN, "What has it been like since you moved?", True),
        ("es", ALONE_ES, "¿Cómo ha sido para ti desde que te mudaste?", True),
    ],
)
def test_closed_question(language, client, response, meets):
    check("open_question", language, client, response, meets, None if meets else "closed_question")


@pytest.mark.parametrize(
    ("language", "client", "response"),
    [
        ("en", JOBS_EN, "You're working two jobs and going to training."),
        ("es", JOBS_ES, "Suena a que estás trabajando en dos chambas y vas a la capacitación."),
    ],
)
def test_a_simple_reflection_is_not_complex(language, client, response):
    result = verdict("reflection_complex", language, client, response)
    assert not result.meets and result.problems == ("not_complex",)


def test_the_wrong_skill_and_an_empty_answer():
    assert verdict("summary", "en", JOBS_EN, "What's that like?").problems == ("wrong_skill",)
    assert verdict("affirmation", "es", ALONE_ES, "  ").problems == ("empty",)


@pytest.mark.parametrize(
    ("exercise", "language", "client", "expected"),
    [
        ("affirmation", "en", CHECK_IN_EN, "You haven't missed a single check-in with your PO"),
        ("reflection_simple", "en", JOBS_EN, "It sounds like you're working two jobs"),
        ("reflection_simple", "es", MATH_ES, "reprobaste el examen de matemáticas otra vez"),
        (
            "affirmation",
            "es",
            CHECK_IN_ES,
            "No has faltado a ni una cita con tu PO desde que saliste",
        ),
    ],
)
def test_the_suggestion_uses_the_persons_own_words(exercise, language, client, expected):
    assert expected in verdict(exercise, language, client, "Good job!").suggestion


def test_messages_are_in_the_answer_language():
    english = verdict("affirmation", "en", CHECK_IN_EN, "Good job!")
    spanish = verdict("affirmation", "es", CHECK_IN_ES, "¡Buen trabajo!")
    assert "good job" in english.message
    assert "buen trabajo" in spanish.message and spanish.message != english.message


def test_every_exercise_accepts_a_good_answer_in_both_languages():
    good = {
        "open_question": (
            "What has it been like since you moved?",
            "¿Cómo ha sido para ti desde que te mudaste?",
        ),
        "reflection_simple": (
            "You feel alone since you moved.",
            "Te sientes solo desde que te mudaste.",
        ),
        "reflection_complex": (
            "Part of you is glad you moved, and part of you misses home.",
            "Por un lado te alegra haberte mudado, y por otro extrañas tu casa.",
        ),
        "affirmation": (
            "You reached out even though it was hard, and that took courage.",
            "Hablaste de lo que sientes aunque no es fácil, y eso requiere valor.",
        ),
        "summary": (
            "So far you've told me you moved and you feel alone. What did I miss?",
            "Hasta ahora me has contado que te mudaste y te sientes solo. ¿Qué me faltó?",
        ),
    }
    assert set(good) == set(EXERCISES)
    for exercise, (english, spanish) in good.items():
        assert verdict(exercise, "en", ALONE_EN, english).meets, (exercise, english)
        assert verdict(exercise, "es", ALONE_ES, spanish).meets, (exercise, spanish)


def test_unknown_exercise_or_language_is_refused():
    with pytest.raises(ValueError, match="exercise"):
        verdict("advice", "en", "", "hi")
    with pytest.raises(ValueError, match="language"):
        verdict("summary", "fr", "", "hi")


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("That's the second one?", True),
        ("¿Otra vez", True),
        ("Are you tired", True),
        ("You are tired.", False),
        ("Estás cansado.", False),
        ("", False),
    ],
)
def test_question_form_detection(text, question):
    assert content.is_question_form(text) is question


def test_a_question_is_not_mirrored_into_the_suggestion():
    result = verdict("closed_to_open", "en", "Are you going to apply for that job?", "Did you?")
    assert result.problems == ("closed_question",)
    assert result.suggestion == "What is that like for you?"


READING_ES = "He estado leyéndole a mi hijo todas las noches antes de dormir."


@pytest.mark.parametrize(
    ("exercise", "client", "response"),
    [
        # Present-tense tú, voseo and usted statements tell back; they give no directions.
        ("reflection_simple", READING_ES, "Le lees a tu hijo cada noche antes de dormir."),
        ("affirmation", READING_ES, "Le dedicas tiempo a tu hijo todas las noches."),
        ("reflection_simple", CHECK_IN_ES, "Usted va a todas sus citas con su PO."),
        ("reflection_complex", ALONE_ES, "Te sentís muy solo desde la mudanza."),
    ],
)
def test_spanish_statements_without_a_modal_or_command_are_not_advice(exercise, client, response):
    result = verdict(exercise, "es", client, response)
    assert "advice" not in result.problems, result


@pytest.mark.parametrize(
    "response",
    [
        "Deberías leerle también en la mañana.",
        "La próxima vez pídele ayuda a tu pareja.",
        "Tienes que descansar más.",
        "¿Por qué no le lees un cuento más corto?",
    ],
)
def test_spanish_modals_and_commands_are_still_advice(response):
    assert "advice" in verdict("reflection_simple", "es", READING_ES, response).problems


@pytest.mark.parametrize(
    ("text", "narrates", "directive"),
    [
        ("Le lees a tu hijo todas las noches.", True, False),
        ("Los martes vas a salir temprano.", True, False),
        ("Tenés miedo de perder el trabajo.", True, False),
        ("Usted quiere que su hijo termine la escuela.", True, False),
        ("Te importa mucho tu hija.", True, False),
        ("La medicina te ayuda a dormir.", False, False),
        ("Aparta una parte del cheque.", False, True),
        ("Andá a hablar con tu jefe.", False, True),
        ("Haz una lista.", False, True),
        ("Creo que deberías hablar con ella.", False, True),
        ("Recaíste y le llamaste a tu padrino.", True, False),
    ],
)
def test_spanish_statement_and_command_forms(text, narrates, directive):
    assert content.narrates(text) is narrates
    assert content.has_directive_form_es(text) is directive


@pytest.mark.parametrize(
    ("language", "response"),
    [
        (
            "en",
            "So the rent went up, your hours got cut, and you're looking for another job. "
            "What did I miss?",
        ),
        (
            "es",
            "Entonces, subió la renta, te cortaron horas y estás buscando otro trabajo. "
            "¿Qué me faltó?",
        ),
    ],
)
def test_a_list_closed_by_a_check_is_a_summary(language, response):
    client = (
        "The rent went up and they cut my hours, so I'm looking for another job."
        if language == "en"
        else "Subió la renta y me cortaron horas, así que ando buscando otro trabajo."
    )
    assert verdict("summary", language, client, response).meets


def test_off_topic_on_the_relevance_development_set():
    """Project-written pairs, separate from every verdict set: recall and false alarms."""
    import csv

    from peerpath.practice.coach.dataset import DATA_DIR

    with (DATA_DIR / "relevance_dev.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for language in ("en", "es"):
        pairs = [r for r in rows if r["language"] == language]
        off = [
            content.is_off_topic(r["client"], r["response"])
            for r in pairs
            if r["off_topic"] == "true"
        ]
        on = [
            content.is_off_topic(r["client"], r["response"])
            for r in pairs
            if r["off_topic"] == "false"
        ]
        assert sum(off) / len(off) >= 0.85, language
        assert sum(on) / len(on) <= 0.1, language


def test_stems_match_spanish_diminutives_and_plurals():
    assert content.stem("perrito") == content.stem("perro")
    assert content.stem("citas") == content.stem("cita")
    assert content.stem("vapeador") == content.stem("vape")


@pytest.mark.parametrize("which", ["fresh2", "fresh3", "fresh4"])
def test_the_later_fresh_verdict_sets_are_well_formed_and_apart_from_training(which):
    from peerpath.practice.coach.dataset import training_examples
    from peerpath.practice.coach.labels import PRACTITIONER
    from peerpath.practice.verdict import PROBLEM_ORDER
    from peerpath.practice.verdict_eval import read_items

    for language in ("en", "es"):
        items = read_items(language, which=which)
        assert len(items) >= 100
        assert len({i.id for i in items}) == len(items)
        assert {i.exercise for i in items} == set(EXERCISES)
        assert {i.problem for i in items if i.problem} == set(PROBLEM_ORDER) - {"unsure"}
        trained = {
            e.text.strip().lower() for e in training_examples(PRACTITIONER, language=language)
        }
        assert not trained & {i.response.strip().lower() for i in items if i.response}
