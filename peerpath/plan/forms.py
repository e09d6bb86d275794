from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.intake.forms import ReflectionField
from peerpath.lib.dates import add_years
from peerpath.plan import questionnaire
from peerpath.plan.models import ObjectiveStatus, Rating
from peerpath.plan.rules import CONFIDENCE_MAX, CONFIDENCE_MIN

if TYPE_CHECKING:
    from django.forms import BoundField

    from peerpath.catalog.models import Competency

INITIAL_PREFIX = "initial-"
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EARLIEST_TARGET = dt.date(2000, 1, 1)
TOO_LONG = _(
    "Please shorten this to %(limit_value)d characters or fewer. It has %(show_value)d now."
)


def confidence_choices() -> list[tuple[int, str]]:
    return [(n, str(n)) for n in range(CONFIDENCE_MIN, CONFIDENCE_MAX + 1)]


def confidence_field(required: bool) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=questionnaire.QUESTIONS_BY_CODE[questionnaire.CONFIDENCE_CODE].text,
        help_text=questionnaire.QUESTIONS_BY_CODE[questionnaire.CONFIDENCE_CODE].help,
        choices=confidence_choices(),
        coerce=int,
        required=required,
        widget=forms.RadioSelect(attrs={"class": "scale-choice"}),
        error_messages={
            "required": _("Choose a number from 1 to 10."),
            "invalid_choice": _("Choose a number from 1 to 10."),
        },
    )


class QuestionnaireForm(forms.Form):
    """All seventeen questions, each optional: the person decides what to share.

    The page sends, next to each answer, the value it was loaded with (or last
    saved) as `initial-<code>`. An answer still equal to it was not touched on
    this page, so it is left alone: another tab or device may have changed it
    since, and saving a stale copy would silently undo that.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in questionnaire.QUESTIONS:
            if question.kind == questionnaire.CONFIDENCE:
                self.fields[question.code] = confidence_field(required=False)
            elif question.kind == questionnaire.CHOICE:
                self.fields[question.code] = forms.ChoiceField(
                    label=question.text,
                    help_text=question.help,
                    choices=question.choices,
                    required=False,
                    widget=forms.RadioSelect,
                    error_messages={"invalid_choice": _("Choose one of the answers shown.")},
                )
            else:
                self.fields[question.code] = ReflectionField(
                    label=question.text,
                    help_text=question.help,
                    required=False,
                    max_length=questionnaire.ANSWER_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
                    error_messages={"max_length": TOO_LONG},
                )

    def parts(self) -> list[tuple[Any, list[BoundField]]]:
        return [
            (title, [self[q.code] for q in questionnaire.QUESTIONS if q.part == number])
            for number, title in questionnaire.PARTS.items()
        ]

    def _changed_here(self, code: str) -> bool:
        key = f"{INITIAL_PREFIX}{code}"
        if key not in self.data:
            return True
        try:
            loaded = self.fields[code].clean(self.data[key])
        except forms.ValidationError:
            return True
        return bool(loaded != self.cleaned_data[code])

    def _sent(self, code: str) -> bool:
        return (
            self.is_bound
            and code in self.data
            and code in self.cleaned_data
            and self._changed_here(code)
        )

    def loaded_values(self) -> dict[str, str]:
        """What each answer is on the server as far as this page knows, for `initial-<code>`."""
        values = {}
        for code in self.fields:
            if not self.is_bound:
                value = self.initial.get(code, "")
            elif self._sent(code):
                value = self.cleaned_data[code]
            else:
                value = self.data.get(f"{INITIAL_PREFIX}{code}", "")
            values[code] = "" if value is None else str(value)
        return values

    def sent_codes(self) -> list[str]:
        return [code for code in self.fields if self._sent(code)]

    def answers(self) -> dict[str, str]:
        """The valid answers that were sent (a question left out of the request is left alone)."""
        return {
            code: str(self.cleaned_data[code]).strip()
            for code in questionnaire.ANSWER_CODES
            if self._sent(code)
        }

    def confidence(self) -> int | None:
        code = questionnaire.CONFIDENCE_CODE
        value = self.cleaned_data.get(code) if self._sent(code) else None
        return value if isinstance(value, int) else None


class ConfidenceForm(forms.Form):
    score = confidence_field(required=True)


class GoalForm(forms.Form):
    title = forms.CharField(
        label=_("Your goal"),
        help_text=_("In your own words, for example “Finish the core training by June”."),
        max_length=200,
        error_messages={"required": _("Write your goal."), "max_length": TOO_LONG},
    )
    why = ReflectionField(
        label=_("Why it matters to you (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, starter: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if starter:
            # The starter checklist's title is the program's, in the reader's language.
            del self.fields["title"]


def target_date_field() -> forms.DateField:
    return forms.DateField(
        label=_("Target date (optional)"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": _("Enter a date like 2026-06-30.")},
    )


class ObjectiveForm(forms.Form):
    text = forms.CharField(
        label=_("Objective"),
        help_text=_("A small step toward the goal that you can check off."),
        max_length=300,
        error_messages={"required": _("Write the objective."), "max_length": TOO_LONG},
    )
    target_date = target_date_field()
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ObjectiveStatus.choices,
        initial=ObjectiveStatus.NOT_STARTED,
        error_messages={
            "required": _("Choose a status."),
            "invalid_choice": _("Choose one of the statuses shown."),
        },
    )

    def __init__(self, *args: Any, coded: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if coded:
            # A starter step's wording is the program's: only its date and status change.
            del self.fields["text"]

    def clean_target_date(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get("target_date")
        if value is None:
            return None
        latest = add_years(timezone.localdate(), 10)
        if value < EARLIEST_TARGET or value > latest:
            raise forms.ValidationError(
                _("Choose a date between %(first)s and %(last)s."),
                params={"first": EARLIEST_TARGET.isoformat(), "last": latest.isoformat()},
            )
        return value


class CommentForm(forms.Form):
    body = ReflectionField(
        label=_("Comment"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a comment first."), "max_length": TOO_LONG},
    )

    def clean_body(self) -> str:
        body = str(self.cleaned_data["body"]).strip()
        if not body:
            raise forms.ValidationError(_("Write a comment first."))
        return body


class CategoryRatingForm(forms.Form):
    """One category's items, each rated 1 to 4; any may be left for later."""

    def __init__(self, *args: Any, category: Competency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.category = category
        for item in category.items.all():
            self.fields[f"item-{item.number}"] = forms.TypedChoiceField(
                label=f"{category.numeral}.{item.number} {item.tr('text')}",
                choices=Rating.choices,
                coerce=int,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "rating-choice"}),
                error_messages={"invalid_choice": _("Choose one of the four ratings.")},
            )

    def ratings(self) -> dict[int, int]:
        return {
            int(name.removeprefix("item-")): value
            for name, value in self.cleaned_data.items()
            if isinstance(value, int)
        }
