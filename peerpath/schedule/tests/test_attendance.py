"""Roll call, check-in, excuses in advance and the consecutive-absence flag."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from peerpath.audit.models import AuditEvent
from peerpath.schedule.models import Attendance, ScheduleSettings
from peerpath.schedule.summary import absence_flagged, attendance_context, consecutive_absences
from peerpath.schedule.tests.conftest import LA, enrol

pytestmark = pytest.mark.django_db

WEDNESDAY = dt.date(2026, 12, 2)  # today in the frozen clock; the room is 12:00–14:30
MONDAY = dt.date(2026, 12, 7)


def url(name, series, day=WEDNESDAY):
    return reverse(name, args=[series.pk, day])


def at(monkeypatch, hour, minute=0, day=WEDNESDAY):
    moment = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LA)
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment.astimezone(dt.UTC))
    return moment


def mark(series, person, day, status):
    start = dt.datetime.combine(day, series.start_time, tzinfo=LA)
    return Attendance.objects.create(
        series=series,
        occurrence_date=day,
        starts_at=start,
        participant=person,
        status=status,
        source="roll_call",
    )


def test_staff_take_the_roll_on_the_program_participants(
    client, coordinator, enrolled, other_participant, support_room, monkeypatch
):
    enrol(other_participant)
    at(monkeypatch, 12, 30)
    client.force_login(coordinator)
    page = client.get(url("schedule-take-roll", support_room)).content.decode()
    assert "Ana Ruiz" in page and "Ben Ortiz" in page
    response = client.post(
        url("schedule-take-roll", support_room),
        {f"p{enrolled.pk}": "present", f"p{other_participant.pk}": "absent"},
        follow=True,
    )
    assert "Roll saved: 2 change(s)." in response.content.decode()
    statuses = dict(Attendance.objects.values_list("participant_id", "status"))
    assert statuses == {enrolled.pk: "present", other_participant.pk: "absent"}
    record = Attendance.objects.get(participant=enrolled)
    assert record.recorded_by == coordinator and record.source == "roll_call"
    assert record.starts_at == dt.datetime(2026, 12, 2, 12, 0, tzinfo=LA)
    assert AuditEvent.objects.filter(action="schedule.attendance.record").count() == 2
    # Saved statuses come back checked; saving the same again changes nothing.
    page = client.get(url("schedule-take-roll", support_room)).content.decode()
    assert re.search(rf'name="p{enrolled.pk}" value="present"[^>]*checked', page)
    assert re.search(rf'name="p{other_participant.pk}" value="absent"[^>]*checked', page)
    response = client.post(
        url("schedule-take-roll", support_room),
        {f"p{enrolled.pk}": "present", f"p{other_participant.pk}": "absent"},
        follow=True,
    )
    assert "Roll saved: 0 change(s)." in response.content.decode()


def test_an_advocate_takes_the_roll_for_their_caseload_only(
    client, advocate, enrolled, other_participant, support_room, monkeypatch
):
    enrol(other_participant)  # enrolled, but not on this advocate's caseload
    at(monkeypatch, 12, 30)
    client.force_login(advocate)
    page = client.get(url("schedule-take-roll", support_room)).content.decode()
    assert "Ana Ruiz" in page and "Ben Ortiz" not in page
    client.post(
        url("schedule-take-roll", support_room),
        {f"p{enrolled.pk}": "present", f"p{other_participant.pk}": "absent"},
    )
    assert list(Attendance.objects.values_list("participant_id", flat=True)) == [enrolled.pk]


def test_the_orientation_roll_lists_who_booked(
    client, coordinator, applicant, enrolled, orientation, monkeypatch
):
    at(monkeypatch, 9)
    client.force_login(applicant)
    client.post(url("schedule-book-session", orientation, MONDAY))
    at(monkeypatch, 16, 5, day=MONDAY)
    client.force_login(coordinator)
    page = client.get(url("schedule-take-roll", orientation, MONDAY)).content.decode()
    assert "Cam Lee" in page and "Ana Ruiz" not in page


def test_before_the_start_only_excused_can_be_recorded(
    client, coordinator, enrolled, support_room, monkeypatch
):
    at(monkeypatch, 9)
    client.force_login(coordinator)
    response = client.post(url("schedule-take-roll", support_room), {f"p{enrolled.pk}": "absent"})
    assert "only excused can be set" in response.content.decode()
    assert not Attendance.objects.exists()
    client.post(url("schedule-take-roll", support_room), {f"p{enrolled.pk}": "excused"})
    assert Attendance.objects.get().status == "excused"


@pytest.mark.parametrize("value", ["late", "", "present' OR 1=1", "x" * 3000])
def test_bad_roll_values_are_refused_without_an_error_page(
    client, coordinator, enrolled, support_room, monkeypatch, value
):
    at(monkeypatch, 12, 30)
    client.force_login(coordinator)
    response = client.post(url("schedule-take-roll", support_room), {f"p{enrolled.pk}": value})
    assert response.status_code in {200, 302}
    assert not Attendance.objects.exclude(status__in=["present", "excused", "absent"]).exists()


def test_a_participant_checks_in_only_during_the_session_window(
    client, enrolled, support_room, monkeypatch
):
    at(monkeypatch, 11, 30)  # before signing in: the session's expiry follows the clock
    client.force_login(enrolled)
    response = client.post(url("schedule-check-in", support_room), follow=True)
    assert "Check-in is open from shortly before the start" in response.content.decode()
    assert not Attendance.objects.exists()
    at(monkeypatch, 11, 50)
    page = client.get(reverse("schedule-show-calendar")).content.decode()
    assert "Check in</button>" in page
    response = client.post(url("schedule-check-in", support_room), follow=True)
    assert "You are checked in" in response.content.decode()
    record = Attendance.objects.get()
    assert (record.status, record.source, record.participant) == ("present", "check_in", enrolled)
    at(monkeypatch, 14, 31)
    client.post(url("schedule-check-in", support_room))
    assert Attendance.objects.count() == 1


def test_people_who_are_not_enrolled_cannot_check_in_to_the_support_room(
    client, applicant, support_room, monkeypatch
):
    at(monkeypatch, 12, 10)
    client.force_login(applicant)
    response = client.post(url("schedule-check-in", support_room), follow=True)
    assert "You cannot check in" in response.content.decode()
    assert not Attendance.objects.exists()


def test_an_excuse_in_advance_and_changing_ones_mind(client, enrolled, support_room, monkeypatch):
    at(monkeypatch, 9)
    client.force_login(enrolled)
    response = client.post(url("schedule-excuse-absence", support_room), follow=True)
    assert "Thanks for letting us know" in response.content.decode()
    record = Attendance.objects.get()
    assert (record.status, record.source) == ("excused", "advance_notice")
    client.post(url("schedule-excuse-absence", support_room), {"withdraw": "1"})
    assert not Attendance.objects.exists()
    at(monkeypatch, 12, 1)
    response = client.post(url("schedule-excuse-absence", support_room), follow=True)
    assert "already started" in response.content.decode()
    assert not Attendance.objects.exists()


def test_consecutive_absences_and_the_flag(
    enrolled, other_participant, support_room, schedule, program
):
    enrol(other_participant)
    group = schedule["Group meeting (midday)"]
    # Ana came, then missed three, with an excused absence among them: a run of 3.
    mark(support_room, enrolled, dt.date(2026, 11, 2), "present")
    mark(support_room, enrolled, dt.date(2026, 11, 4), "absent")
    mark(group, enrolled, dt.date(2026, 11, 17), "excused")
    mark(support_room, enrolled, dt.date(2026, 11, 18), "absent")
    mark(support_room, enrolled, dt.date(2026, 11, 23), "absent")
    # Ben: missed two, then came.
    mark(support_room, other_participant, dt.date(2026, 11, 4), "absent")
    mark(support_room, other_participant, dt.date(2026, 11, 9), "absent")
    mark(support_room, other_participant, dt.date(2026, 11, 11), "present")
    ids = [enrolled.pk, other_participant.pk, 999999]
    assert consecutive_absences(ids) == {enrolled.pk: 3, other_participant.pk: 0, 999999: 0}
    assert absence_flagged(ids) == {enrolled.pk}
    ScheduleSettings.objects.update_or_create(program=program, defaults={"absence_threshold": 4})
    assert absence_flagged(ids) == set()


def test_paused_and_inactive_people_raise_no_flag(enrolled, support_room):
    for day in (2, 4, 9):
        mark(support_room, enrolled, dt.date(2026, 11, day), "absent")
    assert absence_flagged([enrolled.pk], today=dt.date(2026, 12, 2)) == {enrolled.pk}
    enrolled.paused_until = dt.date(2026, 12, 31)
    enrolled.save()
    assert absence_flagged([enrolled.pk], today=dt.date(2026, 12, 2)) == set()
    assert absence_flagged([enrolled.pk], today=dt.date(2027, 1, 1)) == {enrolled.pk}
    enrolled.is_active = False
    enrolled.save()
    assert absence_flagged([enrolled.pk], today=dt.date(2027, 1, 1)) == set()


def test_the_sql_run_agrees_with_the_rule(enrolled, support_room):
    from peerpath.schedule.rules import consecutive_absences as rule_run

    history = ["absent", "excused", "present", "absent", "excused", "absent"]
    for index, status in enumerate(history):
        mark(support_room, enrolled, dt.date(2026, 10, 5) + dt.timedelta(weeks=index), status)
    newest_first = list(reversed(history))
    assert consecutive_absences([enrolled.pk])[enrolled.pk] == rule_run(newest_first) == 2
    assert attendance_context(enrolled)["run"] == 2  # counted with the totals


def test_absence_summaries_take_a_fixed_number_of_queries(
    program, support_room, count_queries, django_assert_num_queries
):
    from peerpath.accounts.roles import Role
    from peerpath.conftest import make_user

    people = []
    for index in range(40):
        person = make_user(f"a{index}@example.org", Role.PARTICIPANT, program=program)
        for week in range(3):
            mark(support_room, person, dt.date(2026, 11, 2) + dt.timedelta(weeks=week), "absent")
        people.append(person.pk)
    with django_assert_num_queries(1):
        consecutive_absences(people)
    with django_assert_num_queries(2):
        assert len(absence_flagged(people, today=dt.date(2026, 12, 2))) == 40
    with django_assert_num_queries(2):
        assert len(absence_flagged(people[:3], today=dt.date(2026, 12, 2))) == 3


def test_attendance_context_and_include(enrolled, support_room, count_queries):
    from django.template.loader import render_to_string

    for day, status in ((2, "present"), (4, "absent"), (9, "absent"), (11, "absent")):
        mark(support_room, enrolled, dt.date(2026, 11, day), status)
    few = count_queries(lambda: attendance_context(enrolled))
    context = attendance_context(enrolled)
    assert context["counts"] == {"present": 1, "excused": 0, "absent": 3}
    assert context["run"] == 3 and context["flagged"]
    assert [r.occurrence_date.day for r in context["recent"]] == [11, 9, 4, 2]
    for week in range(20):
        mark(support_room, enrolled, dt.date(2026, 6, 1) + dt.timedelta(weeks=week), "present")
    assert count_queries(lambda: attendance_context(enrolled)) == few == 2
    compact = attendance_context(enrolled, recent=False)
    assert compact["recent"] == [] and compact["run"] == 3
    assert count_queries(lambda: attendance_context(enrolled, recent=False)) == 1
    html = render_to_string(
        "schedule/_participant_attendance.html", {"attendance": attendance_context(enrolled)}
    )
    assert "Came 21 · excused 0 · missed 3" in html
    assert "We have missed you" in html  # a participant reads it kindly


def test_the_staff_page_for_a_participant_is_audited_and_scoped(
    client, advocate, coordinator, other_coordinator, enrolled, other_participant, support_room
):
    mark(support_room, enrolled, dt.date(2026, 11, 2), "present")
    page = reverse("schedule-show-participant", args=[enrolled.pk])
    client.force_login(advocate)
    html = client.get(page).content.decode()
    assert "Social support room" in html and "Present" in html
    assert AuditEvent.objects.filter(
        action="schedule.attendance.view", actor=advocate, subject=enrolled
    ).exists()
    client.force_login(coordinator)
    assert client.get(page).status_code == 200
    # Not on this advocate's caseload; another organization's staff.
    client.force_login(advocate)
    other = reverse("schedule-show-participant", args=[other_participant.pk])
    assert client.get(other).status_code == 404
    client.force_login(other_coordinator)
    assert client.get(page).status_code == 404


def test_a_persons_attendance_is_shown_in_their_programs_time(
    client, coordinator, enrolled, program, support_room
):
    from zoneinfo import ZoneInfo

    program.time_zone = "Pacific/Auckland"
    program.save()
    Attendance.objects.create(
        series=support_room,
        occurrence_date=dt.date(2026, 12, 2),
        starts_at=dt.datetime(2026, 12, 2, 12, tzinfo=ZoneInfo("Pacific/Auckland")),
        participant=enrolled,
        status="present",
        source="roll_call",
    )
    client.force_login(coordinator)
    html = client.get(reverse("schedule-show-participant", args=[enrolled.pk])).content.decode()
    # Noon in Auckland is the afternoon before in Los Angeles.
    assert "Dec. 2, 2026 noon" in html and "Dec. 1, 2026" not in html
