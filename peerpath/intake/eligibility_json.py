"""JSON in, JSON out for the program eligibility check.

Input is one object with exactly the keys in `FIELDS`; the age band is not
part of it, because it is a setting of the program, not something an
applicant states.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from peerpath.intake.rules import (
    DEFAULT_AGE_BAND,
    AgeBand,
    Applicant,
    EligibilityResult,
    LivedExperience,
    program_eligibility,
)
from peerpath.lib.jsoncli import InputError, json_bool, json_date

BOOLEAN_FIELDS = (
    "diploma",
    "internet_access",
    "computer_skills",
    "willing_to_share",
    "commits_to_training",
    "commits_to_certification",
    "agrees_to_code_of_ethics",
)
FIELDS = ("today", "birth_date", "lived_experience", *BOOLEAN_FIELDS)

# "both" is offered on the form; for the rule, being a consumer is enough.
LIVED_EXPERIENCE_VALUES: dict[str, LivedExperience] = {
    "consumer": "consumer",
    "family": "family",
    "both": "consumer",
}


def _required(obj: Mapping[str, Any], field: str) -> Any:
    if field not in obj:
        raise InputError(field, "is required")
    return obj[field]


def _date(obj: Mapping[str, Any], field: str) -> dt.date:
    return json_date(_required(obj, field), field)


def _boolean(obj: Mapping[str, Any], field: str) -> bool:
    return json_bool(_required(obj, field), field)


def _lived_experience(obj: Mapping[str, Any]) -> LivedExperience | None:
    value = _required(obj, "lived_experience")
    if value is None:
        return None
    if isinstance(value, str) and value in LIVED_EXPERIENCE_VALUES:
        return LIVED_EXPERIENCE_VALUES[value]
    allowed = ", ".join(f'"{choice}"' for choice in LIVED_EXPERIENCE_VALUES)
    raise InputError("lived_experience", f"expected {allowed} or null")


def parse_applicant(obj: Mapping[str, Any]) -> Applicant:
    """Build an `Applicant`, or raise `InputError` naming the first bad field."""
    unknown = [key for key in obj if key not in FIELDS]
    if unknown:
        raise InputError(str(unknown[0]), "is not a known field")
    today = _date(obj, "today")
    birth_date = _date(obj, "birth_date")
    if birth_date > today:
        raise InputError("birth_date", "is after today")
    return Applicant(
        today=today,
        birth_date=birth_date,
        lived_experience=_lived_experience(obj),
        diploma=_boolean(obj, "diploma"),
        internet_access=_boolean(obj, "internet_access"),
        computer_skills=_boolean(obj, "computer_skills"),
        willing_to_share=_boolean(obj, "willing_to_share"),
        commits_to_training=_boolean(obj, "commits_to_training"),
        commits_to_certification=_boolean(obj, "commits_to_certification"),
        agrees_to_code_of_ethics=_boolean(obj, "agrees_to_code_of_ethics"),
    )


def result_to_json(result: EligibilityResult) -> dict[str, Any]:
    return {"eligible": result.eligible, "unmet": [rule.code for rule in result.unmet]}


def check_eligibility_json(
    obj: Mapping[str, Any], band: AgeBand = DEFAULT_AGE_BAND
) -> dict[str, Any]:
    return result_to_json(program_eligibility(parse_applicant(obj), band))
