"""The personal questionnaire (seed 002, "Assessment"), in our own words.

Seventeen questions in two parts: what the person brings, then how the
training fits their life. Answers are stored by question code together with
`VERSION`, so rewording a question later keeps old answers attached to it;
a question whose meaning changes gets a new code instead.

The confidence question is not stored as an answer: it is the first
confidence check-in (`ConfidenceCheckIn`), asked again every month.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import Promise

    Text: TypeAlias = str | Promise

VERSION = 1
ANSWER_MAX_LENGTH = 4000

Kind = Literal["text", "choice", "confidence"]
TEXT: Kind = "text"
CHOICE: Kind = "choice"
CONFIDENCE: Kind = "confidence"

CONFIDENCE_CODE = "confidence"

READY_CHOICES: tuple[tuple[str, Text], ...] = (
    ("yes", _("Yes")),
    ("partly", _("Partly")),
    ("not_yet", _("Not yet")),
)


@dataclass(frozen=True)
class Question:
    code: str
    part: int
    text: Text
    help: Text = ""
    kind: Kind = TEXT

    @property
    def choices(self) -> tuple[tuple[str, Text], ...]:
        return READY_CHOICES if self.kind == CHOICE else ()

    def display(self, value: str) -> Text:
        """A stored value as the person should read it (choice codes become labels)."""
        return dict(self.choices).get(value, value) if self.kind == CHOICE else value


PARTS: dict[int, Text] = {
    1: _("What you bring"),
    2: _("You and the training"),
}

QUESTIONS: tuple[Question, ...] = (
    Question("strengths", 1, _("What are your strengths?")),
    Question("skills", 1, _("What skills do you have?")),
    Question("attributes", 1, _("What are your best qualities?")),
    Question("improve", 1, _("What would you like to get better at?")),
    Question(
        "certifications",
        1,
        _("Do you have any job training or certifications?"),
        _("For example a food handler card, CPR or first aid, or a trade course."),
    ),
    Question(
        "technical",
        1,
        _("Do you have any technical skills?"),
        _("For example computers, video calls, spreadsheets, social media or tools."),
    ),
    Question("field", 1, _("Which field do you know and have experience in?")),
    Question(
        "learning",
        1,
        _("How do you learn new things best?"),
        _("For example by watching, reading, trying it yourself, or with someone beside you."),
    ),
    Question("time", 2, _("How do you spend your time these days?")),
    Question("ready", 2, _("Do you feel ready to start the training?"), kind=CHOICE),
    Question(
        CONFIDENCE_CODE,
        2,
        _("How confident do you feel about completing the training?"),
        _("1 means not confident at all, 10 means completely confident."),
        kind=CONFIDENCE,
    ),
    Question("employment", 2, _("What do you think you need to do to get ready for a job?")),
    Question("barriers", 2, _("What might make finishing the training hard for you?")),
    Question("help", 2, _("What kind of help would make finishing the training easier?")),
    Question(
        "setting",
        2,
        _("Is there a kind of place where you would like to work?"),
        _("For example a clinic, a hospital, a drop-in center, a housing program or online."),
    ),
    Question("life", 2, _("How will your life be different when you finish the program?")),
    Question("routine", 2, _("What changes will you need to make in your daily routine?")),
)

QUESTIONS_BY_CODE = {question.code: question for question in QUESTIONS}
ANSWER_CODES = tuple(q.code for q in QUESTIONS if q.kind != CONFIDENCE)
