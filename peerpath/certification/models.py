"""Each participant's certification case: the real dates and facts the rules work on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from peerpath.certification.jurisdictions import CALIFORNIA, Jurisdiction
from peerpath.certification.rules import CaseFacts, ExamAttempt


class CertificationSettings(models.Model):
    """A program's fees and reminder settings (defaults: the jurisdiction's)."""

    program = models.OneToOneField(
        "accounts.Program", on_delete=models.CASCADE, related_name="certification_settings"
    )
    application_fee = models.DecimalField(
        _("application fee"), max_digits=7, decimal_places=2, default=CALIFORNIA.fees.application
    )
    exam_fee = models.DecimalField(
        _("exam fee"), max_digits=7, decimal_places=2, default=CALIFORNIA.fees.exam
    )
    retake_fee = models.DecimalField(
        _("retake fee"), max_digits=7, decimal_places=2, default=CALIFORNIA.fees.exam_retake
    )
    renewal_fee = models.DecimalField(
        _("renewal fee"), max_digits=7, decimal_places=2, default=CALIFORNIA.fees.renewal
    )
    renewal_window_days = models.PositiveSmallIntegerField(
        _("renewal opens this many days before expiry"),
        default=CALIFORNIA.renewal_window_days,
        validators=[MaxValueValidator(365)],
    )
    reminder_offsets = models.CharField(
        _("reminder days before each deadline"),
        max_length=60,
        default="60,30,14,7,1",
        help_text=_("Comma-separated whole numbers of days, e.g. 60,30,14,7,1"),
    )

    class Meta:
        verbose_name = _("certification settings")
        verbose_name_plural = _("certification settings")

    def __str__(self) -> str:
        return str(self.program)

    @property
    def offsets(self) -> tuple[int, ...]:
        values = [v.strip() for v in self.reminder_offsets.split(",") if v.strip().isdigit()]
        return tuple(sorted({int(v) for v in values}, reverse=True))


class CertificationCase(models.Model):
    participant = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certification_case"
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    registered_on = models.DateField(_("account registered"), null=True, blank=True)
    orientation_video_on = models.DateField(_("orientation video watched"), null=True, blank=True)
    application_submitted = models.DateField(_("application submitted"), null=True, blank=True)
    application_completed = models.DateField(
        _("all documents in"),
        null=True,
        blank=True,
        help_text=_("The day the application became complete."),
    )
    application_approved = models.DateField(_("application approved"), null=True, blank=True)
    application_fee_paid_on = models.DateField(_("application fee paid"), null=True, blank=True)
    training_completed = models.DateField(_("80-hour training completed"), null=True, blank=True)
    training_certificate_uploaded_on = models.DateField(
        _("training certificate uploaded"), null=True, blank=True
    )
    training_certificate_approved_on = models.DateField(
        _("training certificate approved"), null=True, blank=True
    )
    exam_fee_paid_on = models.DateField(
        _("exam fee paid (the latest, for a retake)"),
        null=True,
        blank=True,
        help_text=_(
            "Paying the fee is the exam request. After a failed attempt, record the "
            "date you paid the retake fee."
        ),
    )
    exam_registration_received_on = models.DateField(
        _("exam registration received"), null=True, blank=True
    )
    exam_scheduled_for = models.DateField(_("exam scheduled for"), null=True, blank=True)
    accommodation_requested_on = models.DateField(
        _("accommodation requested"), null=True, blank=True
    )
    certification_number = models.CharField(_("certification number"), max_length=40, blank=True)
    certified_on = models.DateField(_("certified on"), null=True, blank=True)
    ethics_signed_on = models.DateField(
        _("Code of Ethics signed"),
        null=True,
        blank=True,
        help_text=_("Set from the latest Code of Ethics signature."),
    )
    paused_until = models.DateField(
        _("reminders paused until"),
        null=True,
        blank=True,
        help_text=_("No reminders or at-risk flags while paused."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("certification case")
        verbose_name_plural = _("certification cases")
        # The reminder sweep selects cases by ranges of the dates deadlines follow from.
        indexes = [
            models.Index(fields=[name], name=f"cert_case_{short}_idx")
            for name, short in [
                ("application_submitted", "submitted"),
                ("application_approved", "approved"),
                ("training_completed", "training"),
                ("certified_on", "certified"),
                ("ethics_signed_on", "ethics"),
            ]
        ]

    def __str__(self) -> str:
        return f"{self.participant}"

    @property
    def jurisdiction(self) -> Jurisdiction:
        from peerpath.certification.jurisdiction_data import current_jurisdiction

        program = self.participant.program
        return current_jurisdiction(program.jurisdiction if program else "CA")

    def facts(self, attempts: list[ExamAttemptRecord] | None = None) -> CaseFacts:
        records = list(self.exam_attempts.all()) if attempts is None else attempts
        return CaseFacts(
            birth_date=self.birth_date,
            application_submitted=self.application_submitted,
            application_completed=self.application_completed,
            application_approved=self.application_approved,
            training_completed=self.training_completed,
            exam_attempts=tuple(
                ExamAttempt(a.date, a.passed)
                for a in sorted(records, key=lambda r: (r.date, r.pk or 0))
            ),
            certified_on=self.certified_on,
            ethics_signed_on=self.ethics_signed_on,
        )

    def is_paused(self, today: dt.date) -> bool:
        """Paused for certification reminders, or the participant is on a program pause."""
        own = self.paused_until is not None and today <= self.paused_until
        return own or self.participant.is_paused(today)


class ExamAttemptRecord(models.Model):
    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        SPANISH = "es", _("Spanish")

    class Delivery(models.TextChoices):
        ONLINE = "online", _("Online, live remote proctoring")
        TEST_CENTRE = "test_centre", _("In person at a test centre")

    case = models.ForeignKey(
        CertificationCase, on_delete=models.CASCADE, related_name="exam_attempts"
    )
    date = models.DateField(_("exam date"))
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    delivery = models.CharField(
        _("how"), max_length=16, choices=Delivery.choices, default=Delivery.ONLINE
    )
    passed = models.BooleanField(_("passed"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("exam attempt")
        verbose_name_plural = _("exam attempts")

    def __str__(self) -> str:
        return f"{self.date} {'passed' if self.passed else 'not passed'}"


class ContinuingEducation(models.Model):
    case = models.ForeignKey(CertificationCase, on_delete=models.CASCADE, related_name="ce_entries")
    date = models.DateField(_("date"))
    provider = models.CharField(_("provider"), max_length=200)
    title = models.CharField(_("course"), max_length=200)
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("40"))],
    )
    law_and_ethics = models.BooleanField(_("counts as law and ethics"), default=False)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("continuing education")
        verbose_name_plural = _("continuing education")

    def __str__(self) -> str:
        return f"{self.date} {self.title} ({self.hours} h)"


class JurisdictionRule(models.Model):
    """One version of a state's certification numbers, in force from `effective_on`.

    Loaded from `catalog/data/jurisdictions.json` and editable by the installation's
    administrator. The newest version in force is what the rules use
    (`certification.jurisdiction_data.current_jurisdiction`); a state with no row falls
    back to the built-in values in `jurisdictions.py`.
    """

    code = models.CharField(_("state code"), max_length=8)
    name = models.CharField(_("state"), max_length=100)
    effective_on = models.DateField(_("in force from"))
    values = models.JSONField(_("numbers"), default=dict)
    source_url = models.URLField(_("public source"), max_length=500, blank=True)
    source_checked_on = models.DateField(_("source checked on"), null=True, blank=True)
    verified = models.BooleanField(
        _("verified against the public source"),
        default=False,
        help_text=_("Only numbers read in the cited source count as verified."),
    )
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code", "-effective_on"]
        verbose_name = _("jurisdiction rules")
        verbose_name_plural = _("jurisdiction rules")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "effective_on"], name="jurisdiction_rule_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.effective_on})"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        from peerpath.certification.jurisdiction_data import refresh

        super().save(*args, **kwargs)
        refresh()

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        from peerpath.certification.jurisdiction_data import refresh

        result = super().delete(*args, **kwargs)
        refresh()
        return result

    def as_jurisdiction(self) -> Jurisdiction:
        from peerpath.certification.jurisdictions import jurisdiction_from_values

        return jurisdiction_from_values(self.code, self.name, self.values)


class CertificationPeriod(models.Model):
    """One past certification period, kept when a renewal records a new certification
    date: its dates, the continuing education counted in it and the Code of Ethics
    signature it ran under."""

    case = models.ForeignKey(CertificationCase, on_delete=models.CASCADE, related_name="periods")
    certified_on = models.DateField(_("certified on"))
    expires_on = models.DateField(_("valid through"))
    renewed_on = models.DateField(_("renewed on"), null=True, blank=True)
    certification_number = models.CharField(_("certification number"), max_length=40, blank=True)
    ce_hours = models.DecimalField(
        _("continuing education hours"), max_digits=6, decimal_places=2, default=Decimal(0)
    )
    ce_law_ethics_hours = models.DecimalField(
        _("law and ethics hours"), max_digits=6, decimal_places=2, default=Decimal(0)
    )
    ethics_signed_on = models.DateField(_("Code of Ethics signed"), null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-certified_on", "-id"]
        verbose_name = _("certification period")
        verbose_name_plural = _("certification periods")

    def __str__(self) -> str:
        return f"{self.certified_on} – {self.expires_on}"
