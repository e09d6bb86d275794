"""Occurrences from the database: series and their changes, expanded for a window.

Two queries whatever the window or the number of series: one for the series
(with their program and its settings), one for the changes that touch the window.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from django.db.models import Q

from peerpath.accounts.models import Program
from peerpath.schedule import rules
from peerpath.schedule.access import Viewer, settings_for
from peerpath.schedule.models import OccurrenceChange, SessionSeries, program_zone


def active_series(
    programs: Iterable[Program] | Iterable[int], *, public_only: bool = False
) -> list[SessionSeries]:
    ids = [p if isinstance(p, int) else p.pk for p in programs]
    series = SessionSeries.objects.filter(program_id__in=ids, is_active=True).select_related(
        "program__organization", "program__schedule_settings"
    )
    if public_only:
        series = series.filter(is_public=True)
    return list(series)


def changes_for(
    series: list[SessionSeries], first: dt.date, last: dt.date
) -> dict[int, dict[dt.date, rules.Change]]:
    """Changes on a date in the window, or moved into it from outside."""
    found: dict[int, dict[dt.date, rules.Change]] = defaultdict(dict)
    if not series:
        return found
    # A day's margin each side covers every time zone's idea of the window's edges.
    after = dt.datetime.combine(first - dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    before = dt.datetime.combine(last + dt.timedelta(days=2), dt.time(), tzinfo=dt.UTC)
    rows = OccurrenceChange.objects.filter(
        Q(original_date__range=(first, last)) | Q(new_start__gte=after, new_start__lt=before),
        series__in=series,
    )
    for row in rows:
        found[row.series_id][row.original_date] = row.as_rule()
    return found


def expand_series(
    series: list[SessionSeries],
    first: dt.date,
    last: dt.date,
    *,
    language: str | None = None,
) -> list[rules.Occurrence]:
    changes = changes_for(series, first, last)
    return rules.merge(
        rules.expand_remembered(s.rule(language), changes.get(s.pk, {}), first, last)
        for s in series
    )


def for_viewer(
    occurrences: list[rules.Occurrence], series: list[SessionSeries], viewer: Viewer
) -> list[rules.Occurrence]:
    """Mark the viewer's bookings and add join details where they are allowed."""
    by_id = {s.pk: s for s in series}
    shown = []
    for occurrence in occurrences:
        one = by_id[occurrence.series_id]
        join = (
            one.join_details(settings_for(one.program))
            if viewer.can_join(one, occurrence)
            else None
        )
        shown.append(
            replace(
                occurrence,
                booked=viewer.is_booked(one.pk, occurrence.original_date),
                join=join,
            )
        )
    return shown


def find_occurrence(
    series: SessionSeries, day: dt.date, *, language: str | None = None
) -> rules.Occurrence | None:
    """The occurrence of `series` that was scheduled for `day` (moved or not)."""
    rule = series.rule(language)
    if not rules.occurs_on(rule, day):
        return None
    change = OccurrenceChange.objects.filter(series=series, original_date=day).first()
    changes = {day: change.as_rule()} if change else {}
    if change and not change.cancelled and change.new_start is not None:
        moved_to = change.new_start.astimezone(program_zone(series.program)).date()
        first, last = min(day, moved_to), max(day, moved_to)
    else:
        first = last = day
    for occurrence in rules.expand(rule, changes, first, last):
        if occurrence.original_date == day:
            return occurrence
    return None


def local_today(program: Program, now: dt.datetime) -> dt.date:
    return now.astimezone(program_zone(program)).date()
