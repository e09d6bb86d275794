from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.accounts.models import Cohort, User
from peerpath.intake.forms import ReflectionField
from peerpath.lib.widgets import Select
from peerpath.participants.models import ContactNote, ExitReason
from peerpath.participants.rules import FLAG_LABELS, PauseProblem, pause_problem

SUMMARY_MAX_LENGTH = 4000
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContactNoteForm(forms.ModelForm):
    summary = ReflectionField(
        label=_("Summary"),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The participant can read this unless you mark it staff only."),
        error_messages={
            "required": _("Write a short summary of the contact."),
            "max_length": _(
                "Please shorten this to %(limit_value)d characters or fewer. "
                "It has %(show_value)d now."
            ),
        },
    )

    class Meta:
        model = ContactNote
        fields = ["contacted_on", "mode", "minutes", "summary", "staff_only", "staff_only_reason"]
        widgets = {"contacted_on": DATE_WIDGET, "minutes": forms.NumberInput(attrs={"min": 1})}
        help_texts = {
            "staff_only_reason": _("Needed for a staff-only note, e.g. a safety concern."),
        }
        error_messages = {
            "contacted_on": {
                "required": _("Enter the date of the contact."),
                "invalid": _("Enter a real date, for example 2027-01-11."),
            },
            "mode": {"required": _("Choose how you were in contact.")},
            "minutes": {
                "required": _("Enter how many minutes it took."),
                "min_value": _("Enter at least 1 minute."),
                "max_value": _("Enter 600 minutes or fewer; log a longer day as two contacts."),
                "invalid": _("Enter a whole number of minutes."),
            },
        }

    def __init__(self, *args: Any, participant: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.participant = participant
        self.fields["contacted_on"].initial = timezone.localdate()

    def clean_contacted_on(self) -> dt.date:
        value: dt.date = self.cleaned_data["contacted_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("A contact can't be in the future."))
        if value < timezone.localdate() - dt.timedelta(days=366):
            raise forms.ValidationError(_("That is more than a year ago. Check the year."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        reason = " ".join(data.get("staff_only_reason", "").split())
        data["staff_only_reason"] = reason if data.get("staff_only") else ""
        if data.get("staff_only") and not reason:
            self.add_error("staff_only_reason", _("Say why this note is for staff only."))
        return data


class PauseForm(forms.Form):
    until = forms.DateField(
        label=_("Return date"),
        widget=DATE_WIDGET,
        error_messages={
            "required": _("Choose a return date."),
            "invalid": _("Enter a real date, for example 2027-01-11."),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("A few words are enough. The participant sees it."),
        error_messages={
            "required": _("Give a short reason."),
            "max_length": _("Please keep the reason to %(limit_value)d characters or fewer."),
        },
    )

    def __init__(self, *args: Any, for_self: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if for_self:
            self.fields["reason"].help_text = _("A few words are enough. Your advocate sees it.")

    def clean_until(self) -> dt.date:
        until: dt.date = self.cleaned_data["until"]
        problem = pause_problem(until, timezone.localdate())
        if problem is PauseProblem.NOT_IN_FUTURE:
            raise forms.ValidationError(_("The return date must be after today."))
        if problem is PauseProblem.TOO_LONG:
            raise forms.ValidationError(
                _("A pause can last up to a year. For longer, talk about other options.")
            )
        return until


SORT_CHOICES = [
    ("attention", _("Needs attention first")),
    ("name", _("Name")),
    ("last_contact", _("Longest without contact")),
    ("deadline", _("Next deadline")),
]


class CaseloadFilterForm(forms.Form):
    """The caseload's filters; an invalid one is shown with its message and ignored."""

    q = forms.CharField(
        label=_("Name or email"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("Search with %(limit_value)d characters or fewer.")},
    )
    stage = forms.ChoiceField(label=_("Stage"), required=False, widget=Select)
    advocate = forms.ModelChoiceField(
        label=_("Advocate"), queryset=User.objects.none(), required=False, widget=Select
    )
    cohort = forms.ModelChoiceField(
        label=_("Cohort"), queryset=Cohort.objects.none(), required=False, widget=Select
    )
    flag = forms.ChoiceField(label=_("Flag"), required=False, widget=Select)
    sort = forms.ChoiceField(
        label=_("Sort by"), choices=SORT_CHOICES, required=False, widget=Select
    )

    def __init__(
        self, *args: Any, advocates: Any, cohorts: Any, stages: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", _("Any")), *list(stages)]
        self.fields["advocate"].queryset = advocates
        self.fields["advocate"].empty_label = _("All advocates")
        self.fields["advocate"].error_messages["invalid_choice"] = _(
            "Choose an advocate from the list."
        )
        self.fields["cohort"].error_messages["invalid_choice"] = _("Choose a cohort from the list.")
        self.fields["advocate"].label_from_instance = lambda user: user.display_name
        self.fields["cohort"].queryset = cohorts
        self.fields["cohort"].empty_label = _("All cohorts")
        self.fields["flag"].choices = [("", _("Any"))] + [
            (code.value, label) for code, label in FLAG_LABELS.items()
        ]


class ExitForm(forms.Form):
    """Staff record the end of someone's participation."""

    exited_on = forms.DateField(label=_("Exit date"), widget=DATE_WIDGET)
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=ExitReason.choices,
        help_text=_(
            "Health or medical reasons, incarceration, death and moving away leave the "
            "person out of the funder indicators."
        ),
    )

    def __init__(self, *args: Any, enrolled_on: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.enrolled_on = enrolled_on

    def clean_exited_on(self) -> dt.date:
        exited_on: dt.date = self.cleaned_data["exited_on"]
        if exited_on > timezone.localdate():
            raise forms.ValidationError(_("The exit date cannot be in the future."))
        if self.enrolled_on and exited_on < self.enrolled_on:
            raise forms.ValidationError(
                _("The exit date cannot be before the enrolment (%(date)s).")
                % {"date": self.enrolled_on.isoformat()}
            )
        return exited_on


MESSAGE_MAX_LENGTH = 2000


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write your message first."),
            "max_length": _(
                "Please shorten this to %(limit_value)d characters or fewer. "
                "It has %(show_value)d now."
            ),
        },
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write your message first."))
        return body
