"""A participant's control over their data: exports, consents to share, retention."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.lib.crypto import EncryptedCharField, get_private_storage
from peerpath.privacy import rules


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be prepared")


class DataExport(models.Model):
    """ "Download my data": a JSON file and a readable PDF, kept for 7 days."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    expires_at = models.DateTimeField(_("available until"), null=True, blank=True)
    json_file = models.FileField(upload_to="exports/", storage=get_private_storage, blank=True)
    pdf_file = models.FileField(upload_to="exports/", storage=get_private_storage, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")

    def __str__(self) -> str:
        return f"{self.participant_id} {self.requested_at:%Y-%m-%d}"

    def is_available(self, now: dt.datetime) -> bool:
        return (
            self.status == ExportStatus.READY
            and self.expires_at is not None
            and now < self.expires_at
        )


class ShareableItem(models.TextChoices):
    RESUME = "resume", _("My résumé")
    HOURS = "hours", _("A summary of my training hours")
    CERTIFICATION = "certification", _("My certification status")


class RecipientKind(models.TextChoices):
    EMPLOYER = "employer", _("An employer")
    TRAINING_PROVIDER = "training", _("A training provider")
    FAMILY = "family", _("A family member")
    CERTIFICATION_BOARD = "board", _("The certification board")
    OTHER = "other", _("Someone else")


class Consent(models.Model):
    """Permission to share named information with a named recipient, for a purpose,
    until a date. Granted and revoked by the participant only; a revoked or expired
    consent blocks sharing at once."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    recipient_kind = models.CharField(
        _("who receives it"), max_length=12, choices=RecipientKind.choices
    )
    recipient_name = EncryptedCharField(_("name of the person or organization"), max_length=200)
    recipient_email = EncryptedCharField(_("their email address"), max_length=254)
    items = models.JSONField(_("what may be shared"), default=list)
    purpose = EncryptedCharField(_("for what purpose"), max_length=300)
    granted_at = models.DateTimeField(_("given"), default=timezone.now)
    expires_on = models.DateField(_("until"))
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        verbose_name = _("consent to share")
        verbose_name_plural = _("consents to share")

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.get_recipient_kind_display()}"

    def is_current(self, today: dt.date) -> bool:
        return rules.consent_is_current(self.expires_on, self.revoked_at is not None, today)

    def covers(self, item: str, today: dt.date) -> bool:
        return self.is_current(today) and item in self.items

    def item_labels(self) -> list[str]:
        labels = dict(ShareableItem.choices)
        return [str(labels.get(code, code)) for code in self.items]


class SharingRecord(models.Model):
    """What staff shared, with whom, under which consent. Kept as history."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="shares")
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    item = models.CharField(_("what"), max_length=16, choices=ShareableItem.choices)
    description = models.CharField(_("what exactly"), max_length=300, blank=True)
    shared_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-shared_at", "-id"]
        verbose_name = _("shared information")
        verbose_name_plural = _("shared information")

    def __str__(self) -> str:
        return f"{self.participant_id} {self.item} {self.shared_at:%Y-%m-%d}"


class RetentionSettings(models.Model):
    """How long a program keeps personal records (see `rules.retention_due`)."""

    program = models.OneToOneField(
        "accounts.Program", on_delete=models.CASCADE, related_name="retention_settings"
    )
    applications_years = models.PositiveSmallIntegerField(
        _("keep applications that did not lead to enrolment for (years)"),
        default=rules.DEFAULT_APPLICATION_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    records_years = models.PositiveSmallIntegerField(
        _("keep participant records after their last activity for (years)"),
        default=rules.DEFAULT_RECORD_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )

    class Meta:
        verbose_name = _("retention settings")
        verbose_name_plural = _("retention settings")

    def __str__(self) -> str:
        return str(self.program)


class Erasure(models.Model):
    """A person whose records were removed: by the retention job or on request.

    Holds no personal data: the former account id, why, who asked and the counts
    of what was removed, so reports and the audit trail stay explainable.
    """

    former_user_id = models.PositiveBigIntegerField(_("former account number"), db_index=True)
    program = models.ForeignKey(
        "accounts.Program", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rule = models.CharField(_("why"), max_length=20)
    reason = models.CharField(_("reason given"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    counts = models.JSONField(_("what was removed"), default=dict)
    erased_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-erased_at", "-id"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self) -> str:
        return f"#{self.former_user_id} {self.rule} {self.erased_at:%Y-%m-%d}"
