from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.certification.models import CertificationCase, ContinuingEducation, ExamAttemptRecord
from peerpath.certification.rules import ExamAttempt, validate_facts

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

CASE_DATE_FIELDS = [
    "registered_on",
    "orientation_video_on",
    "application_submitted",
    "application_completed",
    "application_approved",
    "application_fee_paid_on",
    "training_completed",
    "training_certificate_uploaded_on",
    "training_certificate_approved_on",
    "exam_fee_paid_on",
    "exam_registration_received_on",
    "exam_scheduled_for",
    "accommodation_requested_on",
    "certified_on",
]
# Planned dates may lie ahead; every other date records something that happened.
FUTURE_ALLOWED = {"exam_scheduled_for"}


def today_local() -> dt.date:
    return timezone.localdate()


class CaseDatesForm(forms.ModelForm):
    class Meta:
        model = CertificationCase
        fields = [*CASE_DATE_FIELDS, "certification_number"]
        widgets = dict.fromkeys(CASE_DATE_FIELDS, DATE_WIDGET)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        today = today_local()
        for name in CASE_DATE_FIELDS:
            value = data.get(name)
            if value and value > today and name not in FUTURE_ALLOWED and not self.has_error(name):
                self.add_error(name, _("This date is in the future."))
        if not self.errors:
            case: CertificationCase = self.instance
            facts = dataclasses.replace(
                case.facts(),
                **{
                    k: data.get(k, getattr(case, k))
                    for k in (
                        "application_submitted",
                        "application_completed",
                        "application_approved",
                        "training_completed",
                        "certified_on",
                        "ethics_signed_on",
                    )
                },
            )
            for field, message in validate_facts(facts, today, case.jurisdiction):
                target = field if field in self.fields else None
                self.add_error(target, message)
        return data


class ExamAttemptForm(forms.ModelForm):
    class Meta:
        model = ExamAttemptRecord
        fields = ["date", "language", "delivery", "passed"]
        widgets = {
            "date": DATE_WIDGET,
            "passed": forms.RadioSelect(
                choices=[(True, _("Passed")), (False, _("Not passed this time"))]
            ),
        }

    def __init__(self, *args: Any, case: CertificationCase, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["passed"] = forms.TypedChoiceField(
            label=_("Result"),
            coerce=lambda v: v == "True",
            widget=forms.RadioSelect,
            choices=[("True", _("Passed")), ("False", _("Not passed this time"))],
            error_messages={"required": _("Choose the result.")},
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        if self.case.application_approved is None:
            raise forms.ValidationError(
                _(
                    "Record the application's approval date first: every attempt happens inside "
                    "the approval period."
                )
            )
        facts = self.case.facts()
        attempts = sorted(
            [*facts.exam_attempts, ExamAttempt(data["date"], data["passed"])], key=lambda a: a.date
        )
        facts = dataclasses.replace(facts, exam_attempts=tuple(attempts))
        for field, message in validate_facts(facts, today_local(), self.case.jurisdiction):
            if field.startswith("exam_attempts"):
                self.add_error("date" if field.endswith(".date") else None, message)
        return data


class ContinuingEducationForm(forms.ModelForm):
    class Meta:
        model = ContinuingEducation
        fields = ["date", "provider", "title", "hours", "law_and_ethics"]
        widgets = {"date": DATE_WIDGET}

    def clean_date(self) -> dt.date:
        value = self.cleaned_data["date"]
        if value > today_local():
            raise forms.ValidationError(_("This date is in the future."))
        return value
