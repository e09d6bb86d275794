"""Shared by the participant's own pages and the staff pages about a participant."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from peerpath.accounts.access import get_participant_for_user
from peerpath.accounts.models import User
from peerpath.audit.actions import record_event


def viewer(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def person_for_staff(request: HttpRequest, participant_id: int, action: str | None) -> User:
    """The participant a staff member may see (404 otherwise); the read is audited."""
    participant = get_participant_for_user(viewer(request), participant_id)
    if action:
        record_event(request.user, action, participant, subject=participant)
    return participant


def plan_context(participant: User, is_own: bool, **extra: Any) -> dict[str, Any]:
    return {"participant": participant, "is_own": is_own, **extra}


def plan_reverse(name: str, participant: User, is_own: bool, *args: Any) -> str:
    """ "show-goal" → the participant's `plan-show-goal`, or staff's `plan-show-person-goal`."""
    from django.urls import reverse

    verb, noun = name.split("-", 1)
    if is_own:
        return reverse(f"plan-{verb}-{noun}", args=args)
    return reverse(f"plan-{verb}-person-{noun}", args=[participant.pk, *args])
