from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from peerpath.catalog.geo import ZIP_PATTERN, zip_centroid
from peerpath.catalog.models import Modality, Specialization, TrainingMethod
from peerpath.catalog.search import DEFAULT_RADIUS_MILES, MAX_RADIUS_MILES, ProviderQuery


class ProviderFilterForm(forms.Form):
    """Validates finder filters for the page and the API alike."""

    specialization = forms.ChoiceField(label=_("Specialization"), required=False)
    method = forms.ChoiceField(label=_("How it is taught"), required=False)
    modality = forms.ChoiceField(label=_("Format"), required=False)
    online = forms.BooleanField(
        label=_("Include online options I can join from anywhere"), required=False
    )
    near = forms.CharField(
        label=_("Near ZIP code"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    radius_miles = forms.IntegerField(
        label=_("Within (miles)"),
        required=False,
        min_value=1,
        max_value=MAX_RADIUS_MILES,
        error_messages={
            "min_value": _("Choose a distance of at least 1 mile."),
            "max_value": _("Choose a distance of %(limit_value)s miles or less."),
            "invalid": _("Enter the distance as a whole number of miles."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_choice = [("", _("Any"))]
        self.fields["specialization"].choices = any_choice + [
            (s.code, f"{s.code} — {s.tr('name')}") for s in Specialization.objects.all()
        ]
        self.fields["method"].choices = any_choice + [
            (m.code, m.tr("name")) for m in TrainingMethod.objects.all()
        ]
        self.fields["modality"].choices = any_choice + [
            (m.code, m.tr("name")) for m in Modality.objects.all()
        ]
        for name in ("specialization", "method", "modality"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "“%(value)s” is not one of the options. Choose one from the list."
            )

    def clean_near(self) -> str:
        near = self.cleaned_data["near"].strip()
        if not near:
            return ""
        if not ZIP_PATTERN.match(near):
            raise forms.ValidationError(_("Enter a 5-digit US ZIP code, for example 92501."))
        if zip_centroid(near) is None:
            raise forms.ValidationError(
                _("We could not find ZIP code %(zip)s. Check the number and try again."),
                params={"zip": near},
            )
        return near

    def to_query(self) -> ProviderQuery:
        data = self.cleaned_data
        return ProviderQuery(
            specialization=data.get("specialization") or "",
            method=data.get("method") or "",
            modality=data.get("modality") or "",
            online=bool(data.get("online")),
            near=data.get("near") or "",
            radius_miles=data.get("radius_miles") or DEFAULT_RADIUS_MILES,
        )
