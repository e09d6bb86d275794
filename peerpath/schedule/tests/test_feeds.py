"""Personal and public iCalendar feeds and the single-session download."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from peerpath.certification.models import CertificationCase
from peerpath.schedule.models import Booking, CalendarFeed, OccurrenceChange
from peerpath.schedule.tests.conftest import JOIN_URL, LA, PASSCODE, SECRETS
from peerpath.schedule.views.feeds import feed_token

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 12, 7)


def feed_path(client, user):
    client.force_login(user)
    html = client.get(reverse("schedule-manage-feed")).content.decode()
    feed = CalendarFeed.objects.get(user=user)
    path = reverse("schedule-personal-feed", args=[feed_token(feed)])
    assert path in html
    return path


def events(body):
    calendar = Calendar.from_ical(body)
    return calendar, {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_the_personal_feed_imports_with_the_right_local_times(
    client, enrolled, schedule, orientation, frozen_now
):
    Booking.objects.create(series=orientation, occurrence_date=MONDAY, user=enrolled)
    path = feed_path(client, enrolled)
    client.logout()
    response = client.get(path)  # calendar apps fetch without a session
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, found = events(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/Los_Angeles"]
    monday = found[f"peerpath-session-{orientation.pk}-20261207@peerpath"]
    start = monday.decoded("dtstart")
    assert start == dt.datetime(2026, 12, 7, 16, 0, tzinfo=LA)
    assert start.utcoffset() == dt.timedelta(hours=-8)
    assert monday["dtstart"].params["TZID"] == "America/Los_Angeles"
    assert "You booked a place." in str(monday["description"])
    # Enrolled: join details are in the person's own feed.
    assert JOIN_URL in str(monday["description"]) and PASSCODE in str(monday["description"])
    # Across the spring change the wall-clock time stays 16:00.
    march = [
        e.decoded("dtstart")
        for e in found.values()
        if e.decoded("dtstart").date() == dt.date(2027, 3, 15)
        and str(e["summary"]) == "Orientation"
    ]
    assert march == [dt.datetime(2027, 3, 15, 16, 0, tzinfo=LA)]
    assert march[0].utcoffset() == dt.timedelta(hours=-7)


def test_an_applicant_feed_has_the_link_only_for_the_booked_orientation(
    client, applicant, orientation, support_room, frozen_now
):
    Booking.objects.create(series=orientation, occurrence_date=MONDAY, user=applicant)
    body = client.get(feed_path(client, applicant)).content.decode()
    _calendar, found = events(body)
    booked = found[f"peerpath-session-{orientation.pk}-20261207@peerpath"]
    assert JOIN_URL in str(booked["description"])
    others = [e for uid, e in found.items() if not uid.endswith("20261207@peerpath")]
    assert others and not any(JOIN_URL in str(e.get("description", "")) for e in others)


def test_resetting_the_address_stops_the_old_one(client, enrolled, schedule, frozen_now):
    old = feed_path(client, enrolled)
    assert client.get(old).status_code == 200
    response = client.post(reverse("schedule-manage-feed"), follow=True)
    assert "The old one no longer works." in response.content.decode()
    new = reverse("schedule-personal-feed", args=[feed_token(CalendarFeed.objects.get())])
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


@pytest.mark.parametrize(
    "token",
    [
        "1-" + "0" * 40,
        "x-abc",
        "999-" + "a" * 40,
        "1-" + "a" * 39,
        "-",
        "1" * 500,
        "\u00b2-" + "a" * 40,
        "\u0661-" + "a" * 40,
        "9" * 40 + "-" + "a" * 40,
    ],
)
def test_wrong_tokens_are_404(client, enrolled, schedule, token, frozen_now):
    feed_path(client, enrolled)
    assert client.get(f"/sessions/feed/{token}.ics").status_code == 404


def test_an_inactive_account_feed_stops(client, enrolled, schedule, frozen_now):
    path = feed_path(client, enrolled)
    enrolled.is_active = False
    enrolled.save()
    assert client.get(path).status_code == 404


def test_the_feed_includes_certification_deadlines(client, enrolled, schedule, frozen_now):
    case = CertificationCase.objects.create(
        participant=enrolled,
        application_submitted=dt.date(2026, 6, 1),
        application_approved=dt.date(2026, 7, 1),
        training_completed=dt.date(2026, 5, 1),
    )
    _calendar, found = events(client.get(feed_path(client, enrolled)).content)
    deadline = found[f"peerpath-cert-{case.pk}-approval_valid_through@peerpath"]
    assert deadline.decoded("dtstart") == dt.date(2027, 7, 1)


def test_the_feed_is_in_the_persons_language(client, enrolled, schedule, frozen_now):
    enrolled.language = "es"
    enrolled.save()
    body = client.get(feed_path(client, enrolled)).content.decode()
    assert "Sala de apoyo social" in body


def test_a_cancelled_session_is_marked_cancelled_in_feeds(
    client, enrolled, support_room, frozen_now
):
    OccurrenceChange.objects.create(
        series=support_room, original_date=MONDAY, cancelled=True, note="Closed for training"
    )
    _calendar, found = events(client.get(feed_path(client, enrolled)).content)
    event = found[f"peerpath-session-{support_room.pk}-20261207@peerpath"]
    assert str(event["status"]) == "CANCELLED"
    assert "Closed for training" in str(event["description"])


def test_sequence_only_goes_up_through_cancel_restore_and_moves(
    client, enrolled, coordinator, support_room, frozen_now
):
    from peerpath.schedule import actions
    from peerpath.schedule.occurrences import find_occurrence

    path = feed_path(client, enrolled)
    uid = f"peerpath-session-{support_room.pk}-20261207@peerpath"

    def sequence():
        return int(events(client.get(path).content)[1][uid]["sequence"])

    assert sequence() == 0
    actions.do_cancel_occurrence(
        coordinator, support_room, find_occurrence(support_room, MONDAY), ""
    )
    assert sequence() == 1
    actions.do_restore_occurrence(coordinator, support_room, MONDAY)
    assert sequence() == 2
    seen = [sequence()]
    for hour in (18, 19):
        occurrence = find_occurrence(support_room, MONDAY)
        start = dt.datetime.combine(MONDAY, dt.time(hour), tzinfo=LA)
        actions.do_move_occurrence(
            coordinator, support_room, occurrence, start, start + dt.timedelta(hours=1), ""
        )
        seen.append(sequence())
    assert seen == [2, 3, 4]


def test_the_public_feed_has_times_but_never_join_details(
    client, schedule, support_room, frozen_now
):
    support_room.is_public = False
    support_room.save()
    response = client.get(reverse("schedule-public-feed", args=["esp"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert not any(secret in body for secret in SECRETS)
    _calendar, found = events(body)
    titles = {str(e["summary"]) for e in found.values()}
    assert titles == {"Orientation", "Group meeting (midday)", "Group meeting (evening)"}
    assert client.get(reverse("schedule-public-feed", args=["nowhere"])).status_code == 404


def test_single_session_download(client, enrolled, applicant, orientation, frozen_now):
    path = reverse("schedule-download-event", args=[orientation.pk, MONDAY])
    client.force_login(enrolled)
    response = client.get(path)
    assert response["Content-Disposition"] == 'attachment; filename="peerpath-session-20261207.ics"'
    _calendar, found = events(response.content)
    [event] = found.values()
    assert event.decoded("dtstart") == dt.datetime(2026, 12, 7, 16, 0, tzinfo=LA)
    assert JOIN_URL in str(event["description"])
    client.force_login(applicant)
    _calendar, found = events(client.get(path).content)
    [event] = found.values()
    assert JOIN_URL not in str(event.get("description", ""))
    client.logout()
    assert client.get(path).status_code == 302


def test_the_personal_feed_takes_a_fixed_number_of_queries(
    client, enrolled, schedule, orientation, count_queries, frozen_now
):
    path = feed_path(client, enrolled)
    client.logout()
    few = count_queries(lambda: client.get(path))
    for week in range(12):
        day = MONDAY + dt.timedelta(weeks=week)
        Booking.objects.create(series=orientation, occurrence_date=day, user=enrolled)
        OccurrenceChange.objects.create(
            series=orientation, original_date=day + dt.timedelta(weeks=13), cancelled=True
        )
    assert count_queries(lambda: client.get(path)) == few


def test_a_staff_feed_stops_while_its_owner_has_no_second_factor(
    client, advocate, enrolled, schedule, frozen_now
):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    path = feed_path(client, advocate)
    assert client.get(path).status_code == 200
    Authenticator.objects.filter(user=advocate).delete()
    client.logout()
    response = client.get(path)
    assert response.status_code == 404
    assert PASSCODE not in response.content.decode()
    TOTP.activate(advocate, generate_totp_secret())
    assert client.get(path).status_code == 200


def test_a_participant_feed_needs_no_second_factor(client, enrolled, schedule, frozen_now):
    path = feed_path(client, enrolled)
    client.logout()
    assert client.get(path).status_code == 200
