"""Does a written answer meet a respond exercise? Shape and content together.

    verdict("affirmation", "en", "I haven't missed a check-in since I got out.", "Good job!")
    # Verdict(meets=False, label='affirmation', problems=('generic_praise',), …)

The turn label comes from the coach's classifier; the content checks
(``coach/content.py``) add what the label cannot see: praise that names
nothing, an answer about something the person did not say, a reflection
typed as a question. Each problem has a code, a short kind message in the
answer's language, and the verdict carries one suggestion built from the
person's own words. The web exercises and ``peerpath coach-feedback`` both
call ``verdict``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from peerpath.practice.coach import content, rules, rules_es
from peerpath.practice.coach.labels import PRACTITIONER
from peerpath.practice.coach.language import detect_language

if TYPE_CHECKING:
    from peerpath.practice.coach.classifier import Classification

LANGUAGES = ("en", "es")
# The exercise types of the CLI contract, with what each asks for.
GOALS: dict[str, tuple[str, str | None]] = {
    "open_question": ("open_question", None),
    "reflection_simple": ("reflection", None),
    "reflection_complex": ("reflection", "complex"),
    "affirmation": ("affirmation", None),
    "summary": ("summary", None),
}
EXERCISES = tuple(GOALS)
# Web exercise codes that are one of the types above under another name.
EXERCISE_ALIASES = {"closed_to_open": "open_question", "ruler_followup": "open_question"}

# Problem codes, most important first: the message names the first one.
PROBLEM_ORDER = (
    "empty",
    "advice",
    "generic_praise",
    "question_form",
    "closed_question",
    "off_topic",
    "not_complex",
    "wrong_skill",
    "unsure",
)
MESSAGES: dict[str, Promise] = {
    "empty": _("Write your answer first, then check it."),
    "advice": _(
        "This reads as advice — the righting reflex. Try reflecting what you heard first, "
        "or ask what they think might help."
    ),
    "generic_praise": _(
        "Praise like “good job” tells the person you approve, but not what you noticed. "
        "Name the strength, effort or value behind what they did."
    ),
    "question_form": _(
        "This ends as a question. A reflection is a statement: say back what you heard, "
        "without a question mark, and let them correct you."
    ),
    "closed_question": _(
        "This can be answered with a yes or no. Start with “what”, “how” or “tell me about” "
        "to invite a longer answer."
    ),
    "off_topic": _(
        "This does not seem to connect with what the person said. Use their own words so "
        "they can tell you heard them."
    ),
    "not_complex": _(
        "That is a simple reflection. Go one step deeper: name the feeling or the meaning "
        "underneath, or both sides of what they are weighing."
    ),
    "unsure": _(
        "The coach could not tell what kind of response this is. Compare it with the two "
        "examples below: do they do the same thing yours does?"
    ),
}
WRONG_SKILL: dict[str, Promise] = {
    "open_question": _(
        "This exercise asks for one open question that invites the person to say more."
    ),
    "reflection": _("This exercise asks you to say back, as a statement, what you heard."),
    "affirmation": _(
        "This exercise asks you to name a specific strength or effort you noticed "
        "(“You kept going even when…”)."
    ),
    "summary": _(
        "This exercise asks you to gather two or three things they said, including what "
        "matters to them, and end by asking what you missed."
    ),
}
WELL_DONE: dict[str, Promise] = {
    "open_question": _("This invites the person to say more in their own words."),
    "reflection": _("This shows you listened, without steering the person."),
    "affirmation": _("This recognises a real strength without judging."),
    "summary": _("This pulls the story together and lets the person correct you."),
}
# Suggestions: {words} is the person's own statement turned to "you".
SUGGESTIONS: dict[str, Promise] = {
    "open_question": _("What is it like for you that {words}?"),
    "reflection_simple": _("It sounds like {words}."),
    "reflection_complex": _("It sounds like {words}, and that weighs on you."),
    "affirmation": _("{words} — that shows real commitment."),
    "summary": _("So far you have told me that {words}. What did I miss?"),
}
GENERIC_SUGGESTIONS: dict[str, Promise] = {
    "open_question": _("What is that like for you?"),
    "reflection_simple": _("It sounds like this has been on your mind."),
    "reflection_complex": _("Part of you wants things to change, and part of you is not sure."),
    "affirmation": _("You kept going even when it was hard."),
    "summary": _("So far you have told me a few things that matter to you. What did I miss?"),
}


@dataclass(frozen=True)
class Verdict:
    meets: bool
    label: str
    subtype: str | None
    problems: tuple[str, ...]
    message: str
    suggestion: str
    confidence: float
    source: str


def normalize_exercise(exercise: str) -> str:
    return EXERCISE_ALIASES.get(exercise, exercise)


def gives_advice(response: str) -> bool:
    """Any sentence that a rule reads as advice ("Deberías hablar con alguien.")."""
    for sentence in re.split(r"(?<=[.!?])\s+", response.strip()):
        rule = rules_es if detect_language(sentence) == "es" else rules
        hit = rule.practitioner_rule(sentence)
        if hit is not None and hit.label == "advice":
            return True
    return False


def effective_label(exercise: str, client: str, response: str, c: Classification) -> str:
    """The classifier's label, corrected where content settles a known confusion.

    * A model's "advice" for a statement that tells the person what they did
      ("You called your sponsor the next morning.") is a reflection: advice
      needs a modal or a command, which the rules would have seen. In Spanish
      the same holds for any statement with no modal, suggestion or command
      form ("Le lees a tu hijo todas las noches.", "Usted quiere que…",
      "La medicina te ayuda a dormir…"); in English, for a statement that
      opens with no command and has no modal ("At the shelter you get a
      break…").
    * In the summary exercise, several things said back and closed by a
      short check ("…, and you're stuck between the two. What else?") is a
      summary.
    * Telling back what the person did is both a reflection and, when it names
      an effort, an affirmation; the classifier can only pick one. In a
      reflection exercise a second-person statement that reuses their words
      counts as a reflection; in an affirmation exercise one that names a
      strength, an effort or a difficulty overcome counts as an affirmation.
      The statement must speak to the person ("you", "tu", "usted"…).
    """
    label = c.label
    statement = not content.is_question_form(response)
    spanish = detect_language(response) == "es"
    if (
        label == "advice"
        and c.source != "rule"
        and statement
        and (
            content.narrates(response)
            or not (
                content.has_directive_form_es(response)
                if spanish
                else content.has_directive_form_en(response)
            )
        )
    ):
        label = "reflection"
    goal_label = GOALS[exercise][0]
    if goal_label == "summary" and label != "advice" and content.is_summary_form(response):
        return "summary"
    if not statement or label == goal_label or not content.addresses_person(response):
        return label
    if (
        goal_label == "reflection"
        and label in ("affirmation", "other")
        and content.overlap(client, response)
    ):
        return "reflection"
    if (
        goal_label == "affirmation"
        and label in ("reflection", "other")
        and content.names_effort(response)
    ):
        return "affirmation"
    return label


def find_problems(
    exercise: str, client: str, response: str, classification: Classification
) -> list[str]:
    """Problem codes for one answer (unordered); empty when the answer meets the goal."""
    if not response.strip():
        return ["empty"]
    goal_label, goal_subtype = GOALS[exercise]
    label = effective_label(exercise, client, response, classification)
    problems: list[str] = []
    if label == "advice" or gives_advice(response) or content.commands(response):
        problems.append("advice")
    if content.is_generic_praise(response, client):
        problems.append("generic_praise")
    question = content.is_question_form(response) or label in (
        "open_question",
        "closed_question",
    )
    named = content.has_praise(response) and content.names_something(response, client)
    if goal_label == "reflection":
        if question:
            problems.append("question_form")
        elif label != "reflection" and not problems:
            problems.append("wrong_skill")
        elif goal_subtype == "complex" and not is_complex(client, response, classification):
            problems.append("not_complex")
    elif goal_label == "open_question":
        if label == "closed_question":
            problems.append("closed_question")
        elif label != "open_question" and not problems:
            problems.append("wrong_skill")
    elif goal_label == "affirmation":
        # Praise that names what the person did or showed counts as affirming,
        # whatever the classifier made of its shape ("That's great you called…").
        # A model's "affirmation" that only tells back what happened is not one.
        plain = label == "affirmation" and only_narrates(response, classification)
        if ((label != "affirmation" and not named) or plain) and not problems:
            problems.append("wrong_skill")
    elif label != goal_label and not problems:
        problems.append("wrong_skill")
    if (
        "advice" not in problems
        and "generic_praise" not in problems
        and content.is_off_topic(client, response, strict=exercise == "reflection_simple")
    ):
        problems.append("off_topic")
    if classification.source == "unsure" and "wrong_skill" in problems:
        problems[problems.index("wrong_skill")] = "unsure"
    return problems


def is_complex(client: str, response: str, c: Classification) -> bool:
    """A complex reflection: the classifier's subtype, checked against content.

    A reflection the classifier calls complex but whose every content word is
    the person's own is simple; one it calls simple that adds a feeling,
    meaning or value word of its own, or sets two sides against each other
    with something new, is complex.
    """
    if c.subtype == "complex":
        return not content.only_tells_back(client, response)
    return content.adds_meaning(client, response)


def only_narrates(response: str, c: Classification) -> bool:
    """A model's "affirmation" that only tells back what happened.

    An affirmation names a strength, an effort or a value ("…requiere
    valor", "…aunque…", "…te importa"); "Le pediste a tu jefe los
    viernes." only says what the person did. A rule's label is trusted.
    """
    return (
        c.source != "rule"
        and not content.is_question_form(response)
        and not content.has_praise(response)
        and not content.names_effort(response)
        and not content.names_person_word(response)
        and not content.names_act_of_effort(response)
    )


def suggestion_for(exercise: str, client: str, language: str) -> str:
    # A question (the closed-to-open exercise) is not the person's words to mirror.
    usable = client.strip() and not content.is_question_form(client)
    words = content.mirror(client, language) if usable else ""
    if len(words.split()) < 3:
        return str(GENERIC_SUGGESTIONS[exercise])
    text = str(SUGGESTIONS[exercise]).format(words=words)
    return text[:1].upper() + text[1:]


def verdict(exercise: str, language: str, client: str, response: str) -> Verdict:
    """Judge one answer to a respond exercise; messages are in `language`."""
    exercise = normalize_exercise(exercise)
    if exercise not in GOALS:
        raise ValueError(f"exercise must be one of {EXERCISES}, not {exercise!r}")
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    # The model loads scikit-learn: only what judges an answer imports it.
    from peerpath.practice.coach.classifier import classify

    classification = classify(PRACTITIONER, response)
    found = set(find_problems(exercise, client, response, classification))
    problems = tuple(code for code in PROBLEM_ORDER if code in found)
    goal_label = GOALS[exercise][0]
    with translation.override(language):
        if not problems:
            message = str(WELL_DONE[goal_label])
        elif problems[0] == "wrong_skill":
            message = str(WRONG_SKILL[goal_label])
        else:
            message = str(MESSAGES[problems[0]])
        suggestion = suggestion_for(exercise, client, language) if problems else ""
    return Verdict(
        meets=not problems,
        label=effective_label(exercise, client, response, classification),
        subtype=classification.subtype,
        problems=problems,
        message=message,
        suggestion=suggestion,
        confidence=classification.confidence,
        source=classification.source,
    )
