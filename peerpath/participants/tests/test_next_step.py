import datetime as dt
from decimal import Decimal

import pytest

from peerpath.participants.next_step import (
    CONFLICTS,
    LINKS,
    MESSAGES,
    JourneyFacts,
    next_step,
)

TODAY = dt.date(2026, 12, 2)
SIGNED = TODAY - dt.timedelta(days=100)
DUE = TODAY + dt.timedelta(days=600)
LONG_AGO = TODAY - dt.timedelta(days=200)

# An enrolled participant who signed the Code of Ethics and whose core training counts.
ON_TRACK = {
    "enrolled": True,
    "application_status": "enrolled",
    "ethics_signed_on": SIGNED,
    "ethics_due_again": DUE,
    "case_ethics_signed_on": SIGNED,
    "core_recorded": True,
    "core_counts": True,
    "core_logged": Decimal(80),
    "core_verified": Decimal(80),
    "core_completed": True,
}
# Core training in PeerPath: 64 of 80 hours, 40 verified, still in progress.
HOURS_SHORT = {
    "core_counts": False,
    "core_logged": Decimal(64),
    "core_verified": Decimal(40),
    "core_completed": False,
}

CASES = [
    # (name, facts, expected step code, expected conflicts)
    ("no application", {}, "start_program_application", ()),
    ("draft", {"application_status": "draft"}, "continue_program_application", ()),
    ("needs info", {"application_status": "needs_info"}, "continue_program_application", ()),
    ("submitted", {"application_status": "submitted"}, "program_application_review", ()),
    ("eligible", {"application_status": "eligible"}, "program_application_review", ()),
    ("withdrawn", {"application_status": "withdrawn"}, "program_application_closed", ()),
    (
        "not enrolled: records that disagree are not shown",
        {"application_status": "submitted", "case_training_completed": LONG_AGO},
        "program_application_review",
        (),
    ),
    ("paused wins", {**ON_TRACK, "paused": True}, "paused", ()),
    (
        "paused even when unsigned",
        {**ON_TRACK, "paused": True, "ethics_signed_on": None, "case_ethics_signed_on": None},
        "paused",
        (),
    ),
    (
        "unsigned ethics",
        {**ON_TRACK, "ethics_signed_on": None, "case_ethics_signed_on": None},
        "sign_ethics",
        (),
    ),
    (
        "ethics expired",
        {**ON_TRACK, "ethics_due_again": TODAY - dt.timedelta(days=1)},
        "resign_ethics",
        (),
    ),
    (
        "ethics due today is still fine",
        {**ON_TRACK, "ethics_due_again": TODAY},
        "start_application",
        (),
    ),
    (
        "an urgent certification stage comes before ethics",
        {
            **ON_TRACK,
            "ethics_signed_on": None,
            "case_ethics_signed_on": None,
            "certification_stage": "complete_application",
        },
        "complete_application",
        (),
    ),
    (
        "void application",
        {**ON_TRACK, "certification_stage": "application_void"},
        "application_void",
        (),
    ),
    (
        "renewal overdue",
        {**ON_TRACK, "certification_stage": "renewal_overdue", "exam_passed": True},
        "renewal_overdue",
        (),
    ),
    (
        "no core training yet",
        {**ON_TRACK, "core_recorded": False, "core_counts": False, "core_completed": False},
        "add_core_training",
        (),
    ),
    ("hours short", {**ON_TRACK, **HOURS_SHORT}, "finish_core_training", ()),
    (
        "all hours logged, certificate not verified",
        {**ON_TRACK, "core_counts": False, "core_verified": Decimal(40)},
        "verify_core_training",
        (),
    ),
    (
        "the demo case: tracker says request the exam, hours say not yet",
        {
            **ON_TRACK,
            **HOURS_SHORT,
            "certification_stage": "request_exam",
            "timeline_now": "upload_certificate",
            "case_training_completed": LONG_AGO,
        },
        "finish_core_training",
        ("training_date_without_hours",),
    ),
    (
        "certificate approved while hours are incomplete",
        {
            **ON_TRACK,
            **HOURS_SHORT,
            "certification_stage": "request_exam",
            "case_training_completed": LONG_AGO,
            "case_certificate_approved": LONG_AGO,
        },
        "finish_core_training",
        ("training_date_without_hours", "certificate_approved_without_hours"),
    ),
    (
        "training date in the tracker, no training in PeerPath",
        {
            **ON_TRACK,
            "core_recorded": False,
            "core_counts": False,
            "certification_stage": "request_exam",
            "case_training_completed": LONG_AGO,
        },
        "add_core_training",
        ("training_date_without_training",),
    ),
    (
        "hours short while awaiting approval",
        {**ON_TRACK, **HOURS_SHORT, "certification_stage": "awaiting_approval"},
        "finish_core_training",
        (),
    ),
    (
        "awaiting approval with training done",
        {**ON_TRACK, "certification_stage": "awaiting_approval"},
        "awaiting_approval",
        (),
    ),
    (
        "request exam: certificate to upload",
        {**ON_TRACK, "certification_stage": "request_exam", "timeline_now": "upload_certificate"},
        "upload_certificate",
        (),
    ),
    (
        "request exam: certificate in review",
        {**ON_TRACK, "certification_stage": "request_exam", "timeline_now": "certificate_review"},
        "certificate_review",
        (),
    ),
    (
        "request exam: pay the fee",
        {**ON_TRACK, "certification_stage": "request_exam", "timeline_now": "exam_fee"},
        "exam_fee",
        (),
    ),
    (
        "request exam: schedule",
        {**ON_TRACK, "certification_stage": "request_exam", "timeline_now": "schedule_exam"},
        "schedule_exam",
        (),
    ),
    (
        "passed: hours no longer matter",
        {
            **ON_TRACK,
            **HOURS_SHORT,
            "certification_stage": "awaiting_certificate",
            "exam_passed": True,
            "case_training_completed": LONG_AGO,
        },
        "awaiting_certificate",
        (),
    ),
    (
        "certified, trained elsewhere",
        {
            **ON_TRACK,
            "core_recorded": False,
            "core_counts": False,
            "certification_stage": "certified",
            "exam_passed": True,
        },
        "certified",
        (),
    ),
    (
        "certified without any ethics signature",
        {
            **ON_TRACK,
            "ethics_signed_on": None,
            "case_ethics_signed_on": None,
            "certification_stage": "certified",
            "exam_passed": True,
        },
        "sign_ethics",
        ("certified_without_ethics",),
    ),
    (
        "ethics date typed in the tracker, no signature",
        {**ON_TRACK, "ethics_signed_on": None, "ethics_due_again": None},
        "sign_ethics",
        ("ethics_date_without_signature",),
    ),
    (
        "ethics dates differ",
        {**ON_TRACK, "case_ethics_signed_on": SIGNED - dt.timedelta(days=3)},
        "start_application",
        ("ethics_dates_differ",),
    ),
    (
        "attempts exhausted beats hours",
        {**ON_TRACK, **HOURS_SHORT, "certification_stage": "attempts_exhausted"},
        "attempts_exhausted",
        (),
    ),
]


@pytest.mark.parametrize(
    ("facts", "code", "conflicts"),
    [pytest.param(facts, code, conflicts, id=name) for name, facts, code, conflicts in CASES],
)
def test_next_step_over_combinations_of_records(facts, code, conflicts):
    step = next_step(JourneyFacts(today=TODAY, **facts))
    assert step.code == code
    assert step.conflicts == conflicts
    assert step.message
    assert step.link == LINKS.get(code, "certification-mine")


def test_every_step_and_conflict_has_words():
    for name, _facts, code, conflicts in CASES:
        assert code in MESSAGES, name
        assert all(c in CONFLICTS for c in conflicts), name


def test_waiting_steps_are_marked():
    assert next_step(JourneyFacts(today=TODAY, application_status="submitted")).waiting
    assert not next_step(JourneyFacts(today=TODAY)).waiting
