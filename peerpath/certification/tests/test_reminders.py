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


def test_a_crash_half_way_loses_nothing_and_duplicates_nothing(due_people, monkeypatch, settings):
    real = tasks.do_notify_many
    calls = {"n": 0}

    def crash_on_second(batch):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("worker killed")
        return real(batch)

    settings.PEERPATH_SWEEP_BATCH = 1
    monkeypatch.setattr(tasks, "do_notify_many", crash_on_second)
    with pytest.raises(RuntimeError):
        tasks.sweep_reminders(DAY)
    assert Notification.objects.count() == 1
    monkeypatch.setattr(tasks, "do_notify_many", real)
    assert tasks.sweep_reminders(DAY) == 2
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == [p.email for p in due_people]


def test_a_sweep_finished_a_day_late_keeps_the_wording_of_its_due_date(due_people):
    # The 1-day reminder is due on the day before the deadline (DAY + 29); the sweep
    # only runs on the deadline itself: it still says "Tomorrow", never "In 0 days".
    deadline = DAY + dt.timedelta(days=30)
    assert tasks.sweep_reminders(deadline) == 3
    subjects = set(Notification.objects.values_list("subject", flat=True))
    assert not any("In 0" in subject or "En 0" in subject for subject in subjects)
    assert any(subject.startswith("Tomorrow") for subject in subjects)


def test_each_program_sweeps_on_its_own_date(due_people, program, monkeypatch):
    # 12:00 UTC the day before the deadline is 30 days away: already that day in
    # Auckland (the 30-day reminder), still the day before in Los Angeles, where
    # nothing is due (the 60-day reminder is 29 days late, past the catch-up).
    program.time_zone = "Pacific/Auckland"
    program.save()
    instant = dt.datetime.combine(DAY - dt.timedelta(days=1), dt.time(12), tzinfo=dt.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: instant)
    assert tasks.sweep_reminders() == 3
    assert Notification.objects.filter(dedupe_key__endswith=":30").count() == 3
    program.time_zone = "America/Los_Angeles"
    program.save()
    Notification.objects.all().delete()
    assert tasks.sweep_reminders() == 0
    instant += dt.timedelta(days=1)
    assert tasks.sweep_reminders() == 3
    assert Notification.objects.filter(dedupe_key__endswith=":30").count() == 3


def test_sweep_queries_do_not_grow_with_the_reminders(program, count_queries):
    from peerpath.accounts.models import Role
    from peerpath.conftest import make_user

    def add_people(first, count):
        for index in range(first, first + count):
            person = make_user(f"q{index}@example.org", Role.PARTICIPANT, program=program)
            CertificationCase.objects.create(
                participant=person, application_submitted=DAY - dt.timedelta(days=60)
            )

    add_people(0, 3)
    few = count_queries(lambda: tasks.sweep_reminders(DAY))
    Notification.objects.all().delete()
    add_people(3, 12)
    many = count_queries(lambda: tasks.sweep_reminders(DAY))
    assert Notification.objects.count() == 15
    assert many == few
    # A repeat the same day writes nothing and costs the same few reads.
    assert count_queries(lambda: tasks.sweep_reminders(DAY)) <= few


def test_the_daily_sweep_runs_at_seven_in_each_programs_own_time_zone(
    due_people, program, monkeypatch
):
    program.time_zone = "Pacific/Auckland"
    program.save()
    # 17:30 UTC on 21 Nov is 06:30 on 22 Nov in Auckland (UTC+13): not yet.
    instant = dt.datetime(2026, 11, 21, 17, 30, tzinfo=dt.UTC)
    assert tasks.next_sweep_time(instant) == dt.datetime(2026, 11, 21, 18, 0, tzinfo=dt.UTC)
    assert program.pk not in tasks.programs_ready(instant)
    monkeypatch.setattr("django.utils.timezone.now", lambda: instant)
    assert tasks.daily_certification_sweep.call() == 0
    # 07:00 in Auckland: its reminders go out, on its own date (22 Nov: 30 days left).
    instant = dt.datetime(2026, 11, 21, 18, 0, tzinfo=dt.UTC)
    assert program.pk in tasks.programs_ready(instant)
    assert None in tasks.programs_ready(instant)  # 10:00 in Los Angeles, the installation's
    assert tasks.daily_certification_sweep.call() == 3
    assert Notification.objects.filter(dedupe_key__endswith=":30").count() == 3
    # The next run is 07:00 in the installation's zone (Los Angeles), then Auckland's.
    assert tasks.next_sweep_time(instant) == dt.datetime(2026, 11, 22, 15, 0, tzinfo=dt.UTC)


def test_the_sweep_reads_only_cases_with_a_reminder_due(due_people, program, count_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from peerpath.accounts.models import Role
    from peerpath.conftest import make_user

    far = make_user("far@example.org", Role.PARTICIPANT, program=program)
    CertificationCase.objects.create(participant=far, application_submitted=DAY)
    with CaptureQueriesContext(connection) as ctx:
        assert tasks.sweep_reminders(DAY) == 3
    case_query = next(q["sql"] for q in ctx.captured_queries if "application_submitted" in q["sql"])
    assert "BETWEEN" in case_query
    # A case whose deadline is 90 days away is not due; one missed for a week still is.
    assert not Notification.objects.filter(user=far).exists()
    Notification.objects.all().delete()
    assert tasks.sweep_reminders(DAY + dt.timedelta(days=7)) == 3
    Notification.objects.all().delete()
    assert tasks.sweep_reminders(DAY + dt.timedelta(days=8)) == 0


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


def test_a_sweep_process_does_not_load_the_coach_model():
    import subprocess
    import sys

    code = (
        "import django, sys; django.setup(); "
        "from peerpath.certification import tasks; from peerpath.careers import tasks as c; "
        "from peerpath.schedule import tasks as s; from django.urls import reverse; "
        "reverse('certification-mine'); print('sklearn' in sys.modules)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "peerpath.settings"},
    )
    assert result.stdout.strip() == "False"
