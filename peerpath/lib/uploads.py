"""Checks for uploaded documents: type by content, size, and readable images or PDFs.

A file's name and the browser's content type are never trusted: an `.exe`
renamed `.pdf` is refused because of what it contains. A file must be only what
it claims to be: PDFs are parsed and refused when they can run anything,
images are decoded and re-encoded (dropping text chunks, metadata and anything
appended), and files that are also an HTML page or a ZIP archive are refused.
Stored files get a random name; the original name is kept only as a label,
with the extension of the type found.
"""

from __future__ import annotations

import io
import logging
import os
import re
import unicodedata
import uuid
import warnings
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from peerpath.lib.crypto import private_storage

ALLOWED_KINDS = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png"}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MIN_IMAGE_SIDE = 200
MAX_IMAGE_SIDE = 12_000
# Names that make a PDF do something when opened: run a script, start a program,
# carry a file, act on opening or on page and field events, embed a player or a form engine.
PDF_ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/OpenAction", "/AA", "/Launch", "/EmbeddedFile", "/EmbeddedFiles"}
    | {"/RichMedia", "/XFA"}
)
PDF_ACTIVE_NAMES = frozenset({"/JavaScript", "/Launch", "/EmbeddedFile", "/RichMedia"})
PDF_MAX_OBJECTS = 100_000
# Markup a browser would render if it ever sniffed the file as a page.
HTML_MARKERS = re.compile(rb"<(?:!doctype\s+html|html|head|body|script|iframe|svg|object)\b", re.I)
DISPLAY_NAME_MAX = 120

logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass(frozen=True)
class UploadCheck:
    """What the content of an accepted upload turned out to be, and the bytes to store.

    `content` is what goes to storage: the PDF as uploaded, an image re-encoded.
    """

    kind: str
    content_type: str
    size: int
    content: bytes = field(default=b"", repr=False, compare=False)


def sniff_kind(head: bytes) -> str | None:
    """The kind of file `head` (its first bytes) starts, by magic bytes alone.

    A PDF must start with `%PDF-` at byte 0: readers tolerate junk before it,
    which is exactly how a program or a page disguises itself as a PDF.
    """
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"%PDF-"):
        return "pdf"
    return None


def _is_polyglot(content: bytes) -> bool:
    """True when the bytes are also an HTML page or a ZIP archive (a jar, an Office file)."""
    return bool(HTML_MARKERS.search(content)) or zipfile.is_zipfile(io.BytesIO(content))


