"""The program calendar, one session's page and what people do there."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from peerpath.accounts.access import role_required
from peerpath.accounts.models import Program, Role, User
from peerpath.audit.actions import record_events
from peerpath.schedule import actions, ical, rules
from peerpath.schedule.access import (
    calendar_programs,
    can_edit_schedule,
    get_calendar_program,
    get_series_for_user,
    people_for_staff,
    viewer_for,
)
from peerpath.schedule.forms import parse_day
from peerpath.schedule.models import (
    Booking,
    ProgramContact,
    SessionKind,
    SessionSeries,
    program_zone,
)
from peerpath.schedule.occurrences import (
    active_series,
    expand_series,
    find_occurrence,
    for_viewer,
    local_today,
)
from peerpath.schedule.rules import Occurrence, describe_recurrence
from peerpath.schedule.views.common import build_rows, group_by_day

LIST_DAYS = 28


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@never_cache
@login_required
def show_calendar(request: HttpRequest) -> HttpResponse:
    """Week (default) or list view of a program's sessions, in the program's time."""
    user: User = request.user  # type: ignore[assignment]
    program = get_calendar_program(user, request.GET.get("program"))
    if program is None:
        return render(request, "schedule/no_program.html")
    zone = program_zone(program)
    now = timezone.now()
    today = now.astimezone(zone).date()
    mode = "list" if request.GET.get("view") == "list" else "week"
    asked = parse_day(request.GET.get("from"))
    if mode == "week":
        first = _week_start(asked or today)
        last = first + dt.timedelta(days=6)
    else:
        first = asked or today
        last = first + dt.timedelta(days=LIST_DAYS - 1)
    viewer = viewer_for(user, program)
    series = active_series([program])
    occurrences = for_viewer(expand_series(series, first, last), series, viewer)
    rows = build_rows(viewer, series, occurrences, now)
    week_days = [first + dt.timedelta(days=n) for n in range(7)] if mode == "week" else None
    step = dt.timedelta(days=7 if mode == "week" else LIST_DAYS)
    context = {
        "program": program,
        "programs": list(calendar_programs(user)) if user.has_staff_role else [],
        "zone": zone,
        "mode": mode,
        "first": first,
        "last": last,
        "today": today,
        "previous": first - step,
        "next": first + step,
        "days": group_by_day(rows, week_days),
        "viewer": viewer,
        "can_edit": can_edit_schedule(user, program),
        "contacts": _contacts(program) if viewer.is_enrolled else None,
        "advocate": user.advocate if viewer.is_enrolled else None,
    }
    return render(request, "schedule/calendar.html", context)


def _contacts(program: Program) -> list[ProgramContact]:
    return list(ProgramContact.objects.filter(program=program))


def _occurrence_or_404(series: SessionSeries, day: dt.date) -> Occurrence:
    occurrence = find_occurrence(series, day)
    if occurrence is None:
        raise Http404
    return occurrence


@never_cache
@login_required
def show_session(request: HttpRequest, series_id: int, day: dt.date) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    series = get_series_for_user(user, series_id)
    occurrence = _occurrence_or_404(series, day)
    viewer = viewer_for(user, series.program)
    [shown] = for_viewer([occurrence], [series], viewer)
    [row] = build_rows(viewer, [series], [shown], timezone.now())
    bookings: list[Booking] = []
    if viewer.is_staff and series.bookable:
        bookings = list(
            Booking.objects.filter(
                series=series,
                occurrence_date=day,
                cancelled_at__isnull=True,
                user__in=people_for_staff(user),
            ).select_related("user")
        )
        record_events(user, "schedule.booking.view", bookings, subject_of="user")
    other_dates: list[Occurrence] = []
    if row.can_book or (shown.booked and series.bookable):
        now = timezone.now()
        today = local_today(series.program, now)
        later = expand_series([series], today, today + dt.timedelta(days=35))
        other_dates = [
            o for o in later if o.original_date != day and not o.is_cancelled and o.start > now
        ][:4]
    context = {
        "row": row,
        "occurrence": shown,
        "series": series,
        "program": series.program,
        "zone": program_zone(series.program),
        "viewer": viewer,
        "bookings": bookings,
        "other_dates": other_dates,
        "rule_text": describe_recurrence(series.recurrence),
    }
    return render(request, "schedule/session.html", context)


@login_required
def download_event(request: HttpRequest, series_id: int, day: dt.date) -> HttpResponse:
    """One session as an .ics file (join details only for people allowed them)."""
    user: User = request.user  # type: ignore[assignment]
    series = get_series_for_user(user, series_id)
    occurrence = _occurrence_or_404(series, day)
    [shown] = for_viewer([occurrence], [series], viewer_for(user, series.program))
    url = ical.absolute(reverse("schedule-show-session", args=[series.pk, day]))
    body = ical.build_calendar([shown], name=shown.title, url_for={shown.key: url})
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="peerpath-session-{day:%Y%m%d}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


def _acting(request: HttpRequest, series_id: int, day: dt.date):  # type: ignore[no-untyped-def]
    user: User = request.user  # type: ignore[assignment]
    series = get_series_for_user(user, series_id)
    occurrence = _occurrence_or_404(series, day)
    return user, series, occurrence, viewer_for(user, series.program)


def _back(request: HttpRequest, series: SessionSeries, day: dt.date) -> HttpResponse:
    """Back to where the button was: the week or list view, or the session's page."""
    view = request.POST.get("next", "")
    if view not in {"week", "list"}:
        return redirect("schedule-show-session", series.pk, day)
    query = f"?program={series.program.slug}&view={view}"
    if view == "week":
        query += f"&from={day.isoformat()}"
    return redirect(reverse("schedule-show-calendar") + query)


