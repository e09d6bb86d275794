"""Staff record what a placed participant earned per calendar quarter."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from peerpath.audit.models import AuditEvent
from peerpath.careers.forms.placements import earnings_quarters
from peerpath.careers.models import QuarterEarnings
from peerpath.careers.tests.conftest import make_placement
from peerpath.reports.rules import Quarter

pytestmark = pytest.mark.django_db

THIS_QUARTER = Quarter.containing(timezone.localdate())


@pytest.fixture
def placement(caseload):
    return make_placement(caseload, THIS_QUARTER.plus(-1).first_day)


def url(placement):
    return reverse("careers-record-quarter-earnings", args=[placement.participant_id, placement.pk])


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("advocate", 302),
        ("coordinator", 302),
        ("org_admin", 302),
        ("site_admin", 302),
        ("other_coordinator", 404),
        ("participant", 404),
        ("other_participant", 404),
    ],
)
def test_who_records_earnings(client, request, placement, persona, status):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(url(placement), {"quarter": THIS_QUARTER.key, "amount": "4100.50"})
    assert response.status_code == status
    assert QuarterEarnings.objects.exists() == (status == 302)


def test_earnings_are_shown_corrected_and_audited(client, advocate, placement):
    client.force_login(advocate)
    client.post(url(placement), {"quarter": THIS_QUARTER.key, "amount": "4100.50"})
    client.post(url(placement), {"quarter": THIS_QUARTER.key, "amount": "4200"})
    earnings = QuarterEarnings.objects.get()
    assert (earnings.quarter, earnings.amount) == (THIS_QUARTER.key, Decimal("4200.00"))
    page = client.get(
        reverse("careers-edit-placement", args=[placement.participant_id, placement.pk])
    ).content.decode()
    assert "4200.00" in page
    assert list(
        AuditEvent.objects.filter(action__startswith="careers.earnings")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["careers.earnings.add", "careers.earnings.update"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"quarter": THIS_QUARTER.key, "amount": "-1"}, "amount", "Earnings cannot be negative."),
        ({"quarter": THIS_QUARTER.key, "amount": "lots"}, "amount", "Enter an amount"),
        ({"quarter": THIS_QUARTER.plus(1).key, "amount": "10"}, "quarter", "Choose a quarter"),
        ({"quarter": THIS_QUARTER.plus(-2).key, "amount": "10"}, "quarter", "Choose a quarter"),
    ],
)
def test_bad_earnings_get_a_message_next_to_the_field(
    client, advocate, placement, data, field, message
):
    client.force_login(advocate)
    response = client.post(url(placement), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["earnings_form"].errors[field])
    assert not QuarterEarnings.objects.exists()


def test_the_quarters_offered_are_those_the_job_covered(caseload):
    job = make_placement(
        caseload, dt.date(2025, 3, 31), end_date=dt.date(2025, 10, 1), status="ended"
    )
    assert earnings_quarters(job, dt.date(2026, 1, 1)) == ["2025Q4", "2025Q3", "2025Q2", "2025Q1"]
    assert earnings_quarters(job, dt.date(2025, 6, 30)) == ["2025Q2", "2025Q1"]


def test_the_database_refuses_negative_earnings(placement):
    with pytest.raises(IntegrityError):
        QuarterEarnings.objects.create(placement=placement, quarter="2026Q1", amount=Decimal(-1))
