"""Recurrence, reminder and attendance rules, on plain values.

A series is a start date, a local start and end time and an RFC 5545 RRULE
value (empty for a one-time session). Occurrences are expanded on *local*
dates with `python-dateutil` and only then given the program's time zone, so
"Monday 16:00" stays 16:00 on the wall clock on both sides of a
daylight-saving change while its UTC offset changes.

dateutil, unlike RFC 5545, does not count the start date as an occurrence
unless it matches the rule: the start date here means "from", which is what a
coordinator means when they say "every Monday from 5 January".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr
from django.utils.dates import WEEKDAYS
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from icalendar import vRecur

SCHEDULED = "scheduled"
MOVED = "moved"
CANCELLED = "cancelled"

PRESENT = "present"
EXCUSED = "excused"
ABSENT = "absent"

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
# Times come from the series, the end date from its own field: a rule may not
# carry them too, or the two could disagree.
FORBIDDEN_PARTS = {"BYHOUR", "BYMINUTE", "BYSECOND", "UNTIL", "DTSTART", "BYSETPOS"}
MAX_RULE_LENGTH = 300
MAX_INTERVAL = 99
# What icalendar and dateutil raise on malformed rules.
PARSE_ERRORS = (ValueError, TypeError, IndexError, KeyError)
PROBE_START = dt.date(2000, 1, 1)
D0 = dt.date(2000, 1, 1)
# Calendars work inside these years: far-off dates would make rule expansion slow
# and push datetimes past what Python can represent.
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)


def in_calendar_range(day: dt.date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


# Day names after "every": Spanish needs plurals here ("todos los sábados").
EVERY_WEEKDAY = {
    "MO": pgettext_lazy("after every", "Monday"),
    "TU": pgettext_lazy("after every", "Tuesday"),
    "WE": pgettext_lazy("after every", "Wednesday"),
    "TH": pgettext_lazy("after every", "Thursday"),
    "FR": pgettext_lazy("after every", "Friday"),
    "SA": pgettext_lazy("after every", "Saturday"),
    "SU": pgettext_lazy("after every", "Sunday"),
}
ORDINALS = {
    1: gettext_lazy("first"),
    2: gettext_lazy("second"),
    3: gettext_lazy("third"),
    4: gettext_lazy("fourth"),
    -1: gettext_lazy("last"),
}


@dataclass(frozen=True)
class JoinDetails:
    """How to join a video session. Kept out of `repr` so that it never reaches a log
    line by accident."""

    url: str = field(repr=False)
    meeting_id: str = field(default="", repr=False)
    passcode: str = field(default="", repr=False)

    def __bool__(self) -> bool:
        return bool(self.url or self.meeting_id)


@dataclass(frozen=True)
class SeriesRule:
    series_id: int
    kind: str
    title: str
    starts_on: dt.date
    start_time: dt.time
    end_time: dt.time
    recurrence: str
    zone: ZoneInfo
    ends_on: dt.date | None = None


@dataclass(frozen=True)
class Change:
    """An exception to a series on one of its dates: cancelled, or moved to new times."""

    original_date: dt.date
    cancelled: bool
    new_start: dt.datetime | None = None
    new_end: dt.datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class Occurrence:
    """One session on one day. `original_date` (with the series) identifies it, even
    when it was moved to another day."""

    series_id: int
    original_date: dt.date
    kind: str
    title: str
    start: dt.datetime
    end: dt.datetime
    status: str = SCHEDULED
    note: str = ""
    original_start: dt.datetime | None = None
    booked: bool = False
    join: JoinDetails | None = None

    @property
    def is_cancelled(self) -> bool:
        return self.status == CANCELLED

    @property
    def key(self) -> str:
        return f"{self.series_id}:{self.original_date.isoformat()}"


def local_datetime(day: dt.date, time: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The aware datetime of a wall-clock time on a day in `zone`.

    A time skipped by the spring change (02:30 on that day) does not exist; the
    round trip through UTC moves it to the real time an hour later, as a phone
    calendar would.
    """
    aware = dt.datetime.combine(day, time).replace(tzinfo=zone)
    return aware.astimezone(dt.UTC).astimezone(zone)


