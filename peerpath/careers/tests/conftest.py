"""Careers fixtures on top of the shared personas: Ana is on Sam's caseload."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from peerpath.accounts.roles import Role
from peerpath.conftest import make_user


@pytest.fixture
def caseload(participant, advocate):
    participant.advocate = advocate
    participant.save(update_fields=["advocate"])
    return participant


@pytest.fixture
def other_advocate(organization):
    return make_user("lee@example.org", Role.ADVOCATE, organization=organization)


@pytest.fixture
def org_admin(organization):
    return make_user("pat@example.org", Role.ADMINISTRATOR, organization=organization)


def make_resume(participant, **fields):
    from peerpath.careers.models import Resume

    values = {"title": "General", "language": "en", "full_name": participant.full_name}
    values.update(fields)
    return Resume.objects.create(participant=participant, **values)


def make_placement(participant, start: dt.date | None, **fields):
    from peerpath.careers.models import JobPlacement

    values = {
        "employer_name": "Inland Wellness Center",
        "title": "Peer Support Specialist",
        "status": JobPlacement.Status.WORKING,
        "start_date": start,
        "hours_per_week": Decimal("30"),
        "wage": Decimal("23.00"),
    }
    values.update(fields)
    return JobPlacement.objects.create(participant=participant, **values)


@pytest.fixture
def catalog_rows(db):
    """The two catalog rows placement tests use (loading all reference data is slow)."""
    from peerpath.catalog.models import EmployerType, JobTitle

    return (
        EmployerType.objects.create(
            code="primary-care-wellness", name="Primary care", name_es="Atención primaria"
        ),
        JobTitle.objects.create(
            code="peer-support-specialist",
            name="Peer Support Specialist",
            name_es="Especialista en apoyo entre pares",
        ),
    )
