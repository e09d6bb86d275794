"""Coordinators add sessions, announce extra ones, and cancel or move single dates."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from peerpath.audit.models import AuditEvent
from peerpath.notifications.models import Notification
from peerpath.schedule.models import Attendance, Booking, OccurrenceChange, SessionSeries
from peerpath.schedule.tests.conftest import LA, NOW

pytestmark = pytest.mark.django_db

NEW = reverse("schedule-create-series")
MONDAY = dt.date(2026, 12, 7)


def series_data(**overrides):
    data = {
        "kind": "group_meeting",
        "title": "Peer circle",
        "title_es": "Círculo de pares",
        "starts_on": "2026-12-01",
        "start_time": "17:00",
        "end_time": "18:00",
        "frequency": "monthly",
        "weekdays": ["TH"],
        "month_weeks": ["2", "-1"],
        "is_public": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_a_coordinator_adds_a_monthly_session(client, coordinator, program, frozen_now):
    client.force_login(coordinator)
    response = client.post(f"{NEW}?program=esp", series_data())
    assert response.status_code == 302
    series = SessionSeries.objects.get()
    assert series.recurrence == "FREQ=MONTHLY;BYDAY=2TH,-1TH"
    assert series.program == program
    assert AuditEvent.objects.filter(action="schedule.series.create").exists()
    html = client.get(
        reverse("schedule-show-calendar"), {"view": "list", "from": "2026-12-10"}
    ).content.decode()
    assert "Thursday, December 10" in html and "Thursday, December 31" in html
    assert "Thursday, December 17" not in html
    edit = client.get(reverse("schedule-edit-series", args=[series.pk])).content.decode()
    checked = re.findall(r'name="(\w+)" value="([^"]+)"[^>]*checked', edit)
    assert ("weekdays", "TH") in checked and ("frequency", "monthly") in checked
    assert ("month_weeks", "2") in checked and ("month_weeks", "-1") in checked


def test_announcing_an_extra_session(client, coordinator, enrolled, program, frozen_now):
    client.force_login(coordinator)
    form = client.get(f"{NEW}?program=esp&frequency=once").content.decode()
    assert 'value="once"' in form
    client.post(
        f"{NEW}?program=esp",
        series_data(
            kind="other",
            title="Job fair prep",
            frequency="once",
            weekdays=None,
            month_weeks=None,
            starts_on="2026-12-10",
        ),
    )
    series = SessionSeries.objects.get()
    assert series.recurrence == ""
    client.force_login(enrolled)
    html = client.get(reverse("schedule-show-calendar"), {"view": "list"}).content.decode()
    assert html.count("Job fair prep") == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_time": "16:00"}, "end_time", "The end must be after the start."),
        ({"month_weeks": None}, "month_weeks", "Choose the weeks of the month"),
        ({"frequency": "weekly", "weekdays": None}, "weekdays", "Choose at least one day"),
        ({"frequency": "hourly"}, "frequency", "Select a valid choice"),
        ({"ends_on": "2026-11-01"}, "ends_on", "cannot be before the first"),
        ({"capacity": "5"}, "capacity", "only when people book"),
        ({"title": ""}, "title", "This field is required."),
        ({"title": "x" * 500}, "title", "at most 120 characters"),
        ({"starts_on": "2026-02-30"}, "starts_on", "Enter a valid date."),
        ({"starts_on": "0001-01-01"}, "starts_on", "Choose a date from 2000 to 2100."),
        ({"ends_on": "9999-12-31"}, "ends_on", "Choose a date from 2000 to 2100."),
        ({"join_url": "javascript:alert(1)"}, "join_url", "Enter a valid URL."),
        ({"weekdays": ["XX"]}, "weekdays", "Select a valid choice"),
    ],
)
def test_bad_series_input_is_refused_next_to_the_field(
    client, coordinator, program, overrides, field, message
):
    client.force_login(coordinator)
    response = client.post(f"{NEW}?program=esp", series_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    assert not SessionSeries.objects.exists()


def test_an_error_in_the_video_call_details_is_not_folded_away(client, coordinator, program):
    client.force_login(coordinator)
    response = client.post(f"{NEW}?program=esp", series_data(passcode="x" * 41))
    assert "passcode" in response.context["form"].errors
    assert "<details open>" in response.content.decode()


def test_who_may_edit_the_schedule(
    client, advocate, participant, other_coordinator, site_admin, orientation
):
    edit = reverse("schedule-edit-series", args=[orientation.pk])
    change = reverse("schedule-change-session", args=[orientation.pk, MONDAY])
    for person in (advocate, participant, other_coordinator):
        client.force_login(person)
        for path in (edit, change, f"{NEW}?program=esp"):
            assert client.get(path).status_code == 404, (person, path)
    client.force_login(site_admin)
    for path in (edit, change, f"{NEW}?program=esp"):
        assert client.get(path).status_code == 200


def test_a_rule_written_in_the_admin_is_kept(client, coordinator, orientation):
    orientation.recurrence = "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"
    orientation.save()
    client.force_login(coordinator)
    edit = reverse("schedule-edit-series", args=[orientation.pk])
    assert (
        "Keep the current rule: FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"
        in client.get(edit).content.decode()
    )
    client.post(
        edit,
        series_data(
            kind="orientation",
            title="Orientation",
            frequency="custom",
            start_time="16:00",
            end_time="16:45",
            bookable="on",
        ),
    )
    orientation.refresh_from_db()
    assert orientation.recurrence == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"
    assert orientation.title == "Orientation"


def test_cancelling_a_date_tells_the_people_who_booked(
    client, coordinator, applicant, orientation, frozen_now
):
    Booking.objects.create(series=orientation, occurrence_date=MONDAY, user=applicant)
    client.force_login(coordinator)
    path = reverse("schedule-change-session", args=[orientation.pk, MONDAY])
    response = client.post(path, {"action": "cancel", "note": "Snow day"}, follow=True)
    assert "The session is cancelled." in response.content.decode()
    change = OccurrenceChange.objects.get()
    assert change.cancelled and change.note == "Snow day" and change.changed_by == coordinator
    notification = Notification.objects.get(user=applicant)
    assert notification.subject == "Cancelled: Orientation, Monday, Dec. 7, 2026, 4 p.m."
    assert "Snow day" in notification.body
    assert AuditEvent.objects.filter(action="schedule.occurrence.cancel").count() == 1


def test_moving_a_date_then_putting_it_back(
    client, coordinator, applicant, enrolled, orientation, frozen_now
):
    Booking.objects.create(series=orientation, occurrence_date=MONDAY, user=applicant)
    Attendance.objects.create(
        series=orientation,
        occurrence_date=MONDAY,
        starts_at=dt.datetime(2026, 12, 7, 16, tzinfo=LA),
        participant=enrolled,
        status="excused",
        source="advance_notice",
    )
    client.force_login(coordinator)
    path = reverse("schedule-change-session", args=[orientation.pk, MONDAY])
    client.post(
        path,
        {
            "action": "move",
            "new_date": "2026-12-08",
            "new_start_time": "17:30",
            "new_end_time": "18:15",
            "note": "",
        },
    )
    change = OccurrenceChange.objects.get()
    assert change.new_start == dt.datetime(2026, 12, 8, 17, 30, tzinfo=LA)
    assert Attendance.objects.get().starts_at == change.new_start
    subject = Notification.objects.get(user=applicant).subject
    assert subject == "New time: Orientation, now Tuesday, Dec. 8, 2026, 5:30 p.m."
    session = client.get(reverse("schedule-show-session", args=[orientation.pk, MONDAY]))
    assert "Moved from Monday, December 7, 4 p.m." in session.content.decode()
    client.post(path, {"action": "restore"})
    assert not OccurrenceChange.objects.exists()
    latest = Notification.objects.filter(user=applicant).first()
    assert latest.subject == "On again: Orientation, Monday, Dec. 7, 2026, 4 p.m."
    assert Attendance.objects.get().starts_at == dt.datetime(2026, 12, 7, 16, tzinfo=LA)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"action": "move"}, "new_date"),
        (
            {
                "action": "move",
                "new_date": "2026-12-08",
                "new_start_time": "18:00",
                "new_end_time": "17:00",
            },
            "new_end_time",
        ),
        (
            {
                "action": "move",
                "new_date": "2029-01-01",
                "new_start_time": "10:00",
                "new_end_time": "11:00",
            },
            "new_date",
        ),
        (
            {"action": "move", "new_date": "nope", "new_start_time": "25:00", "new_end_time": "x"},
            "new_date",
        ),
        (
            # 02:15 does not exist on the day the clocks go forward in Los Angeles.
            {
                "action": "move",
                "new_date": "2027-03-14",
                "new_start_time": "02:15",
                "new_end_time": "03:00",
            },
            "new_start_time",
        ),
        ({"action": "explode"}, "action"),
        ({"action": "cancel", "note": "x" * 301}, "note"),
    ],
)
def test_bad_changes_are_refused(client, coordinator, orientation, data, field, frozen_now):
    client.force_login(coordinator)
    path = reverse("schedule-change-session", args=[orientation.pk, MONDAY])
    response = client.post(path, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not OccurrenceChange.objects.exists()


def test_each_change_is_told_once_and_a_move_back_is_told_too(
    client, coordinator, applicant, orientation, frozen_now, monkeypatch
):
    Booking.objects.create(series=orientation, occurrence_date=MONDAY, user=applicant)
    client.force_login(coordinator)
    path = reverse("schedule-change-session", args=[orientation.pk, MONDAY])
    tuesday = {
        "action": "move",
        "new_date": "2026-12-08",
        "new_start_time": "16:00",
        "new_end_time": "16:45",
        "note": "",
    }
    wednesday = dict(tuesday, new_date="2026-12-09")
    clock = [NOW]

    def later():
        clock[0] += dt.timedelta(seconds=5)
        return clock[0]

    monkeypatch.setattr("django.utils.timezone.now", later)
    for data in (tuesday, tuesday, wednesday, tuesday):
        client.post(path, data)
    client.post(path, {"action": "cancel", "note": "Snow day"})
    client.post(path, {"action": "cancel", "note": "Snow day"})
    subjects = [n.subject for n in Notification.objects.filter(user=applicant).order_by("pk")]
    assert subjects == [
        "New time: Orientation, now Tuesday, Dec. 8, 2026, 4 p.m.",
        "New time: Orientation, now Wednesday, Dec. 9, 2026, 4 p.m.",
        "New time: Orientation, now Tuesday, Dec. 8, 2026, 4 p.m.",
        # Cancelled where people last knew it to be.
        "Cancelled: Orientation, Tuesday, Dec. 8, 2026, 4 p.m.",
    ]
    assert AuditEvent.objects.filter(action="schedule.occurrence.move").count() == 3
    assert AuditEvent.objects.filter(action="schedule.occurrence.cancel").count() == 1