@lru_cache(maxsize=256)
def _parsed(recurrence: str, starts_on: dt.date) -> rrule:
    return rrulestr(f"RRULE:{recurrence}", dtstart=dt.datetime.combine(starts_on, dt.time()))  # type: ignore[return-value]


def occurrence_dates(rule: SeriesRule, first: dt.date, last: dt.date) -> list[dt.date]:
    """The series' local dates between `first` and `last`, both included."""
    start = max(first, rule.starts_on)
    stop = min(last, rule.ends_on) if rule.ends_on else last
    if start > stop:
        return []
    if not rule.recurrence:
        return [rule.starts_on] if start <= rule.starts_on <= stop else []
    parsed = _parsed(rule.recurrence, rule.starts_on)
    window = (dt.datetime.combine(start, dt.time()), dt.datetime.combine(stop, dt.time()))
    return [moment.date() for moment in parsed.between(*window, inc=True)]


def occurs_on(rule: SeriesRule, day: dt.date) -> bool:
    return occurrence_dates(rule, day, day) == [day]


def expand(
    rule: SeriesRule, changes: Mapping[dt.date, Change], first: dt.date, last: dt.date
) -> list[Occurrence]:
    """Every occurrence whose (possibly moved) start falls on a local date in
    [`first`, `last`], with cancellations and moves applied, in start order.

    A cancelled occurrence stays on its date with its note, so people see that it
    is not happening. A moved one appears where it now is.
    """
    zone = rule.zone
    found: list[Occurrence] = []

    length = dt.datetime.combine(D0, rule.end_time) - dt.datetime.combine(D0, rule.start_time)

    def base(day: dt.date) -> Occurrence:
        start = local_datetime(day, rule.start_time, zone)
        end = local_datetime(day, rule.end_time, zone)
        if end <= start:  # the start fell in the spring gap and caught up with the end
            end = start + length
        return Occurrence(
            series_id=rule.series_id,
            original_date=day,
            kind=rule.kind,
            title=rule.title,
            start=start,
            end=end,
        )

    def moved(occurrence: Occurrence, change: Change) -> Occurrence | None:
        assert change.new_start is not None and change.new_end is not None
        start = change.new_start.astimezone(zone)
        if not first <= start.date() <= last:
            return None
        return Occurrence(
            series_id=rule.series_id,
            original_date=occurrence.original_date,
            kind=rule.kind,
            title=rule.title,
            start=start,
            end=change.new_end.astimezone(zone),
            status=MOVED,
            note=change.note,
            original_start=occurrence.start,
        )

    for day in occurrence_dates(rule, first, last):
        occurrence = base(day)
        change = changes.get(day)
        if change is None:
            found.append(occurrence)
        elif change.cancelled:
            found.append(replace(occurrence, status=CANCELLED, note=change.note))
        elif (result := moved(occurrence, change)) is not None:
            found.append(result)
    for day, change in changes.items():
        if first <= day <= last or change.cancelled or change.new_start is None:
            continue
        if occurs_on(rule, day) and (result := moved(base(day), change)) is not None:
            found.append(result)
    found.sort(key=lambda o: (o.start, o.series_id))
    return found


@lru_cache(maxsize=1024)
def _expand_remembered(
    rule: SeriesRule, changes: tuple[tuple[dt.date, Change], ...], first: dt.date, last: dt.date
) -> tuple[Occurrence, ...]:
    return tuple(expand(rule, dict(changes), first, last))


def expand_remembered(
    rule: SeriesRule, changes: Mapping[dt.date, Change], first: dt.date, last: dt.date
) -> list[Occurrence]:
    """`expand`, remembered in this process for its exact inputs: the rule (title,
    times, dates, repeat rule, time zone) and every change are part of the key, so
    an edit to the series or to one of its dates is a new key, never a stale answer.
    Occurrences are immutable and hold nothing about a person (bookings and join
    details are added per viewer afterwards)."""
    frozen = tuple(sorted(changes.items(), key=lambda item: item[0]))
    return list(_expand_remembered(rule, frozen, first, last))


