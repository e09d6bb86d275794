"""Caseload flags and pause rules (pure: plain values in, plain values out)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

NO_CONTACT_DAYS = 14
LOW_CONFIDENCE = 4
LONGEST_PAUSE_DAYS = 365


class Flag(StrEnum):
    NO_RECENT_CONTACT = "no_recent_contact"
    LOW_CONFIDENCE = "low_confidence"
    BEHIND_SCHEDULE = "behind_schedule"
    TIMESHEETS_WAITING = "timesheets_waiting"
    MISSED_SESSIONS = "missed_sessions"
    CERTIFICATION_AT_RISK = "certification_at_risk"
    PAUSED = "paused"
    NEEDS_ADVOCATE = "needs_advocate"
    RECORDS_DISAGREE = "records_disagree"


FLAG_LABELS = {
    Flag.NO_RECENT_CONTACT: _("No contact in 14 days"),
    Flag.LOW_CONFIDENCE: _("Confidence 4 or lower"),
    Flag.BEHIND_SCHEDULE: _("Hours behind the cohort's schedule"),
    Flag.TIMESHEETS_WAITING: _("Timesheets waiting"),
    Flag.MISSED_SESSIONS: _("Missed sessions in a row"),
    Flag.CERTIFICATION_AT_RISK: _("Certification deadline at risk"),
    Flag.PAUSED: _("Paused"),
    Flag.NEEDS_ADVOCATE: _("Advocate deactivated: needs a new one"),
    Flag.RECORDS_DISAGREE: _("Records that disagree"),
}


@dataclass(frozen=True)
class CaseloadFacts:
    """What the caseload knows about one participant on one day."""

    enrolled_on: dt.date | None
    last_contact: dt.date | None
    confidence: int | None
    behind_schedule: bool
    timesheets_waiting: int
    missed_sessions_flagged: bool
    paused: bool
    certification_at_risk: bool = False
    advocate_deactivated: bool = False
    # The records `next_step` reads conflict (shown on the record for staff to resolve).
    records_disagree: bool = False


def days_since_contact(facts: CaseloadFacts, today: dt.date) -> int | None:
    """Days since the last contact; with none yet, days since enrolment."""
    since = facts.last_contact or facts.enrolled_on
    return None if since is None else (today - since).days


def caseload_flags(facts: CaseloadFacts, today: dt.date) -> tuple[Flag, ...]:
    """Why a participant needs attention, in the order the caseload shows them.

    A paused participant raises no flag but "paused": a pause is never a penalty.
    A deactivated advocate and records that disagree are for staff to fix, so they
    are raised during a pause too.
    Someone enrolled less than 14 days ago without a contact yet is not flagged;
    someone with no contact and no known enrolment date is.
    """
    flags = [Flag.NEEDS_ADVOCATE] if facts.advocate_deactivated else []
    if facts.records_disagree:
        flags.append(Flag.RECORDS_DISAGREE)
    if facts.paused:
        return (*flags, Flag.PAUSED)
    waited = days_since_contact(facts, today)
    if waited is None or waited >= NO_CONTACT_DAYS:
        flags.append(Flag.NO_RECENT_CONTACT)
    if facts.confidence is not None and facts.confidence <= LOW_CONFIDENCE:
        flags.append(Flag.LOW_CONFIDENCE)
    if facts.behind_schedule:
        flags.append(Flag.BEHIND_SCHEDULE)
    if facts.timesheets_waiting:
        flags.append(Flag.TIMESHEETS_WAITING)
    if facts.missed_sessions_flagged:
        flags.append(Flag.MISSED_SESSIONS)
    if facts.certification_at_risk:
        flags.append(Flag.CERTIFICATION_AT_RISK)
    return tuple(flags)


class PauseProblem(StrEnum):
    NOT_IN_FUTURE = "not_in_future"
    TOO_LONG = "too_long"


def pause_problem(until: dt.date, today: dt.date) -> PauseProblem | None:
    """A return date must be after today and within a year (a longer break is a
    conversation about withdrawing, not a pause)."""
    if until <= today:
        return PauseProblem.NOT_IN_FUTURE
    if (until - today).days > LONGEST_PAUSE_DAYS:
        return PauseProblem.TOO_LONG
    return None
