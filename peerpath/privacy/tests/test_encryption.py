"""Sensitive fields and documents are encrypted at rest, rotate, and fail loudly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import FieldError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from peerpath.intake.models import Application, ApplicationDocument
from peerpath.lib.crypto import DecryptionError, new_key, private_storage, seal_column
from peerpath.participants.models import ContactNote
from peerpath.privacy.encrypted import encrypted_columns, encrypted_files
from peerpath.schedule.models import AdvocateMessage, ScheduleSettings

SECRET_NOTE = "Talked about the relapse last winter and the court date"
SECRET_REASON = "Safety plan discussed with the crisis team"
SECRET_PASSCODE = "kite-4471"
SECRET_MESSAGE = "I was in hospital again this week"
SECRET_HEARD = "My probation officer told me"
SECRET_FILE = b"%PDF-1.4\n% Diploma of Jordan Sample, Riverside High\n%%EOF\n"


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


@pytest.fixture
def sensitive(participant, advocate, program, uploads):
    note = ContactNote.objects.create(
        participant=participant,
        author=advocate,
        contacted_on=dt.date(2026, 3, 2),
        mode="phone",
        minutes=20,
        summary=SECRET_NOTE,
        staff_only=True,
        staff_only_reason=SECRET_REASON,
    )
    ScheduleSettings.objects.create(program=program, passcode=SECRET_PASSCODE)
    AdvocateMessage.objects.create(participant=participant, advocate=advocate, body=SECRET_MESSAGE)
    application = Application.objects.create(
        applicant=participant, program=program, heard_about=SECRET_HEARD, lived_experience="both"
    )
    document = ApplicationDocument.objects.create(
        application=application,
        kind="diploma",
        file=private_storage.save("applications/x.pdf", ContentFile(SECRET_FILE)),
        content_type="application/pdf",
        size=len(SECRET_FILE),
        original_name="diploma.pdf",
    )
    return {"note": note, "document": document, "application": application}


def raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_raw_values_are_not_the_plaintext_and_read_back(sensitive):
    note = sensitive["note"]
    assert SECRET_NOTE not in raw("participants_contactnote", "summary", note.pk)
    assert raw("participants_contactnote", "summary", note.pk).startswith("gAAAAA")
    assert SECRET_REASON not in raw("participants_contactnote", "staff_only_reason", note.pk)
    fresh = ContactNote.objects.get(pk=note.pk)
    assert fresh.summary == SECRET_NOTE
    assert fresh.staff_only_reason == SECRET_REASON
    assert ScheduleSettings.objects.get().passcode == SECRET_PASSCODE
    assert Application.objects.get().lived_experience == "both"


def test_the_same_text_encrypts_differently_each_time(sensitive, participant, advocate):
    AdvocateMessage.objects.create(participant=participant, advocate=advocate, body=SECRET_MESSAGE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM schedule_advocatemessage")
        bodies = [row[0] for row in cursor.fetchall()]
    assert len(set(bodies)) == 2


def test_a_dump_of_every_text_column_reveals_nothing_sensitive(sensitive):
    secrets = [SECRET_NOTE, SECRET_REASON, SECRET_PASSCODE, SECRET_MESSAGE, SECRET_HEARD]
    dumped = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                cursor.execute(f'SELECT "{column.name}" FROM "{table}"')  # noqa: S608
                dumped.extend(str(row[0]) for row in cursor.fetchall() if row[0] is not None)
    text = "\n".join(dumped)
    assert text  # the dump did read something
    for secret in secrets:
        assert secret not in text
    application = sensitive["application"]
    assert raw("intake_application", "lived_experience", application.pk) != "both"


def test_uploaded_files_are_encrypted_on_disk_and_open_decrypted(sensitive, uploads):
    document = sensitive["document"]
    on_disk = (uploads / document.file.name).read_bytes()
    assert b"Jordan" not in on_disk and not on_disk.startswith(b"%PDF")
    with document.file.open("rb") as handle:
        assert handle.read() == SECRET_FILE
    every_file = b"".join(p.read_bytes() for p in uploads.rglob("*") if p.is_file())
    assert b"Riverside" not in every_file


def test_rotation_keeps_everything_readable_and_is_resumable(sensitive, settings, uploads):
    old_keys = list(settings.FIELD_ENCRYPTION_KEYS)
    note = sensitive["note"]
    before = raw("participants_contactnote", "summary", note.pk)
    settings.FIELD_ENCRYPTION_KEYS = [new_key(), *old_keys]
    call_command("rotate_keys", batch=1, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert raw("participants_contactnote", "summary", note.pk) != before
    # Resumable: a second run finds nothing left under an old key.
    again = sum(seal_column("participants_contactnote", "summary", rotate=True))
    assert again == 0
    # The old key can now go.
    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[:1]
    assert ContactNote.objects.get(pk=note.pk).summary == SECRET_NOTE
    assert AdvocateMessage.objects.get().body == SECRET_MESSAGE
    assert ScheduleSettings.objects.get().passcode == SECRET_PASSCODE
    document = ApplicationDocument.objects.get()
    with document.file.open("rb") as handle:
        assert handle.read() == SECRET_FILE
    assert not (uploads / sensitive["document"].file.name).exists()  # the old file is gone


def test_a_wrong_key_fails_loudly(sensitive, settings):
    settings.FIELD_ENCRYPTION_KEYS = [new_key()]
    with pytest.raises(DecryptionError, match="FIELD_ENCRYPTION_KEYS"):
        ContactNote.objects.get(pk=sensitive["note"].pk)
    with pytest.raises(DecryptionError):
        ApplicationDocument.objects.get().file.open("rb").read()


def test_encrypted_fields_cannot_be_searched_or_sorted(sensitive):
    with pytest.raises(FieldError, match="encrypted"):
        list(ContactNote.objects.filter(summary__icontains="relapse"))
    with pytest.raises(FieldError, match="encrypted"):
        list(AdvocateMessage.objects.filter(body__startswith="I"))
    with pytest.raises(FieldError, match="only be compared with an empty value"):
        list(ScheduleSettings.objects.filter(passcode=SECRET_PASSCODE))
    assert ContactNote.objects.exclude(staff_only_reason="").count() == 1
    assert ContactNote.objects.filter(summary__isnull=False).count() == 1


def test_the_migration_helper_encrypts_plain_rows_once(sensitive):
    note = sensitive["note"]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE participants_contactnote SET summary = %s WHERE id = %s", ["plain", note.pk]
        )
    assert sum(seal_column("participants_contactnote", "summary")) == 1
    assert sum(seal_column("participants_contactnote", "summary")) == 0
    assert ContactNote.objects.get(pk=note.pk).summary == "plain"


def test_the_encrypted_fields_are_the_sensitive_ones():
    columns = {f"{m._meta.label}.{f.name}" for m, f in encrypted_columns()}
    assert {
        "participants.ContactNote.summary",
        "participants.ContactNote.staff_only_reason",
        "schedule.ScheduleSettings.passcode",
        "schedule.SessionSeries.join_url",
        "schedule.AdvocateMessage.body",
        "intake.Application.lived_experience",
        "plan.QuestionnaireAnswer.value",
    } <= columns
    files = {f"{m._meta.label}.{f.name}" for m, f in encrypted_files()}
    assert {"intake.ApplicationDocument.file", "training.TrainingDocument.file"} <= files


def test_nothing_sorts_or_searches_on_an_encrypted_field():
    from django.contrib import admin

    encrypted = {(m, f.name) for m, f in encrypted_columns()}
    for model, name in encrypted:
        ordering = [o.lstrip("-") for o in model._meta.ordering if isinstance(o, str)]
        assert name not in ordering, f"{model.__name__} is ordered by {name}"
        for index in model._meta.indexes:
            assert name not in index.fields, f"{model.__name__} indexes {name}"
    for model, model_admin in admin.site._registry.items():
        for field in [*model_admin.search_fields, *(model_admin.ordering or [])]:
            assert (model, field.lstrip("-^=@")) not in encrypted, f"admin of {model.__name__}"
        for field in model_admin.list_filter:
            assert (model, field) not in encrypted, f"admin of {model.__name__}"


def test_the_trial_key_is_generated_once_and_kept_private(tmp_path, monkeypatch):
    import stat

    from peerpath.settings import load_or_create_field_keys

    monkeypatch.delenv("FIELD_ENCRYPTION_KEYS", raising=False)
    first = load_or_create_field_keys(tmp_path)
    assert load_or_create_field_keys(tmp_path) == first
    assert stat.S_IMODE((tmp_path / "field_encryption_key").stat().st_mode) == 0o600
    monkeypatch.setenv("FIELD_ENCRYPTION_KEYS", "k1, k2")
    assert load_or_create_field_keys(tmp_path) == ["k1", "k2"]


def test_the_migration_can_be_reversed_to_plain_text_and_files(sensitive, uploads):
    from peerpath.lib.crypto import seal_files, unseal_column, unseal_files

    note = sensitive["note"]
    assert unseal_column("participants_contactnote", "summary") == 1
    assert raw("participants_contactnote", "summary", note.pk) == SECRET_NOTE
    assert unseal_files("intake_applicationdocument", "file") == 1
    name = raw("intake_applicationdocument", "file", sensitive["document"].pk)
    assert (uploads / name).read_bytes() == SECRET_FILE
    assert sum(seal_column("participants_contactnote", "summary")) == 1
    assert sum(seal_files("intake_applicationdocument", "file")) == 1
    assert ContactNote.objects.get(pk=note.pk).summary == SECRET_NOTE
    with ApplicationDocument.objects.get().file.open("rb") as handle:
        assert handle.read() == SECRET_FILE


def test_the_deploy_check_asks_for_keys_from_the_environment(monkeypatch):
    from peerpath.privacy.checks import encryption_keys_from_environment

    monkeypatch.delenv("FIELD_ENCRYPTION_KEYS", raising=False)
    assert [w.id for w in encryption_keys_from_environment(None)] == ["peerpath.privacy.W001"]
    monkeypatch.setenv("FIELD_ENCRYPTION_KEYS", new_key())
    assert encryption_keys_from_environment(None) == []


def test_kept_readiness_answers_and_reflections_are_encrypted(participant):
    from peerpath.intake.models import ReadinessRecord

    record = ReadinessRecord.objects.create(
        user=participant,
        answers={"recovery_story": "agree"},
        reflections={"why": "After my overdose I want to help others"},
    )
    stored = raw("intake_readinessrecord", "reflections", record.pk)
    assert "overdose" not in stored and stored.startswith("gAAAAA")
    assert "recovery_story" not in raw("intake_readinessrecord", "answers", record.pk)
    fresh = ReadinessRecord.objects.get(pk=record.pk)
    assert fresh.reflections == {"why": "After my overdose I want to help others"}
    assert fresh.answers == {"recovery_story": "agree"}
