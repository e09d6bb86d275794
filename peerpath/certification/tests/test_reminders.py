"""The daily sweep and the worker: each reminder exactly once, in the person's language."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from peerpath.certification import tasks
from peerpath.certification.models import CertificationCase
from peerpath.notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)

DAY = dt.date(2026, 11, 22)


def run_worker():
    call_command(
        "db_worker", batch=True, queue_name="*", reload=False, verbosity=0, startup_delay=False
    )


@pytest.fixture
def due_people(program):
    from peerpath.accounts.models import Role
    from peerpath.conftest import make_user

    people = []
    for index, language in enumerate(["en", "es", "en"]):
        person = make_user(
            f"due{index}@example.org", Role.PARTICIPANT, program=program, language=language
        )
        # Submitted 60 days ago: 30 days left to complete the application.
        CertificationCase.objects.create(
            participant=person, application_submitted=DAY - dt.timedelta(days=60)
        )
        people.append(person)
    return people


def test_sweep_then_worker_sends_each_reminder_once_in_the_right_language(due_people):
    assert tasks.sweep_reminders(DAY) == 3
    assert tasks.sweep_reminders(DAY) == 0  # a second run the same day adds nothing
    run_worker()
    run_worker()
    assert len(mail.outbox) == 3
    by_person = {m.to[0]: m for m in mail.outbox}
    assert "In 30 days" in by_person["due0@example.org"].subject
    spanish = by_person["due1@example.org"]
    assert "En 30 días" in spanish.subject
    assert "988" in spanish.body
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 3


def test_a_crash_half_way_loses_nothing_and_duplicates_nothing(due_people, monkeypatch):
    real = tasks.do_notify
    calls = {"n": 0}

    def crash_on_second(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("worker killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(tasks, "do_notify", crash_on_second)
    with pytest.raises(RuntimeError):
        tasks.sweep_reminders(DAY)
    assert Notification.objects.count() == 1
    monkeypatch.setattr(tasks, "do_notify", real)
    assert tasks.sweep_reminders(DAY) == 2
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == [p.email for p in due_people]


def test_next_offset_sends_a_new_reminder_and_paused_people_get_none(due_people):
    tasks.sweep_reminders(DAY)
    paused = CertificationCase.objects.get(participant=due_people[2])
    paused.paused_until = DAY + dt.timedelta(days=60)
    paused.save()
    assert tasks.sweep_reminders(DAY + dt.timedelta(days=16)) == 2  # the 14-day reminder
    assert not Notification.objects.filter(user=due_people[2], subject__contains="14").exists()


def test_worker_command_schedules_the_daily_sweep_once():
    from django_tasks_db.models import DBTaskResult

    tasks.schedule_daily_sweep()
    tasks.schedule_daily_sweep()
    waiting = DBTaskResult.objects.filter(task_path=tasks.daily_certification_sweep.module_path)
    assert waiting.count() == 1
    assert waiting.get().run_after > dt.datetime.now(dt.UTC)
