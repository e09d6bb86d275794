"""Orientation booking: applicants and participants book, cancel and rebook; staff see who."""

import datetime as dt

import pytest
from django.urls import reverse

from peerpath.audit.models import AuditEvent
from peerpath.schedule.models import Booking, OccurrenceChange
from peerpath.schedule.tests.conftest import JOIN_URL, PASSCODE, visible_text

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 12, 7)
NEXT_MONDAY = dt.date(2026, 12, 14)


def url(name, series, day=MONDAY):
    return reverse(name, args=[series.pk, day])


def active(person):
    return list(
        Booking.objects.filter(user=person, cancelled_at__isnull=True).values_list(
            "occurrence_date", flat=True
        )
    )


def test_an_applicant_books_an_orientation_and_then_gets_its_link_only(
    client, applicant, orientation, support_room, frozen_now
):
    client.force_login(applicant)
    before = client.get(url("schedule-show-session", orientation)).content.decode()
    assert JOIN_URL not in before
    assert "Book a place to get the link to join." in before
    response = client.post(url("schedule-book-session", orientation), follow=True)
    text = visible_text(response.content.decode())
    assert "You are booked for Orientation on Monday, Dec. 7, 2026, 4 p.m." in text
    assert active(applicant) == [MONDAY]
    page = client.get(url("schedule-show-session", orientation)).content.decode()
    assert JOIN_URL in page and PASSCODE in page
    # Not the link of any other session.
    room = client.get(url("schedule-show-session", support_room)).content.decode()
    assert JOIN_URL not in room
    calendar = client.get(reverse("schedule-show-calendar"), {"from": "2026-12-07"})
    calendar_html = calendar.content.decode()
    assert "You are booked" in calendar_html
    assert calendar_html.count(JOIN_URL) == 1
    assert AuditEvent.objects.filter(action="schedule.booking.create", subject=applicant).exists()


def test_booking_another_orientation_moves_the_booking(client, applicant, orientation, frozen_now):
    client.force_login(applicant)
    client.post(url("schedule-book-session", orientation))
    client.post(url("schedule-book-session", orientation, NEXT_MONDAY))
    assert active(applicant) == [NEXT_MONDAY]
    assert Booking.objects.filter(user=applicant, cancelled_at__isnull=False).count() == 1
    # Booking the same date again changes nothing.
    client.post(url("schedule-book-session", orientation, NEXT_MONDAY))
    assert Booking.objects.filter(user=applicant).count() == 2


def test_cancel_and_book_again(client, applicant, orientation, frozen_now):
    client.force_login(applicant)
    client.post(url("schedule-book-session", orientation))
    response = client.post(url("schedule-cancel-booking", orientation), follow=True)
    assert "Your booking is cancelled." in response.content.decode()
    assert active(applicant) == []
    client.post(url("schedule-book-session", orientation))
    assert active(applicant) == [MONDAY]
    # Cancelling what is not booked is a 404, not an error page.
    client.post(url("schedule-cancel-booking", orientation))
    assert client.post(url("schedule-cancel-booking", orientation)).status_code == 404


def test_capacity_is_respected(
    client, applicant, participant, other_participant, orientation, frozen_now
):
    # The fixture's orientation has two places.
    for person in (participant, other_participant):
        client.force_login(person)
        client.post(url("schedule-book-session", orientation))
    client.force_login(applicant)
    page = client.get(url("schedule-show-session", orientation)).content.decode()
    assert "This session is full." in page and "Book a place</button>" not in page
    response = client.post(url("schedule-book-session", orientation), follow=True)
    assert "This session is full. Please choose another date." in response.content.decode()
    assert active(applicant) == []
    assert (
        Booking.objects.filter(
            series=orientation, occurrence_date=MONDAY, cancelled_at__isnull=True
        ).count()
        == 2
    )


def test_no_booking_for_past_cancelled_or_drop_in_sessions(
    client, applicant, enrolled, orientation, support_room, frozen_now
):
    client.force_login(applicant)
    response = client.post(
        url("schedule-book-session", orientation, dt.date(2026, 11, 30)), follow=True
    )
    assert "already started" in response.content.decode()
    OccurrenceChange.objects.create(series=orientation, original_date=MONDAY, cancelled=True)
    response = client.post(url("schedule-book-session", orientation), follow=True)
    assert "not taking place" in response.content.decode()
    client.force_login(enrolled)
    response = client.post(url("schedule-book-session", support_room), follow=True)
    assert "cannot be booked" in response.content.decode()
    assert Booking.objects.count() == 0


def test_staff_cannot_book_and_get_method_is_refused(
    client, coordinator, applicant, orientation, frozen_now
):
    client.force_login(coordinator)
    assert client.post(url("schedule-book-session", orientation)).status_code == 404
    client.force_login(applicant)
    assert client.get(url("schedule-book-session", orientation)).status_code == 405


def test_staff_see_who_booked_with_an_audit_trail(
    client, coordinator, applicant, participant, orientation, frozen_now
):
    for person in (applicant, participant):
        client.force_login(person)
        client.post(url("schedule-book-session", orientation))
    client.force_login(coordinator)
    listing = client.get(reverse("schedule-list-bookings")).content.decode()
    assert "Cam Lee" in listing and "Ana Ruiz" in listing
    assert "2 of 2 places booked" in listing
    page = client.get(url("schedule-show-session", orientation)).content.decode()
    assert "Who booked" in page and "Cam Lee" in page
    views = AuditEvent.objects.filter(action="schedule.booking.view", actor=coordinator)
    assert {e.subject_id for e in views} == {applicant.pk, participant.pk}


