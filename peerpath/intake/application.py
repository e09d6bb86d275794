"""The application's steps and what a complete application needs (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    code: str
    title: Promise
    required: tuple[str, ...]


STEPS: tuple[Step, ...] = (
    Step(
        "about",
        _("About you"),
        (
            "legal_first_name",
            "legal_last_name",
            "date_of_birth",
            "phone",
            "preferred_language",
            "county",
            "zip_code",
        ),
    ),
    Step(
        "experience",
        _("Your experience and commitments"),
        (
            "lived_experience",
            "diploma",
            "internet_access",
            "computer_skills",
            "willing_to_share",
            "commits_to_training",
            "commits_to_certification",
        ),
    ),
    Step("documents", _("Documents"), ()),
    Step("orientation", _("Orientation"), ("orientation_preference",)),
)
STEP_CODES = tuple(step.code for step in STEPS)
REQUIRED_DOCUMENTS = ("photo_id", "diploma")


@dataclass(frozen=True)
class Missing:
    step: str
    item: str  # a field name, a document kind, or "code_of_ethics"


def missing_items(
    values: Mapping[str, Any], document_kinds: set[str], ethics_signed: bool
) -> list[Missing]:
    """Everything still needed before the application can be submitted, in step order.

    Empty strings and None count as missing; False is an answer (it may make the
    person ineligible, which staff decide, but it is not missing).
    """
    missing = [
        Missing(step.code, name)
        for step in STEPS
        for name in step.required
        if values.get(name) in (None, "")
    ]
    missing += [
        Missing("documents", kind) for kind in REQUIRED_DOCUMENTS if kind not in document_kinds
    ]
    if not ethics_signed:
        missing.append(Missing("ethics", "code_of_ethics"))
    return missing


def next_step(values: Mapping[str, Any], document_kinds: set[str]) -> str:
    """The first step with something missing, or "review" when all are done."""
    for item in missing_items(values, document_kinds, ethics_signed=True):
        return item.step
    return "review"
