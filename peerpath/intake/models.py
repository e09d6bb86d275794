"""Versioned Code of Ethics documents and participants' signatures."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.lib.crypto import (
    EncryptedCharField,
    EncryptedJSONField,
    EncryptedTextField,
    get_private_storage,
)
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


class ReadinessRecord(models.Model):
    """A readiness self-assessment the person chose to keep in their account.

    Private to them: staff never see it. Answers are stored by code, so the
    summary renders in whichever language the person reads it later.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="readiness_records"
    )
    answers = EncryptedJSONField(_("answers"), default=dict)
    reflections = EncryptedJSONField(_("reflections"), default=dict)
    created_at = models.DateTimeField(_("kept on"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("kept readiness self-assessment")
        verbose_name_plural = _("kept readiness self-assessments")

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    NEEDS_INFO = "needs_info", _("Needs information")
    ELIGIBLE = "eligible", _("Eligible")
    ENROLLED = "enrolled", _("Enrolled")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    WITHDRAWN = "withdrawn", _("Withdrawn")


EDITABLE_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.NEEDS_INFO)


class LivedExperienceType(models.TextChoices):
    CONSUMER = "consumer", _("As someone who has used services")
    FAMILY = "family", _("As a parent, caregiver or family member")
    BOTH = "both", _("Both")


class Application(models.Model):
    """A person's application to a program. Every field may be empty while it is a
    draft; completeness is checked when they submit."""

    applicant = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="application"
    )
    program = models.ForeignKey(
        "accounts.Program", on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
    )
    legal_first_name = models.CharField(_("legal first name"), max_length=100, blank=True)
    legal_last_name = models.CharField(_("legal last name"), max_length=100, blank=True)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("en", "English"), ("es", "Español")],
        blank=True,
    )
    county = models.CharField(_("county"), max_length=60, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=5, blank=True)
    heard_about = EncryptedCharField(_("how you heard about us"), max_length=200, blank=True)
    lived_experience = EncryptedCharField(
        _("lived experience"), max_length=10, choices=LivedExperienceType.choices, blank=True
    )
    diploma = models.BooleanField(_("high school diploma or equivalent"), null=True)
    internet_access = models.BooleanField(_("internet access"), null=True)
    computer_skills = models.BooleanField(_("can use a computer"), null=True)
    willing_to_share = models.BooleanField(_("willing to share lived experience"), null=True)
    dedicated_to_recovery = models.BooleanField(_("strong dedication to recovery"), null=True)
    commits_to_training = models.BooleanField(_("commits to the 80-hour training"), null=True)
    commits_to_certification = models.BooleanField(_("commits to certification"), null=True)
    orientation_preference = EncryptedCharField(
        _("orientation preference"), max_length=200, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    enrolled_on = models.DateField(_("enrolled on"), null=True, blank=True)
    decision_note = EncryptedTextField(
        _("note to the applicant"),
        blank=True,
        help_text=_("Shown to the applicant with the decision."),
    )
    decision_codes = models.JSONField(
        _("rules not met"), default=list, blank=True, help_text=_("Eligibility rule codes.")
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return f"{self.applicant} ({self.get_status_display()})"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class InformationRequest(models.Model):
    """Staff asked for more: the application reopens for the named items only."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="information_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    items = models.JSONField(_("what is needed"), default=list)
    message = EncryptedTextField(_("message to the applicant"))
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    resolved_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")

    def __str__(self) -> str:
        return f"{self.application_id}: {', '.join(self.items)}"


class DocumentKind(models.TextChoices):
    PHOTO_ID = "photo_id", _("Government photo ID")
    DIPLOMA = "diploma", _("Diploma or equivalency certificate")


class ApplicationDocument(models.Model):
    """An uploaded document. Stored under a random name outside the web root and
    only ever served through an access-checked view."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=16, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to="applications/", storage=get_private_storage)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    original_name = models.CharField(_("file name"), max_length=120)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["kind", "-uploaded_at"]
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"


class WaitlistEntry(models.Model):
    """An eligible applicant waiting for a place in a full cohort (one cohort at a time)."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="waitlist_entry"
    )
    cohort = models.ForeignKey("accounts.Cohort", on_delete=models.CASCADE, related_name="waitlist")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list entries")

    def __str__(self) -> str:
        return f"{self.application} → {self.cohort}"
