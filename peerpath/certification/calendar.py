"""Certification deadlines as iCalendar events, for personal calendar feeds."""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from icalendar import Calendar, Event

from peerpath.certification.models import CertificationCase
from peerpath.certification.status import case_status


def deadline_events(case: CertificationCase, today: dt.date) -> list[Event]:
    """One all-day event per open deadline, with stable UIDs so updates replace them."""
    events = []
    with translation.override(case.participant.language):
        for deadline in case_status(case, today).deadlines:
            event = Event()
            event.add("uid", f"peerpath-cert-{case.pk}-{deadline.key}@peerpath")
            event.add("summary", f"{deadline.name} {deadline.date.isoformat()}")
            event.add("dtstart", deadline.date)
            event.add("dtend", deadline.date + dt.timedelta(days=1))
            event.add("dtstamp", dt.datetime.now(dt.UTC))
            events.append(event)
    return events


def deadlines_calendar(case: CertificationCase, today: dt.date) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//PeerPath//Certification deadlines//EN")
    calendar.add("version", "2.0")
    for event in deadline_events(case, today):
        calendar.add_component(event)
    return calendar.to_ical()
