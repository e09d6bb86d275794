from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest

from peerpath.certification.jurisdictions import CALIFORNIA, JURISDICTIONS, PENNSYLVANIA, WASHINGTON
from peerpath.certification.rules import (
    DEADLINE_KEYS,
    PROBLEM_CODES,
    STAGES,
    CaseFacts,
    ExamAttempt,
    Plan,
    ce_requirement_status,
    compute_plan,
    reminder_due_dates,
    renewal_window_opens,
    validate_facts,
)

D = dt.date
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def day(iso: str) -> dt.date:
    return D.fromisoformat(iso)


def fail(iso: str) -> ExamAttempt:
    return ExamAttempt(date=day(iso), passed=False)


def pass_(iso: str) -> ExamAttempt:
    return ExamAttempt(date=day(iso), passed=True)


# One approved case used throughout: approved 2025-03-10, so the approval is
# valid through 2026-03-10 and the last exam request day is 2026-02-24.
SUBMITTED = {"application_submitted": D(2025, 1, 1)}
APPROVED = {
    **SUBMITTED,
    "application_completed": D(2025, 1, 20),
    "application_approved": D(2025, 3, 10),
}
TRAINED = {**APPROVED, "training_completed": D(2025, 2, 1)}
LEAP_APPROVAL = {"application_approved": D(2024, 2, 29), "training_completed": D(2024, 1, 5)}
ONE_FAIL = {**TRAINED, "exam_attempts": (fail("2025-05-01"),)}
TWO_FAILS = {**TRAINED, "exam_attempts": (fail("2025-05-01"), fail("2025-07-01"))}
THREE_FAILS = {
    **TRAINED,
    "exam_attempts": (fail("2025-05-01"), fail("2025-07-01"), fail("2025-09-01")),
}
PASS_AFTER_TWO_FAILS = {
    **TRAINED,
    "exam_attempts": (fail("2025-05-01"), fail("2025-07-01"), pass_("2025-09-01")),
}
CERTIFIED = {**TRAINED, "certified_on": D(2025, 9, 30)}


def case(case_id: str, *values: Any) -> Any:
    """A table row; YYYY-MM-DD strings among the values become dates."""
    converted = [
        day(value) if isinstance(value, str) and ISO_DATE.fullmatch(value) else value
        for value in values
    ]
    return pytest.param(*converted, id=case_id)


def plan_for(today: dt.date, **facts: Any) -> Plan:
    plan = compute_plan(CaseFacts(**facts), today)
    assert plan.stage in STAGES
    assert set(plan.problems) <= set(PROBLEM_CODES)
    return plan


# --- stage ------------------------------------------------------------------

STAGE_CASES = [
    case("nothing-yet", "2025-01-01", {}, "start_application"),
    case("incomplete-on-day-90-is-still-held", "2025-04-01", SUBMITTED, "complete_application"),
    case("incomplete-on-day-91-is-void", "2025-04-02", SUBMITTED, "application_void"),
    case(
        "complete-application-awaits-approval-even-after-day-90",
        "2025-06-01",
        {**SUBMITTED, "application_completed": D(2025, 3, 1)},
        "awaiting_approval",
    ),
    case("approved-without-training", "2025-06-01", APPROVED, "complete_training"),
    case("approved-and-trained", "2025-06-01", TRAINED, "request_exam"),
    case("valid-through-day-itself", "2026-03-10", TRAINED, "request_exam"),
    case("day-after-valid-through", "2026-03-11", TRAINED, "approval_expired"),
    case("expired-without-training-too", "2026-03-11", APPROVED, "approval_expired"),
    case("leap-day-approval-valid-through-28-feb", "2025-02-28", LEAP_APPROVAL, "request_exam"),
    case("leap-day-approval-expired-on-1-mar", "2025-03-01", LEAP_APPROVAL, "approval_expired"),
    case("two-failed-attempts-may-retake", "2025-09-01", TWO_FAILS, "request_exam"),
    case("three-failed-attempts-exhausted", "2025-10-01", THREE_FAILS, "attempts_exhausted"),
    case("exhausted-wins-over-expired", "2026-06-01", THREE_FAILS, "attempts_exhausted"),
    case("pass-after-two-fails", "2025-10-01", PASS_AFTER_TWO_FAILS, "awaiting_certificate"),
    case("passed-wins-over-expiry", "2026-06-01", PASS_AFTER_TWO_FAILS, "awaiting_certificate"),
    case("renewal-due-day-itself", "2027-09-30", CERTIFIED, "certified"),
    case("day-after-renewal-due", "2027-10-01", CERTIFIED, "renewal_overdue"),
    case("certified-without-history", "2025-06-01", {"certified_on": D(2025, 5, 15)}, "certified"),
]


