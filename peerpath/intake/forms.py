from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.intake.eligibility_json import LIVED_EXPERIENCE_VALUES
from peerpath.intake.models import Application, DocumentKind, LivedExperienceType
from peerpath.intake.readiness import (
    ANSWER_CHOICES,
    QUESTIONS,
    REFLECTION_MAX_LENGTH,
    STATEMENTS,
)
from peerpath.intake.rules import Applicant
from peerpath.lib.uploads import DocumentField

if TYPE_CHECKING:
    from django.forms import BoundField

    from peerpath.intake.readiness import Text

EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)


class ReflectionField(forms.CharField):
    """Free text counted the way people see it.

    Browsers send each line break as two characters; counting it as one keeps
    the length check in step with what the person typed. No `maxlength`
    attribute: browsers silently cut pasted text at that limit, and losing
    the end of a reflection without notice is worse than a message.
    """

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).replace("\r\n", "\n")

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class ReadinessForm(forms.Form):
    """The self-assessment: every answer is optional. Nothing is stored unless a
    signed-in participant ticks `keep`."""

    def __init__(self, *args: Any, can_keep: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for statement in STATEMENTS:
            self.fields[statement.code] = forms.ChoiceField(
                label=statement.text,
                choices=ANSWER_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Choose agree, not sure or disagree, or leave it blank.")
                },
            )
        for question in QUESTIONS:
            self.fields[question.code] = ReflectionField(
                label=question.text,
                required=False,
                max_length=REFLECTION_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
                error_messages={
                    "max_length": _(
                        "Please shorten this answer to %(limit_value)d characters or fewer. "
                        "It has %(show_value)d now."
                    )
                },
            )
        if can_keep:
            self.fields["keep"] = forms.BooleanField(
                label=_("Keep a copy of my summary in my account"),
                help_text=_("Only you can see it, and you can delete it at any time."),
                required=False,
            )

    def statement_fields(self) -> list[BoundField]:
        return [self[statement.code] for statement in STATEMENTS]

    def reflection_fields(self) -> list[BoundField]:
        return [self[question.code] for question in QUESTIONS]

    def agreement_answers(self) -> dict[str, str]:
        return {statement.code: self.cleaned_data[statement.code] for statement in STATEMENTS}

    def reflections(self) -> list[tuple[Text, str]]:
        """The questions the person answered, with their answers, in order."""
        return reflections_in_order(self.reflection_answers())

    def reflection_answers(self) -> dict[str, str]:
        return {q.code: self.cleaned_data[q.code] for q in QUESTIONS if self.cleaned_data[q.code]}


def reflections_in_order(answers: dict[str, str]) -> list[tuple[Text, str]]:
    return [(q.text, answers[q.code]) for q in QUESTIONS if answers.get(q.code)]


YES_NO_CHOICES = (("yes", _("Yes")), ("no", _("No")))

LIVED_EXPERIENCE_CHOICES = (
    ("consumer", _("Yes, as someone who has used services")),
    ("family", _("Yes, as a parent, caregiver or family member of someone who has used services")),
    ("both", _("Yes, both")),
    ("no", _("No")),
)


def _is_yes(value: str) -> bool:
    return value == "yes"


def _yes_no(label: Text, help_text: Text = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO_CHOICES,
        coerce=_is_yes,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose yes or no."),
            "invalid_choice": _("Choose yes or no."),
        },
    )


