"""Uploads on the local disk by default, on S3-compatible storage when configured."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from peerpath.lib.storage import default_storage_from_env
from peerpath.lib.tests.conftest import BUCKET, s3_client


def test_local_disk_is_the_default(tmp_path: Path) -> None:
    storage = default_storage_from_env({}, tmp_path)
    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert storage["OPTIONS"]["location"] == tmp_path / "uploads"
    assert storage["OPTIONS"]["base_url"] is None


def test_a_bucket_switches_to_private_object_storage(tmp_path: Path) -> None:
    storage = default_storage_from_env(
        {
            "STORAGE_S3_BUCKET": "files",
            "STORAGE_S3_ENDPOINT_URL": "https://s3.example.org",
            "STORAGE_S3_ACCESS_KEY_ID": "key",
            "STORAGE_S3_SECRET_ACCESS_KEY": "secret",
            "STORAGE_S3_PREFIX": "/peerpath/",
        },
        tmp_path,
    )
    options = storage["OPTIONS"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert options["bucket_name"] == "files" and options["location"] == "peerpath"
    assert options["endpoint_url"] == "https://s3.example.org"
    assert (options["access_key"], options["secret_key"]) == ("key", "secret")
    assert options["default_acl"] == "private" and options["file_overwrite"] is False
    assert "region_name" not in options


def _png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), "white").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "id card.png"
    return buffer


@pytest.mark.django_db
def test_uploads_go_to_the_bucket_and_download_through_peerpath(
    client, participant, coordinator, s3_env, tmp_path, settings
) -> None:
    from peerpath.intake.models import ApplicationDocument, ApplicationStatus

    storages = {**settings.STORAGES, "default": default_storage_from_env(s3_env, tmp_path)}
    with override_settings(STORAGES=storages):
        client.force_login(participant)
        client.get(reverse("intake-apply"))
        response = client.post(
            reverse("intake-apply-documents"), {"kind": "photo_id", "file": _png()}
        )
        assert response.status_code == 302
        document = ApplicationDocument.objects.get()
        keys = [
            item["Key"]
            for item in s3_client(s3_env).list_objects_v2(Bucket=BUCKET).get("Contents", [])
        ]
        assert keys == [f"uploads/{document.file.name}"]
        assert not (tmp_path / "uploads").exists()
        assert default_storage.exists(document.file.name)

        own = client.get(reverse("intake-apply-document", args=[document.pk]))
        stored = b"".join(own.streaming_content)
        assert own.status_code == 200 and stored[:8] == b"\x89PNG\r\n\x1a\n"

        document.application.status = ApplicationStatus.SUBMITTED
        document.application.save(update_fields=["status"])
        client.force_login(coordinator)
        staff = client.get(reverse("intake-staff-document", args=[document.pk]))
        assert staff.status_code == 200
        assert b"".join(staff.streaming_content) == stored


def test_storage_files_copies_a_bucket_out_and_back(s3_env, tmp_path, settings) -> None:
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    storages = {**settings.STORAGES, "default": default_storage_from_env(s3_env, tmp_path)}
    with override_settings(STORAGES=storages):
        default_storage.save("applications/a.png", ContentFile(b"first"))
        default_storage.save("training/2026/b.pdf", ContentFile(b"second"))
        call_command("storage_files", "export", str(tmp_path / "copy"), stdout=io.StringIO())
        assert (tmp_path / "copy" / "training" / "2026" / "b.pdf").read_bytes() == b"second"
        default_storage.delete("applications/a.png")
        call_command("storage_files", "import", str(tmp_path / "copy"), stdout=io.StringIO())
        with default_storage.open("applications/a.png") as restored:
            assert restored.read() == b"first"
