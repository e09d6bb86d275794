"""The daily follow-up reminder sweep, run by the background worker (`peerpath worker`)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.conf import settings
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from peerpath.accounts.models import Role, User
from peerpath.careers import rules
from peerpath.careers.access import advocate_for
from peerpath.careers.models import FollowUp, JobPlacement
from peerpath.certification.tasks import next_sweep_time, programs_ready
from peerpath.lib.chunks import in_chunks
from peerpath.notifications.actions import Planned, do_notify_many

logger = logging.getLogger(__name__)


def reminder_text(
    participant: User, milestone: int, due_on: dt.date
) -> Callable[[], tuple[str, str]]:
    def render() -> tuple[str, str]:
        values = {
            "name": participant.display_name,
            "days": milestone,
            "date": date_format(due_on, "DATE_FORMAT"),
        }
        subject = _("Job follow-up due %(date)s: %(name)s (%(days)d days)") % values
        body = (
            _(
                "The %(days)d-day follow-up on %(name)s's job is due on %(date)s. Check in with "
                "them (still working there? hours, pay, support needed) and record it on their "
                "careers page."
            )
            % values
        )
        return subject, body

    return render


def recipients_for(participant: User, coordinators: dict[int, list[User]]) -> list[User]:
    """The participant's advocate; without one who can see them, their organization's
    coordinators."""
    advocate = advocate_for(participant)
    if advocate is not None:
        return [advocate]
    organization_id = participant.program.organization_id if participant.program else None
    return coordinators.get(organization_id, []) if organization_id else []


def sweep_follow_up_reminders(
    today: dt.date | None = None, ready: set[int | None] | None = None
) -> int:
    """Remind staff of every follow-up coming due, once each. Safe to repeat.

    "Today" is each program's own date (or `today` for all); reminders already
    sent are skipped by one query per batch and new ones written in bulk. With
    `ready`, only those programs (None: people without one).
    """
    earliest = (today or timezone.localdate()) - dt.timedelta(
        days=max(rules.FOLLOW_UP_MILESTONES) + 61
    )
    placements = (
        JobPlacement.objects.filter(
            status=JobPlacement.Status.WORKING,
            end_date__isnull=True,
            start_date__isnull=False,
            start_date__gte=earliest,
            participant__is_active=True,
            participant__role=Role.PARTICIPANT,
        )
        .select_related("participant__advocate", "participant__program")
        .prefetch_related(
            Prefetch("follow_ups", queryset=FollowUp.objects.only("milestone", "placement_id"))
        )
        .order_by("pk")
    )
    if ready is not None:
        in_ready = Q(participant__program_id__in=[pk for pk in ready if pk is not None])
        if None in ready:
            in_ready |= Q(participant__program__isnull=True)
        placements = placements.filter(in_ready)
    coordinators: dict[int, list[User]] = {}
    for person in User.objects.filter(role=Role.COORDINATOR, is_active=True).exclude(
        organization__isnull=True
    ):
        coordinators.setdefault(person.organization_id, []).append(person)  # type: ignore[arg-type]
    program_today: dict[int | None, dt.date] = {}
    sent = 0
    batch: list[Planned] = []
    for placement in in_chunks(placements, settings.PEERPATH_SWEEP_BATCH):
        participant = placement.participant
        day = today or program_today.get(participant.program_id)
        if day is None:
            program = participant.program
            day = program.today() if program else timezone.localdate()
            program_today[participant.program_id] = day
        if participant.is_paused(day):
            continue
        due = rules.reminder_due(placement.start_date, placement.recorded_milestones(), day)
        if due is None:
            continue
        url = reverse("careers-edit-placement", args=[participant.pk, placement.pk])
        for recipient in recipients_for(participant, coordinators):
            batch.append(
                Planned(
                    recipient,
                    "careers_follow_up_reminder",
                    reminder_text(participant, due.milestone, due.due_on),
                    url=url,
                    dedupe_key=(
                        f"careers:follow-up:{placement.pk}:{due.milestone}:"
                        f"{due.due_on.isoformat()}:{recipient.pk}"
                    ),
                )
            )
        if len(batch) >= settings.PEERPATH_SWEEP_BATCH:
            sent += len(do_notify_many(batch))
            batch = []
    sent += len(do_notify_many(batch))
    logger.info("careers follow-up sweep: %d new", sent)
    return sent


@task()
def daily_careers_sweep() -> int:
    """Sweep the programs past their own SWEEP_HOUR o'clock, then queue the next run."""
    sent = sweep_follow_up_reminders(ready=programs_ready(timezone.now()))
    schedule_daily_careers_sweep()
    return sent


def schedule_daily_careers_sweep() -> None:
    """Queue the next sweep unless one is already waiting."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=daily_careers_sweep.module_path, status="READY"
    ).exists()
    if not waiting:
        daily_careers_sweep.using(run_after=next_sweep_time(timezone.now())).enqueue()
