"""Upload checks: content decides the type, size and readability are enforced."""

import io

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from peerpath.lib.uploads import (
    MAX_UPLOAD_BYTES,
    DocumentField,
    clean_display_name,
    safe_storage_name,
    validate_upload,
)

PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)


def image_bytes(fmt, size=(300, 300)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, fmt)
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("diploma.pdf", PDF, "pdf"),
        ("id.jpg", image_bytes("JPEG"), "jpeg"),
        ("id.png", image_bytes("PNG"), "png"),
        ("renamed.pdf", image_bytes("PNG"), "png"),  # the content decides, not the name
    ],
)
def test_real_documents_are_accepted(name, content, kind):
    assert validate_upload(upload(name, content)).kind == kind


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("diploma.pdf", b"MZ\x90\x00" + b"\x00" * 200, "bad_type"),  # a program renamed .pdf
        ("empty.pdf", b"", "empty"),
        ("huge.pdf", b"%PDF-" + b"0" * MAX_UPLOAD_BYTES, "too_large"),
        ("cut.jpg", image_bytes("JPEG")[:100], "bad_image"),
        ("tiny.png", image_bytes("PNG", (50, 50)), "bad_image"),
        (
            "script.pdf",
            PDF.replace(b"/Catalog", b"/Catalog /OpenAction << /S /JavaScript >>"),
            "bad_pdf",
        ),
        ("noeof.pdf", PDF.replace(b"%%EOF", b""), "bad_pdf"),
    ],
)
def test_bad_files_are_refused_with_a_reason(name, content, code):
    with pytest.raises(ValidationError) as error:
        validate_upload(upload(name, content))
    assert error.value.code == code


def test_stored_names_are_random_and_never_the_users():
    name = safe_storage_name("applications/7", "jpeg")
    assert name.startswith("applications/7/") and name.endswith(".jpg")
    assert name != safe_storage_name("applications/7", "jpeg")


def test_display_names_lose_paths_and_control_characters():
    assert clean_display_name("../../etc/passwd\x00.pdf") == "passwd.pdf"
    assert clean_display_name("C:\\Users\\me\\id card.png") == "id card.png"
    assert len(clean_display_name("a" * 500 + ".pdf")) == 120


def test_document_field_puts_the_error_on_the_field():
    class UploadForm(forms.Form):
        file = DocumentField()

    good = UploadForm(files={"file": upload("id.png", image_bytes("PNG"))})
    assert good.is_valid() and good.cleaned_data["file"].upload_check.kind == "png"
    bad = UploadForm(files={"file": upload("id.pdf", b"MZ" + b"\x00" * 100)})
    assert not bad.is_valid() and "not one of those" in bad.errors["file"][0]
