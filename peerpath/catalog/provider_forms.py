"""Editing a training provider, and the CSV import form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from peerpath.catalog.models import Modality, Provider, Specialization, TrainingMethod


class ProviderForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    specializations = forms.ModelMultipleChoiceField(
        label=_("Specializations"),
        queryset=Specialization.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    methods = forms.ModelMultipleChoiceField(
        label=_("How it is taught"),
        queryset=TrainingMethod.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    modalities = forms.ModelMultipleChoiceField(
        label=_("Format"),
        queryset=Modality.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Provider
        fields = [
            "name",
            "slug",
            "short_name",
            "offers_core_training",
            "approved_for_core",
            "specializations",
            "website",
            "phone",
            "email",
            "languages",
            "cost",
            "next_starts",
            "location_text",
            "statewide",
            "methods",
            "modalities",
            "schedule",
            "schedule_es",
            "hours",
            "hours_note",
            "hours_note_es",
            "notes",
            "notes_es",
            "is_active",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "notes_es": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("specializations", "methods", "modalities"):
            self.fields[name].label_from_instance = lambda obj: obj.name  # type: ignore[attr-defined]
        if self.instance.pk:
            del self.fields["slug"]

    def clean_languages(self) -> str:
        codes = [c.strip().lower() for c in self.cleaned_data["languages"].split(",") if c.strip()]
        if any(code not in {"en", "es"} for code in codes):
            raise forms.ValidationError(_("Use the codes en and es, separated by commas."))
        return ",".join(codes)


class ProviderImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("The same columns as the export. Rows are matched by their short name (slug)."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Choose a .csv file."))
        return upload
