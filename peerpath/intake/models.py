"""Versioned Code of Ethics documents and participants' signatures."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.lib.localized import localized


class EthicsDocument(models.Model):
    """One version of the Code of Ethics. Published versions are never edited:
    a change is a new version, so every signature points at the exact text signed."""

    version = models.CharField(_("version"), max_length=40, unique=True)
    title = models.CharField(_("title (English)"), max_length=200)
    title_es = models.CharField(_("title (Spanish)"), max_length=200, blank=True)
    body = models.TextField(_("text (English)"))
    body_es = models.TextField(_("text (Spanish)"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("Code of Ethics version")
        verbose_name_plural = _("Code of Ethics versions")

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"

    def tr(self, field: str) -> str:
        return localized(self, field)

    def text_hash(self) -> str:
        """SHA-256 of both language versions, as shown to the signer."""
        return hashlib.sha256(f"{self.body}\n---\n{self.body_es}".encode()).hexdigest()

    @classmethod
    def current(cls) -> EthicsDocument | None:
        return cls.objects.filter(published_at__lte=timezone.now()).first()


class EthicsSignature(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ethics_signatures"
    )
    document = models.ForeignKey(
        EthicsDocument, on_delete=models.PROTECT, related_name="signatures"
    )
    typed_name = models.CharField(_("typed name"), max_length=200)
    text_sha256 = models.CharField(_("hash of the signed text"), max_length=64)
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-signed_at", "-id"]
        verbose_name = _("Code of Ethics signature")
        verbose_name_plural = _("Code of Ethics signatures")

    def __str__(self) -> str:
        return f"{self.typed_name} — {self.document.version}"
