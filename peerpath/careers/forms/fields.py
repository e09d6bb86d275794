"""Fields and helpers shared by the careers forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.careers.rules import plain_text

TOO_LONG = _(
    "Please shorten this to %(limit_value)d characters or fewer. It has %(show_value)d now."
)


class Text(forms.CharField):
    """Text counted as people see it, with a message instead of a silent cut.

    Line breaks count as one character (browsers send two), invisible control
    characters pasted from other programs are dropped, and there is no
    `maxlength` attribute: a browser cuts pasted text at that limit without a
    word, and losing the end of an answer is worse than being asked to shorten it.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.error_messages["max_length"] = TOO_LONG

    def to_python(self, value: Any) -> str:
        if isinstance(value, str):
            value = plain_text(value)
        return str(super().to_python(value))

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


def text_area(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def limit(field: forms.Field, max_length: int) -> None:
    """Give a model TextField's form field a length limit and the house message."""
    assert isinstance(field, forms.CharField)
    field.max_length = max_length
    field.validators.append(MaxLengthValidator(max_length))
    field.error_messages["max_length"] = TOO_LONG


def today_local() -> dt.date:
    return timezone.localdate()


def add_rule_errors(form: forms.BaseForm, errors: list[tuple[str, Any]]) -> None:
    for name, message in errors:
        if name in form.fields and not form.has_error(name):
            form.add_error(name, message)
        elif name not in form.fields:
            form.add_error(None, message)
