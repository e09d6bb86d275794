"""Staff record a participant's exit; withdrawing through intake records one."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from peerpath.audit.models import AuditEvent
from peerpath.intake.actions import do_withdraw_application
from peerpath.intake.models import Application, ApplicationStatus
from peerpath.participants.actions import do_record_exit
from peerpath.participants.models import Exit, ExitReason

TODAY = timezone.localdate()


@pytest.fixture
def enrolled(participant, program, advocate):
    Application.objects.create(
        applicant=participant,
        program=program,
        status=ApplicationStatus.ENROLLED,
        enrolled_on=TODAY - dt.timedelta(days=100),
    )
    participant.advocate = advocate
    participant.save(update_fields=["advocate"])
    return participant


def url(person):
    return reverse("participants-record-exit", args=[person.pk])


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
def test_who_records_an_exit(client, request, enrolled, persona, status):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(url(enrolled), {"exited_on": TODAY.isoformat(), "reason": "completed"})
    assert response.status_code == status
    assert Exit.objects.filter(participant=enrolled).exists() == (status == 302)


def test_anonymous_visitors_sign_in_first(client, enrolled):
    response = client.post(url(enrolled), {"exited_on": TODAY.isoformat(), "reason": "completed"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Exit.objects.exists()


def test_an_exit_is_shown_corrected_and_audited(client, coordinator, enrolled):
    client.force_login(coordinator)
    client.post(url(enrolled), {"exited_on": TODAY.isoformat(), "reason": "moved"})
    page = client.get(reverse("participants-record", args=[enrolled.pk])).content.decode()
    assert "Moved out of the area" in page
    assert "Left out of the funder indicators." in page
    client.post(url(enrolled), {"exited_on": TODAY.isoformat(), "reason": "completed"})
    exit_record = Exit.objects.get(participant=enrolled)
    assert exit_record.reason == ExitReason.COMPLETED and not exit_record.is_excluded
    actions = list(
        AuditEvent.objects.filter(subject=enrolled, action__startswith="participant.exit")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["participant.exit.record", "participant.exit.correct"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"exited_on": "", "reason": "completed"}, "exited_on", "This field is required."),
        (
            {"exited_on": (TODAY + dt.timedelta(days=1)).isoformat(), "reason": "completed"},
            "exited_on",
            "The exit date cannot be in the future.",
        ),
        (
            {"exited_on": (TODAY - dt.timedelta(days=101)).isoformat(), "reason": "completed"},
            "exited_on",
            "The exit date cannot be before the enrolment",
        ),
        ({"exited_on": TODAY.isoformat(), "reason": "bored"}, "reason", "Select a valid choice."),
    ],
)
def test_bad_exits_get_a_message_next_to_the_field(
    client, coordinator, enrolled, data, field, message
):
    client.force_login(coordinator)
    response = client.post(url(enrolled), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["exit_form"].errors[field])
    assert not Exit.objects.exists()


@pytest.mark.parametrize(
    ("reason", "excluded"),
    [
        (reason, reason in {"health_medical", "incarcerated", "deceased", "moved"})
        for reason in ExitReason
    ],
)
def test_excluded_reasons(reason, excluded, enrolled):
    assert do_record_exit(None, enrolled, TODAY, reason).is_excluded == excluded


def test_withdrawing_through_intake_records_an_exit(coordinator, enrolled):
    do_withdraw_application(coordinator, Application.objects.get(applicant=enrolled))
    exit_record = Exit.objects.get(participant=enrolled)
    assert (exit_record.exited_on, exit_record.reason) == (TODAY, ExitReason.WITHDREW)


def test_withdrawing_keeps_an_exit_staff_recorded(coordinator, enrolled):
    earlier = TODAY - dt.timedelta(days=3)
    do_record_exit(coordinator, enrolled, earlier, ExitReason.MOVED)
    do_withdraw_application(coordinator, Application.objects.get(applicant=enrolled))
    exit_record = Exit.objects.get(participant=enrolled)
    assert (exit_record.exited_on, exit_record.reason) == (earlier, ExitReason.MOVED)
