"""Fixtures for trainings and timesheets: catalog rows and the test program's pay periods."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from peerpath.catalog.models import Provider, Specialization
from peerpath.training.models import TrainingSettings


@pytest.fixture
def approved_provider(db: None) -> Provider:
    return Provider.objects.create(
        slug="inland-academy",
        name="Inland Peer Academy",
        offers_core_training=True,
        approved_for_core=True,
    )


@pytest.fixture
def unapproved_provider(db: None) -> Provider:
    return Provider.objects.create(slug="quick-course", name="Quick Peer Course")


@pytest.fixture
def crisis_care(db: None) -> Specialization:
    return Specialization.objects.create(
        code="CC", name="Peer Services in Crisis Care", name_es="Servicios de pares en crisis"
    )


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def biweekly(program):  # type: ignore[no-untyped-def]
    """Pay periods of the test program: biweekly from a Monday long ago."""
    return TrainingSettings.objects.create(program=program, pay_period_anchor=dt.date(2024, 1, 1))
