"""The report's filters: organization (installation administrators), program,
cohort and period (a program year July–June, a calendar quarter, or custom)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from peerpath.accounts.models import Cohort, Organization, Program
from peerpath.reports.rules import Period, Quarter

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CUSTOM = "custom"


def program_year(start_year: int) -> Period:
    return Period(dt.date(start_year, 7, 1), dt.date(start_year + 1, 6, 30))


def current_program_year(today: dt.date) -> int:
    return today.year if today.month >= 7 else today.year - 1


def period_choices(today: dt.date) -> list[tuple[str, Any]]:
    this_year = current_program_year(today)
    years = [
        (
            f"py-{year}",
            _("Program year July %(start)s – June %(end)s") % {"start": year, "end": year + 1},
        )
        for year in range(this_year, this_year - 4, -1)
    ]
    this_quarter = Quarter.containing(today)
    quarters = [
        (f"q-{q.key}", _("Quarter %(quarter)s") % {"quarter": q.key})
        for q in (this_quarter.plus(-n) for n in range(8))
    ]
    return [*years, *quarters, (CUSTOM, _("Custom dates"))]


def default_period_value(today: dt.date) -> str:
    """The last complete program year."""
    return f"py-{current_program_year(today) - 1}"


class ReportFilterForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none(), required=False
    )
    program = forms.ModelChoiceField(
        label=_("Program"), queryset=Program.objects.none(), required=False
    )
    cohort = forms.ModelChoiceField(
        label=_("Cohort"), queryset=Cohort.objects.none(), required=False
    )
    period = forms.ChoiceField(label=_("Period"))
    start = forms.DateField(
        label=_("From"), required=False, widget=DATE_WIDGET, help_text=_("For custom dates.")
    )
    end = forms.DateField(
        label=_("To (included)"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("For custom dates."),
    )

    def __init__(
        self,
        data: Any,
        *,
        organizations: Any | None,
        programs: Any,
        today: dt.date,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.today = today
        if organizations is None:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = organizations
            self.fields["organization"].empty_label = _("All organizations")
        self.fields["program"].queryset = programs
        self.fields["program"].empty_label = _("All programs")
        self.fields["cohort"].queryset = Cohort.objects.filter(program__in=programs).select_related(
            "program"
        )
        self.fields["cohort"].empty_label = _("All cohorts")
        self.fields["period"].choices = period_choices(today)
        self.fields["period"].initial = default_period_value(today)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        organization = data.get("organization")
        program, cohort = data.get("program"), data.get("cohort")
        if organization and program and program.organization_id != organization.pk:
            self.add_error("program", _("Choose a program of the chosen organization."))
        if program and cohort and cohort.program_id != program.pk:
            self.add_error("cohort", _("Choose a cohort of the chosen program."))
        if (
            organization
            and cohort
            and not program
            and cohort.program.organization_id != organization.pk
        ):
            self.add_error("cohort", _("Choose a cohort of the chosen organization."))
        choice = data.get("period")
        if choice == CUSTOM:
            start, end = data.get("start"), data.get("end")
            if start is None and "start" not in self.errors:
                self.add_error("start", _("Enter the first day of the period."))
            if end is None and "end" not in self.errors:
                self.add_error("end", _("Enter the last day of the period."))
            if start and end:
                if end < start:
                    self.add_error("end", _("The period cannot end before it starts."))
                elif start > self.today:
                    self.add_error("start", _("A report cannot start in the future."))
                else:
                    data["period_value"] = Period(start, end)
        elif choice:
            kind, _sep, value = choice.partition("-")
            data["period_value"] = (
                program_year(int(value)) if kind == "py" else self._quarter(value)
            )
        return data

    @staticmethod
    def _quarter(key: str) -> Period:
        quarter = Quarter.parse(key)
        return Period(quarter.first_day, quarter.last_day)


class DeidentifiedExportForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none(), required=False
    )
    program = forms.ModelChoiceField(
        label=_("Program"), queryset=Program.objects.none(), required=False
    )
    export_key = forms.CharField(
        label=_("Export key"),
        min_length=8,
        max_length=100,
        help_text=_(
            "The same key gives the same study ids, so a later export can be linked to this "
            "one; a new key gives new ids. Keep it with the study's records, not with the data."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    dates = forms.ChoiceField(
        label=_("Dates"),
        choices=[
            ("shift", _("Shifted by a random number of days per person (keeps intervals)")),
            ("year", _("Year only")),
        ],
        initial="shift",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why is this export needed?"),
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example, the evaluation it is for. It is kept in the audit log."),
        error_messages={"min_length": _("Please say in a sentence why the export is needed.")},
    )

    def __init__(self, *args: Any, organizations: Any | None, programs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organizations is None:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = organizations
            self.fields["organization"].empty_label = _("All organizations")
        self.fields["program"].queryset = programs
        self.fields["program"].empty_label = _("All programs")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        organization, program = data.get("organization"), data.get("program")
        if organization and program and program.organization_id != organization.pk:
            self.add_error("program", _("Choose a program of the chosen organization."))
        return data
