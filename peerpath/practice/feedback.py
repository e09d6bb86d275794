"""What the coach says about a response: plain functions on plain values.

The verdict (``verdict.py``) says whether an answer meets the exercise and
why; this turns it into what the page shows: what kind of response it was and
how sure the coach is, a headline, the specific problem and a suggestion.
No scores.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from peerpath.practice.verdict import GOALS, Verdict, normalize_exercise

HIGH_CONFIDENCE = 0.75
SOME_CONFIDENCE = 0.5

KIND_NAMES: dict[str, Promise] = {
    "open_question": _("an open question"),
    "closed_question": _("a closed question"),
    "reflection": _("a reflection"),
    "affirmation": _("an affirmation"),
    "summary": _("a summary"),
    "advice": _("advice"),
    "other": _("something other than the OARS skills"),
    "change": _("change talk"),
    "sustain": _("sustain talk"),
    "neutral": _("neutral talk"),
}
SUBTYPE_NAMES: dict[str, Promise] = {
    "simple": _("simple"),
    "complex": _("complex"),
    "desire": _("desire"),
    "ability": _("ability"),
    "reason": _("reason"),
    "need": _("need"),
    "commitment": _("commitment"),
}


@dataclass(frozen=True)
class Feedback:
    kind: str
    subtype: str | None
    certainty: str  # "sure" | "fairly_sure" | "not_sure"
    meets_goal: bool
    message: str
    tip: str
    suggestion: str = ""
    problems: tuple[str, ...] = ()

    @property
    def kind_name(self) -> str:
        return str(KIND_NAMES.get(self.kind, self.kind))

    @property
    def subtype_name(self) -> str:
        return str(SUBTYPE_NAMES.get(self.subtype, "")) if self.subtype else ""


def certainty(confidence: float) -> str:
    if confidence >= HIGH_CONFIDENCE:
        return "sure"
    if confidence >= SOME_CONFIDENCE:
        return "fairly_sure"
    return "not_sure"


def feedback_from_verdict(exercise: str, result: Verdict) -> Feedback:
    """What the practice page shows for a verdict: a headline, the problem, a suggestion."""
    if result.meets:
        return Feedback(
            result.label,
            result.subtype,
            certainty(result.confidence),
            True,
            result.message,
            "",
        )
    if result.problems and result.problems[0] == "unsure":
        return Feedback(result.label, None, "not_sure", False, result.message, "")
    goal_label = GOALS[normalize_exercise(exercise)][0]
    if result.label == goal_label:
        headline = _("Close: this is the right kind of response.")
    else:
        headline = _("Not quite what this exercise asks for yet.")
    return Feedback(
        result.label,
        result.subtype,
        "not_sure" if result.source == "unsure" else certainty(result.confidence),
        False,
        str(headline),
        result.message,
        result.suggestion,
        result.problems,
    )


@dataclass(frozen=True)
class ChoiceFeedback:
    correct: bool
    answer: str
    answer_name: str


def check_choice(answer_names: dict[str, str], expected: str, chosen: str) -> ChoiceFeedback:
    return ChoiceFeedback(chosen == expected, expected, answer_names.get(expected, expected))