def merge(groups: Iterable[Sequence[Occurrence]]) -> list[Occurrence]:
    return sorted((o for group in groups for o in group), key=lambda o: (o.start, o.series_id))


# --- Rules as text -----------------------------------------------------------------


def validate_recurrence(text: str) -> str:
    """Normalise an RRULE value ("FREQ=WEEKLY;BYDAY=MO"); raise ValueError with a
    message a coordinator can act on. An empty value means a one-time session."""
    value = (text or "").strip().upper()
    if value.startswith("RRULE:"):
        value = value[len("RRULE:") :]
    if not value:
        return ""
    if len(value) > MAX_RULE_LENGTH:
        raise ValueError(_("The rule is too long."))
    try:
        parts = vRecur.from_ical(value)
    except PARSE_ERRORS as exc:
        raise ValueError(_("This is not a valid repeat rule.")) from exc
    frequency = parts.get("FREQ", [None])[0]
    if frequency not in ALLOWED_FREQUENCIES:
        raise ValueError(_("Repeat daily, weekly, monthly or yearly (FREQ)."))
    forbidden = sorted(FORBIDDEN_PARTS & set(parts))
    if forbidden:
        raise ValueError(
            _("Leave out %(parts)s: times and the end date have their own fields.")
            % {"parts": ", ".join(forbidden)}
        )
    interval = parts.get("INTERVAL", [1])[0]
    if not isinstance(interval, int) or not 1 <= interval <= MAX_INTERVAL:
        raise ValueError(_("The interval must be a whole number from 1 to 99."))
    normalised = vRecur(parts).to_ical().decode()
    try:
        probe = _parsed(normalised, PROBE_START)
        # Bounded, unlike after(): a rule that never happens would search to year 9999.
        found = probe.between(
            dt.datetime.combine(PROBE_START, dt.time()),
            dt.datetime.combine(PROBE_START.replace(year=PROBE_START.year + 8), dt.time()),
            inc=True,
        )
    except (*PARSE_ERRORS, OverflowError) as exc:
        raise ValueError(_("This is not a valid repeat rule.")) from exc
    if not found:
        raise ValueError(_("This rule never produces a date."))
    return normalised


def build_recurrence(frequency: str, weekdays: Sequence[str], month_weeks: Sequence[int]) -> str:
    """The RRULE for the calendar form's choices: once, weekly on days, or monthly on
    the n-th weekdays ("1TU,3TU")."""
    days = [d for d in WEEKDAY_CODES if d in set(weekdays)]
    if frequency == "once":
        return ""
    if frequency == "weekly":
        if not days:
            raise ValueError(_("Choose at least one day of the week."))
        return f"FREQ=WEEKLY;BYDAY={','.join(days)}"
    if frequency == "monthly":
        weeks = sorted(set(month_weeks), key=lambda n: (n < 0, n))
        if not days or not weeks:
            raise ValueError(_("Choose the weeks of the month and at least one day."))
        return "FREQ=MONTHLY;BYDAY=" + ",".join(f"{n}{d}" for d in days for n in weeks)
    raise ValueError(_("Choose how often it repeats."))


def split_recurrence(recurrence: str) -> tuple[str, list[str], list[int]] | None:
    """The form's view of a rule: (frequency, weekdays, month weeks), or None for a
    rule the form cannot show (edit it as text in the admin)."""
    if not recurrence:
        return ("once", [], [])
    parts = vRecur.from_ical(recurrence)
    keys = set(parts)
    frequency = parts["FREQ"][0]
    days = [str(d) for d in parts.get("BYDAY", [])]
    if (
        frequency == "WEEKLY"
        and keys == {"FREQ", "BYDAY"}
        and all(d in WEEKDAY_CODES for d in days)
    ):
        return ("weekly", days, [])
    if frequency == "MONTHLY" and keys == {"FREQ", "BYDAY"}:
        pairs = [(int(d[:-2]), d[-2:]) for d in days if d[:-2].lstrip("-").isdigit()]
        if len(pairs) != len(days):
            return None
        weeks = sorted({n for n, _d in pairs}, key=lambda n: (n < 0, n))
        weekdays = [d for d in WEEKDAY_CODES if d in {d for _n, d in pairs}]
        if {(n, d) for n in weeks for d in weekdays} == set(pairs) and set(weeks) <= set(ORDINALS):
            return ("monthly", weekdays, weeks)
    return None


