"""Writes: bookings, attendance, changes to the schedule, feeds and messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from peerpath.accounts.models import Program, User
from peerpath.audit.actions import record_event, record_events
from peerpath.lib.localized import localized
from peerpath.notifications.actions import do_notify
from peerpath.schedule import rules
from peerpath.schedule.access import Viewer, settings_for
from peerpath.schedule.models import (
    DEFAULT_SETTINGS,
    AdvocateMessage,
    Attendance,
    AttendanceSource,
    AttendanceStatus,
    Booking,
    CalendarFeed,
    OccurrenceChange,
    OccurrenceRevision,
    SessionKind,
    SessionSeries,
    program_zone,
)
from peerpath.schedule.occurrences import find_occurrence


class Refused(Exception):
    """An action that cannot happen; the message is for the person."""


def session_url(series_id: int, day: dt.date) -> str:
    return reverse("schedule-show-session", args=[series_id, day])


def when_text(series: SessionSeries, start: dt.datetime) -> str:
    """The start in the program's time zone, formatted for the active language."""
    local = timezone.localtime(start, program_zone(series.program))
    day = f"{date_format(local, 'l')}, {date_format(local, 'DATE_FORMAT')}"
    return f"{day}, {time_format(local, 'TIME_FORMAT')}"


# --- Bookings -----------------------------------------------------------------------


@transaction.atomic
def do_book_session(
    viewer: Viewer, series: SessionSeries, day: dt.date, now: dt.datetime
) -> Booking:
    """Book a place. Booking another orientation moves the person's upcoming one."""
    user = viewer.user
    if not viewer.can_book(series):
        raise Refused(_("This session cannot be booked from your account."))
    # One booking at a time per series: the row lock makes the capacity count exact.
    series = SessionSeries.objects.select_for_update().get(pk=series.pk)
    occurrence = find_occurrence(series, day)
    if occurrence is None or occurrence.is_cancelled:
        raise Refused(_("This session is not taking place."))
    if occurrence.start <= now:
        raise Refused(_("This session has already started."))
    existing = Booking.objects.filter(
        series=series, occurrence_date=day, user=user, cancelled_at__isnull=True
    ).first()
    if existing:
        return existing
    if series.capacity is not None:
        taken = Booking.objects.filter(
            series=series, occurrence_date=day, cancelled_at__isnull=True
        ).count()
        if taken >= series.capacity:
            raise Refused(_("This session is full. Please choose another date."))
    if series.kind == SessionKind.ORIENTATION:
        _cancel_upcoming_orientations(user, series.program, now)
    booking = Booking.objects.create(series=series, occurrence_date=day, user=user)
    record_event(user, "schedule.booking.create", booking, subject=user)
    return booking


def _cancel_upcoming_orientations(user: User, program: Program, now: dt.datetime) -> None:
    today = timezone.localtime(now, program_zone(program)).date()
    upcoming = Booking.objects.filter(
        user=user,
        cancelled_at__isnull=True,
        series__program=program,
        series__kind=SessionKind.ORIENTATION,
        occurrence_date__gte=today,
    )
    for booking in upcoming:
        booking.cancelled_at = now
        booking.save(update_fields=["cancelled_at"])
        record_event(user, "schedule.booking.cancel", booking, subject=user, rebooked=True)


@transaction.atomic
def do_cancel_booking(
    user: User, booking: Booking, occurrence: rules.Occurrence, now: dt.datetime
) -> Booking:
    """Give the place back; once the session has started the booking is history
    (it is how the roll knows who was expected)."""
    if occurrence.start <= now:
        raise Refused(_("This session has already started."))
    booking.cancelled_at = now
    booking.save(update_fields=["cancelled_at"])
    record_event(user, "schedule.booking.cancel", booking, subject=booking.user)
    return booking


# --- Attendance ---------------------------------------------------------------------


def _set_attendance(
    series: SessionSeries,
    occurrence: rules.Occurrence,
    participant: User,
    status: str,
    source: str,
    recorded_by: User | None,
) -> Attendance:
    attendance, _created = Attendance.objects.update_or_create(
        series=series,
        occurrence_date=occurrence.original_date,
        participant=participant,
        defaults={
            "status": status,
            "source": source,
            "starts_at": occurrence.start,
            "recorded_by": recorded_by,
            "recorded_at": timezone.now(),
        },
    )
    return attendance


@transaction.atomic
def do_check_in(
    viewer: Viewer, series: SessionSeries, occurrence: rules.Occurrence, now: dt.datetime
) -> Attendance:
    settings = settings_for(series.program)
    opens = settings.check_in_opens_minutes if settings else DEFAULT_SETTINGS.check_in_opens_minutes
    if occurrence.is_cancelled or not viewer.can_attend(series, occurrence.original_date):
        raise Refused(_("You cannot check in to this session."))
    if not rules.check_in_open(occurrence.start, occurrence.end, now, opens):
        raise Refused(_("Check-in is open from shortly before the start until the end."))
    attendance = _set_attendance(
        series, occurrence, viewer.user, AttendanceStatus.PRESENT, AttendanceSource.CHECK_IN, None
    )
    record_event(viewer.user, "schedule.attendance.check_in", attendance, subject=viewer.user)
    return attendance


