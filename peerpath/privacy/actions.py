"""Writes for data exports, consents and sharing. Each runs in a transaction."""

from __future__ import annotations

import datetime as dt
import smtplib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from peerpath.accounts.models import User
from peerpath.audit.actions import record_event
from peerpath.lib.crypto import private_storage
from peerpath.notifications.actions import do_notify
from peerpath.privacy import rules
from peerpath.privacy.models import (
    Consent,
    DataExport,
    ExportStatus,
    ShareableItem,
    SharingRecord,
)


class SharingRefused(Exception):
    """No current consent covers this item for this recipient."""


class SharingNotSent(SharingRefused):
    """The recipient's email could not be sent; nothing was recorded as shared."""


# --- download my data ------------------------------------------------------


def do_request_export(participant: User) -> DataExport:
    """Queue the preparation of a new export (one waiting at a time)."""
    from peerpath.privacy.tasks import prepare_data_export

    with transaction.atomic():
        User.objects.lock(participant)
        waiting = DataExport.objects.filter(
            participant=participant, status=ExportStatus.PENDING
        ).first()
        if waiting is not None:
            return waiting
        export = DataExport.objects.create(
            participant=participant, language=participant.language or "en"
        )
        record_event(participant, "privacy.export_requested", export, subject=participant)
        prepare_data_export.enqueue(export.pk)
    return export


def do_prepare_export(export: DataExport, now: dt.datetime | None = None) -> DataExport:
    """Build the JSON and the PDF and store them (encrypted) for 7 days."""
    from peerpath.privacy.export import build_export

    now = now or timezone.now()
    participant = export.participant
    json_bytes, pdf_bytes = build_export(participant, export.language, now)
    stamp = f"exports/{participant.pk}"
    json_name = private_storage.save(f"{stamp}/{export.pk}.json", ContentFile(json_bytes))
    pdf_name = private_storage.save(f"{stamp}/{export.pk}.pdf", ContentFile(pdf_bytes))
    with transaction.atomic():
        export.json_file.name = json_name
        export.pdf_file.name = pdf_name
        export.status = ExportStatus.READY
        export.ready_at = now
        export.expires_at = rules.export_expires_at(now)
        export.save(update_fields=["json_file", "pdf_file", "status", "ready_at", "expires_at"])
        record_event(None, "privacy.export_prepared", export, subject=participant)

        def render() -> tuple[str, str]:
            return (
                _("Your data is ready to download"),
                _(
                    "The copy of your data you asked for is ready. Download it from your "
                    "privacy page within %(days)s days."
                )
                % {"days": rules.EXPORT_DAYS},
            )

        do_notify(
            participant,
            "privacy_export_ready",
            render,
            url=reverse("privacy-home"),
            dedupe_key=f"privacy-export-{export.pk}",
        )
    return export


def do_delete_expired_exports(now: dt.datetime) -> int:
    """Remove exports past their 7 days (files and rows)."""
    expired = list(DataExport.objects.filter(expires_at__lte=now))
    for export in expired:
        _delete_files(export.json_file.name, export.pdf_file.name)
    DataExport.objects.filter(pk__in=[e.pk for e in expired]).delete()
    return len(expired)


def _delete_files(*names: str) -> None:
    for name in names:
        if name:
            transaction.on_commit(lambda name=name: private_storage.delete(name))


# --- consents ---------------------------------------------------------------


def do_grant_consent(participant: User, consent: Consent) -> Consent:
    with transaction.atomic():
        consent.participant = participant
        consent.granted_at = timezone.now()
        consent.save()
        record_event(
            participant,
            "privacy.consent_granted",
            consent,
            subject=participant,
            items=list(consent.items),
            recipient_kind=consent.recipient_kind,
            until=consent.expires_on.isoformat(),
        )
    return consent


