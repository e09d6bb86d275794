"""`peerpath sessions`: JSON and iCalendar, with changes applied, and clear errors."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from icalendar import Calendar

from peerpath.schedule.models import OccurrenceChange, SessionSeries
from peerpath.schedule.tests.conftest import LA, SECRETS

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("sessions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_lists_the_first_week_of_december_with_utc_offsets(schedule):
    out, _err = run("--program", "esp", "--start", "2026-12-01", "--end", "2026-12-07")
    sessions = json.loads(out)
    assert [(s["kind"], s["start"], s["end"]) for s in sessions] == [
        ("group_meeting", "2026-12-01T12:00:00-08:00", "2026-12-01T13:00:00-08:00"),
        ("group_meeting", "2026-12-01T18:00:00-08:00", "2026-12-01T19:00:00-08:00"),
        ("support_room", "2026-12-02T12:00:00-08:00", "2026-12-02T14:30:00-08:00"),
        ("support_room", "2026-12-07T12:00:00-08:00", "2026-12-07T14:30:00-08:00"),
        ("orientation", "2026-12-07T16:00:00-08:00", "2026-12-07T16:45:00-08:00"),
    ]
    assert set(sessions[0]) == {"kind", "title", "start", "end", "status"}
    assert {s["status"] for s in sessions} == {"scheduled"}
    assert sessions[-1]["title"] == "Orientation"


def test_both_dates_are_included_and_spanish_titles_on_request(schedule):
    out, _err = run(
        "--program", "esp", "--start", "2026-12-07", "--end", "2026-12-07", "--language", "es"
    )
    assert [s["title"] for s in json.loads(out)] == ["Sala de apoyo social", "Orientación"]


def test_cancellations_and_moves_are_applied(schedule, orientation, support_room):
    OccurrenceChange.objects.create(
        series=support_room, original_date=dt.date(2026, 12, 2), cancelled=True, note="Closed"
    )
    moved_to = dt.datetime(2026, 12, 8, 17, 0, tzinfo=LA)
    OccurrenceChange.objects.create(
        series=orientation,
        original_date=dt.date(2026, 12, 7),
        new_start=moved_to,
        new_end=moved_to + dt.timedelta(minutes=45),
    )
    out, _err = run("--program", "esp", "--start", "2026-12-02", "--end", "2026-12-08")
    rows = [(s["title"], s["start"], s["status"]) for s in json.loads(out)]
    assert rows == [
        ("Social support room", "2026-12-02T12:00:00-08:00", "cancelled"),
        ("Social support room", "2026-12-07T12:00:00-08:00", "scheduled"),
        ("Orientation", "2026-12-08T17:00:00-08:00", "moved"),
    ]


def test_ics_has_one_event_per_occurrence_with_the_program_time_zone(schedule, support_room):
    OccurrenceChange.objects.create(
        series=support_room, original_date=dt.date(2026, 3, 9), cancelled=True
    )
    # Across the spring change, 9 March 2026.
    out, _err = run(
        "--program", "esp", "--start", "2026-03-02", "--end", "2026-03-10", "--format", "ics"
    )
    calendar = Calendar.from_ical(out)
    events = calendar.walk("VEVENT")
    # Mon 2 (room, orientation), Tue 3 (two groups), Wed 4 (room), Mon 9 (room, orientation)
    assert len(events) == 7
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/Los_Angeles"]
    starts = sorted(e.decoded("dtstart") for e in events)
    assert starts[0].isoformat() == "2026-03-02T12:00:00-08:00"
    assert starts[-1].isoformat() == "2026-03-09T16:00:00-07:00"
    assert starts[-1].astimezone(dt.UTC).hour == 23
    cancelled = [e for e in events if str(e["status"]) == "CANCELLED"]
    assert len(cancelled) == 1
    assert cancelled[0].decoded("dtstart").date() == dt.date(2026, 3, 9)
    assert len({str(e["uid"]) for e in events}) == 7


def test_output_never_contains_join_details(schedule):
    for fmt in ("json", "ics"):
        out, _err = run(
            "--program", "esp", "--start", "2026-12-01", "--end", "2026-12-31", "--format", fmt
        )
        assert not any(secret in out for secret in SECRETS)


def test_an_empty_range_prints_an_empty_list(program):
    out, _err = run("--program", "esp", "--start", "2026-12-01", "--end", "2026-12-31")
    assert json.loads(out) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--program", "nowhere", "--start", "2026-12-01", "--end", "2026-12-07"], "no program"),
        (["--program", "esp", "--start", "2026-02-30", "--end", "2026-12-07"], "--start"),
        (["--program", "esp", "--start", "2026-12-01", "--end", "12/07/2026"], "--end"),
        (["--program", "esp", "--start", "2026-12-08", "--end", "2026-12-01"], "before"),
        (["--program", "esp", "--start", "2000-01-01", "--end", "2026-12-01"], "three years"),
        (["--program", "esp", "--start", "9999-12-25", "--end", "9999-12-31"], "from 2000 to 2100"),
    ],
)
def test_bad_input_exits_with_status_2_and_a_message(program, args, message):
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("sessions", *args, stdout=StringIO(), stderr=err)
    assert exit_info.value.code == 2
    assert err.getvalue().startswith("error: ")
    assert message in err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_errors_are_one_line_messages_not_tracebacks(program):
    err = StringIO()
    with pytest.raises(SystemExit):
        call_command(
            "sessions",
            "--program",
            "nope",
            "--start",
            "2026-12-01",
            "--end",
            "2026-12-02",
            stderr=err,
            stdout=StringIO(),
        )
    assert err.getvalue().startswith("error: no program")
    assert "Traceback" not in err.getvalue()


def test_inactive_series_are_left_out(schedule, orientation):
    SessionSeries.objects.filter(pk=orientation.pk).update(is_active=False)
    out, _err = run("--program", "esp", "--start", "2026-12-07", "--end", "2026-12-07")
    assert [s["kind"] for s in json.loads(out)] == ["support_room"]
