from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from peerpath.certification.plan_json import (
    certification_plan_json,
    parse_plan_input,
    plan_to_json,
)
from peerpath.certification.rules import CaseFacts, ExamAttempt, Plan
from peerpath.lib.jsoncli import InputError, map_one_or_many

D = dt.date


def test_full_input_parses() -> None:
    facts, today = parse_plan_input(
        {
            "today": "2025-10-01",
            "birth_date": "2000-02-29",
            "application_submitted": "2025-01-01",
            "application_completed": "2025-01-20",
            "application_approved": "2025-03-10",
            "training_completed": "2025-02-01",
            "exam_attempts": [
                {"date": "2025-05-01", "passed": False},
                {"passed": True, "date": "2025-07-01"},
            ],
            "certified_on": "2025-08-01",
            "ethics_signed_on": "2025-01-01",
        }
    )
    assert today == D(2025, 10, 1)
    assert facts == CaseFacts(
        birth_date=D(2000, 2, 29),
        application_submitted=D(2025, 1, 1),
        application_completed=D(2025, 1, 20),
        application_approved=D(2025, 3, 10),
        training_completed=D(2025, 2, 1),
        exam_attempts=(
            ExamAttempt(date=D(2025, 5, 1), passed=False),
            ExamAttempt(date=D(2025, 7, 1), passed=True),
        ),
        certified_on=D(2025, 8, 1),
        ethics_signed_on=D(2025, 1, 1),
    )


def test_null_is_the_same_as_absent() -> None:
    with_nulls = {
        "today": "2025-10-01",
        "birth_date": None,
        "application_submitted": None,
        "application_completed": None,
        "application_approved": None,
        "training_completed": None,
        "exam_attempts": None,
        "certified_on": None,
        "ethics_signed_on": None,
    }
    assert parse_plan_input(with_nulls) == parse_plan_input({"today": "2025-10-01"})
    assert parse_plan_input({"today": "2025-10-01"}) == (CaseFacts(), D(2025, 10, 1))


ERROR_CASES = [
    pytest.param({}, "today", "is required", id="today-missing"),
    pytest.param({"today": None}, "today", "is required", id="today-null"),
    pytest.param({"today": "2025-1-01"}, "today", "YYYY-MM-DD", id="today-short"),
    pytest.param({"today": "2025-W01-1"}, "today", "YYYY-MM-DD", id="today-week-date"),
    pytest.param({"today": 20250101}, "today", "YYYY-MM-DD", id="today-number"),
    pytest.param(
        {"today": "2025-01-01", "nickname": "Ana"}, "nickname", "not a known", id="unknown-key"
    ),
    pytest.param(
        {"today": "2025-01-01", "application_approved": "2024-02-30"},
        "application_approved",
        "real date",
        id="impossible-date",
    ),
    pytest.param(
        {"today": "2025-01-01", "birth_date": "2023-02-29"},
        "birth_date",
        "real date",
        id="29-feb-of-common-year",
    ),
    pytest.param(
        {"today": "2025-01-01", "certified_on": True},
        "certified_on",
        "YYYY-MM-DD",
        id="date-not-a-string",
    ),
    pytest.param(
        {"today": "2025-01-01", "ethics_signed_on": "2025-01-01T10:00"},
        "ethics_signed_on",
        "YYYY-MM-DD",
        id="datetime-not-a-date",
    ),
    pytest.param(
        {"today": "2025-01-01", "exam_attempts": {"date": "2024-05-01", "passed": True}},
        "exam_attempts",
        "list",
        id="attempts-not-a-list",
    ),
    pytest.param(
        {"today": "2025-01-01", "exam_attempts": ["2024-05-01"]},
        "exam_attempts[0]",
        "object",
        id="attempt-not-an-object",
    ),
    pytest.param(
        {
            "today": "2025-01-01",
            "exam_attempts": [{"date": "2024-05-01", "passed": False, "score": 61}],
        },
        "exam_attempts[0].score",
        "not a known",
        id="attempt-unknown-key",
    ),
    pytest.param(
        {"today": "2025-01-01", "exam_attempts": [{"passed": False}]},
        "exam_attempts[0].date",
        "is required",
        id="attempt-date-missing",
    ),
    pytest.param(
        {"today": "2025-01-01", "exam_attempts": [{"date": "2024-05-01"}]},
        "exam_attempts[0].passed",
        "is required",
        id="attempt-passed-missing",
    ),
    pytest.param(
        {"today": "2025-01-01", "exam_attempts": [{"date": "2024-05-01", "passed": None}]},
        "exam_attempts[0].passed",
        "is required",
        id="attempt-passed-null",
    ),
    pytest.param(
        {
            "today": "2025-01-01",
            "exam_attempts": [
                {"date": "2024-05-01", "passed": False},
                {"date": "2024-06-01", "passed": "yes"},
            ],
        },
        "exam_attempts[1].passed",
        "true or false",
        id="attempt-passed-not-boolean",
    ),
    pytest.param(
        {
            "today": "2025-01-01",
            "exam_attempts": [
                {"date": "2024-05-01", "passed": False},
                {"date": "2024-06-31", "passed": True},
            ],
        },
        "exam_attempts[1].date",
        "real date",
        id="attempt-date-invalid",
    ),
    pytest.param(
        {"today": "2025-01-01", "exam_attempts": [{"date": "2024-05-01", "passed": 0}]},
        "exam_attempts[0].passed",
        "true or false",
        id="attempt-passed-zero",
    ),
]


