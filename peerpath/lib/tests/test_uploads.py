"""Upload validation: the content decides the type; size, images and PDFs are checked."""

from __future__ import annotations

import contextlib
import io

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from peerpath.lib.uploads import (
    ALLOWED_KINDS,
    MAX_UPLOAD_BYTES,
    DocumentField,
    UploadCheck,
    clean_display_name,
    safe_storage_name,
    sniff_kind,
    validate_upload,
)

PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n"
    b"%%EOF\n"
)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def image_bytes(fmt: str, size: tuple[int, int] = (300, 300), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "white").save(buffer, fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def refusal_code(file: SimpleUploadedFile) -> str | None:
    with pytest.raises(ValidationError) as error:
        validate_upload(file)
    return error.value.code


# sniff_kind


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (PDF, "pdf"),
        (b"\xff\xd8\xff\xe0rest", "jpeg"),
        (PNG_MAGIC + b"rest", "png"),
        (b"\x00" * 1024 + PDF, "pdf"),  # leading junk real PDFs sometimes have
        (b"\x00" * 1025 + PDF, None),  # but not more than 1 KB of it
        (b"MZ\x90\x00", None),
        (b"GIF89a", None),
        (b"%PDF", None),
        (b"\xff\xd8", None),
        (PNG_MAGIC[:7], None),
        (b"", None),
    ],
)
def test_sniff_kind_looks_only_at_magic_bytes(head: bytes, kind: str | None) -> None:
    assert sniff_kind(head) == kind


# validate_upload: accepted files


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("diploma.pdf", PDF, "pdf"),
        ("id.jpg", image_bytes("JPEG"), "jpeg"),
        ("id.png", image_bytes("PNG"), "png"),
        ("scan.pdf", b"\r\n" * 100 + PDF, "pdf"),
    ],
)
def test_real_documents_are_accepted(name: str, content: bytes, kind: str) -> None:
    check = validate_upload(upload(name, content))
    assert check == UploadCheck(kind=kind, content_type=ALLOWED_KINDS[kind], size=len(content))


def test_content_decides_not_the_name() -> None:
    check = validate_upload(upload("renamed.pdf", image_bytes("PNG")))
    assert check.kind == "png" and check.content_type == "image/png"


def test_browser_content_type_is_ignored() -> None:
    file = SimpleUploadedFile("id.png", image_bytes("PNG"), content_type="application/pdf")
    assert validate_upload(file).content_type == "image/png"


def test_result_is_frozen() -> None:
    check = validate_upload(upload("id.png", image_bytes("PNG")))
    with pytest.raises(AttributeError):
        check.kind = "pdf"  # type: ignore[misc]


@pytest.mark.parametrize(
    "content",
    [PDF, image_bytes("PNG"), b"MZ" + b"\x00" * 100, b"", image_bytes("JPEG")[:100]],
)
def test_file_is_rewound_afterwards(content: bytes) -> None:
    file = upload("x.pdf", content)
    file.read(3)
    with contextlib.suppress(ValidationError):
        validate_upload(file)
    assert file.tell() == 0
    assert file.read() == content


def test_file_is_rewound_after_a_too_large_refusal() -> None:
    file = upload("huge.pdf", b"%PDF-" + b"0" * MAX_UPLOAD_BYTES)
    file.read(3)
    assert refusal_code(file) == "too_large"
    assert file.tell() == 0


def test_exactly_the_limit_is_allowed() -> None:
    padding = MAX_UPLOAD_BYTES - len(PDF)
    content = PDF.replace(b"trailer", b"%" + b" " * (padding - 2) + b"\ntrailer")
    assert len(content) == MAX_UPLOAD_BYTES
    assert validate_upload(upload("big.pdf", content)).size == MAX_UPLOAD_BYTES


# validate_upload: refused files


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("diploma.pdf", b"MZ\x90\x00" + b"\x00" * 200, "bad_type"),  # a program renamed .pdf
        ("id.png", b"<html><script>alert(1)</script></html>", "bad_type"),
        ("id.gif", image_bytes("GIF"), "bad_type"),
        ("empty.pdf", b"", "empty"),
        ("huge.pdf", b"%PDF-" + b"0" * (MAX_UPLOAD_BYTES + 1 - 5), "too_large"),
        ("cut.jpg", image_bytes("JPEG")[:100], "bad_image"),
        ("cut.png", image_bytes("PNG")[:60], "bad_image"),
        ("fake.png", PNG_MAGIC + b"\x00" * 200, "bad_image"),
        ("fake.jpg", b"\xff\xd8\xff" + b"\x00" * 200, "bad_image"),
        ("tiny.png", image_bytes("PNG", (50, 50)), "bad_image"),
        ("narrow.jpg", image_bytes("JPEG", (199, 300)), "bad_image"),
        ("wide.png", image_bytes("PNG", (12_001, 200), mode="1"), "bad_image"),
        ("noeof.pdf", PDF.replace(b"%%EOF", b""), "bad_pdf"),
        ("early_eof.pdf", PDF + b"%" + b" " * 3000 + b"\n", "bad_pdf"),
        ("header_only.pdf", b"%PDF-1.7", "bad_pdf"),
    ],
)
def test_bad_files_are_refused_with_a_reason(name: str, content: bytes, code: str) -> None:
    assert refusal_code(upload(name, content)) == code