@pytest.mark.parametrize(("today", "facts", "stage"), STAGE_CASES)
def test_stage(today: dt.date, facts: dict[str, Any], stage: str) -> None:
    assert plan_for(today, **facts).stage == stage


# --- deadlines --------------------------------------------------------------


def test_every_deadline_in_documented_order() -> None:
    facts = CaseFacts(**TRAINED, certified_on=D(2025, 9, 30), ethics_signed_on=D(2025, 1, 1))
    deadlines = compute_plan(facts, D(2025, 10, 1)).deadlines
    assert list(deadlines) == list(DEADLINE_KEYS)
    assert deadlines == {
        "application_complete_by": D(2025, 4, 1),
        "approval_valid_through": D(2026, 3, 10),
        "last_exam_request": D(2026, 2, 24),
        "training_certificate_valid_through": D(2027, 2, 1),
        "renewal_due": D(2027, 9, 30),
        "ethics_resign_due": D(2027, 1, 1),
    }


def test_deadlines_only_for_known_dates() -> None:
    plan = plan_for(D(2025, 1, 5), **SUBMITTED)
    assert plan.deadlines == {"application_complete_by": D(2025, 4, 1)}
    assert plan_for(D(2025, 1, 5)).deadlines == {}


@pytest.mark.parametrize(
    ("field", "value", "key", "expected"),
    [
        case(
            "approval-29-feb-plus-12-months",
            "application_approved",
            "2024-02-29",
            "approval_valid_through",
            "2025-02-28",
        ),
        case(
            "last-request-14-days-before-28-feb",
            "application_approved",
            "2024-02-29",
            "last_exam_request",
            "2025-02-14",
        ),
        case(
            "training-29-feb-plus-2-years",
            "training_completed",
            "2024-02-29",
            "training_certificate_valid_through",
            "2026-02-28",
        ),
        case("renewal-29-feb", "certified_on", "2024-02-29", "renewal_due", "2026-02-28"),
        case(
            "approval-31-jan",
            "application_approved",
            "2025-01-31",
            "approval_valid_through",
            "2026-01-31",
        ),
    ],
)
def test_month_arithmetic_clamps_to_month_end(
    field: str, value: dt.date, key: str, expected: dt.date
) -> None:
    assert plan_for(D(2024, 3, 1), **{field: value}).deadlines[key] == expected


# --- attempts remaining -----------------------------------------------------


@pytest.mark.parametrize(
    ("today", "facts", "remaining"),
    [
        case("not-approved", "2025-01-05", SUBMITTED, None),
        case("approved-no-attempts", "2025-06-01", APPROVED, 3),
        case("two-failed-one-left", "2025-09-01", TWO_FAILS, 1),
        case("three-failed-none-left", "2025-10-01", THREE_FAILS, 0),
        case("passed", "2025-10-01", PASS_AFTER_TWO_FAILS, None),
        case("certified", "2025-10-01", CERTIFIED, None),
        case("shown-while-approval-expired", "2026-04-01", TRAINED, 3),
    ],
)
def test_attempts_remaining(today: dt.date, facts: dict[str, Any], remaining: int | None) -> None:
    assert plan_for(today, **facts).attempts_remaining == remaining


def test_attempts_remaining_follow_jurisdiction() -> None:
    two_attempts = dataclasses.replace(CALIFORNIA, max_exam_attempts=2)
    plan = compute_plan(CaseFacts(**TWO_FAILS), D(2025, 8, 1), two_attempts)
    assert (plan.stage, plan.attempts_remaining) == ("attempts_exhausted", 0)


# --- problems ---------------------------------------------------------------

BORN_15_JUNE_2007 = {"birth_date": D(2007, 6, 15)}
BORN_29_FEB_2004 = {"birth_date": D(2004, 2, 29)}
TRAINED_29_FEB_2024 = {"training_completed": D(2024, 2, 29)}
ETHICS_29_FEB_2024 = {"ethics_signed_on": D(2024, 2, 29)}
# Approved 2025-03-10 (valid through 2026-03-10); certificate until 2026-01-10.
SHORT_CERTIFICATE = {**APPROVED, "training_completed": D(2024, 1, 10)}

