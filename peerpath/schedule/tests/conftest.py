"""The seed schedule on the test program, enrolment, and a frozen clock.

NOW is Wednesday 2 December 2026, 10:00 in Los Angeles: the first Tuesday's
group meetings are just past, the support room opens at noon, and the next
orientation is Monday 7 December at 16:00.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

LA = ZoneInfo("America/Los_Angeles")
NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=LA)
JOIN_URL = "https://meet.example.org/esp-support-7Hq2"
MEETING_ID = "812 5550 0142"
PASSCODE = "Zq7PEERpass"
SECRETS = (JOIN_URL, "esp-support-7Hq2", MEETING_ID, PASSCODE)


def visible_text(html: str) -> str:
    """The page as a person reads it: tags removed, whitespace collapsed."""
    import re
    from html import unescape

    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split()).replace(" – ", "–")


def enrol(person, advocate=None):
    from peerpath.intake.models import Application, ApplicationStatus

    Application.objects.update_or_create(
        applicant=person,
        defaults={"program": person.program, "status": ApplicationStatus.ENROLLED},
    )
    if advocate is not None:
        person.advocate = advocate
        person.save(update_fields=["advocate"])
    # is_enrolled() caches its answer on the object.
    for attribute in ("_peerpath_enrolled_program",):
        if hasattr(person, attribute):
            delattr(person, attribute)
    return person


@pytest.fixture
def frozen_now(monkeypatch):
    """Pin the clock the views and actions read (timezone.now and localdate)."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW.astimezone(dt.UTC))
    return NOW


@pytest.fixture
def schedule(program):
    """The seed schedule (demo builder), with join details known to the tests."""
    from peerpath.schedule.models import ScheduleSettings, SessionSeries

    ScheduleSettings.objects.create(
        program=program, join_url=JOIN_URL, meeting_id=MEETING_ID, passcode=PASSCODE
    )
    seed = [
        ("orientation", "Orientation", "Orientación", "FREQ=WEEKLY;BYDAY=MO", (16, 0), (16, 45)),
        (
            "support_room",
            "Social support room",
            "Sala de apoyo social",
            "FREQ=WEEKLY;BYDAY=MO,WE",
            (12, 0),
            (14, 30),
        ),
        (
            "group_meeting",
            "Group meeting (midday)",
            "Reunión de grupo (mediodía)",
            "FREQ=MONTHLY;BYDAY=1TU,3TU",
            (12, 0),
            (13, 0),
        ),
        (
            "group_meeting",
            "Group meeting (evening)",
            "Reunión de grupo (tarde)",
            "FREQ=MONTHLY;BYDAY=1TU,3TU",
            (18, 0),
            (19, 0),
        ),
    ]
    made = {}
    for kind, title, title_es, rule, start, end in seed:
        made[title] = SessionSeries.objects.create(
            program=program,
            kind=kind,
            title=title,
            title_es=title_es,
            recurrence=rule,
            starts_on=dt.date(2026, 1, 1),
            start_time=dt.time(*start),
            end_time=dt.time(*end),
            bookable=kind == "orientation",
            capacity=2 if kind == "orientation" else None,
        )
    return made


@pytest.fixture
def orientation(schedule):
    return schedule["Orientation"]


@pytest.fixture
def support_room(schedule):
    return schedule["Social support room"]


@pytest.fixture
def enrolled(participant, advocate):
    return enrol(participant, advocate)


@pytest.fixture
def applicant(program):
    """Signed up to the program, not enrolled."""
    from peerpath.accounts.roles import Role
    from peerpath.conftest import make_user

    return make_user("cam@example.org", Role.PARTICIPANT, program=program, full_name="Cam Lee")
