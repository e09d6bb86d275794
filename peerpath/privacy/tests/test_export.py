"""Download my data: requested on a page, prepared by the worker, signed 7-day links."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from peerpath.audit.models import AuditEvent
from peerpath.participants.models import ContactNote
from peerpath.privacy.models import DataExport, ExportStatus
from peerpath.privacy.tasks import prepare_data_export
from peerpath.privacy.views import export_link
from peerpath.schedule.models import AdvocateMessage

HOME = reverse("privacy-home")
REQUEST = reverse("privacy-request-export")


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path: Path) -> Path:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path, "base_url": None},
        },
    }
    return tmp_path


@pytest.fixture
def records(participant, advocate):
    participant.advocate = advocate
    participant.save(update_fields=["advocate"])
    ContactNote.objects.create(
        participant=participant,
        author=advocate,
        contacted_on=dt.date(2026, 3, 2),
        mode="phone",
        minutes=15,
        summary="Talked about the job fair",
    )
    ContactNote.objects.create(
        participant=participant,
        author=advocate,
        contacted_on=dt.date(2026, 3, 3),
        mode="phone",
        minutes=15,
        summary="Safety concern discussed with supervisor",
        staff_only=True,
        staff_only_reason="Safety",
    )
    AdvocateMessage.objects.create(
        participant=participant, advocate=advocate, body="Can we meet on Friday?"
    )
    return participant


def prepared(client, participant) -> DataExport:
    client.force_login(participant)
    assert client.post(REQUEST).status_code == 302
    export = DataExport.objects.get(participant=participant)
    assert export.status == ExportStatus.PENDING
    assert DBTaskResult.objects.filter(task_path=prepare_data_export.module_path).exists()
    assert prepare_data_export.call(export.pk) is True
    export.refresh_from_db()
    return export


def test_a_participant_requests_and_downloads_their_data(client, records):
    export = prepared(client, records)
    assert export.status == ExportStatus.READY
    assert export.expires_at - export.ready_at == dt.timedelta(days=7)
    page = client.get(HOME).content.decode()
    json_url, pdf_url = export_link(export, "json"), export_link(export, "pdf")
    assert json_url in page and pdf_url in page

    response = client.get(json_url)
    assert response.status_code == 200
    data = json.loads(b"".join(response.streaming_content))
    notes = data["sections"]["participants.contactnote"]["rows"]
    assert [n["summary"] for n in notes] == ["Talked about the job fair"]  # not the staff-only one
    assert data["sections"]["schedule.advocatemessage"]["rows"][0]["body"] == (
        "Can we meet on Friday?"
    )
    assert data["sections"]["account"]["rows"][0]["email"] == "ana@example.org"
    dumped = json.dumps(data)
    assert "password" not in dumped and "Safety concern" not in dumped

    response = client.get(pdf_url)
    assert response["Content-Type"] == "application/pdf"
    text = "".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages
    )
    assert "Talked about the job fair" in text
    assert "Safety concern" not in text
    from peerpath.notifications.models import Notification

    note = Notification.objects.get(user=records, kind="privacy_export_ready")
    assert note.url == HOME and "7 days" in note.body
    actions = set(AuditEvent.objects.filter(subject=records).values_list("action", flat=True))
    assert {
        "privacy.export_requested",
        "privacy.export_prepared",
        "privacy.export_downloaded",
    } <= actions


def test_the_export_is_in_the_participants_language(client, records):
    records.language = "es"
    records.save(update_fields=["language"])
    export = prepared(client, records)
    data = json.loads(export.json_file.open("rb").read())
    assert data["sections"]["account"]["title"] == "Su cuenta"
    text = "".join(p.extract_text() for p in PdfReader(export.pdf_file.open("rb")).pages)
    assert "Sus datos en PeerPath" in text


def test_the_files_at_rest_are_encrypted(client, records, uploads):
    export = prepared(client, records)
    on_disk = (uploads / export.json_file.name).read_bytes()
    assert b"job fair" not in on_disk


@pytest.mark.parametrize(
    "persona", ["other_participant", "advocate", "coordinator", "org_admin", "other_coordinator"]
)
def test_nobody_else_can_fetch_the_export_even_with_the_link(client, request, records, persona):
    export = prepared(client, records)
    url = export_link(export, "pdf")
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url).status_code == 404


def test_anonymous_visitors_sign_in_first(client, records):
    export = prepared(client, records)
    url = export_link(export, "json")
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get(HOME).status_code == 302


def test_a_tampered_or_expired_link_fails(client, records):
    export = prepared(client, records)
    url = export_link(export, "json")
    assert client.get(url[:-3] + "xyz/").status_code == 404
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now())
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("persona", ["advocate", "coordinator", "org_admin", "site_admin"])
def test_staff_have_no_privacy_page(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(HOME).status_code == 404
    assert client.post(REQUEST).status_code == 404


def test_a_second_request_while_one_is_waiting_queues_nothing_new(client, participant):
    client.force_login(participant)
    client.post(REQUEST)
    client.post(REQUEST)
    assert DataExport.objects.filter(participant=participant).count() == 1


@pytest.mark.django_db
def test_every_demo_participant_exports_and_the_pdf_reads_back(uploads):
    from django.core.management import call_command

    from peerpath.accounts.models import Role, User
    from peerpath.privacy.export import build_export, collect

    call_command("serve", "--demo", "--no-serve", stdout=io.StringIO())
    people = User.objects.filter(role=Role.PARTICIPANT)
    assert people.count() > 3
    for person in people:
        sections = collect(person)
        assert sections[0].rows[0]["email"] == person.email
    person = User.objects.get(email="participant@demo.peerpath.org")
    json_bytes, pdf_bytes = build_export(person, "es", timezone.now())
    data = json.loads(json_bytes)
    assert len(data["sections"]) > 5
    assert PdfReader(io.BytesIO(pdf_bytes)).pages


def test_the_export_makes_a_fixed_number_of_queries(records, advocate, count_queries):
    from peerpath.privacy.export import collect

    few = count_queries(lambda: collect(records))
    for day in range(1, 20):
        ContactNote.objects.create(
            participant=records,
            author=advocate,
            contacted_on=dt.date(2026, 4, day),
            mode="phone",
            minutes=5,
            summary=f"Note {day}",
        )
    assert count_queries(lambda: collect(records)) == few


def test_the_daily_job_deletes_expired_exports_and_their_files(
    client, records, uploads, django_capture_on_commit_callbacks
):
    from peerpath.privacy.retention import run_retention

    export = prepared(client, records)
    assert any(p.is_file() for p in uploads.rglob("exports/**/*"))
    run_retention(timezone.localdate())
    assert DataExport.objects.filter(pk=export.pk).exists()  # still within its 7 days
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        run_retention(timezone.localdate())
    assert not DataExport.objects.filter(pk=export.pk).exists()
    assert not any(p.is_file() for p in uploads.rglob("exports/**/*"))