@require_POST
@role_required(Role.PARTICIPANT)
def book_session(request: HttpRequest, series_id: int, day: dt.date) -> HttpResponse:
    _user, series, occurrence, viewer = _acting(request, series_id, day)
    try:
        actions.do_book_session(viewer, series, day, timezone.now())
    except actions.Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            rules.tidy_sentences(
                _("You are booked for %(title)s on %(when)s.")
                % {"title": series.tr("title"), "when": actions.when_text(series, occurrence.start)}
            ),
        )
    return _back(request, series, day)


@require_POST
@role_required(Role.PARTICIPANT)
def cancel_booking(request: HttpRequest, series_id: int, day: dt.date) -> HttpResponse:
    user, series, occurrence, _viewer = _acting(request, series_id, day)
    booking = get_object_or_404(
        Booking, series=series, occurrence_date=day, user=user, cancelled_at__isnull=True
    )
    try:
        actions.do_cancel_booking(user, booking, occurrence, timezone.now())
    except actions.Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Your booking is cancelled. You can book another date any time.")
        )
    return _back(request, series, day)


@require_POST
@role_required(Role.PARTICIPANT)
def check_in(request: HttpRequest, series_id: int, day: dt.date) -> HttpResponse:
    _user, series, occurrence, viewer = _acting(request, series_id, day)
    try:
        actions.do_check_in(viewer, series, occurrence, timezone.now())
    except actions.Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You are checked in. Welcome!"))
    return _back(request, series, day)


@require_POST
@role_required(Role.PARTICIPANT)
def excuse_absence(request: HttpRequest, series_id: int, day: dt.date) -> HttpResponse:
    user, series, occurrence, viewer = _acting(request, series_id, day)
    try:
        if request.POST.get("withdraw"):
            actions.do_withdraw_excuse(user, series, occurrence, timezone.now())
            messages.success(request, _("Thanks, we have noted that you can come after all."))
        else:
            actions.do_excuse_absence(viewer, series, occurrence, timezone.now())
            messages.success(
                request, _("Thanks for letting us know. We hope to see you next time.")
            )
    except actions.Refused as exc:
        messages.error(request, str(exc))
    return _back(request, series, day)


def show_public(request: HttpRequest, slug: str) -> HttpResponse:
    """The public schedule: times of public sessions only, never how to join."""
    program = get_object_or_404(Program, slug=slug)
    zone = program_zone(program)
    today = timezone.now().astimezone(zone).date()
    series = active_series([program], public_only=True)
    occurrences = expand_series(series, today, today + dt.timedelta(days=LIST_DAYS - 1))
    kinds = list(SessionKind.values)
    patterns = [
        (s, describe_recurrence(s.recurrence))
        for s in sorted(series, key=lambda s: (kinds.index(s.kind), s.start_time))
        if s.recurrence
    ]
    days: dict[dt.date, list[Occurrence]] = {}
    for occurrence in occurrences:
        days.setdefault(occurrence.start.date(), []).append(occurrence)
    context = {
        "program": program,
        "zone": zone,
        "patterns": patterns,
        "days": sorted(days.items()),
    }
    return render(request, "schedule/public.html", context)
