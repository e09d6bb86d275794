"""What other pages show about sessions: a person's next sessions, attendance and
absence flags. Each function makes a fixed number of queries, however many
people or sessions there are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone, translation

from peerpath.accounts.access import programs_for_user
from peerpath.accounts.models import Program, Role, User
from peerpath.intake.models import Application
from peerpath.schedule import rules
from peerpath.schedule.access import (
    calendar_programs,
    member_program_id,
    settings_for,
    viewer_for,
)
from peerpath.schedule.models import (
    DEFAULT_SETTINGS,
    Attendance,
    AttendanceStatus,
    SessionKind,
    program_zone,
)
from peerpath.schedule.occurrences import active_series, expand_series, for_viewer

LOOKAHEAD_DAYS = 42
RECENT_ATTENDANCE = 10


def _loaded_program(user: User, program_id: int) -> Program | None:
    """The program, when the page already read it with the user or their application
    (see the participant's home): `calendar_programs()` would find the same one."""
    if user.program_id == program_id and User.program.is_cached(user):  # type: ignore[attr-defined]
        return user.program
    application = user._state.fields_cache.get("application")
    if (
        application is not None
        and application.program_id == program_id
        and Application.program.is_cached(application)  # type: ignore[attr-defined]
    ):
        return application.program  # type: ignore[no-any-return]
    return None


def next_sessions_for(user: User, now: dt.datetime, limit: int = 3) -> list[rules.Occurrence]:
    """The next occurrences that matter to this person, in date order: the sessions
    they booked come first in the choice, then the program's other upcoming ones.
    Titles are in the language of the page being shown; times keep the program's
    time zone (show them with `{% localtime off %}`).

    An applicant (not yet enrolled) gets their bookings and the upcoming
    orientations. Join details are on an occurrence only where the person may
    see them. At most six queries.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    if user.role == Role.PARTICIPANT:
        member = member_program_id(user)
        if member is None:
            return []
        loaded = _loaded_program(user, member)
        programs = [loaded] if loaded else list(calendar_programs(user).filter(pk=member))
    else:
        programs = list(programs_for_user(user).select_related("organization")[:10])
    if not programs:
        return []
    series = active_series(programs)
    if not series:
        return []
    today = now.astimezone(program_zone(programs[0])).date()
    occurrences = expand_series(
        series,
        today - dt.timedelta(days=1),
        today + dt.timedelta(days=LOOKAHEAD_DAYS),
        language=translation.get_language() or user.language,
    )
    kind_of = {s.pk: s.kind for s in series}
    shown: list[rules.Occurrence] = []
    enrolled = False
    for program in {s.program_id: s.program for s in series}.values():
        viewer = viewer_for(user, program)
        enrolled = enrolled or viewer.is_enrolled
        program_series = [s for s in series if s.program_id == program.pk]
        ids = {s.pk for s in program_series}
        mine = [o for o in occurrences if o.series_id in ids]
        shown += for_viewer(mine, program_series, viewer)
    upcoming = [o for o in shown if o.end > now]
    booked = [o for o in upcoming if o.booked]
    others = [o for o in upcoming if not o.booked and not o.is_cancelled]
    if user.role == Role.PARTICIPANT and not enrolled:
        others = [o for o in others if kind_of[o.series_id] == SessionKind.ORIENTATION]
    others.sort(key=lambda o: o.start)
    return sorted((booked + others)[:limit], key=lambda o: o.start)


def consecutive_absences(participant_ids: list[int]) -> dict[int, int]:
    """Each person's current run of absences (see `rules.consecutive_absences`: only
    attending ends a run; excused absences neither count nor end it). One query."""
    runs = dict.fromkeys(participant_ids, 0)
    if not participant_ids:
        return runs
    # An absence is in the current run when no attended session comes after it: one
    # index probe per absence (attendance_run index), not a "last present" subquery.
    present_later = Attendance.objects.filter(
        participant_id=OuterRef("participant_id"),
        status=AttendanceStatus.PRESENT,
        starts_at__gt=OuterRef("starts_at"),
    )
    rows = (
        Attendance.objects.filter(
            participant_id__in=participant_ids, status=AttendanceStatus.ABSENT
        )
        .filter(~Exists(present_later))
        .order_by()
        .values("participant_id")
        .annotate(run=Count("id"))
        .values_list("participant_id", "run")
    )
    runs.update(dict(rows))
    return runs


def absence_flagged(participant_ids: list[int], today: dt.date | None = None) -> set[int]:
    """People whose run of absences reached their program's threshold. Paused and
    inactive people raise no flags. Two queries."""
    if not participant_ids:
        return set()
    today = today or timezone.localdate()
    people = User.objects.filter(
        pk__in=participant_ids, role=Role.PARTICIPANT, is_active=True
    ).values_list("pk", "paused_until", "program__schedule_settings__absence_threshold")
    thresholds = {
        pk: threshold or DEFAULT_SETTINGS.absence_threshold
        for pk, paused_until, threshold in people
        if paused_until is None or today > paused_until
    }
    if not thresholds:
        return set()
    runs = consecutive_absences(list(thresholds))
    return {pk for pk, run in runs.items() if rules.is_absence_flagged(run, thresholds[pk])}


def attendance_context(participant: User, *, recent: bool = True) -> dict[str, Any]:
    """For `schedule/_participant_attendance.html` (include it `with attendance=...`):
    the latest sessions with their status (only with `recent`: the compact form of
    the include does not show them), counts, the current absence run and whether it
    is flagged. Two queries, one without `recent`."""
    latest = (
        list(
            Attendance.objects.filter(participant=participant)
            .select_related("series")
            .order_by("-starts_at")[:RECENT_ATTENDANCE]
        )
        if recent
        else []
    )
    # The counts and the current run in one pass (see `consecutive_absences`).
    present_later = Attendance.objects.filter(
        participant_id=OuterRef("participant_id"),
        status=AttendanceStatus.PRESENT,
        starts_at__gt=OuterRef("starts_at"),
    )
    totals = Attendance.objects.filter(participant=participant).aggregate(
        present=Count("id", filter=Q(status=AttendanceStatus.PRESENT)),
        excused=Count("id", filter=Q(status=AttendanceStatus.EXCUSED)),
        absent=Count("id", filter=Q(status=AttendanceStatus.ABSENT)),
        run=Count("id", filter=Q(status=AttendanceStatus.ABSENT) & ~Exists(present_later)),
    )
    run = totals.pop("run")
    program = participant.program
    settings = settings_for(program) if program is not None else None
    threshold = (settings or DEFAULT_SETTINGS).absence_threshold
    paused = participant.is_paused(timezone.localdate())
    return {
        "participant": participant,
        # Dates and times are the program's.
        "zone": program_zone(program) if program is not None else timezone.get_current_timezone(),
        "recent": latest,
        "counts": totals,
        "total": sum(totals.values()),
        "run": run,
        "threshold": threshold,
        "flagged": not paused and rules.is_absence_flagged(run, threshold),
    }
