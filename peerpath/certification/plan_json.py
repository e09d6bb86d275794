"""JSON in, JSON out for the certification plan.

Input is one object: `today` (required) and the optional fields in
`FIELDS`: dates, and `exam_attempts`, a list of {"date", "passed"}. Dates are
strict YYYY-MM-DD; null means the same as leaving a field out. Anything else
raises `InputError` naming the field, e.g. `exam_attempts[1].date`.

Facts are parsed, not judged: an approval dated before the submission is
accepted here and planned as given. `rules.validate_facts` is the check for
facts a person enters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from peerpath.certification.jurisdictions import CALIFORNIA, Jurisdiction
from peerpath.certification.rules import (
    CaseFacts,
    ExamAttempt,
    Plan,
    WaitingFacts,
    compute_plan,
    expected_answers,
)
from peerpath.lib.jsoncli import InputError, json_bool, json_date, reject_unknown

FIELDS = (
    "today",
    "birth_date",
    "application_submitted",
    "application_completed",
    "application_approved",
    "training_completed",
    "exam_attempts",
    "certified_on",
    "ethics_signed_on",
    "training_certificate_uploaded",
    "training_certificate_approved",
    "exam_scheduled_for",
    "accommodation_requested",
)
# Inputs only for the "expect an answer by" dates, added to `deadlines` in the output.
WAITING_FIELDS = FIELDS[-4:]
ATTEMPT_FIELDS = ("date", "passed")


def _optional_date(obj: Mapping[str, Any], field: str) -> dt.date | None:
    value = obj.get(field)
    return None if value is None else json_date(value, field)


def _exam_attempt(item: Any, index: int) -> ExamAttempt:
    prefix = f"exam_attempts[{index}]"
    if not isinstance(item, dict):
        raise InputError(prefix, 'expected an object with "date" and "passed"')
    reject_unknown(item, ATTEMPT_FIELDS, prefix=f"{prefix}.")
    for field in ATTEMPT_FIELDS:
        if item.get(field) is None:
            raise InputError(f"{prefix}.{field}", "is required")
    passed = json_bool(item["passed"], f"{prefix}.passed")
    return ExamAttempt(date=json_date(item["date"], f"{prefix}.date"), passed=passed)


def _exam_attempts(obj: Mapping[str, Any]) -> tuple[ExamAttempt, ...]:
    value = obj.get("exam_attempts")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InputError("exam_attempts", "expected a list of attempts")
    return tuple(_exam_attempt(item, index) for index, item in enumerate(value))


def parse_plan_input(obj: Mapping[str, Any]) -> tuple[CaseFacts, dt.date]:
    """Build the facts and the day to plan for, or raise `InputError` naming
    the first bad field."""
    reject_unknown(obj, FIELDS)
    if obj.get("today") is None:
        raise InputError("today", "is required")
    today = json_date(obj["today"], "today")
    facts = CaseFacts(
        birth_date=_optional_date(obj, "birth_date"),
        application_submitted=_optional_date(obj, "application_submitted"),
        application_completed=_optional_date(obj, "application_completed"),
        application_approved=_optional_date(obj, "application_approved"),
        training_completed=_optional_date(obj, "training_completed"),
        exam_attempts=_exam_attempts(obj),
        certified_on=_optional_date(obj, "certified_on"),
        ethics_signed_on=_optional_date(obj, "ethics_signed_on"),
    )
    return facts, today


def parse_waiting_input(obj: Mapping[str, Any]) -> WaitingFacts:
    return WaitingFacts(**{name: _optional_date(obj, name) for name in WAITING_FIELDS})


def plan_to_json(plan: Plan, expected: Mapping[str, dt.date] | None = None) -> dict[str, Any]:
    """`expected` ("expect an answer by" dates) follow the plan's deadlines in `deadlines`."""
    deadlines = {**plan.deadlines, **(expected or {})}
    result: dict[str, Any] = {
        "stage": plan.stage,
        "deadlines": {name: day.isoformat() for name, day in deadlines.items()},
    }
    if plan.attempts_remaining is not None:
        result["exam_attempts_remaining"] = plan.attempts_remaining
    result["problems"] = list(plan.problems)
    return result


def certification_plan_json(
    obj: Mapping[str, Any], jurisdiction: Jurisdiction = CALIFORNIA
) -> dict[str, Any]:
    facts, today = parse_plan_input(obj)
    expected = expected_answers(facts, parse_waiting_input(obj), jurisdiction)
    return plan_to_json(compute_plan(facts, today, jurisdiction), expected)
