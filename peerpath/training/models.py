"""A participant's trainings with their hours and documents, and paid work placements
with timesheets that staff approve for payroll."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.lib.crypto import EncryptedTextField, get_private_storage
from peerpath.training import rules


class TrainingKind(models.TextChoices):
    CORE = "core", _("Core 80-hour training")
    SPECIALIZATION = "specialization", _("Specialization (40 hours)")
    WORK_READINESS = "work_readiness", _("Paid work-readiness training")
    OTHER = "other", _("Other training")


class TrainingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Training(models.Model):
    """One course a participant takes: from the catalog's providers, or another one they name."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trainings"
    )
    kind = models.CharField(_("kind of training"), max_length=16, choices=TrainingKind.choices)
    specialization = models.ForeignKey(
        "catalog.Specialization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("specialization"),
    )
    provider = models.ForeignKey(
        "catalog.Provider",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("training provider"),
    )
    provider_name = models.CharField(_("provider's name"), max_length=200, blank=True)
    title = models.CharField(_("course name"), max_length=200, blank=True)
    course_hours = models.DecimalField(
        _("hours the course has"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=TrainingStatus.choices,
        default=TrainingStatus.IN_PROGRESS,
    )
    completed_on = models.DateField(_("completion date"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="specialization", specialization__isnull=False)
                | (~Q(kind="specialization") & Q(specialization__isnull=True)),
                name="training_specialization_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(provider__isnull=False) | ~Q(provider_name=""),
                name="training_has_a_provider",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(starts_on__lte=models.F("ends_on")),
                name="training_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.provider_label})"

    @property
    def provider_label(self) -> str:
        return self.provider.name if self.provider_id else self.provider_name

    @property
    def label(self) -> str:
        if self.title:
            return self.title
        if self.kind == TrainingKind.SPECIALIZATION and self.specialization_id:
            return self.specialization.tr("name")
        return str(TrainingKind(self.kind).label)

    def target_hours(self, core_hours: int | Decimal = rules.CORE_HOURS) -> Decimal | None:
        return rules.course_target(
            self.kind,
            core_hours=core_hours,
            specialization_hours=self.specialization.hours if self.specialization_id else None,
            course_hours=self.course_hours,
        )


class HoursEntry(models.Model):
    """Hours from one session, or a total for several sessions up to `date`."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2)
    note = models.CharField(_("note (optional)"), max_length=200, blank=True)
    is_total = models.BooleanField(_("a total for several sessions"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("training hours")
        verbose_name_plural = _("training hours")
        # The hours sum per training reads the index alone.
        indexes = [models.Index(fields=["training", "hours"], name="hours_per_training")]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="training_hours_positive")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.hours} h"


class TrainingDocumentKind(models.TextChoices):
    COMPLETION = "completion", _("Completion certificate")
    ATTENDANCE = "attendance", _("Attendance record or progress letter from the provider")


class TrainingDocumentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for staff to check it")
    VERIFIED = "verified", _("Verified")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class TrainingDocument(models.Model):
    """A certificate or attendance record. Stored under a random name outside the web
    root and only served through access-checked views. Staff confirm the hours it
    shows; only then do those hours count as verified."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=16, choices=TrainingDocumentKind.choices)
    file = models.FileField(_("file"), upload_to="training/", storage=get_private_storage)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    original_name = models.CharField(_("file name"), max_length=120)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=TrainingDocumentStatus.choices,
        default=TrainingDocumentStatus.PENDING,
    )
    hours_confirmed = models.DecimalField(
        _("hours the document confirms"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = EncryptedTextField(_("comment for the participant"), blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("training document")
        verbose_name_plural = _("training documents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"


class PayPeriodKind(models.TextChoices):
    BIWEEKLY = rules.BIWEEKLY, _("Every two weeks, from the anchor date")
    SEMIMONTHLY = rules.SEMIMONTHLY, _("Twice a month: the 1st–15th and the 16th–end of month")


class TrainingSettings(models.Model):
    """A program's payroll calendar for work placements."""

    program = models.OneToOneField(
        "accounts.Program", on_delete=models.CASCADE, related_name="training_settings"
    )
    pay_period = models.CharField(
        _("pay periods"),
        max_length=16,
        choices=PayPeriodKind.choices,
        default=PayPeriodKind.BIWEEKLY,
    )
    pay_period_anchor = models.DateField(
        _("first day of any biweekly pay period"),
        default=rules.DEFAULT_PAY_PERIOD_ANCHOR,
        help_text=_("Biweekly periods run 14 days from this date, backwards and forwards."),
    )

    class Meta:
        verbose_name = _("hours and payroll settings")
        verbose_name_plural = _("hours and payroll settings")

    def __str__(self) -> str:
        return str(self.program)

    def period_containing(self, day):  # type: ignore[no-untyped-def]
        return rules.pay_period_containing(day, self.pay_period, self.pay_period_anchor)

    @classmethod
    def for_program_id(cls, program_id: int | None) -> TrainingSettings:
        """The program's settings, or the defaults (unsaved) when it has none."""
        found = cls.objects.filter(program_id=program_id).first() if program_id else None
        return found or cls(program_id=program_id)


class PlacementKind(models.TextChoices):
    JOB_SHADOW = "job_shadow", _("Paid job shadowing")
    WORK_EXPERIENCE = "work_experience", _("Paid work experience")
    WORK_READINESS = "work_readiness", _("Paid work-readiness training")


class WorkPlacement(models.Model):
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_placements"
    )
    kind = models.CharField(
        _("kind of placement"),
        max_length=16,
        choices=PlacementKind.choices,
        default=PlacementKind.JOB_SHADOW,
    )
    site = models.CharField(_("site"), max_length=200)
    role = models.CharField(_("role"), max_length=200)
    supervisor_name = models.CharField(_("supervisor's name"), max_length=200)
    supervisor_contact = models.CharField(
        _("supervisor's phone or email"), max_length=200, blank=True
    )
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    pay_rate = models.DecimalField(_("pay per hour (USD)"), max_digits=6, decimal_places=2)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("work placement")
        verbose_name_plural = _("work placements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__lte=models.F("ends_on")),
                name="work_placement_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(pay_rate__gte=0), name="placement_pay_rate_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}, {self.site}"


class TimesheetStatus(models.TextChoices):
    DRAFT = rules.DRAFT, _("Not submitted yet")
    SUBMITTED = rules.SUBMITTED, _("Waiting for approval")
    APPROVED = rules.APPROVED, _("Approved")
    RETURNED = rules.RETURNED, _("Returned for a change")


class Timesheet(models.Model):
    """One placement's hours in one pay period. Approved timesheets are locked."""

    placement = models.ForeignKey(
        WorkPlacement, on_delete=models.CASCADE, related_name="timesheets"
    )
    period_start = models.DateField(_("pay period starts"))
    period_end = models.DateField(_("pay period ends"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=TimesheetStatus.choices,
        default=TimesheetStatus.DRAFT,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The placement's rate when approved, so a later change of rate never changes pay
    # already approved.
    pay_rate = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_start", "-id"]
        verbose_name = _("timesheet")
        verbose_name_plural = _("timesheets")
        constraints = [
            # Approved timesheets are locked: hours worked later in the same pay
            # period go on a new one, so at most one per period is still open.
            models.UniqueConstraint(
                fields=["placement", "period_start"],
                condition=~Q(status="approved"),
                name="one_open_timesheet_per_period",
            ),
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")),
                name="timesheet_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement} {self.period_start}–{self.period_end}"

    @property
    def participant(self):  # type: ignore[no-untyped-def]
        return self.placement.participant

    @property
    def is_editable(self) -> bool:
        return rules.timesheet_is_editable(self.status)


class TimesheetEntry(models.Model):
    timesheet = models.ForeignKey(Timesheet, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    activity = models.CharField(_("what you did"), max_length=300)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("timesheet entry")
        verbose_name_plural = _("timesheet entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24), name="timesheet_hours_in_a_day"
            )
        ]
        indexes = [models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.hours} h"


class TimesheetReview(models.Model):
    """A staff decision on a timesheet; the comment is written for the participant."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for a change")

    timesheet = models.ForeignKey(Timesheet, on_delete=models.CASCADE, related_name="reviews")
    decision = models.CharField(max_length=16, choices=Decision.choices)
    comment = EncryptedTextField(_("comment for the participant"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("timesheet review")
        verbose_name_plural = _("timesheet reviews")

    def __str__(self) -> str:
        return f"{self.get_decision_display()} {self.created_at:%Y-%m-%d}"
