"""Occurrences as iCalendar (RFC 5545) events.

Each occurrence is its own event with a stable UID (series and original date),
so a calendar that refreshes a feed replaces a moved or cancelled session
instead of adding a second one. Times carry the program's TZID, and the
calendar includes a VTIMEZONE for the dates it covers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from peerpath.schedule import rules

PRODID = "-//PeerPath//Support sessions//EN"


def event_uid(occurrence: rules.Occurrence) -> str:
    return f"peerpath-session-{occurrence.series_id}-{occurrence.original_date:%Y%m%d}@peerpath"


def sequences_for(occurrences: list[rules.Occurrence]) -> dict[str, int]:
    """Each occurrence's revision count, in one query."""
    from peerpath.schedule.models import OccurrenceRevision

    if not occurrences:
        return {}
    rows = OccurrenceRevision.objects.filter(
        series_id__in={o.series_id for o in occurrences},
        original_date__in={o.original_date for o in occurrences},
    ).values_list("series_id", "original_date", "sequence")
    return {f"{series_id}:{day.isoformat()}": sequence for series_id, day, sequence in rows}


def occurrence_event(
    occurrence: rules.Occurrence,
    *,
    url: str = "",
    stamp: dt.datetime | None = None,
    sequence: int = 0,
) -> Event:
    """One VEVENT. Join details appear only when the occurrence carries them, which
    happens only for people allowed to see them (`occurrences.for_viewer`)."""
    event = Event()
    event.add("uid", event_uid(occurrence))
    event.add("dtstamp", stamp or dt.datetime.now(dt.UTC))
    event.add("dtstart", occurrence.start)
    event.add("dtend", occurrence.end)
    event.add("summary", occurrence.title)
    event.add("status", "CANCELLED" if occurrence.is_cancelled else "CONFIRMED")
    # Each change (cancel, move, restore) is a new revision of the same event, and a
    # calendar ignores a revision whose number does not go up.
    changed = 0 if occurrence.status == rules.SCHEDULED else 1
    event.add("sequence", max(sequence, changed))
    lines = []
    if occurrence.is_cancelled:
        lines.append(_("Cancelled."))
    if occurrence.note:
        lines.append(occurrence.note)
    if occurrence.booked:
        lines.append(_("You booked a place."))
    join = occurrence.join
    if join:
        if join.url:
            lines.append(_("Join: %(url)s") % {"url": join.url})
            event.add("location", join.url)
        if join.meeting_id:
            lines.append(_("Meeting ID: %(id)s") % {"id": join.meeting_id})
        if join.passcode:
            lines.append(_("Passcode: %(code)s") % {"code": join.passcode})
    if url:
        event.add("url", url)
        lines.append(url)
    if lines:
        event.add("description", "\n".join(lines))
    return event


def build_calendar(
    occurrences: Iterable[rules.Occurrence],
    *,
    name: str,
    url_for: dict[str, str] | None = None,
    extra_events: Iterable[Event] = (),
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.UTC)
    days: list[dt.date] = []
    occurrences = list(occurrences)
    sequences = sequences_for(occurrences)
    for occurrence in occurrences:
        url = (url_for or {}).get(occurrence.key, "")
        calendar.add_component(
            occurrence_event(
                occurrence, url=url, stamp=stamp, sequence=sequences.get(occurrence.key, 0)
            )
        )
        days += [occurrence.start.date(), occurrence.end.date()]
    for event in extra_events:
        calendar.add_component(event)
    if days:
        calendar.add_missing_timezones(
            first_date=min(days) - dt.timedelta(days=1), last_date=max(days) + dt.timedelta(days=1)
        )
    return calendar.to_ical()


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"
