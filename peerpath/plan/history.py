"""Goal changes as something a person can read: who, when, what, from what to what."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peerpath.plan.models import GoalChange, ObjectiveStatus

FIELD_LABELS = {
    "title": gettext_lazy("Goal"),
    "why": gettext_lazy("Why it matters"),
    "text": gettext_lazy("Objective"),
    "target_date": gettext_lazy("Target date"),
    "status": gettext_lazy("Status"),
}


CREATIONS = {GoalChange.Action.CREATE_GOAL, GoalChange.Action.CREATE_OBJECTIVE}


def _shown(field: str, value: Any) -> str:
    if value in (None, ""):
        return _("(none)")
    if field == "status":
        return str(dict(ObjectiveStatus.choices).get(value, value))
    if field == "target_date":
        try:
            return date_format(dt.date.fromisoformat(str(value)), "DATE_FORMAT")
        except ValueError:
            return str(value)
    return str(value)


@dataclass(frozen=True)
class Line:
    field: str
    old: str
    new: str
    is_new: bool


@dataclass(frozen=True)
class Entry:
    change: GoalChange
    who: str
    what: str
    objective: str
    lines: list[Line]


def describe(changes: Iterable[GoalChange]) -> list[Entry]:
    """Expects `actor` and `objective` selected with the changes."""
    entries = []
    for change in changes:
        who = change.actor.display_name if change.actor else _("PeerPath")
        created = change.action in CREATIONS
        lines = [
            Line(str(FIELD_LABELS.get(name, name)), _shown(name, old), _shown(name, new), created)
            for name, (old, new) in change.changes.items()
        ]
        objective = change.objective.label if change.objective else ""
        entries.append(Entry(change, who, change.get_action_display(), objective, lines))
    return entries
