"""The organization dashboard on the staff home: counts in scope, links, fixed queries."""

import pytest
from django.urls import reverse
from django.utils import timezone

from peerpath.accounts.models import Role
from peerpath.conftest import make_user
from peerpath.intake.models import Application, ApplicationStatus
from peerpath.training.models import Training, TrainingDocument

HOME = reverse("web-staff-home")


def submitted(person, program):
    return Application.objects.create(
        applicant=person,
        program=program,
        status=ApplicationStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )


def tiles(response):
    return {tile.code: tile.count for tile in response.context["tiles"]}


def pending_document(person):
    training = Training.objects.create(
        participant=person, kind="core", title="Core training", provider_name="Example College"
    )
    return TrainingDocument.objects.create(
        training=training,
        kind="completion",
        file="training/x.pdf",
        content_type="application/pdf",
        size=10,
        original_name="x.pdf",
    )


def test_counts_are_the_organizations_own(
    client, org_admin, program, other_program, participant, advocate
):
    submitted(participant, program)
    outsider = make_user("out@example.org", Role.PARTICIPANT, program=other_program)
    submitted(outsider, other_program)
    client.force_login(org_admin)
    response = client.get(HOME)
    counts = tiles(response)
    assert counts["applications"] == 1
    html = response.content.decode()
    assert f"{reverse('intake-staff-queue')}?status=submitted" in html
    assert "Applications waiting for a decision" in html


def test_an_advocate_sees_no_application_count(client, advocate):
    client.force_login(advocate)
    counts = tiles(client.get(HOME))
    assert "applications" not in counts and "timesheets" in counts
    assert "failed_emails" not in counts


def failed_email(person):
    from peerpath.notifications.models import Notification

    return Notification.objects.create(
        user=person,
        kind="certification_reminder",
        subject="Tomorrow",
        body="",
        email_failed_at=timezone.now(),
        email_error="550 no such user",
    )


@pytest.mark.parametrize(("persona", "count"), [("coordinator", 1), ("site_admin", 2)])
def test_failed_emails_are_counted_in_scope_and_linked(
    client, request, persona, count, participant, other_program
):
    failed_email(participant)
    failed_email(make_user("out@example.org", Role.PARTICIPANT, program=other_program))
    delivered = failed_email(participant)
    delivered.emailed_at = timezone.now()
    delivered.save()
    client.force_login(request.getfixturevalue(persona))
    response = client.get(HOME)
    assert tiles(response)["failed_emails"] == count
    assert reverse("notifications-failed-emails") in response.content.decode()


@pytest.mark.parametrize("persona", ["coordinator", "org_admin", "site_admin"])
def test_the_dashboard_makes_the_same_queries_with_more_data(
    client, request, persona, program, count_queries
):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    def add(number):
        for index in range(number):
            person = make_user(f"p{number}-{index}@example.org", Role.PARTICIPANT, program=program)
            submitted(person, program)
            pending_document(person)
            failed_email(person)

    add(1)
    client.get(HOME)
    few = count_queries(lambda: client.get(HOME))
    add(15)
    assert count_queries(lambda: client.get(HOME)) == few
    assert tiles(client.get(HOME))["applications"] == 16
    assert tiles(client.get(HOME))["failed_emails"] == 16


def test_spanish(client, coordinator):
    client.cookies["peerpath_language"] = "es"
    client.force_login(coordinator)
    assert "Solicitudes que esperan una decisión" in client.get(HOME).content.decode()
