from __future__ import annotations

from typing import Any

from django import template

from peerpath.lib.localized import localized

register = template.Library()


@register.filter
def tr(obj: Any, field: str) -> str:
    """`{{ provider|tr:"schedule" }}`: the field in the active language."""
    return localized(obj, field)


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)
