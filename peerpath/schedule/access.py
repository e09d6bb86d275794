"""Who may see, book and join which sessions.

Join details (video-call link, meeting ID, passcode) reach only the program's
staff and its enrolled participants, plus an applicant for the one orientation
they booked. Everything else about a session (title, times, status) is visible
to anyone signed in to the program, and public series to everyone.

An applicant's account has no program until enrolment: they belong to the
program they apply to. A withdrawn or not-eligible application ends that: the
person may still see the times, but books and joins nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from peerpath.accounts.access import (
    is_installation_admin,
    participants_for_user,
    programs_for_user,
)
from peerpath.accounts.models import Program, Role, User
from peerpath.intake.enrolment import is_enrolled
from peerpath.intake.models import Application, ApplicationStatus
from peerpath.schedule import rules
from peerpath.schedule.models import (
    Booking,
    ScheduleSettings,
    SessionKind,
    SessionSeries,
)

SCHEDULE_EDITORS = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})
CLOSED_APPLICATIONS = frozenset({ApplicationStatus.WITHDRAWN, ApplicationStatus.NOT_ELIGIBLE})


def _application(user: User) -> Application | None:
    """The person's application; Django caches it on the user (found or not)."""
    try:
        return user.application  # type: ignore[attr-defined,no-any-return]
    except Application.DoesNotExist:
        return None


def member_program_id(user: User) -> int | None:
    """The program whose sessions a participant takes part in (books, checks in,
    joins what they may), or None. One query, then cached on the user."""
    if (
        not getattr(user, "is_authenticated", False)
        or user.role != Role.PARTICIPANT
        or not user.is_active
    ):
        return None
    application = _application(user)
    if application is None:
        return user.program_id
    if application.status in CLOSED_APPLICATIONS:
        return None
    return user.program_id or application.program_id


def is_program_staff(user: User, program: Program) -> bool:
    """Staff whose `programs_for_user()` contains the program (no query)."""
    if not getattr(user, "is_authenticated", False) or not user.has_staff_role:
        return False
    return is_installation_admin(user) or user.organization_id == program.organization_id


def can_edit_schedule(user: User, program: Program) -> bool:
    return user.role in SCHEDULE_EDITORS and is_program_staff(user, program)


def settings_for(program: Program) -> ScheduleSettings | None:
    try:
        return program.schedule_settings
    except ScheduleSettings.DoesNotExist:
        return None


def calendar_programs(user: User) -> QuerySet[Program]:
    """Programs whose calendar the user sees: staff their organization's, a
    participant their own or the one they apply to."""
    if getattr(user, "is_authenticated", False) and user.role == Role.PARTICIPANT:
        ids = {user.program_id, member_program_id(user)} - {None}
        programs = Program.objects.filter(pk__in=ids)
    else:
        programs = programs_for_user(user)
    return programs.select_related("organization", "schedule_settings")


def get_calendar_program(user: User, slug: str | None) -> Program | None:
    """The program whose calendar to show: the one asked for (404 if out of scope),
    else the user's first. None when they have none."""
    programs = calendar_programs(user)
    if slug:
        return get_object_or_404(programs, slug=slug)
    return programs.first()


def get_series_for_user(user: User, series_id: int) -> SessionSeries:
    return get_object_or_404(
        SessionSeries.objects.select_related("program__organization", "program__schedule_settings"),
        pk=series_id,
        is_active=True,
        program__in=calendar_programs(user),
    )


@dataclass
class Viewer:
    """What one person may do with one program's sessions; built once per page."""

    user: User
    program: Program
    is_staff: bool
    is_enrolled: bool
    is_member: bool
    booked: set[tuple[int, dt.date]] = field(default_factory=set)

    def can_book(self, series: SessionSeries) -> bool:
        if not series.bookable or self.is_staff:
            return False
        if series.kind == SessionKind.ORIENTATION:
            return self.is_member
        return self.is_enrolled

    def is_booked(self, series_id: int, day: dt.date) -> bool:
        return (series_id, day) in self.booked

    def can_attend(self, series: SessionSeries, day: dt.date) -> bool:
        """May check in or send an excuse for this occurrence."""
        if self.is_enrolled:
            return True
        return (
            self.is_member
            and series.kind == SessionKind.ORIENTATION
            and self.is_booked(series.pk, day)
        )

    def can_join(self, series: SessionSeries, occurrence: rules.Occurrence) -> bool:
        if occurrence.is_cancelled:
            return False
        if self.is_staff or self.is_enrolled:
            return True
        # "Never to applicants before orientation booking": once booked, an applicant
        # gets that orientation's link, and nothing else.
        return (
            self.is_member
            and series.kind == SessionKind.ORIENTATION
            and self.is_booked(series.pk, occurrence.original_date)
        )


def viewer_for(user: User, program: Program, *, with_bookings: bool = True) -> Viewer:
    """Three queries at most: the application and enrolment (both cached on the
    user) and the person's bookings."""
    member = member_program_id(user) == program.pk
    viewer = Viewer(
        user=user,
        program=program,
        is_staff=is_program_staff(user, program),
        is_enrolled=member and is_enrolled(user, program.pk),
        is_member=member,
    )
    if member and with_bookings:
        viewer.booked = set(
            Booking.objects.filter(
                user=user, cancelled_at__isnull=True, series__program=program
            ).values_list("series_id", "occurrence_date")
        )
    return viewer


def ensure_program_visible(user: User, program: Program) -> None:
    if not calendar_programs(user).filter(pk=program.pk).exists():
        raise Http404


def people_for_staff(staff: User) -> QuerySet[User]:
    """The people a staff member may see on rolls and booking lists: the
    participants they may see and, for coordinators and administrators, the
    applicants to their programs (whose accounts have no program yet)."""
    people = participants_for_user(staff)
    if staff.role not in SCHEDULE_EDITORS:
        return people
    return User.objects.filter(
        Q(pk__in=people.values("pk"))
        | Q(role=Role.PARTICIPANT, application__program__in=programs_for_user(staff))
    )


def participants_expected(series: SessionSeries, day: dt.date) -> Q:
    """Who belongs on the roll: those booked for a bookable session, otherwise the
    program's enrolled participants. Anyone already recorded stays on it."""
    from peerpath.intake.enrolment import enrolled_q

    recorded = Q(session_attendance__series=series, session_attendance__occurrence_date=day)
    if series.bookable:
        booked = Q(
            session_bookings__series=series,
            session_bookings__occurrence_date=day,
            session_bookings__cancelled_at__isnull=True,
        )
        return booked | recorded
    return (enrolled_q() & Q(program=series.program)) | recorded
