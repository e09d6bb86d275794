from __future__ import annotations

import pytest


@pytest.fixture
def caseload(participant, advocate):
    """The participant is on the advocate's caseload."""
    participant.advocate = advocate
    participant.save(update_fields=["advocate"])
    return participant


@pytest.fixture
def other_advocate(organization):
    from peerpath.accounts.roles import Role
    from peerpath.conftest import make_user

    return make_user("lee@example.org", Role.ADVOCATE, organization=organization)
