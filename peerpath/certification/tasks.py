"""The daily reminder sweep, run by the background worker (`peerpath worker`)."""

from __future__ import annotations

import datetime as dt
import logging
import time
import zoneinfo
from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from peerpath.accounts.models import Program, Role
from peerpath.certification.alerts import (
    DEADLINE_NAMES,
    due_offset,
    due_source_windows,
    exam_requested,
    open_deadlines,
)
from peerpath.certification.jurisdictions import Jurisdiction
from peerpath.certification.models import CertificationCase
from peerpath.certification.rules import compute_plan
from peerpath.certification.status import jurisdiction_for, program_jurisdiction
from peerpath.lib.chunks import in_chunks
from peerpath.notifications.actions import Planned, do_notify_many

logger = logging.getLogger(__name__)

SWEEP_HOUR = 7


def reminder_text(key: str, deadline: dt.date, days_left: int) -> Callable[[], tuple[str, str]]:
    def render() -> tuple[str, str]:
        name = str(DEADLINE_NAMES[key])
        when = date_format(deadline, "DATE_FORMAT")
        if days_left == 1:
            subject = _("Tomorrow: %(name)s %(date)s") % {"name": name, "date": when}
        else:
            subject = _("In %(days)d days: %(name)s %(date)s") % {
                "days": days_left,
                "name": name,
                "date": when,
            }
        body = _(
            "%(name)s %(date)s. Open your certification page to see what to do next. "
            "If something is in the way, your advocate can help."
        ) % {"name": name, "date": when}
        return subject, body

    return render


def sweep_reminders(today: dt.date | None = None, ready: set[int | None] | None = None) -> int:
    """Send every reminder due today, once. Safe to run again or after a crash.

    "Today" is each program's own date (or `today` for all). A reminder says
    what its offset says ("Tomorrow", "In 7 days"), not how far the deadline is
    when the sweep happens to run, so a sweep finished later the same day, or
    the next, words it as the first try would have. Work is committed a batch
    at a time with a fixed number of queries per batch; reminders already sent
    are skipped by one query per batch. Only cases with a deadline one offset
    ahead (or up to PEERPATH_SWEEP_CATCH_UP_DAYS less) are read, by indexed
    date ranges. With `ready`, only those programs (None: people without one).
    """
    url = reverse("certification-mine")
    cases = (
        CertificationCase.objects.filter(
            participant__is_active=True, participant__role=Role.PARTICIPANT
        )
        .filter(_due_condition(today, ready))
        .select_related("participant__program__certification_settings")
        .prefetch_related("exam_attempts")
        .order_by("pk")
    )
    program_today: dict[int | None, dt.date] = {}
    sent = 0
    batch: list[Planned] = []
    for case in in_chunks(cases, settings.PEERPATH_SWEEP_BATCH):
        program = case.participant.program
        day = today or program_today.get(case.participant.program_id)
        if day is None:
            day = program.today() if program else timezone.localdate()
            program_today[case.participant.program_id] = day
        if case.is_paused(day):
            continue
        jurisdiction = jurisdiction_for(case)
        facts = case.facts()
        plan = compute_plan(facts, day, jurisdiction)
        requested = exam_requested(case.exam_fee_paid_on, facts)
        for key, deadline in open_deadlines(plan, requested).items():
            offset = due_offset(deadline, jurisdiction.reminder_offsets_days, day)
            if offset is None:
                continue
            batch.append(
                Planned(
                    case.participant,
                    "certification_reminder",
                    reminder_text(key, deadline, offset),
                    url=url,
                    dedupe_key=f"cert:{case.pk}:{key}:{deadline.isoformat()}:{offset}",
                )
            )
        if len(batch) >= settings.PEERPATH_SWEEP_BATCH:
            sent += len(do_notify_many(batch))
            batch = []
            if settings.PEERPATH_SWEEP_PAUSE_MS:  # spare a busy database between batches
                time.sleep(settings.PEERPATH_SWEEP_PAUSE_MS / 1000)
    sent += len(do_notify_many(batch))
    logger.info("certification reminder sweep: %d new", sent)
    return sent


def _due_condition(today: dt.date | None, ready: set[int | None] | None = None) -> Q:
    """Cases with a case date in a window that can put a reminder due today.

    Programs sharing a date and rules share one condition; each condition is a
    handful of indexed date ranges, so the sweep reads the few cases with
    something due rather than every case.
    """
    groups: dict[tuple[dt.date, Jurisdiction], list[int | None]] = defaultdict(list)
    programs = Program.objects.select_related("certification_settings")
    for program in [*programs, None]:
        if ready is not None and (program.pk if program else None) not in ready:
            continue
        day = today or (program.today() if program else timezone.localdate())
        groups[(day, program_jurisdiction(program))].append(program.pk if program else None)
    condition = Q(pk__in=[])
    for (day, jurisdiction), program_ids in groups.items():
        dates = Q()
        windows = due_source_windows(jurisdiction, day, settings.PEERPATH_SWEEP_CATCH_UP_DAYS)
        for field, ranges in windows.items():
            for lo, hi in ranges:
                dates |= Q(**{f"{field}__range": (lo, hi)})
        ids = [pk for pk in program_ids if pk is not None]
        in_group = Q(participant__program_id__in=ids)
        if None in program_ids:
            in_group |= Q(participant__program__isnull=True)
        condition |= in_group & dates
    return condition


def _zones() -> dict[int | None, zoneinfo.ZoneInfo]:
    """Each program's time zone, and the installation's for people without a program."""
    zones: dict[int | None, zoneinfo.ZoneInfo] = {
        program.pk: program.zone for program in Program.objects.only("pk", "time_zone")
    }
    zones[None] = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return zones


def next_sweep_time(now: dt.datetime) -> dt.datetime:
    """The next SWEEP_HOUR o'clock in any program's own time zone."""
    runs = []
    for zone in set(_zones().values()):
        local = now.astimezone(zone)
        run = local.replace(hour=SWEEP_HOUR, minute=0, second=0, microsecond=0)
        runs.append(run if run > local else run + dt.timedelta(days=1))
    return min(runs)


def programs_ready(now: dt.datetime) -> set[int | None]:
    """Programs (None: people without one) where it is SWEEP_HOUR o'clock or later today."""
    return {pk for pk, zone in _zones().items() if now.astimezone(zone).hour >= SWEEP_HOUR}


@task()
def daily_certification_sweep() -> int:
    """Sweep the programs where the day's reminders are due by now, then queue the next run.

    A run happens at SWEEP_HOUR o'clock in each program time zone in turn; the
    programs already past that hour are swept again (nothing goes out twice).
    """
    sent = sweep_reminders(ready=programs_ready(timezone.now()))
    schedule_daily_sweep()
    return sent


def schedule_daily_sweep() -> None:
    """Queue the next sweep unless one is already waiting."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=daily_certification_sweep.module_path, status="READY"
    ).exists()
    if not waiting:
        daily_certification_sweep.using(run_after=next_sweep_time(timezone.now())).enqueue()
