"""Interview tips, the preparation worksheet, practice answers and feedback."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from peerpath.careers.content import Question, interview_content
from peerpath.careers.forms.fields import Text, text_area
from peerpath.careers.models import InterviewPrep

KEY_POINTS = 5
DEVELOPMENT_AREAS = 5
QUALITIES = 7
LINE_LIMIT = 300
TEXT_LIMIT = 3000


class KnownChoices(forms.MultipleChoiceField):
    """Ticks, keeping only the codes that still exist.

    The tips and a question's points come from a versioned file: a page opened
    before it changed may send a code that is gone. Refusing the whole save would
    throw away the answer typed next to it.
    """

    def clean(self, value: Any) -> list[str]:
        known = {str(code) for code, _label in self.choices}
        return super().clean([code for code in self.to_python(value) if code in known])


class TipsForm(forms.Form):
    tips = KnownChoices(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tips"].choices = [(code, code) for code in interview_content().tip_codes]


class WorksheetForm(forms.Form):
    """The Interview Preparation Checklist. Everything is optional: it is a draft until used."""

    target_job = Text(
        label=_("The job I am preparing for"),
        max_length=200,
        help_text=_("For example: Peer Support Specialist at a wellness center."),
    )
    why_unique = Text(
        label=_("Why I am unique"),
        max_length=TEXT_LIMIT,
        help_text=_("Stories or examples that show I am well suited to this position."),
        widget=text_area(5),
    )
    intriguing_ideas = Text(
        label=_("Intriguing ideas"),
        max_length=TEXT_LIMIT,
        help_text=_(
            "From what I know about the organization, an idea for an improvement "
            "or for the team's future."
        ),
        widget=text_area(4),
    )
    questions = Text(
        label=_("Questions I have"),
        max_length=TEXT_LIMIT,
        help_text=_("About the role, the interviewer, the organization, chances to grow."),
        widget=text_area(4),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number in range(1, KEY_POINTS + 1):
            self.fields[f"key_point_{number}"] = Text(
                label=_("Key point %(number)d") % {"number": number}, max_length=LINE_LIMIT
            )
        for number in range(1, DEVELOPMENT_AREAS + 1):
            self.fields[f"area_{number}"] = Text(
                label=_("Development area %(number)d") % {"number": number},
                max_length=LINE_LIMIT,
            )
            self.fields[f"answer_{number}"] = Text(
                label=_("My strategic answer about area %(number)d") % {"number": number},
                max_length=TEXT_LIMIT,
                widget=text_area(2),
            )
        for number in range(1, QUALITIES + 1):
            self.fields[f"quality_{number}"] = Text(
                label=_("Quality %(number)d") % {"number": number}, max_length=LINE_LIMIT
            )

    @classmethod
    def initial_from(cls, prep: InterviewPrep) -> dict[str, str]:
        initial = {
            "target_job": prep.target_job,
            "why_unique": prep.why_unique,
            "intriguing_ideas": prep.intriguing_ideas,
            "questions": prep.questions,
        }
        for index, point in enumerate(prep.key_points[:KEY_POINTS], start=1):
            initial[f"key_point_{index}"] = point
        for index, row in enumerate(prep.development_areas[:DEVELOPMENT_AREAS], start=1):
            initial[f"area_{index}"] = row.get("area", "")
            initial[f"answer_{index}"] = row.get("answer", "")
        for index, quality in enumerate(prep.philosophy[:QUALITIES], start=1):
            initial[f"quality_{index}"] = quality
        return initial

    def key_point_fields(self) -> list[forms.BoundField]:
        return [self[f"key_point_{n}"] for n in range(1, KEY_POINTS + 1)]

    def development_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"area_{n}"], self[f"answer_{n}"]) for n in range(1, DEVELOPMENT_AREAS + 1)]

    def quality_fields(self) -> list[forms.BoundField]:
        return [self[f"quality_{n}"] for n in range(1, QUALITIES + 1)]

    def values(self) -> dict[str, Any]:
        """The model's fields from cleaned data, keeping each row's position."""
        data = self.cleaned_data
        return {
            "target_job": data["target_job"],
            "why_unique": data["why_unique"],
            "intriguing_ideas": data["intriguing_ideas"],
            "questions": data["questions"],
            "key_points": [data[f"key_point_{n}"] for n in range(1, KEY_POINTS + 1)],
            "development_areas": [
                {"area": data[f"area_{n}"], "answer": data[f"answer_{n}"]}
                for n in range(1, DEVELOPMENT_AREAS + 1)
            ],
            "philosophy": [data[f"quality_{n}"] for n in range(1, QUALITIES + 1)],
        }


class AnswerForm(forms.Form):
    answer = Text(
        label=_("My answer"),
        max_length=5000,
        widget=text_area(8),
        help_text=_(
            "Write it the way you would say it. You can also say it aloud and type what you said."
        ),
    )
    covered = KnownChoices(
        label=_("My answer includes"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, question: Question, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["covered"].choices = [(point.code, point.text) for point in question.strong]


class FeedbackForm(forms.Form):
    text = Text(
        label=_("Feedback for the participant"),
        required=True,
        max_length=TEXT_LIMIT,
        widget=text_area(4),
        help_text=_("The participant sees this. Start with what works well."),
        error_messages={"required": _("Write the feedback first.")},
    )