@pytest.mark.parametrize("marker", [b"/JavaScript", b"/Launch", b"/EmbeddedFile"])
def test_pdfs_with_active_content_are_refused(marker: bytes) -> None:
    content = PDF.replace(b"/Catalog", b"/Catalog /OpenAction << /S " + marker + b" >>")
    assert refusal_code(upload("script.pdf", content)) == "bad_pdf"


def test_active_content_far_from_the_start_is_found() -> None:
    content = PDF.replace(b"trailer", b"%" + b" " * 50_000 + b"\n/JavaScript\ntrailer")
    assert refusal_code(upload("script.pdf", content)) == "bad_pdf"


def test_size_is_checked_before_the_content_is_read() -> None:
    class Huge:
        name = "huge.pdf"
        size = MAX_UPLOAD_BYTES + 1

        def read(self, *args: object) -> bytes:
            raise AssertionError("a file over the limit must not be read")

        def seek(self, *args: object) -> int:
            return 0

    assert refusal_code(Huge()) == "too_large"  # type: ignore[arg-type]


def test_decompression_bomb_error_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # 300×300 = 90,000 pixels; Pillow raises above twice the limit.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 40_000)
    assert refusal_code(upload("bomb.png", image_bytes("PNG"))) == "bad_image"


def test_decompression_bomb_warning_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # Between the limit and twice the limit Pillow only warns; that is refused too.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 60_000)
    assert refusal_code(upload("bomb.png", image_bytes("PNG"))) == "bad_image"


def test_messages_are_the_documented_ones() -> None:
    messages = {}
    for name, content in [
        ("empty", b""),
        ("bad_type", b"MZ" + b"\x00" * 10),
        ("bad_image", image_bytes("PNG", (50, 50))),
        ("bad_pdf", PDF.replace(b"%%EOF", b"")),
    ]:
        with pytest.raises(ValidationError) as error:
            validate_upload(upload(name, content))
        messages[error.value.code] = str(error.value.messages[0])
    assert messages == {
        "empty": "This file is empty.",
        "bad_type": (
            "Upload a PDF, JPEG or PNG file. This file is not one of those, whatever its name says."
        ),
        "bad_image": "This image could not be read. Try taking the photo again.",
        "bad_pdf": (
            "This PDF contains active content or is damaged. Save or scan it again as a plain PDF."
        ),
    }


# safe_storage_name


@pytest.mark.parametrize(("kind", "ext"), [("pdf", "pdf"), ("jpeg", "jpg"), ("png", "png")])
def test_stored_names_are_random_and_never_the_users(kind: str, ext: str) -> None:
    original = "Maria Lopez drivers license.pdf"
    name = safe_storage_name("applications/7", kind)
    prefix, _, base = name.rpartition("/")
    stem, _, extension = base.partition(".")
    assert prefix == "applications/7"
    assert extension == ext
    assert len(stem) == 32 and all(c in "0123456789abcdef" for c in stem)
    assert "Maria" not in name and original not in name and ".." not in name
    assert name != safe_storage_name("applications/7", kind)


# clean_display_name


def test_display_name_loses_path_tricks_and_control_characters() -> None:
    cleaned = clean_display_name("../../etc/passwd\x00.pdf")
    assert cleaned == "passwd.pdf"
    assert "/" not in cleaned and "\x00" not in cleaned


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("C:\\Users\\me\\id card.png", "id card.png"),
        ("diploma\r\n.pdf", "diploma.pdf"),
        ("report\u202efdp.exe", "reportfdp.exe"),  # right-to-left override spoofing
        ("id\x7f\x1b[31m.png", "id[31m.png"),
        ("certificado de capacitación.pdf", "certificado de capacitación.pdf"),
        ("/", "document"),
        ("", "document"),
    ],
)
def test_display_names_are_base_names(name: str, expected: str) -> None:
    assert clean_display_name(name) == expected


def test_display_names_are_at_most_120_characters() -> None:
    assert len(clean_display_name("a" * 500 + ".pdf")) == 120


# DocumentField


class UploadForm(forms.Form):
    file = DocumentField()


def test_document_field_accepts_a_valid_file_and_keeps_the_check() -> None:
    form = UploadForm(files={"file": upload("id.jpg", image_bytes("JPEG"))})
    assert form.is_valid(), form.errors
    check = form.cleaned_data["file"].upload_check
    assert check.kind == "jpeg" and check.content_type == "image/jpeg"


def test_document_field_puts_the_error_on_the_field() -> None:
    form = UploadForm(files={"file": upload("id.pdf", b"MZ" + b"\x00" * 100)})
    assert not form.is_valid()
    assert list(form.errors) == ["file"]
    assert form.errors["file"] == [
        "Upload a PDF, JPEG or PNG file. This file is not one of those, whatever its name says."
    ]
    assert form.has_error("file", code="bad_type")


def test_document_field_still_requires_a_file() -> None:
    form = UploadForm(files={})
    assert not form.is_valid() and form.has_error("file", code="required")


def test_optional_document_field_without_a_file_is_fine() -> None:
    class OptionalForm(forms.Form):
        file = DocumentField(required=False)

    form = OptionalForm(files={})
    assert form.is_valid() and form.cleaned_data["file"] is None


def test_document_field_does_not_recheck_an_unchanged_initial_file() -> None:
    class Stored:
        name = "applications/7/abc.pdf"
        size = 0  # would be refused as empty if it were checked again

    field = DocumentField()
    stored = Stored()
    assert field.clean(None, initial=stored) is stored


def test_document_field_tells_the_browser_what_to_offer() -> None:
    html = str(UploadForm()["file"])
    assert 'accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"' in html
    assert 'type="file"' in html
