"""Report cells and server-rendered bar charts (no script)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from peerpath.reports.report import Percent, Suppressed, Table

register = template.Library()

WIDTH, ROW, VALUE_SPACE = 400, 44, 70


@register.filter
def cell(value: Any) -> str:
    """A table cell as text: suppressed, empty, a percentage or a number."""
    if isinstance(value, Suppressed):
        return _("suppressed")
    if value is None:
        return "—"
    if isinstance(value, Percent):
        return f"{number_format(value * 100, 1)} %"
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return number_format(value, force_grouping=True)
    return str(value)


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, Suppressed):
        return None
    return float(value * 100) if isinstance(value, Percent) else float(value)


@register.simple_tag
def bar_chart(table: Table) -> SafeString:
    """A horizontal bar chart of the table's chart column. Screen readers get a
    title and a description; the table next to it has every number."""
    if table.chart_column is None or not table.rows:
        return SafeString("")
    column = table.chart_column
    values = [_number(row[column]) for row in table.rows]
    top = 100.0 if table.chart_unit == "percent" else max([v for v in values if v] or [1.0])
    plot = WIDTH - VALUE_SPACE
    height = ROW * len(table.rows) + 4
    bars = []
    # Each label sits above its bar, so long labels fit a phone's width.
    for index, (row, value) in enumerate(zip(table.rows, values, strict=True)):
        y = index * ROW
        width = 0.0 if not value else max(round(plot * value / top, 1), 1.0)
        bars.append((y + 16, str(row[0]), y + 22, width, width + 6, y + 36, cell(row[column])))
    body = format_html_join(
        "",
        '<text x="0" y="{0}" class="label">{1}</text>'
        '<rect x="0" y="{2}" width="{3}" height="18" class="bar"/>'
        '<text x="{4}" y="{5}" class="value">{6}</text>',
        bars,
    )
    described = "; ".join(f"{row[0]}: {cell(row[column])}" for row in table.rows)
    return format_html(
        '<svg class="report-chart" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="chart-{}-title" aria-describedby="chart-{}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-{}-title">{}</title><desc id="chart-{}-desc">{}</desc>{}</svg>',
        WIDTH, height, table.key, table.key, table.key, table.title, table.key, described, body,
    )  # fmt: skip
