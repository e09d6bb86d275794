"""Forms of the staff administration pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from peerpath.accounts.access import is_installation_admin, organizations_for_user
from peerpath.accounts.models import Organization, Program, Role, User

STAFF_ROLE_CHOICES = [
    (Role.ADVOCATE.value, Role.ADVOCATE.label),
    (Role.COORDINATOR.value, Role.COORDINATOR.label),
    (Role.ADMINISTRATOR.value, Role.ADMINISTRATOR.label),
]


class ProgramChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Program) -> str:  # type: ignore[override]
        return str(obj)


def _programs_in(organizations: QuerySet[Organization]) -> QuerySet[Program]:
    return Program.objects.filter(organization__in=organizations).select_related("organization")


class InviteStaffForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=STAFF_ROLE_CHOICES, widget=forms.RadioSelect)
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none()
    )
    programs = ProgramChoiceField(
        label=_("Programs they work in"), queryset=Program.objects.none(), required=False
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=[("en", "English"), ("es", "Español")],
        widget=forms.RadioSelect,
        initial="en",
    )

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organizations = organizations_for_user(actor)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["programs"].queryset = _programs_in(organizations)  # type: ignore[attr-defined]
        if not is_installation_admin(actor):
            # An organization's administrator invites into their own organization only.
            del self.fields["organization"]
            self.organization = actor.organization
        else:
            self.organization = None

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Someone already has an account with this address."))
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        organization = cleaned.get("organization", self.organization)
        cleaned["organization"] = organization
        programs = cleaned.get("programs") or []
        if organization is not None and any(
            program.organization_id != organization.pk for program in programs
        ):
            self.add_error("programs", _("Choose programs of the person's own organization."))
        return cleaned


class ChangeStaffForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=STAFF_ROLE_CHOICES, widget=forms.RadioSelect)
    programs = ProgramChoiceField(
        label=_("Programs they work in"), queryset=Program.objects.none(), required=False
    )

    def __init__(self, *args: Any, member: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programs"].queryset = Program.objects.filter(  # type: ignore[attr-defined]
            organization_id=member.organization_id
        )


class ResetSecondFactorForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: lost phone, confirmed by a call. It is kept in the audit log."),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 5:
            raise forms.ValidationError(_("Say in a few words why the second step is reset."))
        return reason


class AdvocateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        if obj.organization is not None:
            return f"{obj.display_name} ({obj.organization.name})"
        return obj.display_name


class ReassignCaseloadForm(forms.Form):
    participants = forms.ModelMultipleChoiceField(
        label=_("People"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one person.")},
    )
    advocate = AdvocateChoiceField(
        label=_("New peer support advocate"),
        queryset=User.objects.none(),
        empty_label=_("Choose an advocate"),
    )

    def __init__(
        self, *args: Any, participants: QuerySet[User], advocates: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = participants  # type: ignore[attr-defined]
        self.fields["advocate"].queryset = advocates  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        advocate = cleaned.get("advocate")
        people = cleaned.get("participants") or []
        if advocate is not None and any(
            person.program is None or person.program.organization_id != advocate.organization_id
            for person in people
        ):
            self.add_error(
                "advocate", _("Choose an advocate of the same organization as the people.")
            )
        return cleaned


class AcceptInvitationForm(SetPasswordForm):
    """Choose a password (Django's rules for strength, both fields must match)."""
