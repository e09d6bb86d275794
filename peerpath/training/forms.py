"""Forms parse and check shape; hour limits that need the database are checked by the actions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.catalog.models import Provider, Specialization
from peerpath.lib.uploads import DocumentField
from peerpath.training import rules
from peerpath.training.models import (
    PlacementKind,
    Training,
    TrainingDocumentKind,
    TrainingKind,
    TrainingStatus,
    WorkPlacement,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
OTHER_PROVIDER = "other"
# Dates further back than this are typing mistakes, not training history.
EARLIEST_DATE = dt.date(2000, 1, 1)


def hours_field(label: Any, maximum: Decimal, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("0.25"),
        max_value=maximum,
        widget=forms.NumberInput(attrs={"step": "0.25", "min": "0.25", "inputmode": "decimal"}),
        error_messages={
            "max_decimal_places": _("Use quarter hours, for example 1.25, 2.5 or 3.75."),
            "invalid": _("Enter a number of hours, for example 3 or 2.5."),
        },
        **kwargs,
    )


def _check_date(value: dt.date | None, *, future_ok: bool = False) -> None:
    if value is None:
        return
    if value < EARLIEST_DATE:
        raise forms.ValidationError(_("Check the year: this date is too far back."))
    if not future_ok and value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future."))


class TrainingForm(forms.ModelForm):
    """Add or change a training. Core and specialization hours are fixed; others are typed."""

    provider_choice = forms.ChoiceField(label=_("Training provider"), required=True)

    class Meta:
        model = Training
        fields = [
            "kind",
            "specialization",
            "provider_name",
            "title",
            "course_hours",
            "starts_on",
            "ends_on",
            "status",
            "completed_on",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "completed_on": DATE_WIDGET,
        }
        help_texts = {
            "provider_name": _("Only if you chose “Another provider”."),
            "title": _("Optional for core and specialization trainings."),
            "course_hours": _(
                "Only for work-readiness and other trainings: the number of hours the course "
                "has. Core training has 80 and each specialization 40."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(TrainingKind.choices)
        self.fields["status"].choices = list(TrainingStatus.choices)
        self.fields["specialization"].queryset = Specialization.objects.order_by("order", "code")
        self.fields["specialization"].help_text = _("Only for a specialization.")
        # A provider no longer listed stays a choice for the trainings already taken there.
        listed = Q(is_active=True) | Q(pk=self.instance.provider_id)
        self.providers = list(Provider.objects.filter(listed).order_by("name"))
        choices: list[tuple[str, str]] = [("", "—")]
        for provider in self.providers:
            label = provider.name
            if provider.approved_for_core:
                label = f"{label} — {_('approved for core training')}"
            choices.append((str(provider.pk), label))
        choices.append((OTHER_PROVIDER, str(_("Another provider (type its name below)"))))
        self.fields["provider_choice"].choices = choices
        if self.instance.pk:
            self.initial["provider_choice"] = (
                str(self.instance.provider_id) if self.instance.provider_id else OTHER_PROVIDER
            )
        self.fields["course_hours"].widget.attrs.update({"step": "0.25", "min": "0.25"})

    def clean_starts_on(self) -> dt.date | None:
        value = self.cleaned_data.get("starts_on")
        _check_date(value, future_ok=True)
        return value

    def clean_ends_on(self) -> dt.date | None:
        value = self.cleaned_data.get("ends_on")
        _check_date(value, future_ok=True)
        return value

    def clean_completed_on(self) -> dt.date | None:
        value = self.cleaned_data.get("completed_on")
        _check_date(value)
        return value

    def clean_course_hours(self) -> Decimal | None:
        value = self.cleaned_data.get("course_hours")
        if value is not None:
            problem = rules.hours_problem(value, rules.MAX_COURSE_HOURS)
            if problem is not None:
                raise forms.ValidationError(problem)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("kind")
        choice = data.get("provider_choice")
        provider_name = (data.get("provider_name") or "").strip()
        self.instance.provider = None
        if choice == OTHER_PROVIDER:
            if not provider_name:
                self.add_error("provider_name", _("Type the provider's name."))
        elif choice:
            provider = next((p for p in self.providers if str(p.pk) == choice), None)
            if provider is None:
                self.add_error("provider_choice", _("Choose a provider from the list."))
            else:
                self.instance.provider = provider
                data["provider_name"] = ""
        if kind == TrainingKind.SPECIALIZATION:
            if not data.get("specialization"):
                self.add_error("specialization", _("Choose the specialization."))
        else:
            data["specialization"] = None
        if kind in (TrainingKind.CORE, TrainingKind.SPECIALIZATION):
            data["course_hours"] = None
        elif kind and data.get("course_hours") is None and not self.has_error("course_hours"):
            self.add_error("course_hours", _("Enter the number of hours the course has."))
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date is before the start date."))
        status, completed = data.get("status"), data.get("completed_on")
        if status == TrainingStatus.COMPLETED:
            if completed is None and not self.has_error("completed_on"):
                self.add_error("completed_on", _("Enter the date you completed it."))
            elif completed and starts and completed < starts:
                self.add_error("completed_on", _("The completion date is before the start date."))
        else:
            data["completed_on"] = None
        return data


class HoursForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    hours = hours_field(_("Hours"), rules.MAX_COURSE_HOURS)
    is_total = forms.BooleanField(
        label=_("This is a total for several sessions, up to this date"), required=False
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)

    def clean_date(self) -> dt.date:
        value = self.cleaned_data["date"]
        if value < EARLIEST_DATE:
            raise forms.ValidationError(_("Check the year: this date is too far back."))
        return value


class TrainingDocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Which document is this?"),
        choices=TrainingDocumentKind.choices,
        widget=forms.RadioSelect,
    )
    file = DocumentField(label=_("File (PDF, JPEG or PNG, up to 10 MB)"))


class DocumentReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("verify", _("Verify")), ("decline", _("Not accepted"))],
        widget=forms.RadioSelect,
    )
    hours_confirmed = hours_field(
        _("Hours the document shows"), rules.MAX_COURSE_HOURS, required=False
    )
    completed_on = forms.DateField(
        label=_("Completion date on the certificate"), widget=DATE_WIDGET, required=False
    )
    comment = forms.CharField(
        label=_("Comment for the participant"),
        help_text=_("Needed when the document is not accepted. The participant sees it."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args: Any, course_hours: Decimal | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.course_hours = course_hours

    def clean_completed_on(self) -> dt.date | None:
        value = self.cleaned_data.get("completed_on")
        _check_date(value)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        hours = data.get("hours_confirmed")
        if (
            hours is not None
            and self.course_hours is not None
            and hours > self.course_hours
            and not self.has_error("hours_confirmed")
        ):
            self.add_error(
                "hours_confirmed",
                _("This course has %(hours)s hours; a document cannot confirm more.")
                % {"hours": rules.format_hours(self.course_hours)},
            )
        return data


class PlacementForm(forms.ModelForm):
    class Meta:
        model = WorkPlacement
        fields = [
            "kind",
            "site",
            "role",
            "supervisor_name",
            "supervisor_contact",
            "starts_on",
            "ends_on",
            "pay_rate",
        ]
        widgets = {"kind": forms.RadioSelect, "starts_on": DATE_WIDGET, "ends_on": DATE_WIDGET}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(PlacementKind.choices)
        self.fields["pay_rate"].widget.attrs.update(
            {"step": "0.01", "min": "0", "inputmode": "decimal"}
        )

    def clean_starts_on(self) -> dt.date:
        value = self.cleaned_data["starts_on"]
        _check_date(value, future_ok=True)
        return value

    def clean_ends_on(self) -> dt.date | None:
        value = self.cleaned_data.get("ends_on")
        _check_date(value, future_ok=True)
        return value

    def clean_pay_rate(self) -> Decimal:
        value = self.cleaned_data["pay_rate"]
        if value < 0:
            raise forms.ValidationError(_("The pay rate cannot be negative."))
        if value > rules.MAX_PAY_RATE:
            raise forms.ValidationError(_("Check the pay rate: it is per hour."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date is before the start date."))
        return data


class TimesheetEntryForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    hours = hours_field(_("Hours"), rules.HOURS_IN_A_DAY)
    activity = forms.CharField(
        label=_("What you did"),
        max_length=300,
        help_text=_("A few words, for example “shadowed the intake desk”."),
    )

    def clean_date(self) -> dt.date:
        value = self.cleaned_data["date"]
        if value < EARLIEST_DATE:
            raise forms.ValidationError(_("Check the year: this date is too far back."))
        return value

    def clean_activity(self) -> str:
        value = self.cleaned_data["activity"].strip()
        if not value:
            raise forms.ValidationError(_("Say in a few words what you did."))
        return value


class TimesheetReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("return", _("Return with a comment"))]
    )
    comment = forms.CharField(
        label=_("Comment for the participant"),
        help_text=_("Needed to return a timesheet. The participant sees it."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )


class PayrollForm(forms.Form):
    period = forms.ChoiceField(label=_("Pay period"))

    def __init__(self, *args: Any, periods: list[rules.PayPeriod], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.periods = {period.key: period for period in periods}
        self.fields["period"].choices = [
            (period.key, f"{period.start.isoformat()} – {period.end.isoformat()}")
            for period in periods
        ]

    def selected(self) -> rules.PayPeriod:
        return self.periods[self.cleaned_data["period"]]
