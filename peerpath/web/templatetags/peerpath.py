from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from peerpath.lib.localized import localized

register = template.Library()


@register.filter
def tr(obj: Any, field: str) -> str:
    """`{{ provider|tr:"schedule" }}`: the field in the active language."""
    return localized(obj, field)


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)


ZONE_LABELS = {
    "America/Los_Angeles": _("Pacific time (Los Angeles)"),
    "America/Denver": _("Mountain time (Denver)"),
    "America/Phoenix": _("Arizona time (Phoenix)"),
    "America/Chicago": _("Central time (Chicago)"),
    "America/New_York": _("Eastern time (New York)"),
    "America/Anchorage": _("Alaska time (Anchorage)"),
    "Pacific/Honolulu": _("Hawaii time (Honolulu)"),
    "America/Puerto_Rico": _("Atlantic time (Puerto Rico)"),
}


@register.filter
def zone_label(zone: Any) -> str:
    """`{{ zone|zone_label }}`: a time zone's name in the active language."""
    key = getattr(zone, "key", None) or str(zone)
    label = ZONE_LABELS.get(key)
    return str(label) if label is not None else key.replace("_", " ")