@transaction.atomic
def do_excuse_absence(
    viewer: Viewer, series: SessionSeries, occurrence: rules.Occurrence, now: dt.datetime
) -> Attendance:
    if occurrence.is_cancelled or not viewer.can_attend(series, occurrence.original_date):
        raise Refused(_("You cannot send an excuse for this session."))
    if not rules.can_excuse(occurrence.start, now):
        raise Refused(_("This session has already started."))
    attendance = _set_attendance(
        series,
        occurrence,
        viewer.user,
        AttendanceStatus.EXCUSED,
        AttendanceSource.ADVANCE_NOTICE,
        None,
    )
    record_event(viewer.user, "schedule.attendance.excuse", attendance, subject=viewer.user)
    return attendance


@transaction.atomic
def do_withdraw_excuse(
    user: User, series: SessionSeries, occurrence: rules.Occurrence, now: dt.datetime
) -> bool:
    if not rules.can_excuse(occurrence.start, now):
        raise Refused(_("This session has already started."))
    deleted, _rows = Attendance.objects.filter(
        series=series,
        occurrence_date=occurrence.original_date,
        participant=user,
        source=AttendanceSource.ADVANCE_NOTICE,
    ).delete()
    if deleted:
        record_event(user, "schedule.attendance.withdraw_excuse", series, subject=user)
    return bool(deleted)


@transaction.atomic
def do_record_roll(
    staff: User,
    series: SessionSeries,
    occurrence: rules.Occurrence,
    marks: Mapping[int, str],
    people: Mapping[int, User],
) -> list[Attendance]:
    """Save the roll: `marks` maps participant id to a status; unchanged ones are left."""
    current = {
        a.participant_id: a
        for a in Attendance.objects.filter(series=series, occurrence_date=occurrence.original_date)
    }
    saved = []
    for participant_id, status in marks.items():
        before = current.get(participant_id)
        if before is not None and before.status == status:
            continue
        saved.append(
            _set_attendance(
                series,
                occurrence,
                people[participant_id],
                status,
                AttendanceSource.ROLL_CALL,
                staff,
            )
        )
    for attendance in saved:
        attendance.participant = people[attendance.participant_id]
    record_events(staff, "schedule.attendance.record", saved, subject_of="participant")
    return saved


# --- Changes to the schedule ------------------------------------------------------------


def _notify_booked(series: SessionSeries, day: dt.date, key: str, render_for: Any) -> int:
    bookings = Booking.objects.filter(
        series=series, occurrence_date=day, cancelled_at__isnull=True, user__is_active=True
    ).select_related("user")
    sent = 0
    for booking in bookings:
        created = do_notify(
            booking.user,
            "session_change",
            render_for(booking.user),
            url=session_url(series.pk, day),
            dedupe_key=f"{key}:{booking.user_id}",
        )
        sent += created is not None
    return sent


def _current_change(series: SessionSeries, day: dt.date) -> OccurrenceChange | None:
    return (
        OccurrenceChange.objects.select_for_update()
        .filter(series=series, original_date=day)
        .first()
    )


def _bump_sequence(series: SessionSeries, day: dt.date) -> None:
    """One more revision of the occurrence: its calendar SEQUENCE only goes up."""
    revision, _created = OccurrenceRevision.objects.get_or_create(series=series, original_date=day)
    OccurrenceRevision.objects.filter(pk=revision.pk).update(sequence=F("sequence") + 1)


def _revision(change: OccurrenceChange) -> str:
    """Each saved change is told once: a repeat of the same change saves nothing, and
    any other (moving back to an earlier time, a new note) is a new revision."""
    return f"{change.pk}:{change.changed_at.astimezone(dt.UTC):%Y%m%dT%H%M%S%f}"


@transaction.atomic
def do_cancel_occurrence(
    staff: User, series: SessionSeries, occurrence: rules.Occurrence, note: str
) -> OccurrenceChange:
    current = _current_change(series, occurrence.original_date)
    if current is not None and current.cancelled and current.note == note:
        return current  # the same cancellation sent twice (a second tab, a double tap)
    change, _created = OccurrenceChange.objects.update_or_create(
        series=series,
        original_date=occurrence.original_date,
        defaults={
            "cancelled": True,
            "new_start": None,
            "new_end": None,
            "note": note,
            "changed_by": staff,
            "changed_at": timezone.now(),
        },
    )
    _bump_sequence(series, occurrence.original_date)
    record_event(staff, "schedule.occurrence.cancel", change, date=str(occurrence.original_date))

    def render_for(person: User) -> Any:
        def render() -> tuple[str, str]:
            title = localized(series, "title", person.language)
            subject = _("Cancelled: %(title)s, %(when)s") % {
                "title": title,
                "when": when_text(series, occurrence.start),
            }
            body = _("This session will not take place.")
            if note:
                body += "\n\n" + note
            return subject, body

        return render

    _notify_booked(
        series, occurrence.original_date, f"session-cancel:{_revision(change)}", render_for
    )
    return change


