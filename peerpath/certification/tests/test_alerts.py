import datetime as dt

import pytest

from peerpath.certification.alerts import due_offset, open_deadlines, risks
from peerpath.certification.pathway import StepDates, timeline
from peerpath.certification.rules import CaseFacts, ExamAttempt, compute_plan

D = dt.date
OFFSETS = (60, 30, 14, 7, 1)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 1, 1), None),  # 90 days out: nothing yet
        (D(2026, 2, 1), 60),  # 59 days out
        (D(2026, 3, 2), 30),  # exactly 30 days out
        (D(2026, 3, 25), 7),
        (D(2026, 3, 31), 1),
        (D(2026, 4, 1), 1),  # the day itself: still the last reminder
        (D(2026, 4, 2), None),  # after the deadline
    ],
)
def test_due_offset_is_the_most_recent_reached(today, expected):
    assert due_offset(D(2026, 4, 1), OFFSETS, today) == expected


def test_open_deadlines_follow_the_stage():
    facts = CaseFacts(application_submitted=D(2026, 1, 5))
    plan = compute_plan(facts, D(2026, 2, 1))
    assert set(open_deadlines(plan, exam_requested=False)) == {"application_complete_by"}
    approved = CaseFacts(
        application_submitted=D(2026, 1, 5),
        application_approved=D(2026, 2, 1),
        training_completed=D(2026, 1, 20),
    )
    plan = compute_plan(approved, D(2026, 3, 1))
    assert set(open_deadlines(plan, exam_requested=False)) == {
        "approval_valid_through",
        "last_exam_request",
        "training_certificate_valid_through",
    }
    assert "last_exam_request" not in open_deadlines(plan, exam_requested=True)


def risk_codes(facts, today, exam_requested=False):
    return [r.code for r in risks(facts, compute_plan(facts, today), today, exam_requested)]


def test_approval_ending_and_exam_window_closing():
    facts = CaseFacts(
        application_submitted=D(2025, 3, 1),
        application_approved=D(2025, 4, 1),
        training_completed=D(2025, 3, 20),
    )
    assert risk_codes(facts, D(2026, 1, 1)) == []
    assert risk_codes(facts, D(2026, 3, 1)) == ["approval_ending", "exam_request_closing"]
    assert risk_codes(facts, D(2026, 3, 1), exam_requested=True) == ["approval_ending"]


def test_two_attempts_used():
    facts = CaseFacts(
        application_submitted=D(2025, 3, 1),
        application_approved=D(2025, 4, 1),
        training_completed=D(2025, 3, 20),
        exam_attempts=(ExamAttempt(D(2025, 6, 1), False), ExamAttempt(D(2025, 8, 1), False)),
    )
    assert "two_attempts_used" in risk_codes(facts, D(2025, 9, 1))


def test_incomplete_application_near_voiding():
    facts = CaseFacts(application_submitted=D(2026, 1, 1))
    assert risk_codes(facts, D(2026, 1, 15)) == []
    assert risk_codes(facts, D(2026, 3, 15)) == ["application_voiding"]


def test_renewal_due():
    facts = CaseFacts(certified_on=D(2024, 12, 1))
    assert risk_codes(facts, D(2026, 6, 1)) == []
    assert risk_codes(facts, D(2026, 10, 1)) == ["renewal_due"]
    assert risk_codes(facts, D(2026, 12, 2)) == ["renewal_due"]


def test_timeline_marks_done_now_and_next():
    steps = timeline(StepDates(registered_on=D(2026, 1, 1), orientation_video_on=D(2026, 1, 1)))
    assert [s.status for s in steps[:3]] == ["done", "now", "next"]
    assert len(steps) == 10
    passed = timeline(
        StepDates(
            registered_on=D(2026, 1, 1),
            orientation_video_on=D(2026, 1, 1),
            application_completed=D(2026, 1, 2),
            application_fee_paid_on=D(2026, 1, 2),
            exam_passed=True,
        )
    )
    assert [s.status for s in passed][-1] == "now"


def test_a_retake_needs_a_new_request_after_a_failed_attempt():
    from peerpath.certification.alerts import exam_requested

    facts = CaseFacts(exam_attempts=(ExamAttempt(D(2026, 5, 1), False),))
    assert not exam_requested(None, CaseFacts())
    assert exam_requested(D(2026, 4, 1), CaseFacts())
    assert not exam_requested(D(2026, 4, 1), facts)  # paid before the failed attempt
    assert exam_requested(D(2026, 5, 10), facts)
