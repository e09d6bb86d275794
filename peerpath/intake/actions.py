from __future__ import annotations

import json
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.accounts.models import Program, User
from peerpath.audit.actions import record_event
from peerpath.intake.application import Missing, missing_items
from peerpath.intake.models import (
    Application,
    ApplicationDocument,
    ApplicationStatus,
    EthicsDocument,
    EthicsSignature,
)
from peerpath.lib.uploads import clean_display_name, safe_storage_name
from peerpath.notifications.actions import do_notify

DEMO_ETHICS_FILE = Path(__file__).resolve().parent / "data" / "ethics_summary.json"


@transaction.atomic
def do_sign_code_of_ethics(
    user: User, document: EthicsDocument, typed_name: str, ip_address: str | None
) -> EthicsSignature:
    signature = EthicsSignature.objects.create(
        user=user,
        document=document,
        typed_name=typed_name,
        text_sha256=document.text_hash(),
        ip_address=ip_address or None,
    )
    record_event(user, "ethics.sign", signature, subject=user, version=document.version)
    return signature


def do_publish_demo_ethics_document() -> EthicsDocument:
    """The demo's plain-language summary; programs load their official text in the admin."""
    data = json.loads(DEMO_ETHICS_FILE.read_text(encoding="utf-8"))
    document, _created = EthicsDocument.objects.get_or_create(
        version=data["version"],
        defaults={
            "title": data["title"],
            "title_es": data["title_es"],
            "body": data["body"],
            "body_es": data["body_es"],
            "published_at": timezone.now(),
        },
    )
    return document


def get_or_create_application(user: User, program: Program) -> Application:
    application, _created = Application.objects.get_or_create(
        applicant=user,
        defaults={"program": program, "preferred_language": user.language},
    )
    return application


def do_add_application_document(
    application: Application, kind: str, upload: UploadedFile
) -> ApplicationDocument:
    """Store a checked upload under a random name; the original name is kept as a label."""
    check = upload.upload_check  # type: ignore[attr-defined]
    name = safe_storage_name(f"applications/{application.pk}", check.kind)
    stored = default_storage.save(name, upload)
    return ApplicationDocument.objects.create(
        application=application,
        kind=kind,
        file=stored,
        content_type=check.content_type,
        size=check.size,
        original_name=clean_display_name(upload.name or ""),
    )


@transaction.atomic
def do_delete_application_document(document: ApplicationDocument) -> None:
    name = document.file.name
    document.delete()
    transaction.on_commit(lambda: default_storage.delete(name))


def submission_problems(application: Application) -> list[Missing]:
    kinds = set(application.documents.values_list("kind", flat=True))
    current = EthicsDocument.current()
    signed = (
        current is not None
        and EthicsSignature.objects.filter(user=application.applicant, document=current).exists()
    )
    values = {field.name: getattr(application, field.name) for field in Application._meta.fields}
    return missing_items(values, kinds, signed)


class SubmissionRefused(Exception):
    pass


@transaction.atomic
def do_submit_application(user: User, application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_editable:
        raise SubmissionRefused("already submitted")
    if submission_problems(application):
        raise SubmissionRefused("incomplete")
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    record_event(user, "application.submit", application, subject=user)

    def render() -> tuple[str, str]:
        return (
            str(_("We received your application")),
            str(
                _(
                    "Thank you for applying. A program coordinator will review your application "
                    "and contact you within 30 days. You can see its status any time in "
                    "PeerPath."
                )
            ),
        )

    do_notify(user, "application_submitted", render, url=reverse("intake-apply-review"))
    return application