class EligibilityForm(forms.Form):
    """The program's questions (DOMAIN §1), parsed into a rules.Applicant."""

    birth_date = forms.DateField(
        label=_("Date of birth"),
        widget=forms.DateInput(
            format="%Y-%m-%d",
            attrs={"type": "date", "min": EARLIEST_BIRTH_DATE.isoformat(), "autocomplete": "off"},
        ),
        error_messages={
            "required": _("Enter your date of birth."),
            "invalid": _("Enter your date of birth as a real date, for example 2004-03-15."),
        },
    )
    lived_experience = forms.ChoiceField(
        label=_(
            "Do you have lived experience of recovery from a mental health or substance use "
            "challenge?"
        ),
        help_text=_("Lived experience is yours to describe. Choose what fits you best."),
        choices=LIVED_EXPERIENCE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the answer that fits you best."),
            "invalid_choice": _("Choose the answer that fits you best."),
        },
    )
    diploma = _yes_no(
        _("Do you have a high school diploma or an equivalent?"),
        _("For example a GED or HiSET certificate, or a college degree."),
    )
    internet_access = _yes_no(_("Do you have access to an internet connection?"))
    computer_skills = _yes_no(_("Can you use a computer or laptop?"))
    willing_to_share = _yes_no(
        _("Are you willing to share your lived experience, and are you dedicated to your recovery?")
    )
    commits_to_training = _yes_no(
        _("Can you commit to taking part in the whole 80-hour live online training?")
    )
    commits_to_certification = _yes_no(
        _("Do you commit to the goal of completing Medi-Cal Peer Support Specialist certification?")
    )
    agrees_to_code_of_ethics = _yes_no(
        _("Do you agree to follow the Code of Ethics for peer support specialists?"),
        _("You sign it in writing when you apply."),
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["birth_date"].widget.attrs["max"] = today.isoformat()

    def choice_fields(self) -> list[BoundField]:
        return [self[name] for name in self.fields if name != "birth_date"]

    def clean_birth_date(self) -> dt.date:
        birth_date: dt.date = self.cleaned_data["birth_date"]
        if birth_date > self.today:
            raise forms.ValidationError(_("Your date of birth can't be in the future."))
        if birth_date < EARLIEST_BIRTH_DATE:
            raise forms.ValidationError(
                _("That date is before 1900. Please check the year of your date of birth.")
            )
        return birth_date

    def to_applicant(self) -> Applicant:
        """Map the answers like eligibility_json.parse_applicant: "both" counts as
        a consumer of services, "no" as no lived experience."""
        data = self.cleaned_data
        return Applicant(
            today=self.today,
            birth_date=data["birth_date"],
            lived_experience=LIVED_EXPERIENCE_VALUES.get(data["lived_experience"]),
            diploma=data["diploma"],
            internet_access=data["internet_access"],
            computer_skills=data["computer_skills"],
            willing_to_share=data["willing_to_share"],
            commits_to_training=data["commits_to_training"],
            commits_to_certification=data["commits_to_certification"],
            agrees_to_code_of_ethics=data["agrees_to_code_of_ethics"],
        )


# Letters (any script), with single spaces, hyphens, apostrophes or periods between parts.
NAME_PATTERN = re.compile(r"^[^\W\d_]+(?:[ '’.-][^\W\d_]+)*\.?$")


def normalise_name(value: str) -> str:
    return " ".join(value.split())


class EthicsSignatureForm(forms.Form):
    agree = forms.BooleanField(
        label=_("I have read the Code of Ethics and I agree to follow it."),
        error_messages={"required": _("Tick the box to show you agree.")},
    )
    typed_name = forms.CharField(
        label=_("Type your full name to sign"),
        max_length=200,
        error_messages={"required": _("Type your full name to sign.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def __init__(self, *args: Any, expected_name: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.expected_name = normalise_name(expected_name)

    def clean_typed_name(self) -> str:
        name = normalise_name(self.cleaned_data["typed_name"])
        if len(name) < 2 or not NAME_PATTERN.match(name):
            raise forms.ValidationError(
                _("Type your name using letters, spaces, hyphens or apostrophes.")
            )
        if self.expected_name and name.casefold() != self.expected_name.casefold():
            raise forms.ValidationError(
                _("Type your name as it is on your account: %(name)s."),
                params={"name": self.expected_name},
            )
        return name


ZIP_PATTERN = re.compile(r"^\d{5}$")
PHONE_PATTERN = re.compile(r"^\+?[\d\s().-]{7,20}$")
YES_NO = [("True", _("Yes")), ("False", _("No"))]


class AboutYouForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "legal_first_name",
            "legal_last_name",
            "preferred_name",
            "pronouns",
            "date_of_birth",
            "phone",
            "preferred_language",
            "county",
            "zip_code",
            "heard_about",
        ]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "zip_code": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "postal-code"}
            ),
        }
        help_texts = {
            "legal_first_name": _(
                "Exactly as on your government photo ID: the certifying body "
                "checks that the names match."
            ),
            "preferred_name": _("What you like to be called. We use this everywhere else."),
        }

    def _name(self, field: str) -> str:
        value = normalise_name(self.cleaned_data.get(field, ""))
        if value and not NAME_PATTERN.match(value):
            raise forms.ValidationError(
                _("Use letters, spaces, hyphens or apostrophes, as on your ID.")
            )
        return value

    def clean_legal_first_name(self) -> str:
        return self._name("legal_first_name")

    def clean_legal_last_name(self) -> str:
        return self._name("legal_last_name")

    def clean_date_of_birth(self) -> dt.date | None:
        value = self.cleaned_data.get("date_of_birth")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Your date of birth can't be in the future."))
        if value and value.year < 1900:
            raise forms.ValidationError(_("Check the year of your date of birth."))
        return value

    def clean_phone(self) -> str:
        value = self.cleaned_data.get("phone", "").strip()
        if value and not PHONE_PATTERN.match(value):
            raise forms.ValidationError(_("Enter a phone number, for example 951-555-0123."))
        return value

    def clean_zip_code(self) -> str:
        value = self.cleaned_data.get("zip_code", "").strip()
        if value and not ZIP_PATTERN.match(value):
            raise forms.ValidationError(_("Enter a 5-digit ZIP code."))
        return value


class ExperienceForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "lived_experience",
            "diploma",
            "internet_access",
            "computer_skills",
            "willing_to_share",
            "dedicated_to_recovery",
            "commits_to_training",
            "commits_to_certification",
        ]
        widgets = {"lived_experience": forms.RadioSelect}
        help_texts = {
            "lived_experience": _(
                "The program is for people with lived experience of recovery "
                "from a mental health or substance use challenge, their own "
                "or a family member's. You decide how much to share later."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lived_experience"].choices = list(LivedExperienceType.choices)
        labels = {
            "diploma": _(
                "Do you have a high school diploma or an equivalent (GED, HiSET or higher)?"
            ),
            "internet_access": _("Do you have an internet connection you can use for training?"),
            "computer_skills": _("Can you use a computer or laptop?"),
            "willing_to_share": _("Are you willing to share your lived experience to help others?"),
            "dedicated_to_recovery": _(
                "Are you strongly dedicated to recovery, your own or your family's? "
                "Certification asks for it, and the work draws on it every day."
            ),
            "commits_to_training": _(
                "Can you take part in the whole 80-hour live online training?"
            ),
            "commits_to_certification": _(
                "Do you want to complete the requirements for "
                "Medi-Cal Peer Support Specialist certification?"
            ),
        }
        for name, label in labels.items():
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                choices=YES_NO,
                widget=forms.RadioSelect,
                required=False,
                coerce=lambda value: value == "True",
                empty_value=None,
            )


# The stored codes keep their first names; the labels follow each program's schedule.
ORIENTATION_CHOICES = [
    ("next_monday", _("The next orientation")),
    ("in_two_weeks", _("An orientation in the next two weeks")),
    ("contact_me", _("None of these: please contact me")),
]


class OrientationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["orientation_preference"]
        widgets = {"orientation_preference": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from peerpath.intake.programs import orientation_times

        program = self.instance.program
        when = orientation_times([program]).get(program.pk) if program else None
        label = (
            _("Orientation is online: %(when)s. Which suits you?") % {"when": when}
            if when
            else _(
                "Orientation is online; the program confirms the date with you. Which suits you?"
            )
        )
        self.fields["orientation_preference"] = forms.ChoiceField(
            label=label,
            widget=forms.RadioSelect,
            required=False,
            choices=ORIENTATION_CHOICES,
        )


# Enough for the front and back of an ID and a retake; a bound on what one account stores.
MAX_FILES_PER_DOCUMENT = 3


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Which document is this?"), choices=DocumentKind.choices)
    file = DocumentField(label=_("File (PDF, JPEG or PNG, up to 10 MB)"))

    def __init__(
        self,
        *args: Any,
        kinds: list[str] | None = None,
        stored: Mapping[str, int] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.stored = stored or {}
        if kinds is not None:
            self.fields["kind"].choices = [c for c in DocumentKind.choices if c[0] in kinds]

    def clean_kind(self) -> str:
        kind: str = self.cleaned_data["kind"]
        if self.stored.get(kind, 0) >= MAX_FILES_PER_DOCUMENT:
            raise forms.ValidationError(
                _(
                    "You have already uploaded %(count)d files for this document. "
                    "Remove one to add another."
                ),
                params={"count": MAX_FILES_PER_DOCUMENT},
            )
        return kind
