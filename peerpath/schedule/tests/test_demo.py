"""The demo program ships the seed schedule."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from peerpath.accounts.models import Program, User
from peerpath.schedule.demo import create_demo_schedule
from peerpath.schedule.models import (
    Attendance,
    OccurrenceChange,
    ProgramContact,
    SessionSeries,
    program_zone,
)
from peerpath.schedule.summary import absence_flagged

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_seed_schedule_contacts_and_a_flag():
    call_command("serve", "--demo", "--no-serve", stdout=io.StringIO())
    program = Program.objects.get(slug="esp")
    create_demo_schedule(program)  # a second run changes nothing
    assert SessionSeries.objects.filter(program=program).count() == 4
    assert ProgramContact.objects.count() == 2
    assert OccurrenceChange.objects.count() == 1
    assert Attendance.objects.exists()
    assert program.schedule_settings.join_url == "https://meet.example.org/esp-support"
    roles = set(ProgramContact.objects.values_list("role", flat=True))
    assert roles == {"coordinator", "advocate"}

    today = timezone.now().astimezone(program_zone(program)).date()
    out = io.StringIO()
    call_command(
        "sessions",
        "--program",
        "esp",
        "--start",
        today.isoformat(),
        "--end",
        (today + dt.timedelta(days=62)).isoformat(),
        stdout=out,
    )
    sessions = json.loads(out.getvalue())
    local = [(s["kind"], dt.datetime.fromisoformat(s["start"])) for s in sessions]
    assert {(k, t.weekday(), t.strftime("%H:%M")) for k, t in local} == {
        ("orientation", 0, "16:00"),
        ("support_room", 0, "12:00"),
        ("support_room", 2, "12:00"),
        ("group_meeting", 1, "12:00"),
        ("group_meeting", 1, "18:00"),
    }
    groups = {t.date() for k, t in local if k == "group_meeting"}
    assert all((day.day - 1) // 7 in (0, 2) for day in groups)  # 1st and 3rd Tuesdays
    assert [s["status"] for s in sessions].count("cancelled") == 1
    maya = User.objects.get(email="maya@demo.peerpath.org")
    jordan = User.objects.get(email="participant@demo.peerpath.org")
    assert absence_flagged([maya.pk, jordan.pk]) == {maya.pk}
