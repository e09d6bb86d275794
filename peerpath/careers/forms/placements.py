"""Placements, follow-ups and the participant's own update."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from peerpath.careers import rules
from peerpath.careers.forms.fields import Text, add_rule_errors, text_area, today_local
from peerpath.careers.models import JobPlacement, WagePeriod
from peerpath.catalog.models import EmployerType, JobTitle
from peerpath.lib.localized import localized

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def money_field(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
        error_messages={"invalid": _("Enter an amount such as 21.50.")},
    )


def hours_field() -> forms.DecimalField:
    return forms.DecimalField(
        label=_("Hours per week"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        error_messages={"invalid": _("Enter the hours as a number, e.g. 32.")},
    )


def rounded(value: Decimal | None, places: str) -> Decimal | None:
    return None if value is None else value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


class PayMixin:
    """Round pay and hours to what is stored, then run the plausibility checks."""

    cleaned_data: dict[str, Any]

    def check_pay(self) -> None:
        data = self.cleaned_data
        period = data.get("wage_period") or "hour"
        # Checked as typed first (a huge number cannot be rounded), then as stored:
        # 0.04 hours is above 0 but is saved as 0.0.
        errors = rules.check_pay(data.get("hours_per_week"), data.get("wage"), period)
        failed = {name for name, _message in errors}
        for name, places in (("hours_per_week", "0.1"), ("wage", "0.01")):
            if name not in failed:
                data[name] = rounded(data.get(name), places)
        if not errors:
            errors = rules.check_pay(data.get("hours_per_week"), data.get("wage"), period)
        add_rule_errors(self, errors)  # type: ignore[arg-type]


class LocalizedChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return localized(obj, "name")


BILLABLE_CHOICES = (("yes", _("Yes")), ("no", _("No")), ("", _("Not known")))


class PlacementForm(PayMixin, forms.ModelForm):
    hours_per_week = hours_field()
    wage = money_field(_("Pay"))
    employer_type = LocalizedChoice(
        queryset=EmployerType.objects.all(), required=False, label=_("Type of employer")
    )
    job_title = LocalizedChoice(
        queryset=JobTitle.objects.all(),
        required=False,
        label=_("Job title"),
        help_text=_("Choose the closest one; type the exact title below if it differs."),
    )
    medi_cal_billable = forms.TypedChoiceField(
        label=_("Is it a Medi-Cal billable peer role?"),
        choices=BILLABLE_CHOICES,
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = JobPlacement
        fields = [
            "status",
            "employer_name",
            "employer_type",
            "job_title",
            "title",
            "offered_on",
            "start_date",
            "end_date",
            "hours_per_week",
            "wage",
            "wage_period",
            "medi_cal_billable",
        ]
        field_classes = {"employer_name": Text, "title": Text}
        widgets = {
            "status": forms.RadioSelect,
            "wage_period": forms.RadioSelect,
            "offered_on": DATE_WIDGET,
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer_name"].required = True
        self.fields["employer_name"].error_messages["required"] = _("Enter the employer's name.")
        if self.instance.pk and self.instance.medi_cal_billable is not None:
            self.initial["medi_cal_billable"] = "yes" if self.instance.medi_cal_billable else "no"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        status = data.get("status")
        if not data.get("job_title") and not (data.get("title") or "").strip():
            self.add_error("title", _("Choose a job title above or type it here."))
        started = status in (JobPlacement.Status.WORKING, JobPlacement.Status.ENDED)
        if started and not data.get("start_date") and not self.has_error("start_date"):
            self.add_error("start_date", _("Add the start date for a job that has started."))
        ended = status == JobPlacement.Status.ENDED
        if ended and not data.get("end_date") and not self.has_error("end_date"):
            self.add_error("end_date", _("Add the last day."))
        if status in (JobPlacement.Status.OFFERED, JobPlacement.Status.WORKING) and data.get(
            "end_date"
        ):
            self.add_error(
                "end_date",
                _("Clear the last day, or choose “No longer working there” as the status."),
            )
        if not any(self.has_error(n) for n in ("offered_on", "start_date", "end_date")):
            add_rule_errors(
                self,
                rules.check_placement_dates(
                    data.get("offered_on"),
                    data.get("start_date"),
                    data.get("end_date"),
                    today_local(),
                ),
            )
        self.check_pay()
        return data


YES_NO = (("yes", _("Yes")), ("no", _("No")))


def yes_no_field(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )


class FollowUpForm(PayMixin, forms.Form):
    contacted_on = forms.DateField(
        label=_("Checked in on"),
        widget=DATE_WIDGET,
        error_messages={"required": _("Add the date of the check-in.")},
    )
    still_employed = yes_no_field(_("Still working there?"))
    end_date = forms.DateField(
        label=_("Last day, if no longer working there"), required=False, widget=DATE_WIDGET
    )
    hours_per_week = hours_field()
    wage = money_field(_("Pay"))
    wage_period = forms.ChoiceField(
        label=_("Pay is"), choices=WagePeriod.choices, widget=forms.RadioSelect, initial="hour"
    )
    support_needed = Text(
        label=_("Support needed"),
        max_length=2000,
        widget=text_area(3),
        help_text=_("What would help the person keep or grow in this job."),
    )

    def __init__(self, *args: Any, placement: JobPlacement, milestone: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.placement = placement
        self.milestone = milestone

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start = self.placement.start_date
        contacted = data.get("contacted_on")
        today = today_local()
        if contacted:
            if contacted > today:
                self.add_error("contacted_on", _("This date is in the future."))
            elif start and contacted < start:
                self.add_error("contacted_on", _("The check-in is before the start date."))
            elif start:
                add_rule_errors(
                    self,
                    rules.check_follow_up(
                        start,
                        self.milestone,
                        contacted,
                        self.placement.end_date,
                        still_employed=data.get("still_employed"),
                    ),
                )
        if data.get("still_employed") is False:
            end = data.get("end_date")
            if end is None and not self.has_error("end_date"):
                self.add_error("end_date", _("Add the last day."))
            elif end is not None:
                add_rule_errors(self, rules.check_placement_dates(None, start, end, today))
        self.check_pay()
        return data


class OwnPlacementForm(PayMixin, forms.Form):
    """What a participant can change about their own job."""

    still_employed = yes_no_field(_("Are you still working there?"))
    end_date = forms.DateField(
        label=_("Your last day, if you have left"), required=False, widget=DATE_WIDGET
    )
    hours_per_week = hours_field()
    wage = money_field(_("Pay"))
    wage_period = forms.ChoiceField(
        label=_("Pay is"), choices=WagePeriod.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, placement: JobPlacement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.placement = placement

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("still_employed") is False:
            end = data.get("end_date")
            if end is None and not self.has_error("end_date"):
                self.add_error("end_date", _("Add your last day."))
            elif end is not None:
                add_rule_errors(
                    self,
                    rules.check_placement_dates(
                        None, self.placement.start_date, end, today_local()
                    ),
                )
        self.check_pay()
        return data


def earnings_quarters(placement: JobPlacement, today: Any) -> list[str]:
    """The calendar quarters the job covered up to today, latest first ("2026Q1")."""
    from peerpath.reports.rules import Quarter

    if placement.start_date is None:
        return []
    last_day = min(placement.end_date or today, today)
    quarter, last = Quarter.containing(placement.start_date), Quarter.containing(last_day)
    keys = []
    while quarter <= last:
        keys.append(quarter.key)
        quarter = quarter.plus(1)
    return keys[::-1]


class QuarterEarningsForm(forms.Form):
    """What the person earned at this job in one calendar quarter (pay stubs)."""

    quarter = forms.ChoiceField(
        label=_("Quarter"),
        help_text=_("Calendar quarters: Q1 is January to March."),
    )
    amount = forms.DecimalField(
        label=_("Earnings in the quarter (USD)"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal", "min": 0}),
        error_messages={
            "invalid": _("Enter an amount such as 4250.00."),
            "min_value": _("Earnings cannot be negative."),
        },
    )

    def __init__(self, *args: Any, placement: JobPlacement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        quarters = earnings_quarters(placement, today_local())
        self.fields["quarter"].choices = [(key, key) for key in quarters]
        self.fields["quarter"].error_messages["invalid_choice"] = _(
            "Choose a quarter in which the job was held."
        )
