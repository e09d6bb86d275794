"""What the coach says about a response: plain functions on plain values.

The classifier tells what kind of response it was; these rules turn that into
kind, specific feedback: whether it meets the exercise's goal, one concrete
tip, and how sure the coach is. No scores.
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
# One concrete tip for each kind of response that did not meet the goal.
TIPS: dict[str, Promise] = {
    "advice": _(
        "This reads as advice — the righting reflex. Try reflecting what you heard first, "
        "or ask what they think might help."
    ),
    "closed_question": _(
        "This can be answered with a yes or no. Start with “what”, “how” or “tell me about” "
        "to invite a longer answer."
    ),
    "open_question": _(
        "A good open question. For this exercise, try a statement instead: say back what you "
        "heard, without a question mark."
    ),
    "reflection": _(
        "That is a reflection, which is a good instinct. For this exercise, aim for the form "
        "the instructions ask for."
    ),
    "affirmation": _(
        "That affirms the person. For this exercise, aim for the form the instructions ask for."
    ),
    "summary": _("That gathers several points. For this exercise, respond to the last thing said."),
    "other": _(
        "The coach could not hear one of the OARS skills here. Try one clear sentence that "
        "does only what the exercise asks."
    ),
}
GOAL_TIPS: dict[tuple[str, str | None], Promise] = {
    ("reflection", "complex"): _(
        "That is a simple reflection. Go one step deeper: name the feeling or the meaning "
        "underneath, or both sides of what they are weighing."
    ),
    ("affirmation", None): _(
        "Name the specific strength or effort you noticed (“You kept going even when…”), "
        "rather than general praise."
    ),
    ("summary", None): _(
        "Gather two or three things they said, including what matters to them, and end by "
        "asking what you missed."
    ),
}
WELL_DONE: dict[str, Promise] = {
    "open_question": _("This invites the person to say more in their own words."),
    "reflection": _("This shows you listened, without steering the person."),
    "affirmation": _("This recognises a real strength without judging."),
    "summary": _("This pulls the story together and lets the person correct you."),
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


UNSURE_MESSAGE = _(
    "The coach could not tell what kind of response this is. Compare it with the two "
    "examples below: do they do the same thing yours does?"
)


def coach_response(
    goal_labels: tuple[str, ...],
    goal_subtype: str | None,
    label: str,
    subtype: str | None,
    confidence: float,
    source: str = "",
) -> Feedback:
    """Feedback for a written response against the exercise's goal.

    `source` "unsure" means no rule or model could classify the text (e.g. a
    language the model was not trained on): say so rather than guess.
    """
    if source == "unsure":
        return Feedback(label, None, "not_sure", False, str(UNSURE_MESSAGE), "")
    label_meets = label in goal_labels
    meets = label_meets and (goal_subtype is None or subtype == goal_subtype)
    if meets:
        message = str(WELL_DONE.get(label, _("This meets the goal of the exercise.")))
        tip = ""
    elif label_meets:
        message = str(_("Close: this is the right kind of response."))
        tip = str(GOAL_TIPS.get((label, goal_subtype), TIPS.get(label, "")))
    else:
        message = str(_("Not quite what this exercise asks for yet."))
        goal = goal_labels[0] if goal_labels else ""
        tip = str(GOAL_TIPS.get((goal, goal_subtype)) or TIPS.get(label, TIPS["other"]))
        if label == "advice":
            tip = str(TIPS["advice"])
    return Feedback(label, subtype, certainty(confidence), meets, message, tip)


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
