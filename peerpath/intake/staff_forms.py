"""Forms staff use to decide on applications and to manage cohorts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from peerpath.accounts.models import Cohort, Program, Role, User
from peerpath.accounts.rules import cohort_has_ended, cohort_has_started, cohort_is_full
from peerpath.intake.forms import ReflectionField
from peerpath.intake.review import requestable_items_lazy
from peerpath.intake.rules import PROGRAM_RULE_CODES

NOTE_MAX_LENGTH = 2000


def _note(label: Any, *, required: bool, help_text: Any = "") -> ReflectionField:
    return ReflectionField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write a short note for the applicant."),
            "max_length": _(
                "Please shorten this note to %(limit_value)d characters or fewer. "
                "It has %(show_value)d now."
            ),
        },
    )


class RequestInformationForm(forms.Form):
    items = forms.MultipleChoiceField(
        label=_("What should the applicant add or check?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing to ask for.")},
    )
    message = _note(
        _("Message to the applicant"),
        required=True,
        help_text=_("Say what is needed and why, kindly. The applicant reads it in PeerPath."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = requestable_items_lazy()


class EligibleForm(forms.Form):
    note = _note(_("Note to the applicant (optional)"), required=False)


RULE_LABELS = {
    "lived_experience": _("Lived experience"),
    "age": _("Age"),
    "diploma": _("Diploma or equivalent"),
    "internet_and_computer": _("Internet access and computer use"),
    "willing_to_share": _("Willing to share their experience"),
    "training_commitment": _("Commitment to the 80-hour training"),
    "certification_commitment": _("Commitment to certification"),
    "code_of_ethics": _("Code of Ethics"),
}


class NotEligibleForm(forms.Form):
    codes = forms.MultipleChoiceField(
        label=_("Which requirements are not met?"),
        help_text=_(
            "The applicant sees what each one is for and what they can do next, "
            "including other ways into peer support work."
        ),
        choices=[(code, RULE_LABELS[code]) for code in PROGRAM_RULE_CODES],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the requirement that is not met.")},
    )
    note = _note(
        _("Note to the applicant"),
        required=True,
        help_text=_("Explain the decision respectfully and suggest what could help."),
    )


class EnrolForm(forms.Form):
    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.none(),
        error_messages={"required": _("Choose a cohort."), "invalid_choice": _("Choose a cohort.")},
    )
    advocate = forms.ModelChoiceField(
        label=_("Peer support advocate"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Choose a peer support advocate."),
            "invalid_choice": _("Choose a peer support advocate."),
        },
    )

    late = forms.BooleanField(
        label=_("Yes, enrol them although the cohort's training has already started."),
        required=False,
    )
    waitlist = forms.BooleanField(
        label=_("If the cohort is full, put them on its waiting list instead."),
        required=False,
    )

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = program.today()
        self.fields["cohort"].queryset = (
            Cohort.objects.filter(program=program, ends_on__gte=self.today)
            .annotate(
                enrolled_count=Count(
                    "participants", filter=Q(participants__role=Role.PARTICIPANT), distinct=True
                )
            )
            .order_by("starts_on", "name")
        )
        self.fields["cohort"].label_from_instance = self._cohort_label
        self.fields["advocate"].queryset = User.objects.filter(
            role=Role.ADVOCATE, organization_id=program.organization_id, is_active=True
        ).order_by("full_name", "email")
        self.fields["advocate"].label_from_instance = lambda user: user.display_name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cohort = cleaned.get("cohort")
        cleaned["full"] = False
        if cohort is None:
            return cleaned
        starts = date_format(cohort.starts_on, "DATE_FORMAT")
        if cohort_has_ended(cohort.ends_on, self.today):
            self.add_error(
                "cohort",
                _("This cohort's training ended on %(date)s. Choose another cohort.")
                % {"date": date_format(cohort.ends_on, "DATE_FORMAT")},
            )
            return cleaned
        full = cohort_is_full(cohort.capacity, cohort.enrolled_count)
        cleaned["full"] = full
        if full and not cleaned.get("waitlist"):
            self.add_error(
                "cohort",
                _(
                    "This cohort is full (%(places)s places). Choose another, or tick the box "
                    "to put them on its waiting list."
                )
                % {"places": cohort.capacity},
            )
        elif (
            not full
            and cohort_has_started(cohort.starts_on, self.today)
            and not cleaned.get("late")
        ):
            self.add_error(
                "late",
                _(
                    "This cohort's training started on %(date)s. Tick the box to confirm a late "
                    "start, or choose a cohort that has not started."
                )
                % {"date": starts},
            )
        return cleaned

    def _cohort_label(self, cohort: Cohort) -> str:
        label = _("%(name)s, starts %(date)s") % {
            "name": str(cohort),
            "date": date_format(cohort.starts_on, "SHORT_DATE_FORMAT"),
        }
        if cohort_has_started(cohort.starts_on, self.today):
            label = _("%(label)s (already started)") % {"label": label}
        if cohort.capacity is not None:
            label = _("%(label)s: %(enrolled)s of %(places)s places taken") % {
                "label": label,
                "enrolled": cohort.enrolled_count,
                "places": cohort.capacity,
            }
        return str(label)


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("The applicant asked to withdraw."),
        error_messages={"required": _("Tick the box to confirm the applicant asked for this.")},
    )
    note = _note(_("Note (optional)"), required=False)


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "name_es", "starts_on", "ends_on", "capacity"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "name": {"required": _("Give the cohort a name.")},
            "starts_on": {
                "required": _("Enter the date training starts."),
                "invalid": _("Enter a real date, for example 2027-01-11."),
            },
            "ends_on": {
                "required": _("Enter the date training ends."),
                "invalid": _("Enter a real date, for example 2027-01-11."),
            },
        }

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.program = program

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        taken = Cohort.objects.filter(program=self.instance.program, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This program already has a cohort with that name."))
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date must be on or after the start date."))
        return data
