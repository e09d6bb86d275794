"""Cohorts: places, the waiting list, and enrolment into a cohort that already started."""

import datetime as dt

import pytest
from django.urls import reverse

from peerpath.accounts.models import Cohort, Role
from peerpath.audit.models import AuditEvent
from peerpath.conftest import make_user
from peerpath.intake.models import ApplicationStatus, WaitlistEntry
from peerpath.intake.tests.test_staff_queue import decide, make_application
from peerpath.notifications.models import Notification

COHORTS = reverse("intake-staff-cohorts")


@pytest.fixture
def today(program):
    return program.today()


@pytest.fixture
def eligible(participant, program):
    return make_application(participant, program, status=ApplicationStatus.ELIGIBLE)


def cohort(program, name, starts, ends, capacity=None):
    return Cohort.objects.create(
        program=program, name=name, starts_on=starts, ends_on=ends, capacity=capacity
    )


def enrol(client, application, chosen, advocate, **extra):
    data = {"enrol-cohort": chosen.pk, "enrol-advocate": advocate.pk, **extra}
    return client.post(decide(application, "enrol"), data)


def test_a_started_cohort_needs_an_explicit_confirmation(
    client, coordinator, advocate, eligible, participant, program, today
):
    started = cohort(program, "Fall", today - dt.timedelta(days=42), today + dt.timedelta(days=30))
    client.force_login(coordinator)
    page = client.get(reverse("intake-staff-application", args=[eligible.pk])).content.decode()
    assert "already started" in page
    refused = enrol(client, eligible, started, advocate)
    assert refused.status_code == 200
    assert "started on" in str(refused.context["forms"]["enrol"].errors["late"])
    eligible.refresh_from_db()
    assert eligible.status == ApplicationStatus.ELIGIBLE
    enrol(client, eligible, started, advocate, **{"enrol-late": "on"})
    eligible.refresh_from_db()
    assert eligible.status == ApplicationStatus.ENROLLED
    welcome = Notification.objects.get(user=participant, subject="Welcome to the program")
    assert "started on" in welcome.body and "catch up" in welcome.body


def test_an_ended_cohort_is_not_offered(client, coordinator, advocate, eligible, program, today):
    ended = cohort(program, "Spring", today - dt.timedelta(days=90), today - dt.timedelta(days=1))
    client.force_login(coordinator)
    response = enrol(client, eligible, ended, advocate, **{"enrol-late": "on"})
    assert "cohort" in response.context["forms"]["enrol"].errors
    eligible.refresh_from_db()
    assert eligible.status == ApplicationStatus.ELIGIBLE


def test_a_full_cohort_offers_its_waiting_list(
    client, coordinator, advocate, eligible, participant, program, today
):
    full = cohort(program, "Winter", today + dt.timedelta(days=7), today + dt.timedelta(days=60), 1)
    make_user("first@example.org", Role.PARTICIPANT, program=program, cohort=full)
    client.force_login(coordinator)
    refused = enrol(client, eligible, full, advocate)
    assert "is full" in str(refused.context["forms"]["enrol"].errors["cohort"])
    enrol(client, eligible, full, advocate, **{"enrol-waitlist": "on"})
    eligible.refresh_from_db()
    assert eligible.status == ApplicationStatus.ELIGIBLE
    entry = WaitlistEntry.objects.get(application=eligible)
    assert entry.cohort == full
    assert AuditEvent.objects.filter(action="application.waitlisted").exists()
    assert Notification.objects.filter(user=participant, kind="application_waitlisted").exists()
    page = client.get(COHORTS, {"program": program.slug}).content.decode()
    assert "1 of 1" in page and participant.display_name in page
    # A place opens: enrolling takes them off the waiting list.
    full.capacity = 2
    full.save()
    enrol(client, eligible, full, advocate)
    eligible.refresh_from_db()
    assert eligible.status == ApplicationStatus.ENROLLED
    assert not WaitlistEntry.objects.exists()


def test_editing_a_cohort_is_audited(client, coordinator, program, today):
    winter = cohort(program, "Winter", today, today + dt.timedelta(days=60))
    client.force_login(coordinator)
    url = reverse("intake-staff-edit-cohort", args=[winter.pk])
    bad = client.post(
        url, {"name": "Winter", "starts_on": today, "ends_on": today, "capacity": "0"}
    )
    assert "capacity" in bad.context["form"].errors
    client.post(
        url,
        {
            "name": "Winter",
            "starts_on": today,
            "ends_on": today + dt.timedelta(days=60),
            "capacity": "12",
        },
    )
    winter.refresh_from_db()
    assert winter.capacity == 12
    event = AuditEvent.objects.get(action="cohort.change")
    assert event.detail == {"before": {"capacity": "None"}, "after": {"capacity": "12"}}


@pytest.mark.parametrize("persona", ["participant", "advocate", "other_coordinator"])
def test_cohort_editing_is_for_the_programs_coordinators(client, request, persona, program, today):
    winter = cohort(program, "Winter", today, today + dt.timedelta(days=60))
    client.force_login(request.getfixturevalue(persona))
    url = reverse("intake-staff-edit-cohort", args=[winter.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "X", "starts_on": today, "ends_on": today}).status_code == 404
    winter.refresh_from_db()
    assert winter.name == "Winter"


@pytest.mark.parametrize("persona", ["org_admin", "site_admin"])
def test_administrators_edit_cohorts(client, request, persona, program, today):
    winter = cohort(program, "Winter", today, today + dt.timedelta(days=60))
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("intake-staff-edit-cohort", args=[winter.pk])).status_code == 200


def test_anonymous_visitors_sign_in_first(client, program, today):
    winter = cohort(program, "Winter", today, today + dt.timedelta(days=60))
    response = client.get(reverse("intake-staff-edit-cohort", args=[winter.pk]))
    assert reverse("account_login") in response["Location"]
