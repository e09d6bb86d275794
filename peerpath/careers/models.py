"""Careers records: interview preparation, practice answers, résumés, placements.

Every row belongs to one participant. Only the participant, their advocate and
their organization's coordinators and administrators may see it (see access.py).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.careers import rules
from peerpath.lib.crypto import EncryptedTextField

LANGUAGES = [("en", "English"), ("es", "Español")]


class InterviewPrep(models.Model):
    """The interview tips a participant ticked and their preparation worksheet."""

    participant = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_prep"
    )
    tips_checked = models.JSONField(default=list, blank=True)
    target_job = models.CharField(_("the job I am preparing for"), max_length=200, blank=True)
    key_points = models.JSONField(default=list, blank=True)
    why_unique = models.TextField(_("why I am unique"), blank=True)
    # [{"area": "...", "answer": "..."}]
    development_areas = models.JSONField(default=list, blank=True)
    intriguing_ideas = models.TextField(_("intriguing ideas"), blank=True)
    philosophy = models.JSONField(default=list, blank=True)
    questions = models.TextField(_("questions I have"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("interview preparation")
        verbose_name_plural = _("interview preparation")

    def __str__(self) -> str:
        return f"{self.participant}"

    def sections_filled(self) -> list[bool]:
        """One flag per worksheet section, in the worksheet's order."""
        return [
            any(point.strip() for point in self.key_points),
            bool(self.why_unique.strip()),
            any(
                (row.get("area") or "").strip() or (row.get("answer") or "").strip()
                for row in self.development_areas
            ),
            bool(self.intriguing_ideas.strip()),
            any(quality.strip() for quality in self.philosophy),
            bool(self.questions.strip()),
        ]


WORKSHEET_SECTIONS = 6