def _reencode_image(content: bytes, kind: str) -> bytes:
    """Decode the image fully and write it again: only pixels survive.

    Refuses images Pillow cannot fully decode, odd sizes and decompression bombs.
    The photo's orientation is applied to the pixels before its metadata goes.
    """
    error = ValidationError(
        _("This image could not be read. Try taking the photo again."), code="bad_image"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                image.verify()
            with Image.open(io.BytesIO(content)) as image:
                width, height = image.size
                if min(width, height) < MIN_IMAGE_SIDE or max(width, height) > MAX_IMAGE_SIDE:
                    raise error
                image.load()
                clean = ImageOps.exif_transpose(image)
                keep = {}
                if kind == "png" and "transparency" in clean.info:
                    keep["transparency"] = clean.info["transparency"]
                clean.info = {}
                if kind == "jpeg" and clean.mode not in ("RGB", "L", "CMYK"):
                    clean = clean.convert("RGB")
                out = io.BytesIO()
                if kind == "jpeg":
                    clean.save(out, "JPEG", quality=92)
                else:
                    clean.save(out, "PNG", **keep)
                return out.getvalue()
    except (
        OSError,
        SyntaxError,
        ValueError,
        KeyError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise error from exc


def _pdf_is_active(reader: PdfReader) -> bool:
    """Walk every object reachable from the trailer, names decoded and object streams
    opened by the parser, looking for anything that acts."""
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > PDF_MAX_OBJECTS:
            return True
        if isinstance(item, DictionaryObject):
            for name, value in item.items():
                if name in PDF_ACTIVE_KEYS:
                    return True
                if isinstance(value, NameObject) and value in PDF_ACTIVE_NAMES:
                    return True
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, NameObject) and item in PDF_ACTIVE_NAMES:
            return True
    return False


def _check_pdf(content: bytes) -> None:
    """Refuse damaged PDFs, anything after the end marker, and PDFs that can act."""
    error = ValidationError(
        _("This PDF contains active content or is damaged. Save or scan it again as a plain PDF."),
        code="bad_pdf",
    )
    end = content.rfind(b"%%EOF")
    if end < 0 or content[end + 5 :].strip():
        raise error
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(content), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise error
            if "/Root" not in reader.trailer or _pdf_is_active(reader):
                raise error
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise error from exc


def validate_upload(file: UploadedFile) -> UploadCheck:
    """Check an upload by its content and say what it is, or raise `ValidationError`.

    Checks run in order: empty, too large (before anything is read), not a PDF,
    JPEG or PNG, also a page or an archive, then an unreadable image or a damaged
    or active PDF. The file is rewound afterwards either way.
    """
    size = file.size or 0
    try:
        if size == 0:
            raise ValidationError(_("This file is empty."), code="empty")
        if size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _(
                    "This file is larger than 10 MB. Try a photo at a lower resolution or a "
                    "scan of fewer pages."
                ),
                code="too_large",
            )
        file.seek(0)
        content = file.read()
        kind = sniff_kind(content[:16])
        if kind is None:
            raise ValidationError(
                _(
                    "Upload a PDF, JPEG or PNG file. This file is not one of those, whatever its "
                    "name says."
                ),
                code="bad_type",
            )
        if _is_polyglot(content):
            raise ValidationError(
                _(
                    "This file hides another kind of file inside it. Save or scan it again as a "
                    "plain PDF, JPEG or PNG."
                ),
                code="polyglot",
            )
        if kind == "pdf":
            _check_pdf(content)
        else:
            content = _reencode_image(content, kind)
    finally:
        file.seek(0)
    return UploadCheck(kind, ALLOWED_KINDS[kind], len(content), content)


def safe_storage_name(prefix: str, kind: str) -> str:
    """A random name under `prefix` for storing a file of `kind`.

    The user's file name never reaches the disk: it may hold personal data or
    path tricks. Keep it as a label with `clean_display_name` instead.
    """
    return f"{prefix}/{uuid.uuid4().hex}.{EXTENSIONS[kind]}"


def clean_display_name(name: str, kind: str | None = None) -> str:
    """The user's file name fit to show staff: base name only, no control characters.

    Invisible formatting characters go too, such as U+202E RIGHT-TO-LEFT
    OVERRIDE, which can make a program's name display as if it ended in `.pdf`.
    With `kind`, the name ends in that type's extension whatever it ended in, so
    a PDF uploaded as `invoice.exe` is downloaded as `invoice.pdf`.
    """
    base = os.path.basename(name.replace("\\", "/"))
    cleaned = "".join(c for c in base if unicodedata.category(c) not in ("Cc", "Cf")).strip()
    if kind is None:
        return (cleaned or "document")[:DISPLAY_NAME_MAX]
    extension = f".{EXTENSIONS[kind]}"
    stem = os.path.splitext(cleaned)[0].strip() or "document"
    return stem[: DISPLAY_NAME_MAX - len(extension)] + extension


@dataclass(frozen=True)
class StoredUpload:
    name: str
    content_type: str
    size: int
    label: str


def store_upload(prefix: str, upload: UploadedFile) -> StoredUpload:
    """Save a file `DocumentField` accepted: the checked bytes under a random name."""
    check: UploadCheck = upload.upload_check  # type: ignore[attr-defined]
    stored = private_storage.save(safe_storage_name(prefix, check.kind), ContentFile(check.content))
    return StoredUpload(
        stored, check.content_type, check.size, clean_display_name(upload.name or "", check.kind)
    )


class DocumentField(forms.FileField):
    """A file field that only accepts documents `validate_upload` passes.

    The cleaned file carries the result as `upload_check`.
    """

    widget = forms.ClearableFileInput(
        attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
    )

    def clean(self, data: Any, initial: Any = None) -> Any:
        file = super().clean(data, initial)
        if file and file is not initial:  # an unchanged, already stored file was checked before
            file.upload_check = validate_upload(file)
        return file
