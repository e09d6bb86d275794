"""The video-call link, meeting ID and passcode never reach anyone who may not have them:
not public pages or feeds, not the API, not outsiders, not logs, not emails, not the audit log."""

import datetime as dt
import json
import logging
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from peerpath.audit.models import AuditEvent
from peerpath.notifications.models import Notification
from peerpath.schedule import tasks
from peerpath.schedule.models import Booking, SessionSeries
from peerpath.schedule.tests.conftest import LA, SECRETS
from peerpath.schedule.views.feeds import feed_token

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 12, 7)


def assert_clean(text, where):
    leaked = [secret for secret in SECRETS if secret in text]
    assert not leaked, f"{where} shows {leaked}"


def session_paths(series, day):
    names = [
        "schedule-show-session",
        "schedule-download-event",
        "schedule-take-roll",
        "schedule-change-session",
    ]
    return [reverse(name, args=[series.pk, day]) for name in names]


def public_paths():
    return [
        "/",
        reverse("web-explore"),
        reverse("web-path"),
        reverse("web-specializations"),
        reverse("web-competencies"),
        reverse("catalog-find-providers"),
        reverse("intake-readiness"),
        reverse("intake-eligibility"),
        reverse("account_login"),
        reverse("schedule-show-public", args=["esp"]),
        reverse("schedule-public-feed", args=["esp"]),
        "/api/openapi.json",
        "/api/providers",
        "/api/programs/esp/sessions",
        "/api/programs/esp/sessions?days=92",
    ]


def test_no_public_page_feed_or_api_answer_shows_join_details(
    client, reference_data, schedule, orientation, frozen_now
):
    for path in public_paths():
        response = client.get(path)
        assert response.status_code == 200, path
        assert_clean(response.content.decode(), path)
    api = client.get("/api/programs/esp/sessions").json()
    assert {item["kind"] for item in api} == {"orientation", "support_room", "group_meeting"}
    assert set(api[0]) == {"kind", "title", "start", "end", "status"}


def test_series_join_details_never_appear_publicly_either(
    client, schedule, orientation, frozen_now
):
    orientation.join_url = "https://meet.example.org/orientation-only-9Zx"
    orientation.passcode = "OrientPass77"
    orientation.save()
    for path in (
        reverse("schedule-show-public", args=["esp"]),
        reverse("schedule-public-feed", args=["esp"]),
        "/api/programs/esp/sessions",
    ):
        body = client.get(path).content.decode()
        assert "orientation-only-9Zx" not in body and "OrientPass77" not in body


def test_outsiders_get_nothing(
    client,
    schedule,
    orientation,
    support_room,
    other_participant,
    applicant,
    other_coordinator,
    enrolled,
    frozen_now,
):
    paths = [
        reverse("schedule-show-calendar"),
        reverse("schedule-show-calendar") + "?view=list",
        *session_paths(orientation, MONDAY),
        *session_paths(support_room, MONDAY),
        reverse("schedule-list-bookings"),
        reverse("schedule-show-participant", args=[enrolled.pk]),
    ]
    # Anonymous: sign-in redirects, nothing else.
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302, path
        assert_clean(response.content.decode(), f"anonymous {path}")
    # Signed in but not allowed: a participant of the program who is not enrolled,
    # an applicant who has not booked, another organization's coordinator.
    for person in (other_participant, applicant, other_coordinator):
        client.force_login(person)
        for path in paths:
            response = client.get(path)
            assert response.status_code in {200, 404}, (person, path)
            assert_clean(response.content.decode(), f"{person.email} {path}")
        for path in (
            reverse("schedule-manage-feed"),
            reverse("schedule-personal-feed", args=[feed_token(_feed(person))]),
        ):
            assert_clean(client.get(path).content.decode(), f"{person.email} {path}")
    # And another participant's feed address with a guessed token is a 404.
    client.logout()
    assert client.get(f"/sessions/feed/{enrolled.pk}-{'0' * 40}.ics").status_code == 404


def test_no_log_line_email_notification_or_audit_event_carries_them(
    client, caplog, schedule, orientation, coordinator, enrolled, applicant, frozen_now
):
    caplog.set_level(logging.DEBUG)
    client.force_login(applicant)
    client.post(reverse("schedule-book-session", args=[orientation.pk, MONDAY]))
    client.get(reverse("schedule-show-session", args=[orientation.pk, MONDAY]))
    client.get(reverse("schedule-download-event", args=[orientation.pk, MONDAY]))
    client.force_login(enrolled)
    client.get(reverse("schedule-show-calendar"))
    client.get(reverse("schedule-personal-feed", args=[feed_token(_feed(enrolled))]))
    client.get("/sessions/999/2026-12-07/")  # a 404 is logged
    client.force_login(coordinator)
    client.get(reverse("schedule-take-roll", args=[orientation.pk, MONDAY]))
    edit = reverse("schedule-edit-series", args=[orientation.pk])
    client.post(
        edit,
        {
            "kind": "orientation",
            "title": "Orientation",
            "starts_on": "2026-01-01",
            "start_time": "16:00",
            "end_time": "16:45",
            "frequency": "weekly",
            "weekdays": ["MO"],
            "is_public": "on",
            "bookable": "on",
            "capacity": "2",
            "join_url": "https://meet.example.org/esp-support-7Hq2/new",
            "meeting_id": "812 5550 0142",
            "passcode": "Zq7PEERpass",
        },
    )
    assert SessionSeries.objects.get(pk=orientation.pk).passcode == "Zq7PEERpass"
    client.post(
        reverse("schedule-change-session", args=[orientation.pk, MONDAY]),
        {"action": "cancel", "note": "Sorry, we have to cancel."},
    )
    Booking.objects.create(
        series=orientation,
        occurrence_date=dt.date(2026, 12, 14),
        user=enrolled,
        created_at=dt.datetime(2026, 12, 1, tzinfo=LA),
    )
    tasks.sweep_session_reminders(dt.datetime(2026, 12, 14, 15, 30, tzinfo=LA))
    call_command(
        "sessions",
        "--program",
        "esp",
        "--start",
        "2026-12-01",
        "--end",
        "2026-12-31",
        stdout=StringIO(),
    )
    assert caplog.records, "the checks above should have logged something"
    assert_clean(caplog.text, "logs")
    for record in caplog.records:
        assert_clean(record.getMessage() + repr(record.args), "log record")
    for notification in Notification.objects.all():
        assert_clean(notification.subject + notification.body, "notification")
    for message in mail.outbox:
        assert_clean(message.subject + message.body, "email")
    for event in AuditEvent.objects.all():
        assert_clean(json.dumps(event.detail) + event.action, "audit event")
    assert AuditEvent.objects.filter(action="schedule.series.update").exists()
    assert Notification.objects.filter(kind="session_change").exists()
    assert Notification.objects.filter(kind="session_reminder").exists()


def _feed(user):
    from peerpath.schedule.actions import get_or_create_calendar_feed

    return get_or_create_calendar_feed(user)
