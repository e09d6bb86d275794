"""Upload validation: the content decides the type; size, images and PDFs are checked."""

from __future__ import annotations

import contextlib
import io
import zipfile
import zlib

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
    b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
    b"trailer << /Size 3 /Root 1 0 R >>\n"
    b"startxref\n110\n"
    b"%%EOF\n"
)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def objstm_pdf(objects: dict[int, bytes]) -> bytes:
    """A PDF 1.5 whose objects all live in one compressed object stream, as many real ones do."""
    numbers = sorted(objects)
    header = body = b""
    for number in numbers:
        header += b"%d %d " % (number, len(body))
        body += objects[number] + b"\n"
    data = zlib.compress(header + body)
    stream_number, xref_number = max(numbers) + 1, max(numbers) + 2
    out = bytearray(b"%PDF-1.5\n")
    stream_offset = len(out)
    out += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\n" % (
        stream_number,
        len(numbers),
        len(header),
        len(data),
    )
    out += b"stream\n" + data + b"\nendstream\nendobj\n"
    xref_offset = len(out)
    rows = [b"\x00\x00\x00\xff"]
    for number in range(1, xref_number + 1):
        if number in objects:
            rows.append(b"\x02" + stream_number.to_bytes(2, "big") + bytes([numbers.index(number)]))
        else:
            offset = stream_offset if number == stream_number else xref_offset
            rows.append(b"\x01" + offset.to_bytes(2, "big") + b"\x00")
    table = b"".join(rows)
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 2 1] /Root 1 0 R /Length %d >>\n" % (
        xref_number,
        xref_number + 1,
        len(table),
    )
    out += b"stream\n" + table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)


PAGES = b"<< /Type /Pages /Kids [] /Count 0 >>"


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
        (b"\x00" + PDF, None),  # readers tolerate junk first; disguises rely on it
        (b"MZ\x90\x00" + b"\x00" * 60 + PDF, None),  # a program with a PDF header inside
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
        ("scan.pdf", objstm_pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: PAGES}), "pdf"),
    ],
)
def test_real_documents_are_accepted(name: str, content: bytes, kind: str) -> None:
    check = validate_upload(upload(name, content))
    assert check == UploadCheck(
        kind=kind, content_type=ALLOWED_KINDS[kind], size=len(check.content)
    )
    assert sniff_kind(check.content) == kind


def test_a_pdf_is_stored_as_uploaded() -> None:
    assert validate_upload(upload("diploma.pdf", PDF)).content == PDF


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
        ("invoice.exe", b"MZ\x90\x00" + b"\x00" * 200 + PDF, "bad_type"),
        ("leading.pdf", b"\r\n" * 100 + PDF, "bad_type"),
        (
            "page.pdf",
            PDF.replace(b"trailer", b"<html><script>alert(1)</script></html>\ntrailer"),
            "polyglot",
        ),
        ("page.pdf", PDF.replace(b"trailer", b"%<!DOCTYPE html><body>\ntrailer"), "polyglot"),
        ("broken.pdf", b"%PDF-1.4\nnot a pdf at all\n%%EOF\n", "bad_pdf"),
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


@pytest.mark.parametrize(
    "catalog",
    [
        b"/Names << /J#61vaScript 3 0 R >>",  # #xx escapes spell the same name
        b"/Names << /E#6DbeddedFiles 3 0 R >>",
        b"/Names << /#4aavaScript 3 0 R >>",
        b"/PageMode /UseNone /AA << /O << /S /L#61unch /F (calc.exe) >> >>",
        b"/OpenAction [2 0 R /Fit]",  # even one that only moves to a page
        b"/AcroForm << /XFA 3 0 R >>",
    ],
)
def test_active_content_is_found_whatever_its_spelling(catalog: bytes) -> None:
    content = PDF.replace(b"/Catalog", b"/Catalog " + catalog)
    content = content.replace(b"trailer", b"3 0 obj << /S /GoTo >> endobj\ntrailer")
    assert refusal_code(upload("script.pdf", content)) == "bad_pdf"


def test_active_content_inside_a_compressed_object_stream_is_found() -> None:
    content = objstm_pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 3 0 R >> >>",
            2: PAGES,
            3: b"<< /Names [(x) << /S /JavaScript /JS (app.alert(1)) >>] >>",
        }
    )
    assert b"JavaScript" not in content  # a byte search sees nothing
    assert refusal_code(upload("script.pdf", content)) == "bad_pdf"


def test_active_content_far_from_the_start_is_found() -> None:
    content = PDF.replace(
        b"trailer",
        b"%" + b" " * 50_000 + b"\n3 0 obj << /Type /Action /S /JavaScript >> endobj\ntrailer",
    ).replace(b"/Count 0", b"/Count 0 /Extra 3 0 R")
    assert refusal_code(upload("script.pdf", content)) == "bad_pdf"


def test_a_pdf_that_only_mentions_active_names_in_a_comment_is_accepted() -> None:
    content = PDF.replace(b"trailer", b"% about /JavaScript\ntrailer")
    assert validate_upload(upload("plain.pdf", content)).kind == "pdf"


def test_data_appended_after_the_end_of_a_pdf_is_refused() -> None:
    assert refusal_code(upload("tail.pdf", PDF + b"MZ\x90\x00more")) == "bad_pdf"


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.txt", "hello")
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_an_image_that_is_also_an_archive_is_refused(fmt: str) -> None:
    assert refusal_code(upload("id.png", image_bytes(fmt) + zip_bytes())) == "polyglot"


def test_a_pdf_that_is_also_an_archive_is_refused() -> None:
    assert refusal_code(upload("doc.pdf", PDF + zip_bytes())) in {"polyglot", "bad_pdf"}


def test_images_are_reencoded_without_text_chunks_or_appended_data() -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Maria Lopez, DOB 2003-04-05")
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), "white").save(buffer, "PNG", pnginfo=info)
    content = buffer.getvalue() + b"trailing secret bytes"
    check = validate_upload(upload("id.png", content))
    assert b"Maria" not in check.content and b"trailing secret" not in check.content
    with Image.open(io.BytesIO(check.content)) as image:
        assert image.size == (300, 300) and image.format == "PNG" and not image.text


def test_jpeg_metadata_goes_and_orientation_is_kept() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90°: the photo is taller than it is stored
    exif[0x010E] = "Maria Lopez license"
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(buffer, "JPEG", exif=exif, comment=b"secret note")
    check = validate_upload(upload("id.jpg", buffer.getvalue()))
    assert b"Maria" not in check.content and b"secret note" not in check.content
    with Image.open(io.BytesIO(check.content)) as image:
        assert image.size == (300, 400) and not image.getexif()


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


def test_the_polyglot_message() -> None:
    with pytest.raises(ValidationError) as error:
        validate_upload(upload("id.png", image_bytes("PNG") + zip_bytes()))
    assert error.value.messages == [
        "This file hides another kind of file inside it. Save or scan it again as a plain PDF, "
        "JPEG or PNG."
    ]


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
    assert clean_display_name("a" * 500 + ".exe", "pdf") == "a" * 116 + ".pdf"


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("invoice.exe", "pdf", "invoice.pdf"),
        ("license.PDF", "jpeg", "license.jpg"),
        ("photo", "png", "photo.png"),
        ("report\u202efdp.exe", "pdf", "reportfdp.pdf"),
        (".exe", "pdf", ".exe.pdf"),
        ("", "jpeg", "document.jpg"),
    ],
)
def test_display_names_take_the_extension_of_the_type_found(
    name: str, kind: str, expected: str
) -> None:
    assert clean_display_name(name, kind) == expected


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
