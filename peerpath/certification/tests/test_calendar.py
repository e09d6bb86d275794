import datetime as dt

import pytest
from icalendar import Calendar

from peerpath.certification.calendar import deadlines_calendar
from peerpath.certification.models import CertificationCase


@pytest.mark.django_db
def test_deadlines_become_all_day_events_that_parse_back(participant):
    case = CertificationCase.objects.create(
        participant=participant,
        application_submitted=dt.date(2026, 1, 10),
        application_approved=dt.date(2026, 2, 1),
        training_completed=dt.date(2026, 1, 5),
    )
    calendar = Calendar.from_ical(deadlines_calendar(case, dt.date(2026, 6, 1)))
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        f"peerpath-cert-{case.pk}-{key}@peerpath"
        for key in (
            "approval_valid_through",
            "last_exam_request",
            "training_certificate_valid_through",
        )
    }
    approval = events[f"peerpath-cert-{case.pk}-approval_valid_through@peerpath"]
    assert approval.decoded("dtstart") == dt.date(2027, 2, 1)
    assert "Your approval is valid through" in str(approval["summary"])
