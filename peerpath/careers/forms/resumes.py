"""The résumé form and its entries (jobs, volunteering, certifications, training, school)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from peerpath.careers import rules
from peerpath.careers.forms.fields import Text, add_rule_errors, limit, text_area, today_local
from peerpath.careers.models import LANGUAGES, EntrySection, Resume, ResumeEntry

RESUME_LIMITS = {
    "summary": 2500,
    "core_qualifications": 3000,
    "lived_experience": 2000,
    "skills": 1500,
    "languages": 500,
}
RESUME_TEXT_FIELDS = ["title", "full_name", "email", "phone", "location", *RESUME_LIMITS]


class NewResumeForm(forms.Form):
    title = Text(
        label=_("Name of this version"),
        required=True,
        max_length=100,
        help_text=_("Only you and your program staff see it, e.g. “Peer specialist, general”."),
        error_messages={"required": _("Give this version a name.")},
    )
    language = forms.ChoiceField(
        label=_("Language of the résumé"), choices=LANGUAGES, widget=forms.RadioSelect
    )


class ResumeForm(forms.ModelForm):
    class Meta:
        model = Resume
        fields = [
            "title",
            "language",
            "full_name",
            "email",
            "phone",
            "location",
            "summary",
            "core_qualifications",
            "include_lived_experience",
            "lived_experience",
            "skills",
            "languages",
        ]
        field_classes = dict.fromkeys(RESUME_TEXT_FIELDS, Text)
        widgets = {
            "language": forms.RadioSelect,
            "summary": text_area(5),
            "core_qualifications": text_area(5),
            "lived_experience": text_area(4),
            "skills": text_area(4),
            "languages": text_area(2),
        }
        help_texts = {
            "summary": _("Two to four sentences about who you are as a worker and what you offer."),
            "core_qualifications": _("One strength per line."),
            "include_lived_experience": _(
                "Off unless you turn it on. You decide whether and how to mention it."
            ),
            "lived_experience": _(
                "In your own words, what you choose to share, e.g. how your own recovery helps "
                "you connect with people. Nothing here is filled in for you."
            ),
            "skills": _("One per line, e.g. Active listening."),
            "languages": _("One per line, e.g. Spanish — fluent."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, max_length in RESUME_LIMITS.items():
            limit(self.fields[name], max_length)
        self.fields["title"].required = True
        self.fields["title"].error_messages["required"] = _("Give this version a name.")

    def clean_email(self) -> str:
        value = self.cleaned_data["email"].strip()
        if value:
            try:
                validate_email(value)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Enter an email address like name@example.org.")
                ) from None
        return value


class MonthField(forms.DateField):
    """A month (shown as YYYY-MM), stored as its first day."""

    widget = forms.DateInput(attrs={"type": "month", "placeholder": "2024-06"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%Y-%m-%d", "%m/%Y"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.error_messages["invalid"] = _("Enter a month like 2024-06.")

    def to_python(self, value: Any) -> dt.date | None:
        day = super().to_python(value)
        return day.replace(day=1) if day else None


# Labels for each section's fields: the same columns mean different things.
ENTRY_LABELS: dict[str, dict[str, Any]] = {
    EntrySection.WORK: {
        "title": _("Job title"),
        "organization": _("Employer"),
        "start_on": _("Started (month)"),
        "end_on": _("Ended (month)"),
        "details": _("What you did and achieved, one point per line"),
    },
    EntrySection.VOLUNTEER: {
        "title": _("Role"),
        "organization": _("Organization"),
        "start_on": _("Started (month)"),
        "end_on": _("Ended (month)"),
        "details": _("What you did and achieved, one point per line"),
    },
    EntrySection.CERTIFICATION: {
        "title": _("Certification"),
        "organization": _("Issued by"),
        "end_on": _("Earned (month)"),
        "details": _("Certification number or details (optional)"),
    },
    EntrySection.TRAINING: {
        "title": _("Training"),
        "organization": _("Provider"),
        "end_on": _("Completed (month)"),
        "details": _("Details, e.g. hours or topics (optional)"),
    },
    EntrySection.EDUCATION: {
        "title": _("Diploma, degree or course"),
        "organization": _("School"),
        "end_on": _("Completed or expected (month)"),
        "details": _("Details (optional)"),
    },
}
ENTRY_FIELDS = {
    EntrySection.WORK: ["title", "organization", "location", "start_on", "end_on", "details"],
    EntrySection.VOLUNTEER: ["title", "organization", "location", "start_on", "end_on", "details"],
    EntrySection.CERTIFICATION: ["title", "organization", "end_on", "details"],
    EntrySection.TRAINING: ["title", "organization", "end_on", "details"],
    EntrySection.EDUCATION: ["title", "organization", "location", "end_on", "details"],
}


class EntryForm(forms.ModelForm):
    class Meta:
        model = ResumeEntry
        fields = ["title", "organization", "location", "start_on", "end_on", "details"]
        field_classes = {
            "title": Text,
            "organization": Text,
            "location": Text,
            "details": Text,
            "start_on": MonthField,
            "end_on": MonthField,
        }
        widgets = {"details": text_area(5)}

    def __init__(self, *args: Any, section: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section = section
        for name in list(self.fields):
            if name not in ENTRY_FIELDS[section]:
                del self.fields[name]
        for name, label in ENTRY_LABELS[section].items():
            self.fields[name].label = label
        limit(self.fields["details"], 3000)
        self.fields["title"].required = True
        self.fields["title"].error_messages["required"] = _("This is needed.")
        if "end_on" in self.fields and section in (EntrySection.WORK, EntrySection.VOLUNTEER):
            self.fields["end_on"].help_text = _("Leave empty if you are still there.")
        if "location" in self.fields:
            self.fields["location"].label = _("City and state")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        add_rule_errors(
            self, rules.check_entry_dates(data.get("start_on"), data.get("end_on"), today_local())
        )
        return data