class InterviewAnswer(models.Model):
    """A participant's practice answer to one hiring-guideline question, with a self-review."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_answers"
    )
    question = models.CharField(_("question"), max_length=60)
    content_version = models.PositiveSmallIntegerField(default=1)
    answer = EncryptedTextField(_("my answer"), blank=True)
    covered = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("practice interview answer")
        verbose_name_plural = _("practice interview answers")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant}: {self.question}"


class AnswerFeedback(models.Model):
    """An advocate's or coordinator's feedback on a practice answer, written for the participant."""

    answer = models.ForeignKey(InterviewAnswer, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = EncryptedTextField(_("feedback"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("feedback on a practice answer")
        verbose_name_plural = _("feedback on practice answers")

    def __str__(self) -> str:
        return f"{self.answer} ({self.created_at:%Y-%m-%d})"

    @property
    def participant(self):  # type: ignore[no-untyped-def]
        return self.answer.participant


class Resume(models.Model):
    """One version of a participant's résumé. Text fields hold one point per line."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resumes"
    )
    title = models.CharField(_("name of this version"), max_length=100)
    language = models.CharField(
        _("language of the résumé"), max_length=2, choices=LANGUAGES, default="en"
    )
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.CharField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    location = models.CharField(_("city or area"), max_length=120, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    core_qualifications = models.TextField(_("core qualifications"), blank=True)
    include_lived_experience = models.BooleanField(
        _("include a lived-experience statement"), default=False
    )
    lived_experience = EncryptedTextField(_("lived-experience statement"), blank=True)
    skills = models.TextField(_("skills"), blank=True)
    languages = models.TextField(_("languages"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("résumé")
        verbose_name_plural = _("résumés")

    def __str__(self) -> str:
        return self.title


class EntrySection(models.TextChoices):
    WORK = "work", _("Work experience")
    VOLUNTEER = "volunteer", _("Volunteer experience")
    CERTIFICATION = "certification", _("Certifications")
    TRAINING = "training", _("Training")
    EDUCATION = "education", _("Education")


class ResumeEntry(models.Model):
    """A job, volunteer role, certification, training or school on a résumé.

    Entries are shown newest first in each section: the ordering résumé readers
    expect, so there is nothing to reorder by hand.
    """

    resume = models.ForeignKey(Resume, on_delete=models.CASCADE, related_name="entries")
    section = models.CharField(_("section"), max_length=16, choices=EntrySection.choices)
    title = models.CharField(_("title"), max_length=200)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    location = models.CharField(_("place"), max_length=120, blank=True)
    start_on = models.DateField(_("from"), null=True, blank=True)
    end_on = models.DateField(_("to"), null=True, blank=True)
    details = models.TextField(_("details"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["resume", "section", "-created_at"]
        verbose_name = _("résumé entry")
        verbose_name_plural = _("résumé entries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_on__isnull=True)
                | models.Q(end_on__isnull=True)
                | models.Q(start_on__lte=models.F("end_on")),
                name="resume_entry_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def sort_key(self) -> tuple[bool, int, int, float]:
        """Current roles first, then the most recent end (or only) date, then the start."""
        current = self.section in (EntrySection.WORK, EntrySection.VOLUNTEER) and not self.end_on
        latest = self.end_on or self.start_on
        return (
            not current,
            -(latest.toordinal() if latest else 0),
            -(self.start_on.toordinal() if self.start_on else 0),
            -self.created_at.timestamp(),
        )


class WagePeriod(models.TextChoices):
    HOUR = "hour", _("per hour")
    YEAR = "year", _("per year")


class JobPlacement(models.Model):
    """A job offer or a job, recorded by staff; the participant can update how it is going."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offer received")
        DECLINED = "declined", _("Offer not taken")
        WORKING = "working", _("Working there")
        ENDED = "ended", _("No longer working there")

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_placements"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WORKING
    )
    employer_name = models.CharField(_("employer"), max_length=200)
    employer_type = models.ForeignKey(
        "catalog.EmployerType",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("type of employer"),
    )
    job_title = models.ForeignKey(
        "catalog.JobTitle",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("job title"),
    )
    title = models.CharField(_("exact job title"), max_length=200, blank=True)
    offered_on = models.DateField(_("offer received on"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    wage = models.DecimalField(_("pay"), max_digits=10, decimal_places=2, null=True, blank=True)
    wage_period = models.CharField(
        _("pay is"), max_length=4, choices=WagePeriod.choices, default=WagePeriod.HOUR
    )
    medi_cal_billable = models.BooleanField(_("Medi-Cal billable peer role"), null=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "-offered_on", "-id"]
        verbose_name = _("job placement")
        verbose_name_plural = _("job placements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(start_date__lte=models.F("end_date")),
                name="job_placement_dates_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(wage__isnull=True) | models.Q(wage__gte=0),
                name="placement_wage_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__isnull=True) | models.Q(hours_per_week__gt=0),
                name="placement_hours_positive",
            ),
        ]
        indexes = [models.Index(fields=["participant", "status"])]

    def __str__(self) -> str:
        return f"{self.display_title} — {self.employer_name}"

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        return self.job_title.tr("name") if self.job_title else ""

    @property
    def is_current(self) -> bool:
        return self.status == self.Status.WORKING and self.end_date is None

    @property
    def has_started(self) -> bool:
        """A job (current or ended) rather than an offer: it has follow-ups."""
        return self.status in (self.Status.WORKING, self.Status.ENDED) and bool(self.start_date)

    def recorded_milestones(self) -> set[int]:
        return {follow_up.milestone for follow_up in self.follow_ups.all()}

    def next_follow_up(self, today: dt.date) -> rules.FollowUpDue | None:
        return rules.next_follow_up(
            self.start_date, self.recorded_milestones(), today, ended=not self.is_current
        )


QUARTER_KEY = RegexValidator(r"^\d{4}Q[1-4]$", _("Enter a quarter such as 2026Q1."))


class QuarterEarnings(models.Model):
    """What a placed participant earned in one calendar quarter at this job, from
    pay stubs or a follow-up. Funders ask for earnings by quarter after exit."""

    placement = models.ForeignKey(
        JobPlacement, on_delete=models.CASCADE, related_name="quarter_earnings"
    )
    quarter = models.CharField(_("quarter"), max_length=6, validators=[QUARTER_KEY])
    amount = models.DecimalField(
        _("earnings (USD)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["placement", "quarter"]
        verbose_name = _("quarterly earnings")
        verbose_name_plural = _("quarterly earnings")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "quarter"], name="one_earnings_per_placement_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="quarter_earnings_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quarter} {self.amount}"


class FollowUp(models.Model):
    """A check-in on a placement at 30, 90 or 180 days after the start."""

    MILESTONE_CHOICES = [(30, _("30 days")), (90, _("90 days")), (180, _("180 days"))]

    placement = models.ForeignKey(JobPlacement, on_delete=models.CASCADE, related_name="follow_ups")
    milestone = models.PositiveSmallIntegerField(_("follow-up"), choices=MILESTONE_CHOICES)
    contacted_on = models.DateField(_("checked in on"))
    still_employed = models.BooleanField(_("still working there"))
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    wage = models.DecimalField(_("pay"), max_digits=10, decimal_places=2, null=True, blank=True)
    wage_period = models.CharField(
        _("pay is"), max_length=4, choices=WagePeriod.choices, default=WagePeriod.HOUR
    )
    support_needed = models.TextField(_("support needed"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["placement", "milestone"]
        verbose_name = _("placement follow-up")
        verbose_name_plural = _("placement follow-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "milestone"], name="one_follow_up_per_milestone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.placement} +{self.milestone}"
