"""Scope helpers: staff without an organization see nobody, unless they run the installation."""

import pytest
from django.urls import reverse

from peerpath.accounts.access import (
    organizations_for_user,
    participants_for_user,
    programs_for_user,
)
from peerpath.accounts.roles import Role
from peerpath.conftest import make_user


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ADVOCATE])
def test_staff_left_without_an_organization_see_nobody(client, db, participant, role):
    applicant = make_user("new@example.org", Role.PARTICIPANT, full_name="Nia New")
    stray = make_user("stray@example.org", role)
    assert not participants_for_user(stray).exists()
    assert not programs_for_user(stray).exists()
    assert not organizations_for_user(stray).exists()
    client.force_login(stray)
    assert client.get(reverse("participants-record", args=[applicant.pk])).status_code == 404
    assert client.get(reverse("participants-record", args=[participant.pk])).status_code == 404


def test_the_installation_administrator_sees_everyone(site_admin, participant):
    applicant = make_user("new@example.org", Role.PARTICIPANT)
    assert set(participants_for_user(site_admin)) == {participant, applicant}


def test_a_program_with_an_unknown_time_zone_falls_back_to_the_installations(program):
    from django.conf import settings

    program.time_zone = "Mars/Olympus_Mons"
    assert str(program.zone) == settings.TIME_ZONE
    assert program.today() is not None