PROBLEM_CASES = [
    # under_18: checked on the submission date, or today before submitting.
    case(
        "under-18-submitted-day-before-18th-birthday",
        "under_18",
        "2025-07-01",
        {**BORN_15_JUNE_2007, "application_submitted": D(2025, 6, 14)},
        True,
    ),
    case(
        "under-18-submitted-on-18th-birthday",
        "under_18",
        "2025-07-01",
        {**BORN_15_JUNE_2007, "application_submitted": D(2025, 6, 15)},
        False,
    ),
    case("under-18-today", "under_18", "2025-06-14", BORN_15_JUNE_2007, True),
    case("18-today", "under_18", "2025-06-15", BORN_15_JUNE_2007, False),
    case("leap-day-birthday-not-18-on-28-feb", "under_18", "2022-02-28", BORN_29_FEB_2004, True),
    case("leap-day-birthday-18-on-1-mar", "under_18", "2022-03-01", BORN_29_FEB_2004, False),
    case("under-18-needs-birth-date", "under_18", "2022-03-01", {}, False),
    # training certificate: valid through completion + 2 years.
    case(
        "certificate-valid-through-28-feb",
        "training_certificate_expired",
        "2026-02-28",
        TRAINED_29_FEB_2024,
        False,
    ),
    case(
        "certificate-expired-1-mar",
        "training_certificate_expired",
        "2026-03-01",
        TRAINED_29_FEB_2024,
        True,
    ),
    case(
        "certificate-expiry-irrelevant-once-passed",
        "training_certificate_expired",
        "2026-03-01",
        {**TRAINED_29_FEB_2024, "exam_attempts": (pass_("2025-01-10"),)},
        False,
    ),
    # the last exam request day is valid-through minus 14 days.
    case("exam-request-on-cut-off-day", "exam_request_window_closed", "2026-02-24", TRAINED, False),
    case(
        "exam-request-day-after-cut-off", "exam_request_window_closed", "2026-02-25", TRAINED, True
    ),
    case(
        "exam-request-closed-while-training-incomplete",
        "exam_request_window_closed",
        "2026-02-25",
        APPROVED,
        True,
    ),
    case(
        "exam-request-not-reported-once-approval-expired",
        "exam_request_window_closed",
        "2026-03-11",
        TRAINED,
        False,
    ),
    case(
        "exam-request-not-reported-once-passed",
        "exam_request_window_closed",
        "2026-02-25",
        PASS_AFTER_TWO_FAILS,
        False,
    ),
    # Code of Ethics re-signed every 2 years.
    case(
        "ethics-resign-due-day", "ethics_signature_expired", "2026-02-28", ETHICS_29_FEB_2024, False
    ),
    case(
        "ethics-day-after-resign-due",
        "ethics_signature_expired",
        "2026-03-01",
        ETHICS_29_FEB_2024,
        True,
    ),
    # core training must be completed on or after 1 July 2022.
    case(
        "training-30-jun-2022-too-early",
        "training_before_eligible_date",
        "2023-01-01",
        {"training_completed": D(2022, 6, 30)},
        True,
    ),
    case(
        "training-1-jul-2022-counts",
        "training_before_eligible_date",
        "2023-01-01",
        {"training_completed": D(2022, 7, 1)},
        False,
    ),
    # the training certificate runs out before the approval does.
    case(
        "certificate-ends-before-approval",
        "training_certificate_expires_before_window",
        "2025-06-01",
        SHORT_CERTIFICATE,
        True,
    ),
    case(
        "certificate-ends-with-approval",
        "training_certificate_expires_before_window",
        "2025-06-01",
        {**APPROVED, "training_completed": D(2024, 3, 10)},
        False,
    ),
    case(
        "certificate-already-expired-reported-otherwise",
        "training_certificate_expires_before_window",
        "2026-01-11",
        SHORT_CERTIFICATE,
        False,
    ),
    # a retake request may take 30 days to process.
    case(
        "retake-processing-ends-on-valid-through",
        "retake_processing_may_exceed_window",
        "2026-02-08",
        ONE_FAIL,
        False,
    ),
    case(
        "retake-processing-ends-after-valid-through",
        "retake_processing_may_exceed_window",
        "2026-02-09",
        ONE_FAIL,
        True,
    ),
    case(
        "first-attempt-is-not-a-retake",
        "retake_processing_may_exceed_window",
        "2026-02-09",
        TRAINED,
        False,
    ),
]


@pytest.mark.parametrize(("code", "today", "facts", "present"), PROBLEM_CASES)
def test_problem(code: str, today: dt.date, facts: dict[str, Any], present: bool) -> None:
    assert (code in plan_for(today, **facts).problems) is present


