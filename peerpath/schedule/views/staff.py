"""Staff pages: roll call, changes to the schedule, bookings, a person's attendance."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from peerpath.accounts.access import (
    get_participant_for_user,
    participants_for_user,
    programs_for_user,
    role_required,
    staff_required,
)
from peerpath.accounts.models import User
from peerpath.audit.actions import record_event, record_events
from peerpath.schedule import actions, rules
from peerpath.schedule.access import (
    SCHEDULE_EDITORS,
    can_edit_schedule,
    get_calendar_program,
    get_series_for_user,
    participants_expected,
    people_for_staff,
    settings_for,
)
from peerpath.schedule.forms import ChangeOccurrenceForm, RollForm, SeriesForm
from peerpath.schedule.models import (
    DEFAULT_SETTINGS,
    AdvocateMessage,
    Attendance,
    Booking,
    SessionKind,
    SessionSeries,
    program_zone,
)
from peerpath.schedule.occurrences import active_series, expand_series, find_occurrence
from peerpath.schedule.summary import attendance_context

BOOKINGS_DAYS = 42


def _occurrence(series: SessionSeries, day: dt.date) -> rules.Occurrence:
    occurrence = find_occurrence(series, day)
    if occurrence is None:
        raise Http404
    return occurrence


@never_cache
@staff_required
def take_roll(request: HttpRequest, series_id: int, day: dt.date) -> HttpResponse:
    """Present, excused or absent for each expected person, in one phone-sized form."""
    staff: User = request.user  # type: ignore[assignment]
    series = get_series_for_user(staff, series_id)
    occurrence = _occurrence(series, day)
    people = list(
        people_for_staff(staff)
        .filter(participants_expected(series, day))
        .distinct()
        .order_by("preferred_name", "full_name", "email")
    )
    records = list(
        Attendance.objects.filter(
            series=series, occurrence_date=day, participant__in=[p.pk for p in people]
        )
    )
    current = {a.participant_id: a.status for a in records}
    settings = settings_for(series.program) or DEFAULT_SETTINGS
    started = timezone.now() >= occurrence.start - dt.timedelta(
        minutes=settings.check_in_opens_minutes
    )
    form = RollForm(
        request.POST or None,
        people=people,
        current=current,
        started=started,
    )
    if occurrence.is_cancelled:
        form = None  # type: ignore[assignment]
    elif request.method == "POST" and form.is_valid():
        saved = actions.do_record_roll(
            staff, series, occurrence, form.marks(), {p.pk: p for p in people}
        )
        messages.success(
            request,
            _("Roll saved: %(count)d change(s).") % {"count": len(saved)},
        )
        return redirect("schedule-take-roll", series.pk, day)
    for record in records:
        record.participant = next(p for p in people if p.pk == record.participant_id)
    record_events(staff, "schedule.attendance.view", records, subject_of="participant")
    context = {
        "series": series,
        "occurrence": occurrence,
        "form": form,
        "zone": program_zone(series.program),
        "started": started,
    }
    return render(request, "schedule/roll.html", context)


@never_cache
@role_required(*SCHEDULE_EDITORS)
def change_session(request: HttpRequest, series_id: int, day: dt.date) -> HttpResponse:
    """Cancel one date, move it, or put it back."""
    staff: User = request.user  # type: ignore[assignment]
    series = get_series_for_user(staff, series_id)
    if not can_edit_schedule(staff, series.program):
        raise Http404
    occurrence = _occurrence(series, day)
    zone = program_zone(series.program)
    local_start = occurrence.start.astimezone(zone)
    form = ChangeOccurrenceForm(
        request.POST or None,
        original_date=day,
        zone=zone,
        initial={
            "action": "move" if occurrence.status == rules.MOVED else "cancel",
            "new_date": local_start.date(),
            "new_start_time": local_start.time(),
            "new_end_time": occurrence.end.astimezone(zone).time(),
            "note": occurrence.note,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["action"] == "cancel":
            actions.do_cancel_occurrence(staff, series, occurrence, data["note"])
            messages.success(request, _("The session is cancelled. People who booked are told."))
        elif data["action"] == "move":
            actions.do_move_occurrence(
                staff, series, occurrence, data["new_start"], data["new_end"], data["note"]
            )
            messages.success(request, _("The session is moved. People who booked are told."))
        else:
            actions.do_restore_occurrence(staff, series, day)
            messages.success(request, _("The session is back at its usual time."))
        return redirect("schedule-show-session", series.pk, day)
    context = {"series": series, "occurrence": occurrence, "form": form, "zone": zone}
    return render(request, "schedule/change.html", context)


@never_cache
@role_required(*SCHEDULE_EDITORS)
def edit_series(request: HttpRequest, series_id: int | None = None) -> HttpResponse:
    """Create a session (once, or repeating) or edit one; creating with
    ?frequency=once is how an extra session is announced."""
    staff: User = request.user  # type: ignore[assignment]
    if series_id is None:
        program = get_calendar_program(
            staff, request.GET.get("program") or request.POST.get("program")
        )
        if program is None:
            raise Http404
        series = SessionSeries(program=program)
        initial = {
            "frequency": "once" if request.GET.get("frequency") == "once" else "weekly",
            "kind": SessionKind.OTHER if request.GET.get("frequency") == "once" else None,
        }
    else:
        series = get_series_for_user(staff, series_id)
        program = series.program
        initial = {}
    if not can_edit_schedule(staff, program):
        raise Http404
    form = SeriesForm(request.POST or None, instance=series, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = actions.do_save_series(staff, form.save(commit=False), form.changed_data)
        messages.success(request, _("The session is saved."))
        return redirect(f"{_calendar_url(program.slug)}&from={saved.starts_on.isoformat()}")
    return render(
        request,
        "schedule/series_form.html",
        {"form": form, "series": series, "program": program},
    )


def _calendar_url(slug: str) -> str:
    return f"{reverse('schedule-show-calendar')}?program={slug}"


@never_cache
@staff_required
def list_bookings(request: HttpRequest) -> HttpResponse:
    """Upcoming bookable sessions with who booked, for the staff member's programs."""
    staff: User = request.user  # type: ignore[assignment]
    programs = list(programs_for_user(staff).select_related("organization"))
    series = [s for s in active_series(programs) if s.bookable]
    now = timezone.now()
    # A day early: each program's own "today" may be behind the installation's.
    first = timezone.localdate() - dt.timedelta(days=1)
    occurrences = [
        o
        for o in expand_series(series, first, first + dt.timedelta(days=BOOKINGS_DAYS))
        if o.end > now
    ]
    booked = Booking.objects.filter(
        series__in=series,
        occurrence_date__in={o.original_date for o in occurrences},
        cancelled_at__isnull=True,
    )
    counts = {
        (series_id, day): n
        for series_id, day, n in booked.values("series_id", "occurrence_date")
        .annotate(n=Count("id"))
        .values_list("series_id", "occurrence_date", "n")
    }
    # Names only of people the staff member may see (an advocate: their caseload).
    bookings = list(booked.filter(user__in=people_for_staff(staff)).select_related("user"))
    by_key: dict[tuple[int, dt.date], list[Booking]] = {}
    for booking in bookings:
        by_key.setdefault((booking.series_id, booking.occurrence_date), []).append(booking)
    record_events(staff, "schedule.booking.view", bookings, subject_of="user")
    by_id = {s.pk: s for s in series}
    sessions = [
        {
            "occurrence": o,
            "series": by_id[o.series_id],
            "bookings": by_key.get((o.series_id, o.original_date), []),
            "booked": counts.get((o.series_id, o.original_date), 0),
            "zone": program_zone(by_id[o.series_id].program),
        }
        for o in occurrences
    ]
    return render(request, "schedule/bookings.html", {"sessions": sessions})


