"""next_sessions_for(): what the home page shows about upcoming sessions."""

import datetime as dt

import pytest

from peerpath.accounts.models import User
from peerpath.schedule.models import Booking, OccurrenceChange
from peerpath.schedule.summary import next_sessions_for
from peerpath.schedule.tests.conftest import JOIN_URL, NOW

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 12, 7)


def fresh(user):
    return User.objects.get(pk=user.pk)


def test_an_enrolled_participant_gets_the_next_sessions_with_join_details(enrolled, schedule):
    found = next_sessions_for(fresh(enrolled), NOW)
    assert [(o.kind, o.start.isoformat()) for o in found] == [
        ("support_room", "2026-12-02T12:00:00-08:00"),
        ("support_room", "2026-12-07T12:00:00-08:00"),
        ("orientation", "2026-12-07T16:00:00-08:00"),
    ]
    assert all(o.join and o.join.url == JOIN_URL for o in found)
    assert all(o.start.tzinfo is not None and not o.booked for o in found)
    assert found[0].status == "scheduled"


def test_booked_sessions_are_chosen_first_and_shown_in_date_order(enrolled, orientation, schedule):
    Booking.objects.create(series=orientation, occurrence_date=dt.date(2026, 12, 14), user=enrolled)
    found = next_sessions_for(fresh(enrolled), NOW, limit=2)
    assert found[0].kind == "support_room" and not found[0].booked
    assert found[1].booked and found[1].start.date() == dt.date(2026, 12, 14)


def test_an_applicant_gets_orientations_and_no_links_until_booked(applicant, orientation, schedule):
    found = next_sessions_for(fresh(applicant), NOW)
    assert {o.kind for o in found} == {"orientation"}
    assert all(o.join is None for o in found)
    Booking.objects.create(series=orientation, occurrence_date=MONDAY, user=applicant)
    found = next_sessions_for(fresh(applicant), NOW)
    assert found[0].booked and found[0].join.url == JOIN_URL
    assert all(o.join is None for o in found[1:])


def test_a_session_in_progress_counts_and_cancelled_ones_only_when_booked(
    enrolled, orientation, support_room, schedule
):
    during = NOW.replace(hour=13)
    assert next_sessions_for(fresh(enrolled), during)[0].start.hour == 12
    OccurrenceChange.objects.create(
        series=support_room, original_date=dt.date(2026, 12, 2), cancelled=True
    )
    assert next_sessions_for(fresh(enrolled), NOW)[0].start.date() == MONDAY
    Booking.objects.create(series=orientation, occurrence_date=MONDAY, user=enrolled)
    OccurrenceChange.objects.create(series=orientation, original_date=MONDAY, cancelled=True)
    booked = [o for o in next_sessions_for(fresh(enrolled), NOW) if o.booked]
    assert booked[0].is_cancelled and booked[0].join is None


def test_nobody_and_nothing(db, participant, schedule):
    from django.contrib.auth.models import AnonymousUser

    assert next_sessions_for(AnonymousUser(), NOW) == []
    participant.program = None
    participant.save()
    assert next_sessions_for(fresh(participant), NOW) == []


def test_staff_get_their_programs_sessions(coordinator, other_coordinator, schedule):
    assert len(next_sessions_for(coordinator, NOW)) == 3
    assert next_sessions_for(other_coordinator, NOW) == []


def test_a_fixed_number_of_queries(
    enrolled, orientation, program, schedule, django_assert_num_queries
):
    for week in range(1, 6):
        Booking.objects.create(
            series=orientation, occurrence_date=MONDAY + dt.timedelta(weeks=week), user=enrolled
        )
        OccurrenceChange.objects.create(
            series=orientation,
            original_date=MONDAY + dt.timedelta(weeks=week + 6),
            cancelled=True,
        )
    person = fresh(enrolled)
    # The application, the person's program, the series, their changes, enrolment,
    # the person's bookings.
    with django_assert_num_queries(6):
        found = next_sessions_for(person, NOW, limit=10)
    assert sum(o.booked for o in found) == 5


def test_the_home_page_shows_sessions_in_the_programs_time_zone_and_language(
    client, enrolled, program, schedule, frozen_now
):
    """A New York program's noon session is "noon" on the home page, not 9 a.m. (the
    installation's Los Angeles time), with its zone named; in Spanish, the Spanish title."""
    from django.urls import reverse

    program.time_zone = "America/New_York"
    program.save()
    client.force_login(enrolled)
    html = client.get(reverse("participants-home")).content.decode()
    assert "Times are in Eastern time (New York)." in html
    assert "Social support room</a>" in html
    assert "noon" in html and "9 a.m." not in html
    enrolled.language = "es"
    enrolled.save(update_fields=["language"])
    client.cookies["peerpath_language"] = "es"
    html = client.get(reverse("participants-home"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Sala de apoyo social</a>" in html


def test_remembered_occurrences_follow_every_edit_to_the_series_and_its_dates(
    enrolled, program, support_room, schedule
):
    """Expansions are remembered per process for their exact inputs: each edit that
    changes what the home shows is seen on the next request."""
    from peerpath.schedule import rules

    def first_support_room():
        found = next_sessions_for(fresh(enrolled), NOW, limit=10)
        return next(o for o in found if o.series_id == support_room.pk)

    assert first_support_room().start.isoformat() == "2026-12-02T12:00:00-08:00"
    hits = rules._expand_remembered.cache_info().hits
    first_support_room()
    assert rules._expand_remembered.cache_info().hits > hits

    support_room.start_time, support_room.end_time = dt.time(13, 0), dt.time(14, 0)
    support_room.title = "Peer circle"
    support_room.save()
    occurrence = first_support_room()
    assert occurrence.start.isoformat() == "2026-12-02T13:00:00-08:00"
    assert occurrence.title == "Peer circle"

    support_room.recurrence = "FREQ=WEEKLY;BYDAY=TH"
    support_room.save()
    assert first_support_room().start.date() == dt.date(2026, 12, 3)

    OccurrenceChange.objects.create(
        series=support_room,
        original_date=dt.date(2026, 12, 3),
        cancelled=False,
        new_start=dt.datetime(2026, 12, 4, 18, 0, tzinfo=dt.UTC),
        new_end=dt.datetime(2026, 12, 4, 19, 0, tzinfo=dt.UTC),
    )
    moved = first_support_room()
    assert moved.status == "moved" and moved.start.isoformat() == "2026-12-04T10:00:00-08:00"
    OccurrenceChange.objects.filter(series=support_room).update(
        cancelled=True, new_start=None, new_end=None
    )
    assert first_support_room().start.date() == dt.date(2026, 12, 10)  # cancelled: not shown

    # Times stay in the program's time zone when it changes.
    program.time_zone = "America/New_York"
    program.save()
    assert str(first_support_room().start.tzinfo) == "America/New_York"
    assert first_support_room().start.hour == 13

    support_room.ends_on = dt.date(2026, 12, 1)
    support_room.save()
    found = next_sessions_for(fresh(enrolled), NOW, limit=10)
    assert all(o.series_id != support_room.pk for o in found)


def test_the_program_read_with_the_person_is_not_read_again(
    enrolled, orientation, schedule, django_assert_num_queries
):
    person = User.objects.select_related("program", "application").get(pk=enrolled.pk)
    # The series, their changes, enrolment, the person's bookings.
    with django_assert_num_queries(4):
        found = next_sessions_for(person, NOW, limit=10)
    assert found
