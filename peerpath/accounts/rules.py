"""Staff administration rules (pure: plain values in, plain values out)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from enum import StrEnum

INVITATION_DAYS = 7


class InvitationState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


def invitation_state(
    *,
    expires_at: dt.datetime,
    accepted_at: dt.datetime | None,
    withdrawn_at: dt.datetime | None,
    now: dt.datetime,
) -> InvitationState:
    """Accepted wins over everything; a withdrawn link never works again; then the clock."""
    if accepted_at is not None:
        return InvitationState.ACCEPTED
    if withdrawn_at is not None:
        return InvitationState.WITHDRAWN
    if now >= expires_at:
        return InvitationState.EXPIRED
    return InvitationState.PENDING


def invitation_expiry(sent_at: dt.datetime, days: int = INVITATION_DAYS) -> dt.datetime:
    return sent_at + dt.timedelta(days=days)


def leaves_no_administrator(
    active_administrator_ids: Collection[int],
    member_id: int,
    *,
    stays_active: bool,
    stays_administrator: bool,
) -> bool:
    """True when a change to `member_id` would leave the organization with no active
    administrator: the member is the only one and stops being one (role change or
    deactivation)."""
    if stays_active and stays_administrator:
        return False
    others = set(active_administrator_ids) - {member_id}
    return member_id in active_administrator_ids and not others


def cohort_is_full(capacity: int | None, enrolled: int) -> bool:
    """No limit when `capacity` is None."""
    return capacity is not None and enrolled >= capacity


def cohort_has_started(starts_on: dt.date, today: dt.date) -> bool:
    return starts_on < today


def cohort_has_ended(ends_on: dt.date, today: dt.date) -> bool:
    return ends_on < today
