from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from peerpath.plan.rules import CONFIDENCE_MAX, CONFIDENCE_MIN

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_url(context: template.Context, name: str, *args: Any) -> str:
    """`{% plan_url "show-goal" goal.pk %}`: the participant's own page, or the staff
    page for the participant in `participant` when `is_own` is false."""
    from peerpath.plan.views.common import plan_reverse

    return plan_reverse(name, context.get("participant"), context.get("is_own", True), *args)


WIDTH, HEIGHT = 320, 170
LEFT, RIGHT, TOP, BOTTOM = 28, 12, 18, 26


def _y(score: int) -> float:
    span = CONFIDENCE_MAX - CONFIDENCE_MIN
    return round(TOP + (CONFIDENCE_MAX - score) * (HEIGHT - TOP - BOTTOM) / span, 1)


@register.simple_tag
def confidence_svg(series: Sequence[tuple[dt.date, int]]) -> SafeString:
    """A line chart of confidence over time, spaced by date. Screen readers hear a
    one-line summary; the table next to it carries every number."""
    if not series:
        return SafeString("")
    first, last = series[0][0], series[-1][0]
    days = max((last - first).days, 1)
    plot_width = WIDTH - LEFT - RIGHT

    def x(day: dt.date) -> float:
        if len(series) == 1:
            return LEFT + plot_width / 2
        return LEFT + (day - first).days * plot_width / days

    points = [(round(x(day), 1), round(_y(score), 1), day, score) for day, score in series]
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" class="grid"/>'
        '<text x="{}" y="{}" class="axis" text-anchor="end">{}</text>',
        (
            (LEFT, WIDTH - RIGHT, _y(n), _y(n), LEFT - 6, round(_y(n) + 4, 1), n)
            for n in (CONFIDENCE_MIN, 5, CONFIDENCE_MAX)
        ),
    )
    line = " ".join(f"{px},{py}" for px, py, _day, _score in points)
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="4"/><text x="{}" y="{}" class="value" text-anchor="middle">{}'
        "</text>",
        ((px, py, px, round(py - 8, 1), score) for px, py, _day, score in points),
    )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" class="axis" text-anchor="{}">{}</text>',
        (
            (px, HEIGHT - 6, anchor, date_format(day, "SHORT_DATE_FORMAT"))
            for (px, _py, day, _score), anchor in (
                [(points[0], "start" if len(points) > 1 else "middle")]
                + ([(points[-1], "end")] if len(points) > 1 else [])
            )
        ),
    )
    if len(series) == 1:
        summary = _("Confidence: %(score)s on %(date)s.") % {
            "score": series[0][1],
            "date": date_format(first, "DATE_FORMAT"),
        }
    else:
        summary = _(
            "Confidence over time: %(first)s on %(first_date)s, %(last)s on %(last_date)s. "
            "The table has every check-in."
        ) % {
            "first": series[0][1],
            "first_date": date_format(first, "DATE_FORMAT"),
            "last": series[-1][1],
            "last_date": date_format(last, "DATE_FORMAT"),
        }
    return format_html(
        '<svg viewBox="0 0 {} {}" class="confidence-svg" role="img" aria-label="{}">'
        '{}<polyline points="{}"/>{}{}</svg>',
        WIDTH,
        HEIGHT,
        summary,
        grid,
        line,
        dots,
        labels,
    )
