"""The program calendar, a session's page and the public schedule."""

import datetime as dt

import pytest
from django.urls import reverse

from peerpath.schedule.models import OccurrenceChange, ProgramContact
from peerpath.schedule.tests.conftest import JOIN_URL, LA, PASSCODE, enrol, visible_text

pytestmark = pytest.mark.django_db

CALENDAR = reverse("schedule-show-calendar")


def session_url(series, day, name="schedule-show-session"):
    return reverse(name, args=[series.pk, day])


def test_week_view_shows_the_seed_schedule_in_program_time(client, enrolled, schedule, frozen_now):
    client.force_login(enrolled)
    html = client.get(CALENDAR).content.decode()
    # The week of Monday 30 November 2026.
    assert "Monday, November 30" in html and "Sunday, December 6" in html
    assert html.count("Social support room") == 2  # Monday and Wednesday
    assert html.count("Group meeting (midday)") == 1 and "Group meeting (evening)" in html
    assert "Orientation" in html
    text = visible_text(html)
    assert "noon–2:30 p.m." in text
    assert "6 p.m.–7 p.m." in text
    assert "4 p.m.–4:45 p.m." in text
    assert "Times are in Pacific time (Los Angeles)." in html
    assert 'datetime="2026-12-01T12:00:00-08:00"' in html


def test_next_week_and_list_view(client, enrolled, schedule, frozen_now):
    client.force_login(enrolled)
    html = client.get(CALENDAR, {"from": "2026-12-07"}).content.decode()
    assert "Monday, December 7" in html
    assert "Group meeting" not in html  # the 2nd Tuesday
    listing = client.get(CALENDAR, {"view": "list"}).content.decode()
    assert "Tuesday, December 15" in listing  # the 3rd Tuesday
    assert "Tuesday, December 8" not in listing
    assert listing.index("Wednesday, December 2") < listing.index("Monday, December 7")


