"""Follow-up reminders to the advocate: scheduled daily, sent once, skipped when paused."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from peerpath.accounts.roles import Role
from peerpath.careers import tasks
from peerpath.careers.models import FollowUp, JobPlacement
from peerpath.careers.tests.conftest import make_placement
from peerpath.conftest import make_user
from peerpath.notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)

DAY = dt.date(2026, 11, 22)


def run_worker():
    call_command(
        "db_worker", batch=True, queue_name="*", reload=False, verbosity=0, startup_delay=False
    )


def test_the_advocate_is_reminded_once_and_emailed_once(caseload, advocate):
    placement = make_placement(caseload, DAY - dt.timedelta(days=25))  # due in five days
    assert tasks.sweep_follow_up_reminders(DAY) == 1
    assert tasks.sweep_follow_up_reminders(DAY) == 0
    assert tasks.sweep_follow_up_reminders(DAY + dt.timedelta(days=3)) == 0
    run_worker()
    run_worker()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [advocate.email]
    assert "Ana Ruiz" in message.subject and "30 days" in message.subject
    note = Notification.objects.get()
    assert note.user == advocate
    assert note.url == f"/careers/people/{caseload.pk}/placements/{placement.pk}/"


def test_the_daily_run_sweeps_only_programs_past_seven_in_their_own_zone(
    caseload, advocate, monkeypatch
):
    program = caseload.program
    program.time_zone = "Pacific/Auckland"
    program.save()
    start = DAY - dt.timedelta(days=25)  # due in five days
    make_placement(caseload, start)
    # 06:30 in Auckland: not yet, whatever the time in Los Angeles.
    monkeypatch.setattr(
        "django.utils.timezone.now", lambda: dt.datetime(2026, 11, 21, 17, 30, tzinfo=dt.UTC)
    )
    assert tasks.sweep_follow_up_reminders(DAY, ready=tasks.programs_ready(tasks_now())) == 0
    monkeypatch.setattr(
        "django.utils.timezone.now", lambda: dt.datetime(2026, 11, 21, 18, 0, tzinfo=dt.UTC)
    )
    assert tasks.sweep_follow_up_reminders(DAY, ready=tasks.programs_ready(tasks_now())) == 1


def tasks_now():
    from django.utils import timezone

    return timezone.now()


def test_each_milestone_gets_its_own_reminder_and_recorded_ones_none(caseload, advocate):
    start = DAY - dt.timedelta(days=25)
    placement = make_placement(caseload, start)
    assert tasks.sweep_follow_up_reminders(DAY) == 1
    FollowUp.objects.create(
        placement=placement, milestone=30, contacted_on=DAY, still_employed=True
    )
    day_85 = start + dt.timedelta(days=85)
    assert tasks.sweep_follow_up_reminders(day_85) == 1
    FollowUp.objects.create(
        placement=placement, milestone=90, contacted_on=day_85, still_employed=True
    )
    assert tasks.sweep_follow_up_reminders(start + dt.timedelta(days=95)) == 0
    assert tasks.sweep_follow_up_reminders(start + dt.timedelta(days=175)) == 1
    subjects = list(Notification.objects.order_by("id").values_list("subject", flat=True))
    assert ["30 days" in subjects[0], "90 days" in subjects[1], "180 days" in subjects[2]] == [
        True
    ] * 3


def test_reminders_follow_the_advocates_language(caseload, advocate):
    advocate.language = "es"
    advocate.save(update_fields=["language"])
    make_placement(caseload, DAY - dt.timedelta(days=30))
    tasks.sweep_follow_up_reminders(DAY)
    run_worker()
    assert "Seguimiento" in mail.outbox[0].subject


def test_paused_participants_ended_jobs_and_offers_get_no_reminders(
    caseload, advocate, other_participant
):
    make_placement(caseload, DAY - dt.timedelta(days=28))
    caseload.paused_until = DAY + dt.timedelta(days=10)
    caseload.save(update_fields=["paused_until"])
    other_participant.advocate = advocate
    other_participant.save(update_fields=["advocate"])
    make_placement(
        other_participant,
        DAY - dt.timedelta(days=28),
        status=JobPlacement.Status.ENDED,
        end_date=DAY - dt.timedelta(days=1),
    )
    make_placement(other_participant, None, status=JobPlacement.Status.OFFERED)
    assert tasks.sweep_follow_up_reminders(DAY) == 0
    # Once the pause is over, the reminder still comes (while its window is open).
    assert tasks.sweep_follow_up_reminders(DAY + dt.timedelta(days=11)) == 1


def test_without_an_advocate_the_organizations_coordinators_are_reminded(
    participant, coordinator, other_coordinator, organization
):
    second = make_user("jo@example.org", Role.COORDINATOR, organization=organization)
    make_placement(participant, DAY - dt.timedelta(days=30))
    assert tasks.sweep_follow_up_reminders(DAY) == 2
    assert set(Notification.objects.values_list("user__email", flat=True)) == {
        coordinator.email,
        second.email,
    }


def test_the_worker_schedules_the_daily_sweep_once():
    from django_tasks_db.models import DBTaskResult

    tasks.schedule_daily_careers_sweep()
    tasks.schedule_daily_careers_sweep()
    waiting = DBTaskResult.objects.filter(task_path=tasks.daily_careers_sweep.module_path)
    assert waiting.count() == 1
    assert waiting.get().run_after > dt.datetime.now(dt.UTC)


def test_the_worker_command_registers_the_careers_sweep():
    from peerpath.web.management.commands.worker import SCHEDULERS

    assert "peerpath.careers.tasks.schedule_daily_careers_sweep" in SCHEDULERS


def test_an_advocate_who_moved_to_another_organization_is_not_reminded(
    caseload, advocate, coordinator, other_organization
):
    """They can no longer open the record, so the participant's own coordinators are."""
    advocate.organization = other_organization
    advocate.save(update_fields=["organization"])
    make_placement(caseload, DAY - dt.timedelta(days=30))
    assert tasks.sweep_follow_up_reminders(DAY) == 1
    assert list(Notification.objects.values_list("user", flat=True)) == [coordinator.pk]


def test_sweep_queries_do_not_grow_with_the_reminders(program, advocate, count_queries):
    def add(first, count):
        for index in range(first, first + count):
            person = make_user(
                f"w{index}@example.org", Role.PARTICIPANT, program=program, advocate=advocate
            )
            make_placement(person, DAY - dt.timedelta(days=25))

    add(0, 2)
    few = count_queries(lambda: tasks.sweep_follow_up_reminders(DAY))
    Notification.objects.all().delete()
    add(2, 10)
    many = count_queries(lambda: tasks.sweep_follow_up_reminders(DAY))
    assert Notification.objects.count() == 12
    assert many == few
