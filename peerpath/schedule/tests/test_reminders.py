"""Reminders before booked sessions: once each, in the person's language, via the worker."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from peerpath.notifications.models import Notification
from peerpath.schedule import tasks
from peerpath.schedule.models import Booking, OccurrenceChange
from peerpath.schedule.tests.conftest import LA, SECRETS

pytestmark = pytest.mark.django_db(transaction=True)

MONDAY = dt.date(2026, 12, 7)
START = dt.datetime(2026, 12, 7, 16, 0, tzinfo=LA)


def run_worker():
    call_command(
        "db_worker", batch=True, queue_name="*", reload=False, verbosity=0, startup_delay=False
    )


@pytest.fixture
def booked(orientation, participant, other_participant, applicant):
    other_participant.language = "es"
    other_participant.save()
    for person in (participant, other_participant, applicant):
        Booking.objects.create(
            series=orientation,
            occurrence_date=MONDAY,
            user=person,
            created_at=START - dt.timedelta(days=3),
        )
    return [participant, other_participant, applicant]


def test_sweeping_twice_sends_each_reminder_once_in_the_right_language(booked):
    now = START - dt.timedelta(hours=20)
    assert tasks.sweep_session_reminders(now) == 3
    assert tasks.sweep_session_reminders(now) == 0
    assert tasks.sweep_session_reminders(now + dt.timedelta(minutes=10)) == 0
    run_worker()
    run_worker()
    assert len(mail.outbox) == 3
    by_person = {m.to[0]: m for m in mail.outbox}
    english = by_person["ana@example.org"]
    assert english.subject == "PeerPath: In 24 hours: Orientation"
    assert "Monday, Dec. 7, 2026, 4 p.m." in english.body
    spanish = by_person["ben@example.org"]
    assert spanish.subject == "PeerPath: En 24 horas: Orientación"
    assert "lunes, 7 de diciembre de 2026, 16:00" in spanish.body
    for message in mail.outbox:
        assert not any(secret in message.body for secret in SECRETS)
    assert Notification.objects.filter(kind="session_reminder").count() == 3


def test_the_one_hour_reminder_follows_and_nothing_after_the_start(booked):
    tasks.sweep_session_reminders(START - dt.timedelta(hours=23))
    assert tasks.sweep_session_reminders(START - dt.timedelta(minutes=55)) == 3
    assert tasks.sweep_session_reminders(START - dt.timedelta(minutes=40)) == 0
    assert tasks.sweep_session_reminders(START + dt.timedelta(minutes=1)) == 0
    subjects = sorted(
        Notification.objects.filter(user__email="ana@example.org").values_list("subject", flat=True)
    )
    assert subjects == ["In 1 hour: Orientation", "In 24 hours: Orientation"]


def test_a_late_sweep_sends_only_the_nearest_reminder(booked):
    assert tasks.sweep_session_reminders(START - dt.timedelta(minutes=30)) == 3
    assert set(Notification.objects.values_list("subject", flat=True)) >= {"In 1 hour: Orientation"}
    assert not Notification.objects.filter(subject__startswith="In 24").exists()


def test_paused_inactive_and_cancelled_bookings_get_no_reminder(booked, participant, applicant):
    participant.paused_until = dt.date(2026, 12, 31)
    participant.save()
    applicant.is_active = False
    applicant.save()
    assert tasks.sweep_session_reminders(START - dt.timedelta(hours=2)) == 1
    Booking.objects.filter(user__email="ben@example.org").update(cancelled_at=START)
    Notification.objects.all().delete()
    assert tasks.sweep_session_reminders(START - dt.timedelta(minutes=30)) == 0


def test_a_cancelled_session_gets_no_reminder_and_a_moved_one_gets_new_ones(booked, orientation):
    change = OccurrenceChange.objects.create(
        series=orientation, original_date=MONDAY, cancelled=True
    )
    assert tasks.sweep_session_reminders(START - dt.timedelta(hours=2)) == 0
    tasks_before = Notification.objects.count()
    assert tasks_before == 0
    # Put back, reminded, then moved a day later: reminded again for the new time.
    change.delete()
    assert tasks.sweep_session_reminders(START - dt.timedelta(hours=2)) == 3
    new_start = START + dt.timedelta(days=1)
    OccurrenceChange.objects.create(
        series=orientation,
        original_date=MONDAY,
        new_start=new_start,
        new_end=new_start + dt.timedelta(minutes=45),
    )
    assert tasks.sweep_session_reminders(START - dt.timedelta(hours=1)) == 0
    assert tasks.sweep_session_reminders(new_start - dt.timedelta(hours=2)) == 3
    assert Notification.objects.count() == 6


def test_booking_after_a_reminder_time_skips_that_reminder(orientation, participant):
    Booking.objects.create(
        series=orientation,
        occurrence_date=MONDAY,
        user=participant,
        created_at=START - dt.timedelta(hours=3),
    )
    assert tasks.sweep_session_reminders(START - dt.timedelta(hours=2)) == 0
    assert tasks.sweep_session_reminders(START - dt.timedelta(minutes=50)) == 1
    assert Notification.objects.get().subject == "In 1 hour: Orientation"


def test_the_sweep_reschedules_itself_and_the_worker_registers_it(db):
    from django_tasks_db.models import DBTaskResult

    from peerpath.web.management.commands.worker import SCHEDULERS

    assert "peerpath.schedule.tasks.schedule_session_reminders" in SCHEDULERS
    tasks.schedule_session_reminders()
    tasks.schedule_session_reminders()
    waiting = DBTaskResult.objects.filter(
        task_path=tasks.session_reminder_sweep.module_path, status="READY"
    )
    assert waiting.count() == 1


def test_next_sweep_time_is_on_the_next_ten_minute_mark():
    now = dt.datetime(2026, 12, 2, 10, 7, 31, tzinfo=dt.UTC)
    assert tasks.next_sweep_time(now) == dt.datetime(2026, 12, 2, 10, 10, tzinfo=dt.UTC)
    on_mark = dt.datetime(2026, 12, 2, 10, 10, tzinfo=dt.UTC)
    assert tasks.next_sweep_time(on_mark) == dt.datetime(2026, 12, 2, 10, 20, tzinfo=dt.UTC)


def test_no_reminder_once_the_person_withdrew(booked, orientation, support_room, program):
    from peerpath.intake.models import Application
    from peerpath.schedule.tests.conftest import enrol

    participant, other_participant, applicant = booked
    enrol(participant)
    enrol(other_participant)
    # An enrolled-only session that takes bookings, booked by both.
    support_room.bookable = True
    support_room.save()
    for person in (participant, other_participant):
        Booking.objects.create(
            series=support_room,
            occurrence_date=MONDAY,
            user=person,
            created_at=START - dt.timedelta(days=3),
        )
    Application.objects.filter(applicant=participant).update(status="withdrawn")
    Application.objects.create(applicant=applicant, program=program, status="not_eligible")
    assert tasks.sweep_session_reminders(dt.datetime(2026, 12, 6, 16, 30, tzinfo=LA)) == 2
    reminded = set(Notification.objects.values_list("user__email", "subject"))
    assert reminded == {
        ("ben@example.org", "En 24 horas: Sala de apoyo social"),
        ("ben@example.org", "En 24 horas: Orientación"),
    }


def test_sweep_queries_do_not_grow_with_the_reminders(orientation, program, count_queries):
    from peerpath.accounts.roles import Role
    from peerpath.conftest import make_user

    def book(first, count):
        for index in range(first, first + count):
            person = make_user(f"s{index}@example.org", Role.PARTICIPANT, program=program)
            Booking.objects.create(
                series=orientation,
                occurrence_date=MONDAY,
                user=person,
                created_at=START - dt.timedelta(days=3),
            )

    now = START - dt.timedelta(hours=20)
    book(0, 2)
    few = count_queries(lambda: tasks.sweep_session_reminders(now))
    Notification.objects.all().delete()
    book(2, 10)
    many = count_queries(lambda: tasks.sweep_session_reminders(now))
    assert Notification.objects.filter(kind="session_reminder").count() == 12
    assert many == few
