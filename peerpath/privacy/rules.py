"""Pure rules: when a consent counts, when an export expires, when records go."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

EXPORT_DAYS = 7
DEFAULT_APPLICATION_YEARS = 2
DEFAULT_RECORD_YEARS = 7
MAX_CONSENT_DAYS = 366 * 3

# Why a person's records go.
APPLICATION_EXPIRED = "application"  # applied, never enrolled, kept `applications_years`
RECORDS_EXPIRED = "records"  # enrolled, kept `records_years` after the last activity
ON_REQUEST = "request"  # an administrator, on the person's request, with a reason


def consent_is_current(expires_on: dt.date, revoked: bool, today: dt.date) -> bool:
    """A consent counts through its last day, unless withdrawn."""
    return not revoked and today <= expires_on


def export_expires_at(ready_at: dt.datetime) -> dt.datetime:
    return ready_at + dt.timedelta(days=EXPORT_DAYS)


def consent_end_problem(expires_on: dt.date, today: dt.date) -> str | None:
    """Why an end date cannot be used, as a code (the form words it)."""
    if expires_on < today:
        return "past"
    if expires_on > today + dt.timedelta(days=MAX_CONSENT_DAYS):
        return "too_far"
    return None


def last_activity(*moments: dt.date | None) -> dt.date | None:
    """The latest of the dates that show the person was still involved."""
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None


def retention_due(
    *,
    enrolled: bool,
    last_active: dt.date | None,
    today: dt.date,
    applications_years: int = DEFAULT_APPLICATION_YEARS,
    records_years: int = DEFAULT_RECORD_YEARS,
) -> str | None:
    """Which rule, if any, says this person's records have been kept long enough.

    An applicant who was never enrolled is kept `applications_years` after their
    last activity; an enrolled participant `records_years` after theirs (there
    is no exit date: the last activity is the latest of sign-in, enrolment
    training end, application update and account creation).
    """
    if last_active is None:
        return None
    years = records_years if enrolled else applications_years
    if last_active + relativedelta(years=years) <= today:
        return RECORDS_EXPIRED if enrolled else APPLICATION_EXPIRED
    return None
