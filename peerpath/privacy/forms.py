from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.privacy import rules
from peerpath.privacy.models import Consent, RecipientKind, RetentionSettings, ShareableItem

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
END_PROBLEMS = {
    "past": _("Choose today or a later date."),
    "too_far": _("Choose a date within three years; you can give a new consent later."),
}


class ConsentForm(forms.ModelForm):
    recipient_kind = forms.ChoiceField(
        label=_("Who receives it"),
        choices=RecipientKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who receives the information.")},
    )
    items = forms.MultipleChoiceField(
        label=_("What may be shared"),
        choices=ShareableItem.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing that may be shared.")},
    )

    class Meta:
        model = Consent
        fields = [
            "recipient_kind",
            "recipient_name",
            "recipient_email",
            "items",
            "purpose",
            "expires_on",
        ]
        widgets = {"expires_on": DATE_WIDGET, "recipient_email": forms.EmailInput()}
        help_texts = {
            "recipient_name": _("For example the employer's name, or your aunt's name."),
            "recipient_email": _("Where staff send what you allow."),
            "purpose": _("For example: applying for the peer specialist job at Riverside Clinic."),
            "expires_on": _("The consent ends after this day. You can withdraw it any time."),
        }
        error_messages = {
            "recipient_kind": {"required": _("Choose who receives the information.")},
            "recipient_name": {"required": _("Enter the name of the person or organization.")},
            "recipient_email": {"required": _("Enter their email address.")},
            "purpose": {"required": _("Say what the information is for.")},
            "expires_on": {
                "required": _("Choose the last day this consent counts."),
                "invalid": _("Enter a real date, for example 2027-01-11."),
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient_email"] = forms.EmailField(
            label=self.fields["recipient_email"].label,
            help_text=self.fields["recipient_email"].help_text,
            max_length=254,
            error_messages={
                "required": _("Enter their email address."),
                "invalid": _("Enter an email address like name@example.org."),
            },
        )
        self.fields["expires_on"].initial = timezone.localdate() + dt.timedelta(days=90)

    def clean_expires_on(self) -> dt.date:
        value = self.cleaned_data["expires_on"]
        problem = rules.consent_end_problem(value, timezone.localdate())
        if problem:
            raise forms.ValidationError(END_PROBLEMS[problem])
        return value


class ShareForm(forms.Form):
    consent = forms.TypedChoiceField(
        label=_("Consent"),
        coerce=int,
        error_messages={"required": _("Choose the consent this is shared under.")},
    )
    item = forms.ChoiceField(
        label=_("What to send"),
        choices=ShareableItem.choices,
        error_messages={"required": _("Choose what to send.")},
    )

    def __init__(self, *args: Any, consents: list[Consent], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].choices = [
            (c.pk, f"{c.recipient_name} ({c.get_recipient_kind_display()}) — {c.purpose}")
            for c in consents
        ]


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("For example: the person asked on 2027-01-11. Do not write health details."),
        error_messages={"required": _("Give the reason for removing these records.")},
    )
    confirm_email = forms.EmailField(
        label=_("Type the person's email address to confirm"),
        error_messages={"required": _("Type the email address to confirm.")},
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_confirm_email(self) -> str:
        value = self.cleaned_data["confirm_email"]
        if value.strip().lower() != self.email.lower():
            raise forms.ValidationError(_("This is not the person's email address."))
        return value


class RetentionSettingsForm(forms.ModelForm):
    class Meta:
        model = RetentionSettings
        fields = ["applications_years", "records_years"]
        error_messages = {
            field: {
                "required": _("Enter a number of years."),
                "invalid": _("Enter a whole number of years."),
                "min_value": _("Keep records for at least 1 year."),
                "max_value": _("Enter 30 years or fewer."),
            }
            for field in ("applications_years", "records_years")
        }
