import datetime as dt

import pytest

from peerpath.participants.rules import (
    CaseloadFacts,
    Flag,
    PauseProblem,
    caseload_flags,
    days_since_contact,
    pause_problem,
)

TODAY = dt.date(2026, 12, 2)


def facts(**changes):
    base = {
        "enrolled_on": TODAY - dt.timedelta(days=60),
        "last_contact": TODAY - dt.timedelta(days=3),
        "confidence": 7,
        "behind_schedule": False,
        "timesheets_waiting": 0,
        "missed_sessions_flagged": False,
        "paused": False,
    }
    return CaseloadFacts(**{**base, **changes})


def test_someone_doing_fine_raises_no_flag():
    assert caseload_flags(facts(), TODAY) == ()


@pytest.mark.parametrize(("days", "flagged"), [(13, False), (14, True), (40, True)])
def test_no_contact_for_14_days_is_flagged_on_the_14th_day(days, flagged):
    result = caseload_flags(facts(last_contact=TODAY - dt.timedelta(days=days)), TODAY)
    assert (Flag.NO_RECENT_CONTACT in result) is flagged


def test_with_no_contact_yet_the_wait_counts_from_enrolment():
    new = facts(last_contact=None, enrolled_on=TODAY - dt.timedelta(days=5))
    assert caseload_flags(new, TODAY) == ()
    assert days_since_contact(new, TODAY) == 5
    waiting = facts(last_contact=None, enrolled_on=TODAY - dt.timedelta(days=20))
    assert caseload_flags(waiting, TODAY) == (Flag.NO_RECENT_CONTACT,)
    unknown = facts(last_contact=None, enrolled_on=None)
    assert caseload_flags(unknown, TODAY) == (Flag.NO_RECENT_CONTACT,)


@pytest.mark.parametrize(
    ("confidence", "flagged"), [(None, False), (5, False), (4, True), (1, True)]
)
def test_confidence_of_four_or_less_is_flagged(confidence, flagged):
    assert (Flag.LOW_CONFIDENCE in caseload_flags(facts(confidence=confidence), TODAY)) is flagged


def test_every_flag_in_order():
    everything = facts(
        last_contact=TODAY - dt.timedelta(days=30),
        confidence=2,
        behind_schedule=True,
        timesheets_waiting=2,
        missed_sessions_flagged=True,
        certification_at_risk=True,
    )
    assert caseload_flags(everything, TODAY) == (
        Flag.NO_RECENT_CONTACT,
        Flag.LOW_CONFIDENCE,
        Flag.BEHIND_SCHEDULE,
        Flag.TIMESHEETS_WAITING,
        Flag.MISSED_SESSIONS,
        Flag.CERTIFICATION_AT_RISK,
    )


def test_a_pause_replaces_every_other_flag():
    paused = facts(last_contact=None, enrolled_on=None, confidence=1, paused=True)
    assert caseload_flags(paused, TODAY) == (Flag.PAUSED,)


@pytest.mark.parametrize(
    ("until", "problem"),
    [
        (TODAY, PauseProblem.NOT_IN_FUTURE),
        (TODAY - dt.timedelta(days=1), PauseProblem.NOT_IN_FUTURE),
        (TODAY + dt.timedelta(days=1), None),
        (TODAY + dt.timedelta(days=365), None),
        (TODAY + dt.timedelta(days=366), PauseProblem.TOO_LONG),
    ],
)
def test_a_return_date_is_after_today_and_within_a_year(until, problem):
    assert pause_problem(until, TODAY) is problem


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"advocate_deactivated": True}, (Flag.NEEDS_ADVOCATE,)),
        ({"advocate_deactivated": True, "paused": True}, (Flag.NEEDS_ADVOCATE, Flag.PAUSED)),
        ({"advocate_deactivated": False}, ()),
    ],
)
def test_a_deactivated_advocate_flags_the_person_for_reassignment(changes, expected):
    assert caseload_flags(facts(**changes), TODAY) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"records_disagree": True}, (Flag.RECORDS_DISAGREE,)),
        ({"records_disagree": True, "paused": True}, (Flag.RECORDS_DISAGREE, Flag.PAUSED)),
        (
            {"records_disagree": True, "advocate_deactivated": True, "confidence": 2},
            (Flag.NEEDS_ADVOCATE, Flag.RECORDS_DISAGREE, Flag.LOW_CONFIDENCE),
        ),
    ],
)
def test_records_that_disagree_are_for_staff_to_fix_even_during_a_pause(changes, expected):
    assert caseload_flags(facts(**changes), TODAY) == expected