def describe_recurrence(recurrence: str) -> str:
    """The rule in words, in the active language: "Every Monday and Wednesday"."""
    shape = split_recurrence(recurrence) if recurrence else ("once", [], [])
    if recurrence == "FREQ=DAILY":
        return _("Every day")
    if shape is None:
        return _("On the dates listed")
    frequency, days, weeks = shape
    day_names = [str(WEEKDAYS[WEEKDAY_CODES.index(d)]) for d in days]
    if frequency == "once":
        return _("Once")
    if frequency == "weekly":
        every = [str(EVERY_WEEKDAY[d]) for d in days]
        return _("Every %(days)s") % {"days": get_text_list(every, _("and"))}
    ordinals = [str(ORDINALS[n]) for n in weeks]
    return _("The %(weeks)s %(days)s of each month") % {
        "weeks": get_text_list(ordinals, _("and")),
        "days": get_text_list(day_names, _("and")),
    }


# --- Booking, check-in and reminders -------------------------------------------------


def spots_left(capacity: int | None, booked: int) -> int | None:
    """None means no limit."""
    return None if capacity is None else max(capacity - booked, 0)


def check_in_open(
    start: dt.datetime, end: dt.datetime, now: dt.datetime, opens_minutes: int
) -> bool:
    """Check-in opens a little before the start and closes at the end."""
    return start - dt.timedelta(minutes=opens_minutes) <= now <= end


def can_excuse(start: dt.datetime, now: dt.datetime) -> bool:
    """An absence can be excused in advance until the session starts."""
    return now < start


def parse_offsets(text: str) -> tuple[int, ...]:
    """ "24,1" → (24, 1): whole hours before a session, largest first."""
    values = {int(v) for v in (p.strip() for p in text.split(",")) if v.isdigit() and int(v) > 0}
    return tuple(sorted(values, reverse=True))


def due_reminder(
    start: dt.datetime, booked_at: dt.datetime, now: dt.datetime, offsets_hours: Sequence[int]
) -> int | None:
    """The reminder to send now for a booked session, as its offset in hours, or None.

    Of the offsets whose time has come, only the nearest to the session is due:
    a sweep that ran late sends one timely reminder, not a burst of stale ones.
    An offset whose time came before the booking was made is not sent (someone who
    books 3 hours ahead gets the 1-hour reminder, not a "24 hours" one).
    """
    if now >= start:
        return None
    reached = [
        h
        for h in offsets_hours
        if start - dt.timedelta(hours=h) <= now and booked_at <= start - dt.timedelta(hours=h)
    ]
    return min(reached) if reached else None


# --- Attendance ---------------------------------------------------------------------


def consecutive_absences(statuses_newest_first: Iterable[str]) -> int:
    """The current run of absences: absences since the last time the person came.

    Excused absences are skipped: they neither add to the run nor end it. Letting
    staff know is not the same as coming, and one notice should not hide several
    silent absences around it; only attending ends a run.
    """
    run = 0
    for status in statuses_newest_first:
        if status == PRESENT:
            break
        if status == ABSENT:
            run += 1
    return run


def is_absence_flagged(run: int, threshold: int) -> bool:
    return threshold > 0 and run >= threshold


_DOUBLED_STOP = re.compile(r"(?<!\.)\.\.(?=\s|$)")


def tidy_sentences(text: str) -> str:
    """ "… 5 p.m.. Open PeerPath" → "… 5 p.m. Open PeerPath": a time written with an
    abbreviation ends the sentence with its own period."""
    return _DOUBLED_STOP.sub(".", text)