def test_problems_listed_in_fixed_order() -> None:
    facts = CaseFacts(
        birth_date=D(2008, 1, 1),
        application_submitted=D(2024, 1, 1),
        application_completed=D(2024, 1, 10),
        application_approved=D(2025, 3, 10),
        training_completed=D(2022, 6, 1),
        ethics_signed_on=D(2023, 1, 1),
    )
    assert compute_plan(facts, D(2026, 3, 1)).problems == [
        "under_18",
        "training_before_eligible_date",
        "training_certificate_expired",
        "exam_request_window_closed",
        "ethics_signature_expired",
    ]


def test_complete_plan() -> None:
    facts = CaseFacts(**ONE_FAIL, birth_date=D(2003, 5, 5), ethics_signed_on=D(2025, 1, 1))
    assert compute_plan(facts, D(2025, 7, 1)) == Plan(
        stage="request_exam",
        deadlines={
            "application_complete_by": D(2025, 4, 1),
            "approval_valid_through": D(2026, 3, 10),
            "last_exam_request": D(2026, 2, 24),
            "training_certificate_valid_through": D(2027, 2, 1),
            "ethics_resign_due": D(2027, 1, 1),
        },
        attempts_remaining=2,
        problems=[],
    )


def test_periods_follow_jurisdiction() -> None:
    shorter = dataclasses.replace(
        CALIFORNIA, application_hold_days=60, approval_valid_months=6, exam_request_review_days=30
    )
    facts = CaseFacts(**SUBMITTED, application_approved=D(2025, 3, 10))
    deadlines = compute_plan(facts, D(2025, 4, 1), shorter).deadlines
    assert deadlines["application_complete_by"] == D(2025, 3, 2)
    assert deadlines["approval_valid_through"] == D(2025, 9, 10)
    assert deadlines["last_exam_request"] == D(2025, 8, 11)


# --- validate_facts ---------------------------------------------------------

TODAY = D(2026, 6, 1)
LATE_SUBMISSION = {"application_submitted": D(2025, 3, 1)}


def approved_with(*attempts: ExamAttempt, **more: Any) -> dict[str, Any]:
    return {**APPROVED, "exam_attempts": attempts, **more}


VALIDATION_CASES = [
    case("consistent", approved_with(fail("2025-05-01"), pass_("2025-07-01")), []),
    case(
        "approved-before-submitted",
        {**LATE_SUBMISSION, "application_approved": D(2025, 2, 1)},
        ["application_approved"],
    ),
    case(
        "completed-before-submitted",
        {**LATE_SUBMISSION, "application_completed": D(2025, 2, 1)},
        ["application_completed"],
    ),
    case(
        "completed-on-submission-day",
        {**LATE_SUBMISSION, "application_completed": D(2025, 3, 1)},
        [],
    ),
    case(
        "attempt-after-valid-through",
        approved_with(fail("2026-03-11")),
        ["exam_attempts[0].date"],
    ),
    case("attempt-on-valid-through-day", approved_with(fail("2026-03-10")), []),
    case("attempt-before-approval", approved_with(fail("2025-03-09")), ["exam_attempts[0].date"]),
    case("attempt-on-approval-day", approved_with(fail("2025-03-10")), []),
    case(
        "more-attempts-than-allowed",
        approved_with(*(fail(f"2025-0{month}-01") for month in (4, 5, 6, 7))),
        ["exam_attempts"],
    ),
    case(
        "attempts-out-of-order",
        approved_with(fail("2025-06-01"), fail("2025-05-01")),
        ["exam_attempts[1].date"],
    ),
    case(
        "attempt-after-a-pass",
        approved_with(pass_("2025-05-01"), fail("2025-06-01")),
        ["exam_attempts[1]"],
    ),
    case(
        "certified-before-passing",
        approved_with(pass_("2025-05-01"), certified_on=D(2025, 4, 30)),
        ["certified_on"],
    ),
    case(
        "certified-on-pass-day",
        approved_with(pass_("2025-05-01"), certified_on=D(2025, 5, 1)),
        [],
    ),
    case(
        "training-completed-in-future",
        {"training_completed": D(2026, 6, 2)},
        ["training_completed"],
    ),
    case(
        "date-after-today",
        {"birth_date": D(2026, 6, 2), "ethics_signed_on": D(2026, 6, 1)},
        ["birth_date"],
    ),
    case(
        "attempt-after-today",
        {"application_approved": D(2026, 5, 1), "exam_attempts": (fail("2026-06-02"),)},
        ["exam_attempts[0].date"],
    ),
]


@pytest.mark.parametrize(("facts", "fields"), VALIDATION_CASES)
def test_validate_facts(facts: dict[str, Any], fields: list[str]) -> None:
    errors = validate_facts(CaseFacts(**facts), TODAY)
    assert [field for field, _ in errors] == fields
    for _, message in errors:
        assert message[0].isupper() and message.endswith(".")