@pytest.mark.parametrize(("obj", "field", "message"), ERROR_CASES)
def test_input_errors_name_the_field(obj: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_plan_input(obj)
    assert caught.value.field == field
    assert message in caught.value.message


def test_output_shape_before_approval() -> None:
    result = certification_plan_json({"today": "2025-04-02", "application_submitted": "2025-01-01"})
    assert result == {
        "stage": "application_void",
        "deadlines": {"application_complete_by": "2025-04-01"},
        "problems": [],
    }


def test_output_shape_when_approved() -> None:
    result = certification_plan_json(
        {
            "today": "2026-02-25",
            "application_submitted": "2025-01-01",
            "application_completed": "2025-01-20",
            "application_approved": "2025-03-10",
            "training_completed": "2025-02-01",
            "exam_attempts": [{"date": "2025-05-01", "passed": False}],
        }
    )
    assert list(result) == ["stage", "deadlines", "exam_attempts_remaining", "problems"]
    assert result == {
        "stage": "request_exam",
        "deadlines": {
            "application_complete_by": "2025-04-01",
            "approval_valid_through": "2026-03-10",
            "last_exam_request": "2026-02-24",
            "training_certificate_valid_through": "2027-02-01",
        },
        "exam_attempts_remaining": 2,
        "problems": ["exam_request_window_closed"],
    }


def test_plan_to_json_keeps_zero_attempts() -> None:
    plan = Plan(stage="attempts_exhausted", deadlines={}, attempts_remaining=0, problems=[])
    assert plan_to_json(plan)["exam_attempts_remaining"] == 0


def test_list_input_maps_to_list_of_same_length() -> None:
    results = map_one_or_many(
        [
            {"today": "2025-01-01"},
            {"today": "2025-06-01", "certified_on": "2025-05-01"},
        ],
        certification_plan_json,
    )
    assert [result["stage"] for result in results] == ["start_application", "certified"]


def test_error_in_list_names_the_item() -> None:
    with pytest.raises(InputError) as caught:
        map_one_or_many(
            [
                {"today": "2025-01-01"},
                {"today": "2025-01-01", "exam_attempts": [{"date": "2025-13-01", "passed": False}]},
            ],
            certification_plan_json,
        )
    assert caught.value.field == "[1].exam_attempts[0].date"


def test_expected_answers_are_extra_deadlines() -> None:
    result = certification_plan_json(
        {
            "today": "2025-03-01",
            "application_submitted": "2025-01-01",
            "application_completed": "2025-01-20",
            "training_certificate_uploaded": "2025-02-01",
            "exam_scheduled_for": "2025-03-10",
            "accommodation_requested": "2025-02-10",
        }
    )
    assert result["deadlines"] == {
        "application_complete_by": "2025-04-01",
        "application_decision_expected": "2025-02-19",
        "certificate_review_expected": "2025-02-15",
        "exam_results_expected": "2025-03-24",
        "accommodation_decision_expected": "2025-03-12",
    }
    assert result["stage"] == "awaiting_approval"


@pytest.mark.parametrize(
    ("extra", "absent"),
    [
        ({"application_approved": "2025-02-01"}, "application_decision_expected"),
        ({"training_certificate_approved": "2025-02-10"}, "certificate_review_expected"),
        (
            {"exam_attempts": [{"date": "2025-03-10", "passed": False}]},
            "exam_results_expected",
        ),
        ({"certified_on": "2025-03-20"}, "accommodation_decision_expected"),
    ],
)
def test_an_answer_no_longer_expected_once_it_came(extra, absent) -> None:
    base = {
        "today": "2025-03-25",
        "application_submitted": "2025-01-01",
        "application_completed": "2025-01-20",
        "training_certificate_uploaded": "2025-02-01",
        "exam_scheduled_for": "2025-03-10",
        "accommodation_requested": "2025-02-10",
    }
    assert absent not in certification_plan_json({**base, **extra})["deadlines"]
