"""Reminders before booked sessions, sent by the background worker every few minutes."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from peerpath.accounts.models import User
from peerpath.intake.enrolment import enrolled_q
from peerpath.lib.localized import localized
from peerpath.notifications.actions import Planned, do_notify_many
from peerpath.schedule import rules
from peerpath.schedule.access import member_program_id, settings_for
from peerpath.schedule.actions import session_url, when_text
from peerpath.schedule.models import DEFAULT_SETTINGS, Booking, SessionKind, SessionSeries
from peerpath.schedule.occurrences import expand_series

logger = logging.getLogger(__name__)

SWEEP_MINUTES = 10


def reminder_text(
    series: SessionSeries, occurrence: rules.Occurrence, hours: int, language: str
) -> Callable[[], tuple[str, str]]:
    # No join details here: the email could be forwarded or read on a shared
    # screen; the link is one tap away on the session page.
    def render() -> tuple[str, str]:
        title = localized(series, "title", language)
        when = when_text(series, occurrence.start)
        ahead = ngettext("In %(hours)d hour", "In %(hours)d hours", hours) % {"hours": hours}
        subject = _("%(ahead)s: %(title)s") % {"ahead": ahead, "title": title}
        body = _(
            "You booked %(title)s on %(when)s. Open PeerPath to see how to join. "
            "If you cannot make it, you can cancel there so someone else can take your place."
        ) % {"title": title, "when": when}
        body = rules.tidy_sentences(body)
        if occurrence.note:
            body += "\n\n" + occurrence.note
        return subject, body

    return render


def sweep_session_reminders(now: dt.datetime) -> int:
    """Send every reminder that is due, once. Safe to run again or after a crash."""
    series = list(
        SessionSeries.objects.filter(is_active=True, bookable=True).select_related(
            "program__schedule_settings"
        )
    )
    if not series:
        return 0
    horizon = max(
        max((settings_for(s.program) or DEFAULT_SETTINGS).offsets or (0,)) for s in series
    )
    today = now.date()
    occurrences = expand_series(
        series, today - dt.timedelta(days=1), today + dt.timedelta(days=horizon // 24 + 2)
    )
    upcoming = {
        (o.series_id, o.original_date): o
        for o in occurrences
        if not o.is_cancelled and now < o.start <= now + dt.timedelta(hours=horizon)
    }
    if not upcoming:
        return 0
    by_id = {s.pk: s for s in series}
    bookings = list(
        Booking.objects.filter(
            cancelled_at__isnull=True,
            user__is_active=True,
            series_id__in={key[0] for key in upcoming},
            occurrence_date__in={key[1] for key in upcoming},
        ).select_related("user__application")
    )
    enrolled_in = dict(
        User.objects.filter(enrolled_q(), pk__in={b.user_id for b in bookings}).values_list(
            "pk", "application__program_id"
        )
    )
    batch: list[Planned] = []
    for booking in bookings:
        occurrence = upcoming.get((booking.series_id, booking.occurrence_date))
        if occurrence is None:
            continue
        person = booking.user
        one = by_id[booking.series_id]
        # Paused "today" in the program's own time zone, not the server's.
        if person.is_paused(timezone.localdate(now, one.program.zone)):
            continue
        # A booking made before the person withdrew (or was found not eligible) stands
        # no more: an orientation needs a member of the program, anything else enrolment.
        if one.kind == SessionKind.ORIENTATION:
            stands = member_program_id(person) == one.program_id
        else:
            stands = enrolled_in.get(person.pk) == one.program_id
        if not stands:
            continue
        offsets = (settings_for(one.program) or DEFAULT_SETTINGS).offsets
        hours = rules.due_reminder(occurrence.start, booking.created_at, now, offsets)
        if hours is None:
            continue
        start = occurrence.start.astimezone(dt.UTC).strftime("%Y%m%dT%H%M")
        batch.append(
            Planned(
                person,
                "session_reminder",
                reminder_text(one, occurrence, hours, person.language),
                url=session_url(one.pk, occurrence.original_date),
                # The start is in the key: a session that moves gets its reminders again.
                dedupe_key=(
                    f"session:{person.pk}:{one.pk}:{occurrence.original_date.isoformat()}"
                    f":{start}:{hours}h"
                ),
            )
        )
    # Reminders already sent are skipped by one query per batch; new ones are
    # written in bulk, a batch per transaction.
    sent = 0
    size = settings.PEERPATH_SWEEP_BATCH
    for first in range(0, len(batch), size):
        sent += len(do_notify_many(batch[first : first + size]))
    logger.info("session reminder sweep at %s: %d new", now.isoformat(timespec="minutes"), sent)
    return sent


def next_sweep_time(now: dt.datetime) -> dt.datetime:
    step = dt.timedelta(minutes=SWEEP_MINUTES)
    base = now.replace(second=0, microsecond=0)
    return base - dt.timedelta(minutes=base.minute % SWEEP_MINUTES) + step


@task()
def session_reminder_sweep() -> int:
    """Send the reminders due now, then queue the next sweep."""
    sent = sweep_session_reminders(timezone.now())
    schedule_session_reminders()
    return sent


def schedule_session_reminders() -> None:
    """Queue the next sweep unless one is already waiting."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=session_reminder_sweep.module_path, status="READY"
    ).exists()
    if not waiting:
        session_reminder_sweep.using(run_after=next_sweep_time(timezone.now())).enqueue()
