"""Forms of the program pages: the program itself and the settings other apps read."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from peerpath.accounts.access import is_installation_admin, organizations_for_user
from peerpath.accounts.models import Program, User
from peerpath.certification.jurisdiction_data import jurisdiction_choices
from peerpath.certification.models import CertificationSettings
from peerpath.schedule.models import ScheduleSettings
from peerpath.training.models import TrainingSettings

# The time zones of the United States and its territories, by their IANA names.
TIME_ZONES = [
    ("America/New_York", _("Eastern (New York)")),
    ("America/Chicago", _("Central (Chicago)")),
    ("America/Denver", _("Mountain (Denver)")),
    ("America/Phoenix", _("Mountain, no daylight saving (Phoenix)")),
    ("America/Los_Angeles", _("Pacific (Los Angeles)")),
    ("America/Anchorage", _("Alaska (Anchorage)")),
    ("Pacific/Honolulu", _("Hawaii (Honolulu)")),
    ("America/Puerto_Rico", _("Atlantic (Puerto Rico)")),
]
LANGUAGE_CHOICES = [("en", "English"), ("es", "Español")]


def _offsets(value: str, unit_message: str) -> str:
    parts = [part.strip() for part in value.split(",") if part.strip()]
    if not parts or not all(part.isdigit() and 0 < int(part) <= 365 for part in parts):
        raise forms.ValidationError(unit_message)
    return ",".join(str(number) for number in sorted({int(part) for part in parts}, reverse=True))


class ProgramForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONES)
    jurisdiction = forms.ChoiceField(label=_("Certification rules of the state"))
    language_list = forms.MultipleChoiceField(
        label=_("Languages of the training"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )

    class Meta:
        model = Program
        fields = [
            "organization",
            "name",
            "name_es",
            "slug",
            "time_zone",
            "jurisdiction",
            "counties",
            "age_min",
            "age_max",
            "accepts_applications",
            "min_cell",
        ]

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].choices = jurisdiction_choices()  # type: ignore[attr-defined]
        self.fields["language_list"].initial = list(self.instance.language_codes or ("en",))
        if self.instance.pk or not is_installation_admin(actor):
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = organizations_for_user(actor)  # type: ignore[attr-defined]
        if self.instance.pk:
            # Links and records use the short name: it does not change once made.
            del self.fields["slug"]
        if self.instance.time_zone and self.instance.time_zone not in dict(TIME_ZONES):
            self.fields["time_zone"].choices = [  # type: ignore[attr-defined]
                (self.instance.time_zone, self.instance.time_zone),
                *TIME_ZONES,
            ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("age_min"), cleaned.get("age_max")
        if low is not None and high is not None and low > high:
            self.add_error("age_max", _("The oldest age must not be below the youngest."))
        return cleaned

    def save(self, commit: bool = True) -> Program:
        self.instance.languages = ",".join(self.cleaned_data["language_list"])
        return super().save(commit)


class CertificationSettingsForm(forms.ModelForm):
    class Meta:
        model = CertificationSettings
        fields = [
            "application_fee",
            "exam_fee",
            "retake_fee",
            "renewal_fee",
            "renewal_window_days",
            "reminder_offsets",
        ]

    def clean_reminder_offsets(self) -> str:
        return _offsets(
            self.cleaned_data["reminder_offsets"],
            str(_("Use whole numbers of days from 1 to 365 separated by commas, e.g. 60,30,7")),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("application_fee", "exam_fee", "retake_fee", "renewal_fee"):
            value = cleaned.get(name)
            if value is not None and value < 0:
                self.add_error(name, _("A fee cannot be negative."))
        return cleaned


class TrainingSettingsForm(forms.ModelForm):
    class Meta:
        model = TrainingSettings
        fields = ["pay_period", "pay_period_anchor", "default_pay_rate"]
        widgets = {
            "pay_period": forms.RadioSelect,
            "pay_period_anchor": forms.DateInput(attrs={"type": "date"}),
        }


class ScheduleSettingsForm(forms.ModelForm):
    class Meta:
        model = ScheduleSettings
        fields = [
            "join_url",
            "meeting_id",
            "passcode",
            "absence_threshold",
            "reminder_hours",
            "check_in_opens_minutes",
        ]
        widgets = {"passcode": forms.TextInput(attrs={"autocomplete": "off"})}


# Settings never written into the audit log: only the fact that they changed.
SECRET_FIELDS = frozenset({"join_url", "meeting_id", "passcode"})