def test_the_calendar_in_spanish(client, enrolled, schedule, frozen_now):
    enrolled.language = "es"
    enrolled.save()
    client.force_login(enrolled)
    html = client.get(CALENDAR, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Sala de apoyo social" in html
    assert "Orientación" in html
    assert "lunes, 30 de noviembre" in html
    assert "12:00–14:30" in visible_text(html)
    assert "16:00–16:45" in visible_text(html)


@pytest.mark.parametrize(
    "value",
    ["2026-02-30", "yesterday", "9999-99-99", "9999-12-31", "0001-01-01", "'; DROP", "x" * 5000],
)
def test_hostile_calendar_parameters_fall_back_to_this_week(
    client, enrolled, schedule, frozen_now, value
):
    client.force_login(enrolled)
    response = client.get(CALENDAR, {"from": value, "view": value, "program": "esp"})
    assert response.status_code == 200
    assert "Monday, November 30" in response.content.decode()


def test_join_details_for_enrolled_participants_only(
    client, enrolled, other_participant, applicant, schedule, frozen_now
):
    client.force_login(enrolled)
    html = client.get(CALENDAR).content.decode()
    assert JOIN_URL in html and PASSCODE in html
    for person in (other_participant, applicant):
        client.force_login(person)
        html = client.get(CALENDAR).content.decode()
        assert JOIN_URL not in html and PASSCODE not in html
        assert "Social support room" in html  # they see the times


def test_staff_of_the_program_see_join_details_and_roll_links(
    client, coordinator, advocate, site_admin, schedule, frozen_now
):
    for person in (coordinator, advocate, site_admin):
        client.force_login(person)
        html = client.get(CALENDAR, {"program": "esp"}).content.decode()
        assert JOIN_URL in html and PASSCODE in html
        assert "Take roll" in html


def test_another_organizations_staff_cannot_see_the_program(
    client, other_coordinator, schedule, orientation, frozen_now
):
    client.force_login(other_coordinator)
    assert client.get(CALENDAR, {"program": "esp"}).status_code == 404
    assert client.get(session_url(orientation, dt.date(2026, 12, 7))).status_code == 404


def test_past_sessions_do_not_show_the_link(client, enrolled, schedule, frozen_now):
    client.force_login(enrolled)
    html = client.get(CALENDAR, {"from": "2026-11-23"}).content.decode()
    assert JOIN_URL not in html


def test_a_cancelled_and_a_moved_session_on_the_calendar(
    client, enrolled, orientation, support_room, frozen_now
):
    OccurrenceChange.objects.create(
        series=support_room,
        original_date=dt.date(2026, 12, 2),
        cancelled=True,
        note="Staff training day",
    )
    new_start = dt.datetime(2026, 12, 8, 17, 0, tzinfo=LA)
    OccurrenceChange.objects.create(
        series=orientation,
        original_date=dt.date(2026, 12, 7),
        new_start=new_start,
        new_end=new_start + dt.timedelta(hours=1),
        note="Room change",
    )
    client.force_login(enrolled)
    html = client.get(CALENDAR, {"from": "2026-12-07"}).content.decode()
    assert "Moved from Monday, December 7, 4 p.m.: Room change" in html
    assert "5 p.m.–6 p.m." in visible_text(html)
    week = client.get(CALENDAR).content.decode()
    assert "Cancelled: Staff training day" in week


def test_session_page_and_unknown_dates(client, enrolled, orientation, frozen_now):
    client.force_login(enrolled)
    page = client.get(session_url(orientation, dt.date(2026, 12, 7)))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Monday, Dec. 7, 2026" in html and "Every Monday" in html
    assert JOIN_URL in html
    # A Tuesday is not an orientation date; February 30 is not a date.
    assert client.get(session_url(orientation, dt.date(2026, 12, 8))).status_code == 404
    assert client.get(f"/sessions/{orientation.pk}/2026-02-30/").status_code == 404
    assert client.get(f"/sessions/{orientation.pk}/9999-12-27/").status_code == 404
    assert client.get(f"/sessions/{orientation.pk}/0001-01-01/event.ics").status_code == 404
    assert client.get("/sessions/999999/2026-12-07/").status_code == 404


def test_contacts_and_the_reach_out_line_for_enrolled_participants(
    client, enrolled, applicant, program, schedule, frozen_now
):
    ProgramContact.objects.create(
        program=program,
        role="coordinator",
        name="Mina Ortega",
        email="mina@example.org",
        phone="(951) 555-0142",
    )
    client.force_login(enrolled)
    html = client.get(CALENDAR).content.decode()
    assert "If these hours do not work for you, reach out" in html
    assert "Mina Ortega" in html and 'href="tel:9515550142"' in html
    assert reverse("schedule-message-advocate") in html
    client.force_login(applicant)
    html = client.get(CALENDAR).content.decode()
    assert "Mina Ortega" not in html


def test_a_participant_without_a_program_sees_a_friendly_page(client, db, frozen_now):
    from peerpath.accounts.roles import Role
    from peerpath.conftest import make_user

    client.force_login(make_user("solo@example.org", Role.PARTICIPANT))
    response = client.get(CALENDAR)
    assert response.status_code == 200
    assert "not linked to a program yet" in response.content.decode()


def test_the_public_page_shows_times_without_links(client, schedule, frozen_now):
    response = client.get(reverse("schedule-show-public", args=["esp"]))
    html = response.content.decode()
    assert response.status_code == 200
    text = visible_text(html)
    orientation = text.index("Orientation : Every Monday, 4 p.m.–4:45 p.m.")
    room = text.index("Social support room : Every Monday and Wednesday, noon–2:30 p.m.")
    group = text.index("Group meeting (midday) : The first and third Tuesday of each month")
    assert orientation < room < group
    assert "Orientation" in html and "Tuesday, December 15" in html
    assert JOIN_URL not in html and PASSCODE not in html
    assert "sessionid" not in response.cookies
    assert client.get(reverse("schedule-show-public", args=["nowhere"])).status_code == 404


def test_private_series_stay_off_the_public_page(client, schedule, support_room, frozen_now):
    support_room.is_public = False
    support_room.save()
    html = client.get(reverse("schedule-show-public", args=["esp"])).content.decode()
    assert "Social support room" not in html


def test_the_calendar_takes_a_fixed_number_of_queries(
    client, enrolled, program, schedule, orientation, count_queries, frozen_now
):
    from peerpath.conftest import make_user
    from peerpath.schedule.models import Attendance, Booking

    client.force_login(enrolled)
    client.get(CALENDAR)
    few = count_queries(lambda: client.get(CALENDAR, {"view": "list"}))
    for index in range(30):
        person = enrol(make_user(f"p{index}@example.org", "participant", program=program))
        Booking.objects.create(
            series=orientation, occurrence_date=dt.date(2026, 12, 14), user=person
        )
        Attendance.objects.create(
            series=orientation,
            occurrence_date=dt.date(2026, 11, 30),
            starts_at=dt.datetime(2026, 11, 30, 16, tzinfo=LA),
            participant=person,
            status="present",
            source="roll_call",
        )
    for day in range(1, 20):
        OccurrenceChange.objects.create(
            series=orientation,
            original_date=dt.date(2026, 12, 14) + dt.timedelta(weeks=day),
            cancelled=True,
        )
    assert count_queries(lambda: client.get(CALENDAR, {"view": "list"})) == few
