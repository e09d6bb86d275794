"""Invitation states and the last-administrator rule."""

import datetime as dt

import pytest

from peerpath.accounts.rules import (
    InvitationState,
    invitation_expiry,
    invitation_state,
    leaves_no_administrator,
)

NOW = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(days=1)
EARLIER = NOW - dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("expires_at", "accepted_at", "withdrawn_at", "expected"),
    [
        (LATER, None, None, InvitationState.PENDING),
        (NOW, None, None, InvitationState.EXPIRED),
        (EARLIER, None, None, InvitationState.EXPIRED),
        (LATER, EARLIER, None, InvitationState.ACCEPTED),
        (EARLIER, EARLIER, None, InvitationState.ACCEPTED),
        (LATER, None, EARLIER, InvitationState.WITHDRAWN),
        (EARLIER, None, EARLIER, InvitationState.WITHDRAWN),
    ],
)
def test_invitation_state(expires_at, accepted_at, withdrawn_at, expected):
    state = invitation_state(
        expires_at=expires_at, accepted_at=accepted_at, withdrawn_at=withdrawn_at, now=NOW
    )
    assert state == expected


def test_invitations_last_a_week():
    assert invitation_expiry(NOW) == NOW + dt.timedelta(days=7)


@pytest.mark.parametrize(
    ("admins", "member", "stays_active", "stays_admin", "expected"),
    [
        ({1}, 1, False, True, True),  # deactivating the only administrator
        ({1}, 1, True, False, True),  # demoting the only administrator
        ({1}, 1, True, True, False),  # no change
        ({1, 2}, 1, False, True, False),  # another administrator remains
        ({1}, 2, False, False, False),  # the member is not an administrator
        (set(), 2, False, False, False),  # no administrator to begin with
    ],
)
def test_leaves_no_administrator(admins, member, stays_active, stays_admin, expected):
    result = leaves_no_administrator(
        admins, member, stays_active=stays_active, stays_administrator=stays_admin
    )
    assert result is expected


@pytest.mark.parametrize(
    ("capacity", "enrolled", "full"),
    [(None, 0, False), (None, 500, False), (10, 9, False), (10, 10, True), (10, 11, True)],
)
def test_cohort_is_full(capacity, enrolled, full):
    from peerpath.accounts.rules import cohort_is_full

    assert cohort_is_full(capacity, enrolled) is full


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "started", "ended"),
    [
        (NOW.date(), NOW.date() + dt.timedelta(days=30), False, False),  # starts today
        (NOW.date() + dt.timedelta(days=1), NOW.date() + dt.timedelta(days=30), False, False),
        (NOW.date() - dt.timedelta(days=1), NOW.date(), True, False),  # ends today
        (NOW.date() - dt.timedelta(days=40), NOW.date() - dt.timedelta(days=1), True, True),
    ],
)
def test_cohort_dates(starts_on, ends_on, started, ended):
    from peerpath.accounts.rules import cohort_has_ended, cohort_has_started

    assert cohort_has_started(starts_on, NOW.date()) is started
    assert cohort_has_ended(ends_on, NOW.date()) is ended
