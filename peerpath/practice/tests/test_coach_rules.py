"""The rule layer: definitions from the labelling guide, no model involved."""

from __future__ import annotations

import pytest

from peerpath.practice.coach.rules import (
    change_subtype_cue,
    client_rule,
    practitioner_rule,
    reflection_subtype_cue,
)


def label_of(text: str) -> str | None:
    hit = practitioner_rule(text)
    return hit.label if hit else None


@pytest.mark.parametrize(
    "text",
    [
        "Tell me more about what happened with your landlord.",
        "tell me more bout the party",
        "Describe what a bad night looks like.",
        "Help me understand what the pills do for you.",
        "Can you tell me more about your sister?",
        "What worries you most about the hearing?",
        "how did it go with your boss",
    ],
)
def test_invitations_and_wh_questions_are_open(text: str) -> None:
    assert label_of(text) == "open_question"


@pytest.mark.parametrize(
    "text",
    [
        "How many times did you drink last week?",
        "How much is the deposit?",
        "Did you go to group?",
        "Is it the same doctor as before?",
        "Have you thought about telling your PO?",
        "did u call the clinic",
        "Would it be okay if I shared what helped me?",
    ],
)
def test_yes_no_and_fact_questions_are_closed(text: str) -> None:
    assert label_of(text) == "closed_question"


@pytest.mark.parametrize(
    "text",
    [
        "You're moving in with your brother next month, right?",
        "The test is on Friday, isn't it?",
        "So you stopped the meds on Sunday, correct?",
        "ur still working at the car wash right",
    ],
)
def test_statements_with_a_tag_are_closed_questions(text: str) -> None:
    assert label_of(text) == "closed_question"


@pytest.mark.parametrize(
    "text",
    [
        "You should call your PO today.",
        "You need to stop hanging out with him.",
        "You have to pay the fine first.",
        "I think you ought to go back to school.",
        "What you gotta do is save every check.",
        "Try going to bed before midnight.",
        "Why don't you ask your manager for Sundays off?",
        "Have you tried a different meeting?",
        "ngl u should just block him",
    ],
)
def test_directives_and_suggestion_questions_are_advice(text: str) -> None:
    assert label_of(text) == "advice"


def test_you_should_be_proud_is_not_advice() -> None:
    assert label_of("You finished the whole course. You should be proud of that.") != "advice"


@pytest.mark.parametrize(
    "text",
    [
        "Let me see if I got this. You want the job, the bus is too slow, and money is tight.",
        "So far you've told me that school is hard and home is harder.",
        "To sum up, you're not ready to quit but you want to cut back.",
    ],
)
def test_summary_cues(text: str) -> None:
    assert label_of(text) == "summary"


def test_reflection_stems_without_question_mark() -> None:
    hit = practitioner_rule("It sounds like the new schedule is wearing you out")
    assert hit is not None
    assert hit.label == "reflection"


def test_double_sided_reflection_is_complex() -> None:
    hit = practitioner_rule("Part of you wants to leave, and another part is scared to be alone.")
    assert hit is not None
    assert (hit.label, hit.subtype) == ("reflection", "complex")
    assert reflection_subtype_cue("So you're torn between the two jobs.") == "complex"


def test_affirmation_and_greeting() -> None:
    assert label_of("That took a lot of strength.") == "affirmation"
    assert label_of("Hi, thanks for coming in today.") == "other"


def test_rules_abstain_when_unsure() -> None:
    assert practitioner_rule("The group is in room 4.") is None
    assert client_rule("My cousin has a truck.") is None


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("I want to get my own place.", "desire"),
        ("I wish I could sleep through the night.", "desire"),
        ("I could probably cut back on weekends.", "ability"),
        ("I can get there on the bus.", "ability"),
        ("I need to stop spending my whole check.", "need"),
        ("I gotta get my license back.", "need"),
        ("I'm going to call the clinic tomorrow.", "commitment"),
        ("Starting tomorrow I'm not smoking before work.", "commitment"),
    ],
)
def test_change_talk_cues(text: str, subtype: str) -> None:
    hit = client_rule(text)
    assert hit is not None
    assert (hit.label, hit.subtype) == ("change", subtype)


def test_reason_is_a_subtype_cue_but_never_decides_the_label() -> None:
    # The same shape carries sustain talk ("If I quit I'd lose my friends").
    assert change_subtype_cue("If I stopped I'd have more money for rent.") == "reason"
    assert client_rule("If I stopped I'd have more money for rent.") is None


@pytest.mark.parametrize(
    "text",
    [
        "I don't see the problem, it's just weed.",
        "I can't quit, it's the only thing that helps me sleep.",
        "I'm not ready to stop.",
        "i aint quitting",
    ],
)
def test_sustain_talk(text: str) -> None:
    hit = client_rule(text)
    assert hit is not None
    assert hit.label == "sustain"


def test_ambivalence_is_left_to_the_model() -> None:
    assert client_rule("I want to quit but it's the only thing that helps me sleep.") is None