def test_booking_list_queries_do_not_grow(
    client, coordinator, program, orientation, count_queries, frozen_now
):
    from peerpath.accounts.roles import Role
    from peerpath.conftest import make_user

    orientation.capacity = None
    orientation.save()
    client.force_login(coordinator)
    client.get(reverse("schedule-list-bookings"))

    def add(n, start):
        for index in range(start, start + n):
            person = make_user(f"b{index}@example.org", Role.PARTICIPANT, program=program)
            Booking.objects.create(
                series=orientation,
                occurrence_date=MONDAY + dt.timedelta(weeks=index % 4),
                user=person,
            )

    add(3, 0)
    few = count_queries(lambda: client.get(reverse("schedule-list-bookings")))
    add(30, 3)
    assert count_queries(lambda: client.get(reverse("schedule-list-bookings"))) == few


def test_another_organizations_staff_see_no_bookings(
    client, other_coordinator, applicant, orientation, frozen_now
):
    client.force_login(applicant)
    client.post(url("schedule-book-session", orientation))
    client.force_login(other_coordinator)
    html = client.get(reverse("schedule-list-bookings")).content.decode()
    assert "Cam Lee" not in html


@pytest.fixture
def signed_up_applicant(program):
    """Applying through the intake: the program is on the application, not the account."""
    from peerpath.accounts.roles import Role
    from peerpath.conftest import make_user
    from peerpath.intake.models import Application, ApplicationStatus

    person = make_user("dee@example.org", Role.PARTICIPANT, full_name="Dee Park")
    Application.objects.create(
        applicant=person, program=program, status=ApplicationStatus.SUBMITTED
    )
    return person


def test_an_applicant_whose_account_has_no_program_yet_books_the_orientation(
    client, signed_up_applicant, coordinator, orientation, support_room, frozen_now
):
    from peerpath.schedule.summary import next_sessions_for
    from peerpath.schedule.tests.conftest import NOW

    client.force_login(signed_up_applicant)
    calendar = client.get(reverse("schedule-show-calendar"), {"from": "2026-12-07"})
    assert "Orientation" in calendar.content.decode()
    assert JOIN_URL not in calendar.content.decode()
    response = client.post(url("schedule-book-session", orientation), follow=True)
    assert "You are booked for Orientation" in visible_text(response.content.decode())
    assert active(signed_up_applicant) == [MONDAY]
    page = client.get(url("schedule-show-session", orientation)).content.decode()
    assert JOIN_URL in page
    assert JOIN_URL not in client.get(url("schedule-show-session", support_room)).content.decode()
    [first, *_rest] = next_sessions_for(signed_up_applicant, NOW)
    assert (first.series_id, first.booked) == (orientation.pk, True)
    # The coordinator sees them among the bookings and on the roll.
    client.force_login(coordinator)
    assert "Dee Park" in client.get(reverse("schedule-list-bookings")).content.decode()
    roll = client.get(url("schedule-take-roll", orientation)).content.decode()
    assert "Dee Park" in roll


@pytest.mark.parametrize("status", ["withdrawn", "not_eligible"])
def test_a_withdrawn_or_not_eligible_person_books_and_joins_nothing(
    client, participant, program, orientation, support_room, frozen_now, status
):
    from peerpath.intake.models import Application
    from peerpath.schedule.actions import get_or_create_calendar_feed
    from peerpath.schedule.views.feeds import feed_token

    Application.objects.create(applicant=participant, program=program, status="enrolled")
    # Booked while still in the program, then withdrawn.
    Booking.objects.create(series=orientation, occurrence_date=NEXT_MONDAY, user=participant)
    Application.objects.filter(applicant=participant).update(status=status)
    token = feed_token(get_or_create_calendar_feed(participant))
    client.force_login(participant)
    response = client.post(url("schedule-book-session", orientation), follow=True)
    assert "cannot be booked from your account" in response.content.decode()
    assert active(participant) == [NEXT_MONDAY]
    pages = [
        url("schedule-show-session", orientation, NEXT_MONDAY),
        url("schedule-download-event", orientation, NEXT_MONDAY),
        url("schedule-show-session", support_room),
        reverse("schedule-show-calendar") + "?view=list",
        reverse("schedule-personal-feed", args=[token]),
    ]
    for path in pages:
        body = client.get(path).content.decode()
        assert JOIN_URL not in body and PASSCODE not in body, path


def test_an_advocate_sees_booking_names_only_for_their_caseload(
    client, advocate, applicant, enrolled, orientation, frozen_now
):
    for person in (applicant, enrolled):
        Booking.objects.create(series=orientation, occurrence_date=MONDAY, user=person)
    client.force_login(advocate)
    listing = client.get(reverse("schedule-list-bookings")).content.decode()
    assert "Ana Ruiz" in listing
    assert "Cam Lee" not in listing and "cam@example.org" not in listing
    assert "2 of 2 places booked" in listing
    page = client.get(url("schedule-show-session", orientation)).content.decode()
    assert "Ana Ruiz" in page and "Cam Lee" not in page
    views = AuditEvent.objects.filter(action="schedule.booking.view", actor=advocate)
    assert {e.subject_id for e in views} == {enrolled.pk}


def test_a_booking_cannot_be_cancelled_once_the_session_started(
    client, applicant, orientation, frozen_now, monkeypatch
):
    from peerpath.schedule.tests.conftest import LA

    Booking.objects.create(series=orientation, occurrence_date=MONDAY, user=applicant)
    during = dt.datetime(2026, 12, 7, 16, 10, tzinfo=LA).astimezone(dt.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: during)
    client.force_login(applicant)
    page = client.get(url("schedule-show-session", orientation)).content.decode()
    assert "Cancel my booking" not in page
    response = client.post(url("schedule-cancel-booking", orientation), follow=True)
    assert "This session has already started." in response.content.decode()
    assert active(applicant) == [MONDAY]
