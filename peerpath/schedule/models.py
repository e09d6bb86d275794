"""A program's support sessions, their exceptions, bookings, attendance, contacts
and personal calendar feeds.

An occurrence has no row of its own: it is a series plus one of its local dates
(`occurrence_date`, its original date even when moved). Bookings, attendance
and changes point at that pair.
"""

from __future__ import annotations

import datetime as dt
import secrets
import zoneinfo
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.accounts.models import Program
from peerpath.lib.crypto import EncryptedCharField, EncryptedMixin, EncryptedTextField
from peerpath.lib.localized import localized
from peerpath.schedule import rules


class SessionKind(models.TextChoices):
    ORIENTATION = "orientation", _("Orientation")
    SUPPORT_ROOM = "support_room", _("Social support room")
    GROUP_MEETING = "group_meeting", _("Group meeting")
    OTHER = "other", _("Announced session")


def program_zone(program: Program) -> zoneinfo.ZoneInfo:
    """The program's time zone, or the installation's when the name is unknown."""
    return program.zone


class HttpsURLField(models.URLField):
    """A link typed without a scheme is taken as https (Django 6's default)."""

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class EncryptedHttpsURLField(EncryptedMixin, HttpsURLField):
    """A join link, encrypted at rest."""


def validate_recurrence_field(value: str) -> None:
    try:
        rules.validate_recurrence(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


def validate_calendar_day(value: dt.date) -> None:
    if not rules.in_calendar_range(value):
        raise ValidationError(
            _("Choose a date from %(first)s to %(last)s.")
            % {"first": rules.FIRST_DAY.year, "last": rules.LAST_DAY.year}
        )


def validate_offsets(value: str) -> None:
    if value.strip() and not rules.parse_offsets(value):
        raise ValidationError(_("Use whole numbers of hours separated by commas, e.g. 24,1"))


class ScheduleSettings(models.Model):
    """A program's video-call details and schedule settings.

    The join link, meeting ID and passcode are shown only to enrolled
    participants and the program's staff (see `schedule.access`); they are
    never logged, never in public pages or feeds, never in emails.
    """

    program = models.OneToOneField(
        "accounts.Program", on_delete=models.CASCADE, related_name="schedule_settings"
    )
    join_url = EncryptedHttpsURLField(_("video-call link"), max_length=500, blank=True)
    meeting_id = EncryptedCharField(_("meeting ID"), max_length=40, blank=True)
    passcode = EncryptedCharField(_("passcode"), max_length=40, blank=True)
    absence_threshold = models.PositiveSmallIntegerField(
        _("flag after this many absences in a row"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    reminder_hours = models.CharField(
        _("reminders, hours before a booked session"),
        max_length=40,
        default="24,1",
        validators=[validate_offsets],
        help_text=_("Comma-separated whole numbers of hours, e.g. 24,1"),
    )
    check_in_opens_minutes = models.PositiveSmallIntegerField(
        _("check-in opens this many minutes before the start"),
        default=15,
        validators=[MaxValueValidator(120)],
    )

    class Meta:
        verbose_name = _("schedule settings")
        verbose_name_plural = _("schedule settings")

    def __str__(self) -> str:
        return str(self.program)

    @property
    def offsets(self) -> tuple[int, ...]:
        return rules.parse_offsets(self.reminder_hours)


DEFAULT_SETTINGS = ScheduleSettings(absence_threshold=3, reminder_hours="24,1")


class SessionSeries(models.Model):
    """A recurring session (or a one-time one when `recurrence` is empty)."""

    program = models.ForeignKey(
        "accounts.Program", on_delete=models.CASCADE, related_name="session_series"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    title = models.CharField(_("title (English)"), max_length=120)
    title_es = models.CharField(_("title (Spanish)"), max_length=120, blank=True)
    description = models.TextField(_("what to expect (English)"), max_length=2000, blank=True)
    description_es = models.TextField(_("what to expect (Spanish)"), max_length=2000, blank=True)
    starts_on = models.DateField(_("first date"), validators=[validate_calendar_day])
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    recurrence = models.CharField(
        _("repeat rule (RFC 5545 RRULE)"),
        max_length=rules.MAX_RULE_LENGTH,
        blank=True,
        validators=[validate_recurrence_field],
        help_text=_("For example FREQ=WEEKLY;BYDAY=MO,WE. Leave empty for a one-time session."),
    )
    ends_on = models.DateField(
        _("last date"), null=True, blank=True, validators=[validate_calendar_day]
    )
    is_public = models.BooleanField(
        _("show on the public schedule"),
        default=True,
        help_text=_("Times only; the public schedule never shows how to join."),
    )
    bookable = models.BooleanField(_("people book a place"), default=False)
    capacity = models.PositiveSmallIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("Leave empty for no limit."),
    )
    join_url = EncryptedHttpsURLField(
        _("video-call link, if not the program's"), max_length=500, blank=True
    )
    meeting_id = EncryptedCharField(
        _("meeting ID, if not the program's"), max_length=40, blank=True
    )
    passcode = EncryptedCharField(_("passcode, if not the program's"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["program", "start_time", "title"]
        verbose_name = _("session series")
        verbose_name_plural = _("session series")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="session_series_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="session_series_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The end must be after the start.")})
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last date cannot be before the first.")})
        try:
            self.recurrence = rules.validate_recurrence(self.recurrence)
        except ValueError as exc:
            raise ValidationError({"recurrence": str(exc)}) from exc

    def tr(self, field: str) -> str:
        return localized(self, field)

    def rule(self, language: str | None = None) -> rules.SeriesRule:
        return rules.SeriesRule(
            series_id=self.pk,
            kind=self.kind,
            title=localized(self, "title", language),
            starts_on=self.starts_on,
            start_time=self.start_time,
            end_time=self.end_time,
            recurrence=self.recurrence,
            zone=program_zone(self.program),
            ends_on=self.ends_on,
        )

    def join_details(self, program_settings: ScheduleSettings | None) -> rules.JoinDetails | None:
        """The series' own details, else the program's; None when there are none."""
        if self.join_url or self.meeting_id:
            details = rules.JoinDetails(self.join_url, self.meeting_id, self.passcode)
        elif program_settings is not None:
            details = rules.JoinDetails(
                program_settings.join_url, program_settings.meeting_id, program_settings.passcode
            )
        else:
            return None
        return details or None


class OccurrenceRevision(models.Model):
    """How many times one date of a series was changed (cancelled, moved, restored):
    the iCalendar SEQUENCE, which calendars need to only go up. Kept when a change
    is undone, unlike the change itself."""

    series = models.ForeignKey(SessionSeries, on_delete=models.CASCADE, related_name="+")
    original_date = models.DateField()
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["series", "original_date"], name="one_revision_per_occurrence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.series_id} {self.original_date} #{self.sequence}"


class OccurrenceChange(models.Model):
    """One date of a series cancelled, or moved to other times, with a note for attendees."""

    series = models.ForeignKey(SessionSeries, on_delete=models.CASCADE, related_name="changes")
    original_date = models.DateField(_("date"))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    new_start = models.DateTimeField(_("new start"), null=True, blank=True)
    new_end = models.DateTimeField(_("new end"), null=True, blank=True)
    note = models.CharField(_("note for attendees"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["original_date"]
        verbose_name = _("change to a session")
        verbose_name_plural = _("changes to sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "original_date"], name="one_change_per_occurrence"
            ),
            models.CheckConstraint(
                condition=models.Q(cancelled=True)
                | models.Q(new_start__isnull=False, new_end__gt=models.F("new_start")),
                name="moved_occurrence_has_times",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.original_date}"

    def as_rule(self) -> rules.Change:
        return rules.Change(
            original_date=self.original_date,
            cancelled=self.cancelled,
            new_start=self.new_start,
            new_end=self.new_end,
            note=self.note,
        )


class Booking(models.Model):
    series = models.ForeignKey(SessionSeries, on_delete=models.CASCADE, related_name="bookings")
    occurrence_date = models.DateField(_("date"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_bookings"
    )
    created_at = models.DateTimeField(_("booked"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["occurrence_date", "created_at"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "occurrence_date", "user"],
                condition=models.Q(cancelled_at__isnull=True),
                name="one_active_booking_per_person",
            )
        ]
        indexes = [models.Index(fields=["series", "occurrence_date"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.series} {self.occurrence_date}"


class AttendanceStatus(models.TextChoices):
    PRESENT = rules.PRESENT, _("Present")
    EXCUSED = rules.EXCUSED, _("Excused")
    ABSENT = rules.ABSENT, _("Absent")


class AttendanceSource(models.TextChoices):
    ROLL_CALL = "roll_call", _("Roll call")
    CHECK_IN = "check_in", _("Checked in")
    ADVANCE_NOTICE = "advance_notice", _("Told us in advance")


class Attendance(models.Model):
    series = models.ForeignKey(SessionSeries, on_delete=models.CASCADE, related_name="attendance")
    occurrence_date = models.DateField(_("date"))
    # The occurrence's real start (after any move): the order of a person's
    # history, so the absence run is one query.
    starts_at = models.DateTimeField(_("session start"))
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_attendance"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    source = models.CharField(_("recorded by"), max_length=16, choices=AttendanceSource.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "occurrence_date", "participant"],
                name="one_attendance_per_person_and_session",
            )
        ]
        indexes = [
            models.Index(fields=["participant", "starts_at"]),
            # The absence run: "is there a present after this absence?" per absence.
            models.Index(fields=["participant", "status", "-starts_at"], name="attendance_run"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} — {self.series} {self.occurrence_date}: {self.status}"


class ContactRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Program coordinator")
    ADVOCATE = "advocate", _("Peer support advocate")
    OTHER = "other", _("Contact")


class ProgramContact(models.Model):
    """Who to reach at the program: names, email and phone are program data."""

    program = models.ForeignKey(
        "accounts.Program", on_delete=models.CASCADE, related_name="contacts"
    )
    role = models.CharField(_("role"), max_length=20, choices=ContactRole.choices)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["program", "order", "id"]
        verbose_name = _("program contact")
        verbose_name_plural = _("program contacts")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def phone_href(self) -> str:
        digits = "".join(c for c in self.phone if c.isdigit() or c == "+")
        return f"tel:{digits}" if digits else ""


def new_feed_nonce() -> str:
    return secrets.token_hex(16)


class CalendarFeed(models.Model):
    """A person's private calendar subscription.

    The address carries an HMAC of this row's nonce made with the installation's
    secret key; the database never holds the address itself. Resetting draws a
    new nonce, so the old address stops working at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    nonce = models.CharField(max_length=64, default=new_feed_nonce)
    created_at = models.DateTimeField(default=timezone.now)
    reset_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)


class AdvocateMessage(models.Model):
    """A participant's message to their advocate, read in PeerPath (never emailed)."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages_sent"
    )
    advocate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages_received"
    )
    body = EncryptedTextField(_("message"), max_length=2000)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message to an advocate")
        verbose_name_plural = _("messages to advocates")

    def __str__(self) -> str:
        return f"{self.participant} → {self.advocate}"
