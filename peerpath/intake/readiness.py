"""The readiness self-assessment: statements, areas, reflection questions.

Adapted, in our own words, from the peer specialist readiness self-assessments
of South Carolina, Missouri and Kansas (seed 004). It is a reflection, not a
test: nothing here scores a person, and `summarise` only sorts answers into
areas that look ready, areas worth thinking about (each with something
practical that could help) and statements left unanswered.

Pure data and one pure function; the texts are lazy translations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import Promise

    Text: TypeAlias = str | Promise

Answer = Literal["agree", "not_sure", "disagree"]

AGREE: Answer = "agree"
NOT_SURE: Answer = "not_sure"
DISAGREE: Answer = "disagree"

ANSWER_CHOICES: tuple[tuple[Answer, Text], ...] = (
    (AGREE, _("Agree")),
    (NOT_SURE, _("Not sure")),
    (DISAGREE, _("Disagree")),
)

REFLECTION_MAX_LENGTH = 2000


@dataclass(frozen=True)
class Area:
    code: str
    name: Text
    suggestion: Text


@dataclass(frozen=True)
class Statement:
    code: str
    area: str
    text: Text


@dataclass(frozen=True)
class Question:
    code: str
    text: Text


# In the order the summary lists them.
AREAS: tuple[Area, ...] = (
    Area(
        "time",
        _("Time for the training"),
        _(
            "A program coordinator can go through the training schedule with you and help "
            "you fit it around work, school or family. Ask about the paid work-readiness "
            "hours that are part of the program, too."
        ),
    ),
    Area(
        "schooling",
        _("Schooling"),
        _(
            "If you have not finished high school yet, adult school classes or the GED or "
            "HiSET exam can get you there, often for free or at low cost. A program "
            "coordinator can point you to options near you."
        ),
    ),
    Area(
        "travel",
        _("Travelling for trainings"),
        _(
            "Many trainings, including this program's 80-hour training, are live and "
            "online, so you may not need to travel. For anything in person, ask the "
            "program whether help with transit or travel costs is available."
        ),
    ),
    Area(
        "participation",
        _("Taking an active part in class"),
        _(
            "Taking part can start small: one question, or a few words in a small group. "
            "Trainers expect people to feel nervous at first, and you can tell them what "
            "helps you join in."
        ),
    ),
    Area(
        "stamina",
        _("A full training day"),
        _(
            "Ask the training provider how the day is planned and when the breaks are. You "
            "can also ask for accommodations, such as extra breaks. It helps to ask early, "
            "before the training starts."
        ),
    ),
    Area(
        "sharing",
        _("Sharing your story"),
        _(
            "You decide what to share, how much, and when. The training gives you time to "
            "practise telling your story in a way that feels safe for you."
        ),
    ),
    Area(
        "empathy",
        _("Listening to stories like your own"),
        _(
            "Hearing stories that echo your own can bring things up. Plan some self-care "
            "for training days, and remember that the program has a social support room "
            "and a peer support advocate you can talk with."
        ),
    ),
    Area(
        "transport",
        _("Getting to trainings"),
        _(
            "Ask about live online trainings you can join from home. For anything in "
            "person, a program coordinator can tell you whether help with transit, such "
            "as bus passes, is available."
        ),
    ),
)

AREAS_BY_CODE: dict[str, Area] = {area.code: area for area in AREAS}

STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "disclose_to_colleagues",
        "sharing",
        _(
            "I am willing to let colleagues and other peers know that I have faced mental "
            "health or substance use challenges."
        ),
    ),
    Statement(
        "time_to_study",
        "time",
        _("I have the time to take part in a demanding course of study."),
    ),
    Statement(
        "schooling",
        "schooling",
        _(
            "I have finished some formal schooling, such as high school, adult education "
            "classes, or a GED or high school equivalency program."
        ),
    ),
    Statement(
        "travel_for_training",
        "travel",
        _("I can travel away from home for trainings that last several days."),
    ),
    Statement(
        "active_participation",
        "participation",
        _("I feel ready for a class where everyone is expected to take an active part."),
    ),
    Statement(
        "full_training_day",
        "stamina",
        _("I can take part in a full 8-hour training day."),
    ),
    Statement(
        "tell_my_story",
        "sharing",
        _("I can talk with others about my own recovery story and experience."),
    ),
    Statement(
        "listen_with_empathy",
        "empathy",
        _(
            "I can listen to other people's stories with empathy, even when they remind me "
            "of painful times in my own past."
        ),
    ),
    Statement(
        "own_transportation",
        "transport",
        _("I can arrange my own transportation."),
    ),
)

QUESTIONS: tuple[Question, ...] = (
    Question(
        "open_about_challenges",
        _(
            "Are you willing to let other people know that you have faced mental health or "
            "substance use challenges?"
        ),
    ),
    Question(
        "what_helped",
        _(
            "What has helped you get from where you were to where you are now? What did you "
            "do, and what did others do?"
        ),
    ),
    Question("what_i_learned", _("What have you learned about yourself in your recovery?")),
    Question("strengths", _("What strengths have you built along the way?")),
    Question("staying_well", _("What do you do regularly to help yourself feel well?")),
    Question(
        "beliefs_and_values",
        _("Which beliefs and values help support your recovery? Name a few."),
    ),
    Question("facing_challenges", _("How has facing your own challenges shaped your life?")),
    Question(
        "medications",
        _("How comfortable are you talking about other people's experiences with medication?"),
    ),
    Question(
        "hope_and_resilience",
        _(
            "What part do hope and resilience play in your life and your recovery? What "
            "words would you use to describe them?"
        ),
    ),
    Question("setbacks", _("How have you dealt with hard setbacks?")),
    Question("supports", _("Who or what supports you in your life, and how do they help?")),
)


@dataclass(frozen=True)
class AreaToThinkAbout:
    """An area with at least one "not sure" or "disagree", and the answers
    that put it here, in statement order."""

    area: Area
    answers: tuple[tuple[Statement, Answer], ...]


@dataclass(frozen=True)
class ReadinessSummary:
    ready: tuple[Area, ...]
    to_think_about: tuple[AreaToThinkAbout, ...]
    unanswered: tuple[Statement, ...]

    @property
    def answered_any(self) -> bool:
        return len(self.unanswered) < len(STATEMENTS)


def current_answers(answers: dict[str, str]) -> dict[str, str]:
    """The answers the current content still asks, from a copy kept earlier.

    Statements are reworded and retired over time; a kept copy may hold codes or
    answers the content no longer has. Those are left out rather than refused.
    """
    codes = {statement.code for statement in STATEMENTS}
    allowed = {choice for choice, _label in ANSWER_CHOICES}
    return {
        code: value
        for code, value in answers.items()
        if code in codes and (value == "" or value in allowed)
    }


def summarise(answers: dict[str, str]) -> ReadinessSummary:
    """Sort the agreement answers by area.

    `answers` maps statement codes to "agree", "not_sure", "disagree", or ""
    for no answer; a missing code is also no answer. An area is ready when
    every one of its statements got "agree", and worth thinking about when
    any got "not sure" or "disagree". Unknown codes or values are a
    programming error and raise ValueError.
    """
    codes = {statement.code for statement in STATEMENTS}
    unknown = sorted(set(answers) - codes)
    if unknown:
        raise ValueError(f"unknown statement codes: {', '.join(unknown)}")
    allowed = {choice for choice, _label in ANSWER_CHOICES}
    given: dict[str, Answer] = {}
    for code, value in answers.items():
        if value == "":
            continue
        if value not in allowed:
            raise ValueError(f"unknown answer for {code}")
        given[code] = value  # type: ignore[assignment]

    ready: list[Area] = []
    to_think_about: list[AreaToThinkAbout] = []
    for area in AREAS:
        statements = [s for s in STATEMENTS if s.area == area.code]
        doubts = tuple(
            (s, given[s.code]) for s in statements if given.get(s.code) in (NOT_SURE, DISAGREE)
        )
        if doubts:
            to_think_about.append(AreaToThinkAbout(area, doubts))
        elif all(given.get(s.code) == AGREE for s in statements):
            ready.append(area)
    unanswered = tuple(s for s in STATEMENTS if s.code not in given)
    return ReadinessSummary(tuple(ready), tuple(to_think_about), unanswered)
