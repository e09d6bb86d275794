from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from peerpath.practice.exercises import CHOOSE, Exercise

MAX_RESPONSE_LENGTH = 1000


class PracticeForm(forms.Form):
    prompt = forms.CharField(widget=forms.HiddenInput, max_length=20)
    response = forms.CharField(
        label=_("Your response"),
        max_length=MAX_RESPONSE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off", "spellcheck": "true"}),
        error_messages={
            "max_length": _("Keep it under %(limit_value)d characters: one or two sentences."),
        },
    )
    choice = forms.ChoiceField(label=_("Your answer"), required=False, widget=forms.RadioSelect)
    save = forms.BooleanField(label=_("Keep this in my practice history"), required=False)

    def __init__(self, *args: Any, exercise: Exercise, can_save: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.exercise = exercise
        if exercise.kind == CHOOSE:
            del self.fields["response"]
            self.fields["choice"].choices = list(exercise.choices.items())
            self.fields["choice"].required = True
            self.fields["choice"].error_messages["required"] = _("Choose one answer.")
        else:
            del self.fields["choice"]
            self.fields["response"].required = True
            self.fields["response"].error_messages["required"] = _(
                "Type a response first — a sentence is enough."
            )
        if not can_save:
            del self.fields["save"]

    def clean_prompt(self) -> str:
        code = self.cleaned_data["prompt"]
        if self.exercise.prompt(code) is None:
            raise forms.ValidationError(_("This practice item no longer exists. Try the next one."))
        return code

    def clean_response(self) -> str:
        return " ".join(self.cleaned_data.get("response", "").split())
