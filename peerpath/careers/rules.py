"""Careers rules on plain values: follow-up dates, reminder windows, checks, progress.

No ORM here. Dates are passed in, so every rule can be tested for any day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# Days after the start date at which the program checks in on a placement.
FOLLOW_UP_MILESTONES: tuple[int, ...] = (30, 90, 180)
# The advocate is reminded this many days before a follow-up is due …
REMINDER_LEAD_DAYS = 7
# … and not at all once it is this far overdue (a late sweep sends nothing stale).
REMINDER_STALE_DAYS = 30
# A check-in counts for a follow-up from this many days before it is due: what the
# 180-day follow-up finds on day 10 says nothing about six months in the job.
FOLLOW_UP_EARLIEST_DAYS = 14

EARLIEST_DATE = dt.date(1950, 1, 1)
MAX_HOURS_PER_WEEK = Decimal("80")
MAX_WAGE = {"hour": Decimal("500"), "year": Decimal("1000000")}

UPCOMING = "upcoming"
DUE = "due"
OVERDUE = "overdue"
DONE = "done"


@dataclass(frozen=True)
class FollowUpDue:
    milestone: int
    due_on: dt.date

    def state(self, today: dt.date) -> str:
        return follow_up_state(self.due_on, today)


def follow_up_due_on(start: dt.date, milestone: int) -> dt.date:
    return start + dt.timedelta(days=milestone)


def follow_up_state(due_on: dt.date, today: dt.date) -> str:
    """Upcoming until the reminder goes out, then due, then overdue after the day."""
    if today > due_on:
        return OVERDUE
    if today >= due_on - dt.timedelta(days=REMINDER_LEAD_DAYS):
        return DUE
    return UPCOMING


def open_follow_ups(start: dt.date | None, recorded: Collection[int]) -> list[FollowUpDue]:
    """Every milestone not yet recorded, earliest first (none without a start date)."""
    if start is None:
        return []
    return [
        FollowUpDue(milestone, follow_up_due_on(start, milestone))
        for milestone in FOLLOW_UP_MILESTONES
        if milestone not in recorded
    ]


def next_follow_up(
    start: dt.date | None, recorded: Collection[int], today: dt.date, *, ended: bool = False
) -> FollowUpDue | None:
    """The check-in to make next for a current job; None once it ended or all are done.

    When a later milestone is already due, a missed earlier one is passed over:
    the later check-in is the one worth making.
    """
    remaining = [] if ended else open_follow_ups(start, recorded)
    reached = [f for f in remaining if f.state(today) != UPCOMING]
    if reached:
        return reached[-1]
    return remaining[0] if remaining else None


def reminder_due(
    start: dt.date | None, recorded: Collection[int], today: dt.date, *, ended: bool = False
) -> FollowUpDue | None:
    """The follow-up the advocate should be reminded of today, if any.

    A reminder window opens REMINDER_LEAD_DAYS before a milestone and closes
    REMINDER_STALE_DAYS after it. The windows never overlap, so at most one
    follow-up is reminded at a time; the sweep's dedupe key sends it once.
    """
    if ended:
        return None
    for follow_up in reversed(open_follow_ups(start, recorded)):
        opens = follow_up.due_on - dt.timedelta(days=REMINDER_LEAD_DAYS)
        closes = follow_up.due_on + dt.timedelta(days=REMINDER_STALE_DAYS)
        if opens <= today <= closes:
            return follow_up
    return None


def check_placement_dates(
    offered_on: dt.date | None,
    start_date: dt.date | None,
    end_date: dt.date | None,
    today: dt.date,
) -> list[tuple[str, Any]]:
    """Dates that cannot be right together, as (field, message) pairs."""
    errors: list[tuple[str, Any]] = []
    for name, value in (("offered_on", offered_on), ("start_date", start_date)):
        if value is not None and value < EARLIEST_DATE:
            errors.append((name, _("Please check the year.")))
    if offered_on is not None and offered_on > today:
        errors.append(("offered_on", _("The offer date is in the future.")))
    if start_date is not None and start_date > today + dt.timedelta(days=366):
        errors.append(("start_date", _("The start date is more than a year away.")))
    if offered_on and start_date and start_date < offered_on:
        errors.append(("start_date", _("The start date is before the offer date.")))
    if end_date is not None:
        if start_date is None:
            errors.append(("start_date", _("Add the start date as well as the last day.")))
        elif end_date < start_date:
            errors.append(("end_date", _("The last day is before the start date.")))
        if end_date > today:
            errors.append(("end_date", _("The last day is in the future.")))
    return errors


def check_follow_up(
    start: dt.date,
    milestone: int,
    contacted_on: dt.date,
    last_day: dt.date | None,
    *,
    still_employed: bool | None,
) -> list[tuple[str, Any]]:
    """A check-in that cannot stand for this follow-up, as (field, message) pairs."""
    errors: list[tuple[str, Any]] = []
    earliest = follow_up_due_on(start, milestone) - dt.timedelta(days=FOLLOW_UP_EARLIEST_DAYS)
    if contacted_on < earliest:
        errors.append(
            (
                "contacted_on",
                _("It is too early: the %(days)d-day follow-up can be recorded from %(date)s.")
                % {"days": milestone, "date": date_format(earliest, "DATE_FORMAT")},
            )
        )
    if still_employed and last_day is not None and contacted_on > last_day:
        errors.append(
            (
                "still_employed",
                _("The job ended on %(date)s, before this check-in.")
                % {"date": date_format(last_day, "DATE_FORMAT")},
            )
        )
    return errors


def check_pay(
    hours_per_week: Decimal | None, wage: Decimal | None, wage_period: str
) -> list[tuple[str, Any]]:
    errors: list[tuple[str, Any]] = []
    if hours_per_week is not None:
        if hours_per_week <= 0:
            errors.append(("hours_per_week", _("Enter the hours as a number above 0.")))
        elif hours_per_week > MAX_HOURS_PER_WEEK:
            errors.append(("hours_per_week", _("A week of work is at most 80 hours here.")))
    if wage is not None:
        if wage < 0:
            errors.append(("wage", _("Pay cannot be negative.")))
        elif wage > MAX_WAGE.get(wage_period, MAX_WAGE["year"]):
            errors.append(
                ("wage", _("That looks too high. Check the amount and whether it is per hour."))
            )
    return errors


def check_entry_dates(
    start_on: dt.date | None, end_on: dt.date | None, today: dt.date
) -> list[tuple[str, Any]]:
    """Résumé entry dates: in order, and not implausibly old or far ahead."""
    errors: list[tuple[str, Any]] = []
    for name, value in (("start_on", start_on), ("end_on", end_on)):
        if value is not None and value < EARLIEST_DATE:
            errors.append((name, _("Please check the year.")))
    if start_on is not None and start_on > today:
        errors.append(("start_on", _("The start date is in the future.")))
    if end_on is not None and end_on > today + dt.timedelta(days=5 * 366):
        errors.append(("end_on", _("Please check the year.")))
    if start_on and end_on and end_on < start_on:
        errors.append(("end_on", _("The end date is before the start date.")))
    return errors


# Invisible characters that text pasted from other programs can carry and that a Word
# file cannot hold: C0 controls other than tab and newline, DEL, lone surrogates and
# the noncharacters U+FFFE/U+FFFF. Word's own line and page breaks become newlines.
# (A NUL never gets this far: forms refuse it with a message.)
_UNPRINTABLE = re.compile("[\x01-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BREAKS = str.maketrans({"\v": "\n", "\f": "\n"})


def plain_text(text: str) -> str:
    """Text with one kind of newline and none of the characters above."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").translate(_BREAKS)
    return _UNPRINTABLE.sub("", text)


_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d+[.)])\s+")


def bullet_lines(text: str) -> list[str]:
    """One point per non-empty line, without the bullet characters people type."""
    lines = (_BULLET.sub("", line).strip() for line in (text or "").splitlines())
    return [line for line in lines if line]


def prep_progress(
    tips_checked: Iterable[str], tip_codes: Sequence[str], sections: Iterable[bool]
) -> tuple[int, int]:
    """(done, total): tips ticked plus worksheet sections with something written."""
    known = set(tip_codes)
    filled = list(sections)
    done = len(known & set(tips_checked)) + sum(filled)
    return done, len(known) + len(filled)


def coverage(point_codes: Sequence[str], covered: Iterable[str]) -> tuple[int, int]:
    """How many of a question's strong-answer points the person ticked."""
    ticked = set(covered)
    return sum(code in ticked for code in point_codes), len(point_codes)