def test_validate_facts_uses_jurisdiction_attempt_limit() -> None:
    facts = CaseFacts(**TWO_FAILS)
    assert validate_facts(facts, TODAY) == []
    errors = validate_facts(facts, TODAY, dataclasses.replace(CALIFORNIA, max_exam_attempts=1))
    assert errors == [
        ("exam_attempts", "The number of exam attempts for one application is limited to 1.")
    ]


# --- reminders and renewal --------------------------------------------------


def test_reminder_dates_for_default_offsets() -> None:
    assert reminder_due_dates(D(2026, 3, 10), CALIFORNIA.reminder_offsets_days) == [
        (60, D(2026, 1, 9)),
        (30, D(2026, 2, 8)),
        (14, D(2026, 2, 24)),
        (7, D(2026, 3, 3)),
        (1, D(2026, 3, 9)),
    ]


def test_reminder_dates_sorted_and_unique() -> None:
    assert reminder_due_dates(D(2026, 3, 1), [0, 1, 1, 3]) == [
        (3, D(2026, 2, 26)),
        (1, D(2026, 2, 28)),
        (0, D(2026, 3, 1)),
    ]
    assert reminder_due_dates(D(2026, 3, 1), []) == []


def test_reminder_offsets_cannot_be_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        reminder_due_dates(D(2026, 3, 1), [7, -1])


def test_renewal_window_opens_90_days_before_by_default() -> None:
    assert renewal_window_opens(D(2026, 5, 15)) == D(2026, 2, 14)
    sixty_days = dataclasses.replace(CALIFORNIA, renewal_window_days=60)
    assert renewal_window_opens(D(2026, 5, 15), sixty_days) == D(2026, 3, 16)


# --- continuing education ---------------------------------------------------

PERIOD = (D(2024, 5, 15), D(2026, 5, 15))


def test_ce_met_with_enough_hours_in_period() -> None:
    entries = [
        (D(2024, 5, 15), Decimal("8"), False),
        (D(2025, 1, 10), Decimal("6.5"), False),
        (D(2026, 5, 15), Decimal("6"), True),
    ]
    status = ce_requirement_status(entries, *PERIOD)
    assert (status.total, status.law_ethics) == (Decimal("20.5"), Decimal("6"))
    assert (status.required_total, status.required_law_ethics) == (Decimal(20), Decimal(6))
    assert (status.remaining_total, status.remaining_law_ethics) == (0, 0)
    assert status.met is True


def test_ce_outside_period_does_not_count() -> None:
    entries = [
        (D(2024, 5, 14), Decimal("10"), True),
        (D(2026, 5, 16), Decimal("10"), False),
        (D(2025, 1, 1), Decimal("4"), True),
    ]
    status = ce_requirement_status(entries, *PERIOD)
    assert (status.total, status.law_ethics) == (Decimal(4), Decimal(4))
    assert (status.remaining_total, status.remaining_law_ethics) == (Decimal(16), Decimal(2))
    assert status.met is False


def test_ce_law_and_ethics_minimum_needs_its_own_hours() -> None:
    status = ce_requirement_status([(D(2025, 1, 1), Decimal(20), False)], *PERIOD)
    assert (status.remaining_total, status.remaining_law_ethics) == (Decimal(6), Decimal(6))
    assert status.met is False


def test_ce_follows_jurisdiction() -> None:
    entries = [(D(2025, 1, 1), Decimal(28), False), (D(2025, 2, 1), Decimal(2), True)]
    assert ce_requirement_status(entries, *PERIOD, WASHINGTON).met is True
    status = ce_requirement_status(entries, *PERIOD, PENNSYLVANIA)
    assert (status.remaining_total, status.remaining_law_ethics) == (Decimal(6), Decimal(1))


def test_ce_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="negative"):
        ce_requirement_status([(D(2025, 1, 1), Decimal(-1), False)], *PERIOD)
    with pytest.raises(ValueError, match="ends before"):
        ce_requirement_status([], D(2026, 1, 1), D(2025, 1, 1))


# --- jurisdictions ----------------------------------------------------------


def test_other_jurisdictions_inherit_california_defaults() -> None:
    assert PENNSYLVANIA.core_training_hours == 75
    assert PENNSYLVANIA.fees == CALIFORNIA.fees
    assert WASHINGTON.max_exam_attempts == CALIFORNIA.max_exam_attempts
    assert set(JURISDICTIONS) == {"CA", "PA", "WA"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        CALIFORNIA.max_exam_attempts = 4  # type: ignore[misc]
