"""Retention: who is due, the daily job (dry run and real, idempotent), erasure on request."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from peerpath.accounts.models import Role, User
from peerpath.audit.actions import record_event
from peerpath.audit.models import AuditEvent
from peerpath.conftest import make_user
from peerpath.intake.models import Application, ApplicationDocument, ApplicationStatus
from peerpath.lib.crypto import private_storage
from peerpath.participants.models import ContactNote
from peerpath.privacy import rules
from peerpath.privacy.models import Erasure, RetentionSettings
from peerpath.privacy.retention import due_for_removal, run_retention

TODAY = dt.date(2030, 6, 1)


@pytest.mark.parametrize(
    ("enrolled", "last_active", "expected"),
    [
        (False, dt.date(2028, 6, 2), None),
        (False, dt.date(2028, 6, 1), rules.APPLICATION_EXPIRED),
        (True, dt.date(2028, 6, 1), None),
        (True, dt.date(2023, 6, 2), None),
        (True, dt.date(2023, 6, 1), rules.RECORDS_EXPIRED),
        (True, None, None),
    ],
)
def test_retention_due(enrolled, last_active, expected):
    assert rules.retention_due(enrolled=enrolled, last_active=last_active, today=TODAY) == expected


def test_last_activity_is_the_latest_known_date():
    assert rules.last_activity(None, dt.date(2020, 1, 1), dt.date(2021, 1, 1)) == dt.date(
        2021, 1, 1
    )
    assert rules.last_activity(None, None) is None


@pytest.fixture
def uploads(settings, tmp_path: Path) -> Path:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path, "base_url": None},
        },
    }
    return tmp_path


def aged(user: User, when: dt.date) -> User:
    moment = timezone.make_aware(dt.datetime.combine(when, dt.time(12)))
    User.objects.filter(pk=user.pk).update(date_joined=moment, last_login=moment)
    Application.objects.filter(applicant=user).update(updated_at=moment)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def people(program, advocate, uploads):
    """An old applicant, a recent applicant, an old participant, a recent participant."""
    old_applicant = make_user("old-app@example.org", Role.PARTICIPANT)
    application = Application.objects.create(
        applicant=old_applicant, program=program, status=ApplicationStatus.NOT_ELIGIBLE
    )
    ApplicationDocument.objects.create(
        application=application,
        kind="diploma",
        file=private_storage.save("applications/d.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n")),
        content_type="application/pdf",
        size=15,
        original_name="d.pdf",
    )
    new_applicant = make_user("new-app@example.org", Role.PARTICIPANT)
    Application.objects.create(applicant=new_applicant, program=program, status="submitted")
    old_participant = make_user("old-p@example.org", Role.PARTICIPANT, program=program)
    ContactNote.objects.create(
        participant=old_participant,
        author=advocate,
        contacted_on=dt.date(2022, 1, 1),
        mode="phone",
        minutes=10,
        summary="Private words",
    )
    record_event(advocate, "participant.view", old_participant, subject=old_participant)
    record_event(old_participant, "plan.saved", None, subject=old_participant)
    new_participant = make_user("new-p@example.org", Role.PARTICIPANT, program=program)
    return {
        "old_applicant": aged(old_applicant, dt.date(2028, 1, 1)),
        "new_applicant": aged(new_applicant, dt.date(2029, 1, 1)),
        "old_participant": aged(old_participant, dt.date(2022, 1, 1)),
        "new_participant": aged(new_participant, dt.date(2026, 1, 1)),
    }


def test_dry_run_lists_and_removes_nothing(people):
    out = StringIO()
    call_command("retention", "--dry-run", "--date", TODAY.isoformat(), stdout=out)
    assert "2 would be removed" in out.getvalue()
    assert {d.user_id for d in due_for_removal(TODAY)} == {
        people["old_applicant"].pk,
        people["old_participant"].pk,
    }
    assert User.objects.filter(role=Role.PARTICIPANT).count() == 4


def test_the_job_removes_what_expired_keeps_counts_and_who_did_what(
    people, advocate, uploads, django_capture_on_commit_callbacks
):
    old = people["old_participant"]
    assert any(p.is_file() for p in uploads.rglob("*"))
    with django_capture_on_commit_callbacks(execute=True):
        removed = run_retention(TODAY)
    assert len(removed) == 2
    assert set(User.objects.filter(role=Role.PARTICIPANT).values_list("email", flat=True)) == {
        "new-app@example.org",
        "new-p@example.org",
    }
    assert not ContactNote.objects.exists()
    assert not ApplicationDocument.objects.exists()
    assert not any(p.is_file() for p in uploads.rglob("*"))
    erasure = Erasure.objects.get(former_user_id=old.pk)
    assert erasure.rule == rules.RECORDS_EXPIRED
    assert erasure.counts["contact_notes"] == 1 and erasure.counts["enrolled"] == 1
    view = AuditEvent.objects.get(action="participant.view")
    assert view.actor == advocate and view.subject is None  # who did what, not about whom
    own = AuditEvent.objects.get(action="plan.saved")
    assert own.actor is None and own.actor_label == f"erased #{old.pk}"
    assert "old-p@example.org" not in str(list(AuditEvent.objects.values()))
    # Idempotent: a second run finds nothing.
    assert run_retention(TODAY) == []
    assert Erasure.objects.count() == 2


def test_per_program_settings_change_what_is_due(people, program):
    RetentionSettings.objects.create(program=program, applications_years=5, records_years=10)
    assert due_for_removal(TODAY) == []


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("participant", 404),
        ("other_participant", 404),
        ("advocate", 404),
        ("coordinator", 404),
        ("other_coordinator", 404),
        ("org_admin", 200),
    ],
)
def test_who_opens_the_erasure_page(client, request, participant, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("privacy-erase", args=[participant.pk])).status_code == status


def test_an_administrator_removes_records_on_request_with_a_reason(client, org_admin, participant):
    client.force_login(org_admin)
    url = reverse("privacy-erase", args=[participant.pk])
    response = client.post(url, {"reason": "", "confirm_email": "wrong@example.org"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Give the reason" in page and "not the person" in page
    assert User.objects.filter(pk=participant.pk).exists()
    response = client.post(
        url, {"reason": "Asked by phone on 2030-05-30", "confirm_email": participant.email}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=participant.pk).exists()
    erasure = Erasure.objects.get()
    assert erasure.rule == rules.ON_REQUEST and erasure.requested_by == org_admin
    assert AuditEvent.objects.filter(action="privacy.erased", actor=org_admin).exists()


def test_an_administrator_removes_an_applicants_records(client, org_admin, program, request):
    applicant = make_user("applicant@example.org", Role.PARTICIPANT)
    Application.objects.create(applicant=applicant, program=program, status="submitted")
    url = reverse("privacy-erase", args=[applicant.pk])
    other_admin = make_user(
        "other-admin@example.org",
        Role.ADMINISTRATOR,
        organization=request.getfixturevalue("other_organization"),
    )
    client.force_login(other_admin)
    assert client.get(url).status_code == 404
    client.force_login(org_admin)
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Asked by email", "confirm_email": applicant.email})
    assert response.status_code == 302
    assert not User.objects.filter(pk=applicant.pk).exists()
    assert Erasure.objects.get().counts["application_submitted"] == 1


RETENTION = reverse("privacy-retention")


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("participant", 404),
        ("advocate", 404),
        ("coordinator", 404),
        ("org_admin", 200),
        ("site_admin", 200),
    ],
)
def test_who_opens_the_retention_settings(client, request, program, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(RETENTION).status_code == status


def test_an_administrator_sets_a_programs_retention(client, org_admin, program, other_program):
    client.force_login(org_admin)
    page = client.get(RETENTION).content.decode()
    assert program.name in page and other_program.name not in page
    response = client.post(
        RETENTION,
        {
            "program": program.slug,
            f"{program.slug}-applications_years": "0",
            f"{program.slug}-records_years": "7",
        },
    )
    assert response.status_code == 200
    assert "Keep records for at least 1 year." in response.content.decode()
    response = client.post(
        RETENTION,
        {
            "program": program.slug,
            f"{program.slug}-applications_years": "3",
            f"{program.slug}-records_years": "10",
        },
    )
    assert response.status_code == 302
    saved = RetentionSettings.objects.get(program=program)
    assert (saved.applications_years, saved.records_years) == (3, 10)
    assert AuditEvent.objects.filter(action="privacy.retention_changed", actor=org_admin).exists()
    response = client.post(
        RETENTION,
        {
            "program": other_program.slug,
            f"{other_program.slug}-applications_years": "3",
            f"{other_program.slug}-records_years": "10",
        },
    )
    assert response.status_code == 404