@transaction.atomic
def do_move_occurrence(
    staff: User,
    series: SessionSeries,
    occurrence: rules.Occurrence,
    new_start: dt.datetime,
    new_end: dt.datetime,
    note: str,
) -> OccurrenceChange:
    current = _current_change(series, occurrence.original_date)
    if (
        current is not None
        and not current.cancelled
        and (current.new_start, current.new_end, current.note) == (new_start, new_end, note)
    ):
        return current
    change, _created = OccurrenceChange.objects.update_or_create(
        series=series,
        original_date=occurrence.original_date,
        defaults={
            "cancelled": False,
            "new_start": new_start,
            "new_end": new_end,
            "note": note,
            "changed_by": staff,
            "changed_at": timezone.now(),
        },
    )
    Attendance.objects.filter(series=series, occurrence_date=occurrence.original_date).update(
        starts_at=new_start
    )
    _bump_sequence(series, occurrence.original_date)
    record_event(staff, "schedule.occurrence.move", change, date=str(occurrence.original_date))

    def render_for(person: User) -> Any:
        def render() -> tuple[str, str]:
            title = localized(series, "title", person.language)
            subject = _("New time: %(title)s, now %(when)s") % {
                "title": title,
                "when": when_text(series, new_start),
            }
            body = _("This session moved from %(before)s to %(after)s.") % {
                "before": when_text(series, occurrence.original_start or occurrence.start),
                "after": when_text(series, new_start),
            }
            if note:
                body += "\n\n" + note
            return subject, body

        return render

    _notify_booked(
        series, occurrence.original_date, f"session-move:{_revision(change)}", render_for
    )
    return change


@transaction.atomic
def do_restore_occurrence(staff: User, series: SessionSeries, day: dt.date) -> None:
    """Undo a cancellation or a move, and tell the people who booked."""
    change = OccurrenceChange.objects.filter(series=series, original_date=day).first()
    if change is None:
        return
    change.delete()
    _bump_sequence(series, day)
    record_event(staff, "schedule.occurrence.restore", series, date=str(day))
    restored = find_occurrence(series, day)
    if restored is None:
        return
    Attendance.objects.filter(series=series, occurrence_date=day).update(starts_at=restored.start)

    def render_for(person: User) -> Any:
        def render() -> tuple[str, str]:
            title = localized(series, "title", person.language)
            subject = _("On again: %(title)s, %(when)s") % {
                "title": title,
                "when": when_text(series, restored.start),
            }
            return subject, _("This session is back at its usual time.")

        return render

    stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
    _notify_booked(series, day, f"session-restore:{series.pk}:{day}:{stamp}", render_for)


@transaction.atomic
def do_save_series(staff: User, series: SessionSeries, changed: list[str]) -> SessionSeries:
    """Create or update a series; join details are never named in the audit detail."""
    created = series.pk is None
    series.save()
    fields = sorted(f for f in changed if f not in {"join_url", "meeting_id", "passcode"})
    record_event(
        staff,
        "schedule.series.create" if created else "schedule.series.update",
        series,
        fields=fields,
    )
    return series


# --- Feeds and messages -----------------------------------------------------------------


@transaction.atomic
def do_reset_calendar_feed(user: User) -> CalendarFeed:
    """A new private address; the old one stops working."""
    from peerpath.schedule.models import new_feed_nonce

    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if not created:
        feed.nonce = new_feed_nonce()
        feed.reset_at = timezone.now()
        feed.save(update_fields=["nonce", "reset_at"])
    record_event(
        user, "schedule.feed.reset", feed, subject=user if not user.has_staff_role else None
    )
    return feed


def get_or_create_calendar_feed(user: User) -> CalendarFeed:
    try:
        feed, _created = CalendarFeed.objects.get_or_create(user=user)
    except IntegrityError:
        feed = CalendarFeed.objects.get(user=user)
    return feed


@transaction.atomic
def do_send_advocate_message(participant: User, body: str) -> AdvocateMessage:
    """Store the message and tell the advocate one is waiting. The email says only
    that: the text itself is read in PeerPath, never sent by email."""
    advocate = participant.advocate
    if advocate is None or not advocate.is_active:
        raise Refused(_("You do not have an advocate assigned yet. Please use the contacts above."))
    message = AdvocateMessage.objects.create(participant=participant, advocate=advocate, body=body)
    record_event(participant, "schedule.message.send", message, subject=participant)

    def render() -> tuple[str, str]:
        return (
            _("A new message is waiting for you"),
            _("Someone in your caseload sent you a message. Sign in to PeerPath to read it."),
        )

    do_notify(
        advocate,
        "advocate_message",
        render,
        url=reverse("schedule-show-message", args=[message.pk]),
        dedupe_key=f"advocate-message:{message.pk}",
    )
    return message


def do_mark_message_read(message: AdvocateMessage) -> None:
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
