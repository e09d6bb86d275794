"""Editing a state's certification numbers: one field per number of `Jurisdiction`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from peerpath.certification.jurisdictions import CALIFORNIA, FEE_KEYS, VALUE_FIELDS
from peerpath.certification.models import JurisdictionRule

LABELS = {
    "minimum_age": _("Youngest age to certify"),
    "core_training_hours": _("Core training hours"),
    "core_training_earliest_completion": _("Core training counts if completed on or after"),
    "training_certificate_valid_years": _("Training certificate valid (years)"),
    "application_hold_days": _("Incomplete application voided after (days)"),
    "application_processing_days": _("Application processing (days)"),
    "approval_valid_months": _("Approval valid (months)"),
    "training_certificate_review_days": _("Training certificate review (days)"),
    "exam_request_review_days": _("Exam request review (days)"),
    "exam_registration_days": _("Exam registration (days)"),
    "max_exam_attempts": _("Exam attempts allowed"),
    "exam_retake_processing_days": _("Retake processing (days)"),
    "exam_result_notification_days": _("Exam results arrive after (days, from–to)"),
    "accommodation_review_days": _("Accommodation review (days)"),
    "certification_valid_years": _("Certification valid (years)"),
    "ethics_resign_years": _("Code of Ethics signed again every (years)"),
    "renewal_window_days": _("Renewal opens before expiry (days)"),
    "ce_required_hours": _("Continuing education hours per period"),
    "ce_law_ethics_required_hours": _("of which law and ethics hours"),
    "ce_records_kept_years": _("Continuing education records kept (years)"),
    "reminder_offsets_days": _("Reminder days before each deadline"),
    "fee_application": _("Application fee (USD)"),
    "fee_exam": _("Exam fee (USD)"),
    "fee_exam_retake": _("Retake fee (USD)"),
    "fee_renewal": _("Renewal fee (USD)"),
}


def _field_for(name: str) -> forms.Field:
    label = LABELS.get(name, name)
    if name in FEE_KEYS:
        return forms.DecimalField(label=label, min_value=0, max_digits=7, decimal_places=2)
    sample = getattr(CALIFORNIA, name)
    if isinstance(sample, Decimal):
        return forms.DecimalField(label=label, min_value=0, max_digits=6, decimal_places=2)
    if isinstance(sample, dt.date):
        return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))
    if isinstance(sample, tuple):
        return forms.CharField(
            label=label, help_text=_("Whole numbers separated by commas"), max_length=80
        )
    return forms.IntegerField(label=label, min_value=0, max_value=10000)


class JurisdictionRuleForm(forms.ModelForm):
    source_url = forms.URLField(
        label=_("Public source"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = JurisdictionRule
        fields = ["name", "effective_on", "source_url", "source_checked_on", "verified", "notes"]
        widgets = {
            "effective_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "source_checked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        values = self.instance.values or {}
        for name in (*VALUE_FIELDS, *FEE_KEYS):
            field = _field_for(name)
            current = values.get(name)
            if isinstance(current, list):
                current = ",".join(str(v) for v in current)
            field.initial = current
            self.fields[name] = field

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in VALUE_FIELDS:
            sample = getattr(CALIFORNIA, name)
            if isinstance(sample, tuple) and name in cleaned:
                parts = [p.strip() for p in str(cleaned[name]).split(",") if p.strip()]
                if not parts or not all(p.isdigit() for p in parts):
                    self.add_error(name, _("Use whole numbers separated by commas, e.g. 7,14"))
                elif name == "exam_result_notification_days" and len(parts) != 2:
                    self.add_error(name, _("Give two numbers: the earliest and the latest day."))
                else:
                    cleaned[name] = [int(p) for p in parts]
        low, high = cleaned.get("ce_law_ethics_required_hours"), cleaned.get("ce_required_hours")
        if low is not None and high is not None and low > high:
            self.add_error(
                "ce_law_ethics_required_hours",
                _("Law and ethics hours cannot exceed the total hours."),
            )
        return cleaned

    def numbers(self) -> dict[str, object]:
        """The cleaned numbers as stored JSON values."""
        values: dict[str, object] = {}
        for name in (*VALUE_FIELDS, *FEE_KEYS):
            value = self.cleaned_data[name]
            if isinstance(value, Decimal):
                value = str(value)
            elif isinstance(value, dt.date):
                value = value.isoformat()
            values[name] = value
        return values
