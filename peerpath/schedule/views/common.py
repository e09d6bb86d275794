"""What each page shows for one occurrence, computed for a whole window at once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse

from peerpath.schedule import rules
from peerpath.schedule.access import Viewer, can_edit_schedule, settings_for
from peerpath.schedule.models import DEFAULT_SETTINGS, Attendance, Booking, SessionSeries


@dataclass
class Row:
    occurrence: rules.Occurrence
    series: SessionSeries
    url: str
    can_book: bool = False
    spots_left: int | None = None
    attendance: str | None = None
    can_check_in: bool = False
    can_excuse: bool = False
    can_withdraw_excuse: bool = False
    can_take_roll: bool = False
    can_edit: bool = False
    booked_count: int = 0
    is_past: bool = False
    is_upcoming: bool = False

    @property
    def full(self) -> bool:
        return self.spots_left == 0


def build_rows(
    viewer: Viewer,
    series: list[SessionSeries],
    occurrences: list[rules.Occurrence],
    now: dt.datetime,
) -> list[Row]:
    """Rows for the viewer with two queries: booking counts and their own attendance."""
    by_id = {s.pk: s for s in series}
    bookable = [s.pk for s in series if s.bookable]
    days = {o.original_date for o in occurrences}
    counts: Counter[tuple[int, dt.date]] = Counter()
    if bookable and occurrences:
        for series_id, day, n in (
            Booking.objects.filter(
                series_id__in=bookable, occurrence_date__in=days, cancelled_at__isnull=True
            )
            .values("series_id", "occurrence_date")
            .annotate(n=Count("id"))
            .values_list("series_id", "occurrence_date", "n")
        ):
            counts[(series_id, day)] = n
    mine: dict[tuple[int, dt.date], tuple[str, str]] = {}
    if viewer.is_member and occurrences:
        mine = {
            (series_id, day): (status, source)
            for series_id, day, status, source in Attendance.objects.filter(
                participant=viewer.user, series_id__in=by_id, occurrence_date__in=days
            ).values_list("series_id", "occurrence_date", "status", "source")
        }
    settings = settings_for(viewer.program) or DEFAULT_SETTINGS
    editor = can_edit_schedule(viewer.user, viewer.program)
    rows = []
    for occurrence in occurrences:
        one = by_id[occurrence.series_id]
        key = (one.pk, occurrence.original_date)
        booked_count = counts[key]
        status, source = mine.get(key, (None, None))
        upcoming = now < occurrence.start
        live = not occurrence.is_cancelled
        attend = live and viewer.can_attend(one, occurrence.original_date)
        row = Row(
            occurrence=occurrence,
            series=one,
            url=reverse("schedule-show-session", args=[one.pk, occurrence.original_date]),
            can_book=live and upcoming and viewer.can_book(one) and not occurrence.booked,
            spots_left=rules.spots_left(one.capacity, booked_count) if one.bookable else None,
            attendance=status,
            can_check_in=attend
            and status != rules.PRESENT
            and rules.check_in_open(
                occurrence.start, occurrence.end, now, settings.check_in_opens_minutes
            ),
            # Someone booked cancels instead, which frees the place.
            can_excuse=attend and upcoming and status is None and not occurrence.booked,
            can_withdraw_excuse=upcoming and source == "advance_notice",
            can_take_roll=live and viewer.is_staff,
            can_edit=editor,
            booked_count=booked_count,
            is_past=now >= occurrence.end,
            is_upcoming=upcoming,
        )
        rows.append(row)
    return rows


def group_by_day(
    rows: list[Row], days: list[dt.date] | None = None
) -> list[tuple[dt.date, list[Row]]]:
    """Rows under their local start date; with `days`, every day appears, even empty."""
    grouped: dict[dt.date, list[Row]] = {day: [] for day in days or []}
    for row in rows:
        grouped.setdefault(row.occurrence.start.date(), []).append(row)
    return sorted(grouped.items())