def do_revoke_consent(participant: User, consent_id: int) -> Consent:
    """Withdraw at once: from now on nothing can be shared under it."""
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(pk=consent_id, participant=participant)
        if consent.revoked_at is None:
            consent.revoked_at = timezone.now()
            consent.save(update_fields=["revoked_at"])
            record_event(participant, "privacy.consent_revoked", consent, subject=participant)
    return consent


# --- staff sharing under a consent ------------------------------------------


@dataclass(frozen=True)
class Shared:
    description: str
    body: str
    attachment: tuple[str, bytes, str] | None = None


def _what_to_share(participant: User, item: str) -> Shared:
    if item == ShareableItem.RESUME:
        from peerpath.careers.documents import build_document, render_pdf
        from peerpath.careers.models import Resume

        resume = Resume.objects.filter(participant=participant).order_by("-updated_at").first()
        if resume is None:
            raise SharingRefused(_("There is no résumé to send."))
        document = build_document(resume, resume.entries.all())
        return Shared(
            description=_("Résumé “%(title)s”") % {"title": resume.title},
            body=_("The résumé of %(name)s is attached.") % {"name": participant.display_name},
            attachment=("resume.pdf", render_pdf(document), "application/pdf"),
        )
    if item == ShareableItem.HOURS:
        from peerpath.training.progress import progress_for

        progress = progress_for(participant)
        text = _("Core training: %(logged)s of %(target)s hours logged, %(verified)s verified.") % {
            "logged": progress.core_logged,
            "target": progress.core_target,
            "verified": progress.core_verified,
        }
        return Shared(description=_("Summary of training hours"), body=text)
    if item == ShareableItem.CERTIFICATION:
        from peerpath.certification.models import CertificationCase

        case = CertificationCase.objects.filter(participant=participant).first()
        if case is not None and case.certified_on:
            text = _("Certified on %(date)s, number %(number)s.") % {
                "date": case.certified_on.isoformat(),
                "number": case.certification_number or "—",
            }
        else:
            text = _("Not certified yet.")
        return Shared(description=_("Certification status"), body=text)
    raise SharingRefused(_("This kind of information cannot be sent from PeerPath."))


def do_share_information(
    staff: User, participant: User, consent_id: int, item: str
) -> SharingRecord:
    """Send `item` to the consent's recipient, only while the consent covers it.

    The consent row is locked, so a withdrawal that commits first wins and one
    that comes after sees the share in the participant's history. The email is
    sent inside the transaction: if it cannot be sent, nothing is recorded as
    shared (`SharingNotSent`).
    """
    today = timezone.localdate()
    try:
        with transaction.atomic():
            consent = (
                Consent.objects.select_for_update()
                .filter(pk=consent_id, participant=participant)
                .first()
            )
            allowed = consent is not None and consent.covers(item, today)
            if allowed:
                record = _share(staff, participant, consent, item)
    except (OSError, smtplib.SMTPException) as exc:
        record_event(staff, "privacy.share_failed", consent, subject=participant, item=item)
        raise SharingNotSent(
            _("The email could not be sent. Nothing was shared; try again later.")
        ) from exc
    if not allowed:
        record_event(staff, "privacy.share_refused", consent, subject=participant, item=item)
        raise SharingRefused(_("There is no current consent to share this with this recipient."))
    return record


def _share(staff: User, participant: User, consent: Consent, item: str) -> SharingRecord:
    with translation.override(participant.language or "en"):
        shared = _what_to_share(participant, item)
    record = SharingRecord.objects.create(
        consent=consent,
        participant=participant,
        shared_by=staff,
        item=item,
        description=shared.description[:300],
    )
    record_event(
        staff, "privacy.shared", record, subject=participant, item=item, consent=consent.pk
    )
    message = EmailMessage(
        subject=_("Information from PeerPath about %(name)s") % {"name": participant.display_name},
        body=_("%(body)s\n\nShared with the person's written consent, for: %(purpose)s")
        % {"body": shared.body, "purpose": consent.purpose},
        to=[consent.recipient_email],
    )
    if shared.attachment:
        message.attach(*shared.attachment)
    message.send(fail_silently=False)
    return record
