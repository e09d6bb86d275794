"""Checks for uploaded documents: type by content, size, and readable images or PDFs.

A file's name and the browser's content type are never trusted: an `.exe`
renamed `.pdf` is refused because of what it contains. Stored files get a
random name; the original name is kept only as a label.
"""

from __future__ import annotations

import os
import unicodedata
import uuid
import warnings
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image

ALLOWED_KINDS = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png"}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MIN_IMAGE_SIDE = 200
MAX_IMAGE_SIDE = 12_000
PDF_ACTIVE_CONTENT = (b"/JavaScript", b"/Launch", b"/EmbeddedFile")
PDF_JUNK_ALLOWED = 1024
PDF_EOF_WINDOW = 2048
DISPLAY_NAME_MAX = 120


@dataclass(frozen=True)
class UploadCheck:
    """What the content of an accepted upload turned out to be."""

    kind: str
    content_type: str
    size: int


def sniff_kind(head: bytes) -> str | None:
    """The kind of file `head` (its first bytes) starts, by magic bytes alone.

    PDF readers accept up to 1 KB of junk before `%PDF-`, and some real scans
    have it, so that much is allowed; anything further in is not a PDF.
    """
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    marker = head.find(b"%PDF-")
    if 0 <= marker <= PDF_JUNK_ALLOWED:
        return "pdf"
    return None


def _check_image(file: UploadedFile) -> None:
    """Refuse images Pillow cannot fully decode, odd sizes, and decompression bombs."""
    error = ValidationError(
        _("This image could not be read. Try taking the photo again."), code="bad_image"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            file.seek(0)
            with Image.open(file) as image:
                image.verify()
            file.seek(0)
            with Image.open(file) as image:
                width, height = image.size
                image.load()
    except (
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise error from exc
    if min(width, height) < MIN_IMAGE_SIDE or max(width, height) > MAX_IMAGE_SIDE:
        raise error


def _check_pdf(file: UploadedFile) -> None:
    """Refuse truncated PDFs and ones that can run scripts, launch programs or carry files.

    This is a plain byte search, so it is strict rather than clever: a PDF that
    hides these names in compressed object streams gets past it, one that merely
    mentions them is refused.
    """
    file.seek(0)
    content = file.read()
    if b"%%EOF" not in content[-PDF_EOF_WINDOW:] or any(m in content for m in PDF_ACTIVE_CONTENT):
        raise ValidationError(
            _(
                "This PDF contains active content or is damaged. Save or scan it again as a "
                "plain PDF."
            ),
            code="bad_pdf",
        )


def validate_upload(file: UploadedFile) -> UploadCheck:
    """Check an upload by its content and say what it is, or raise `ValidationError`.

    Checks run in order: empty, too large (before anything is read), not a PDF,
    JPEG or PNG, then an unreadable image or a damaged or active PDF. The file
    is rewound afterwards either way, ready to be saved.
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
        kind = sniff_kind(file.read(2048))
        if kind is None:
            raise ValidationError(
                _(
                    "Upload a PDF, JPEG or PNG file. This file is not one of those, whatever its "
                    "name says."
                ),
                code="bad_type",
            )
        if kind == "pdf":
            _check_pdf(file)
        else:
            _check_image(file)
    finally:
        file.seek(0)
    return UploadCheck(kind, ALLOWED_KINDS[kind], size)


def safe_storage_name(prefix: str, kind: str) -> str:
    """A random name under `prefix` for storing a file of `kind`.

    The user's file name never reaches the disk: it may hold personal data or
    path tricks. Keep it as a label with `clean_display_name` instead.
    """
    return f"{prefix}/{uuid.uuid4().hex}.{EXTENSIONS[kind]}"


def clean_display_name(name: str) -> str:
    """The user's file name fit to show staff: base name only, no control characters.

    Invisible formatting characters go too, such as U+202E RIGHT-TO-LEFT
    OVERRIDE, which can make a program's name display as if it ended in `.pdf`.
    """
    base = os.path.basename(name.replace("\\", "/"))
    cleaned = "".join(c for c in base if unicodedata.category(c) not in ("Cc", "Cf"))
    return (cleaned.strip() or "document")[:DISPLAY_NAME_MAX]


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
