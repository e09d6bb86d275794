from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from peerpath.training.rules import format_hours

register = template.Library()


@register.filter
def hours(value: Any) -> str:
    """`{{ entry.hours|hours }}`: 52, 2.5, 0.25 (no trailing zeros)."""
    if value is None or value == "":
        return "0"
    return format_hours(Decimal(value))


@register.filter
def money(value: Any) -> str:
    """`{{ rate|money }}`: 18.50."""
    return f"{Decimal(value or 0):.2f}"