@never_cache
@staff_required
def show_participant(request: HttpRequest, participant_id: int) -> HttpResponse:
    """One person's attendance history (an audited read)."""
    staff: User = request.user  # type: ignore[assignment]
    participant = get_participant_for_user(staff, participant_id)
    record_event(staff, "schedule.attendance.view", participant, subject=participant)
    history = list(
        Attendance.objects.filter(participant=participant)
        .select_related("series__program")
        .order_by("-starts_at")[:100]
    )
    notes = list(
        AdvocateMessage.objects.filter(participant=participant).select_related("advocate")[:20]
    )
    attendance = attendance_context(participant)
    context = {
        "participant": participant,
        "attendance": attendance,
        "history": history,
        "notes": notes,
        "zone": attendance["zone"],
    }
    return render(request, "schedule/participant.html", context)


@never_cache
@staff_required
def show_message(request: HttpRequest, message_id: int) -> HttpResponse:
    """A participant's message, for staff who may see that participant."""
    staff: User = request.user  # type: ignore[assignment]
    message = get_object_or_404(
        AdvocateMessage.objects.select_related("participant", "advocate"),
        pk=message_id,
        participant__in=participants_for_user(staff),
    )
    record_event(staff, "schedule.message.view", message, subject=message.participant)
    if message.advocate_id == staff.pk:
        actions.do_mark_message_read(message)
    return render(request, "schedule/message.html", {"message": message})
