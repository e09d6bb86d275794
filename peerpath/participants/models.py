"""The advocate's contact log and participants' pauses."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.lib.crypto import EncryptedCharField, EncryptedTextField


class ContactMode(models.TextChoices):
    PHONE = "phone", _("Phone call")
    VIDEO = "video", _("Video call")
    IN_PERSON = "in_person", _("In person")
    TEXT = "text", _("Text messages")
    EMAIL = "email", _("Email")
    OTHER = "other", _("Other")


class ContactNote(models.Model):
    """One contact with a participant. Visible to the participant unless marked
    staff-only, which needs a reason: transparency is a peer value."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    contacted_on = models.DateField(_("date"))
    mode = models.CharField(_("how"), max_length=12, choices=ContactMode.choices)
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    summary = EncryptedTextField(_("summary"))
    staff_only = models.BooleanField(_("staff only"), default=False)
    staff_only_reason = EncryptedCharField(_("why staff only"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-contacted_on", "-created_at"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [models.Index(fields=["participant", "-contacted_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(staff_only=False) | ~models.Q(staff_only_reason=""),
                name="staff_only_contact_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contacted_on} {self.get_mode_display()}"


class Pause(models.Model):
    """A break from the program, without penalty: while it lasts there are no
    nudges and no at-risk flags. Ended pauses are kept as history."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pauses"
    )
    starts_on = models.DateField(_("from"))
    until = models.DateField(_("return date"))
    reason = EncryptedCharField(_("reason"), max_length=300)
    ended_on = models.DateField(_("ended early on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-created_at"]
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.until}"


class ExitReason(models.TextChoices):
    COMPLETED = "completed", _("Completed the program")
    WITHDREW = "withdrew", _("Withdrew")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    HEALTH_MEDICAL = "health_medical", _("Health or medical reasons")
    INCARCERATED = "incarcerated", _("Incarcerated")
    DECEASED = "deceased", _("Deceased")
    MOVED = "moved", _("Moved out of the area")


# Exits for these reasons leave the person out of the funder indicators.
EXCLUDED_EXIT_REASONS = frozenset(
    {
        ExitReason.HEALTH_MEDICAL,
        ExitReason.INCARCERATED,
        ExitReason.DECEASED,
        ExitReason.MOVED,
    }
)


class Exit(models.Model):
    """The end of a participant's participation. One per person: recording it
    again corrects it. No free text, so reports and exports carry none."""

    participant = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exit"
    )
    exited_on = models.DateField(_("exit date"))
    reason = models.CharField(_("reason"), max_length=16, choices=ExitReason.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("exit")
        verbose_name_plural = _("exits")
        indexes = [models.Index(fields=["exited_on"])]

    def __str__(self) -> str:
        return f"{self.exited_on} {self.reason}"

    @property
    def is_excluded(self) -> bool:
        return self.reason in EXCLUDED_EXIT_REASONS


class ParticipantStatus(models.Model):
    """What the staff lists sort and filter on, for one participant on one day.

    Computed from every app by `participants.status.refresh_statuses()`, for the day in
    `computed_on`. A change to anything it reads clears `computed_on`
    (`participants.signals`), a new day makes every row stale, and a list refreshes the
    stale rows of its scope before it queries: so the lists sort, filter and count in
    the database and build full rows only for the page shown.
    """

    participant = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="list_status",
    )
    computed_on = models.DateField(null=True)
    # Who may see the row, copied from the person when it is computed (a change to
    # any of them clears `computed_on`, and the lists read only current rows):
    # `accounts.access.status_scope_q()` mirrors `participants_for_user()` on them.
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, null=True, related_name="+"
    )
    advocate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cohort = models.ForeignKey(
        "accounts.Cohort", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    enrolled = models.BooleanField(default=False)
    name_key = models.CharField(max_length=300)
    # The code of the participant's next step (participants.next_step).
    stage = models.CharField(max_length=40)
    contact_since = models.DateField(null=True)
    # What the caseload shows besides the sort keys, so a page needs no other reads.
    last_contact_on = models.DateField(null=True)
    next_deadline_key = models.CharField(max_length=48, blank=True)
    core_logged = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    core_target = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    core_verified = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    next_deadline_on = models.DateField(null=True)
    attention = models.PositiveSmallIntegerField(default=0)
    no_recent_contact = models.BooleanField(default=False)
    low_confidence = models.BooleanField(default=False)
    behind_schedule = models.BooleanField(default=False)
    timesheets_waiting = models.BooleanField(default=False)
    missed_sessions = models.BooleanField(default=False)
    certification_at_risk = models.BooleanField(default=False)
    paused = models.BooleanField(default=False)
    needs_advocate = models.BooleanField(default=False)
    records_disagree = models.BooleanField(default=False)

    class Meta:
        # Each list sort, within an organization (an advocate's caseload is small
        # enough to sort after the advocate index finds it).
        indexes = [
            models.Index(
                fields=["organization", "-attention", "name_key"], name="pstatus_attention"
            ),
            models.Index(fields=["organization", "name_key"], name="pstatus_name"),
            models.Index(
                fields=["organization", "contact_since", "name_key"], name="pstatus_contact"
            ),
            models.Index(
                fields=["organization", "next_deadline_on", "name_key"], name="pstatus_deadline"
            ),
            models.Index(fields=["organization", "stage", "name_key"], name="pstatus_stage"),
            models.Index(fields=["computed_on"], name="pstatus_computed"),
            models.Index(fields=["organization", "computed_on"], name="pstatus_org_computed"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} {self.computed_on}"


class StatusRisk(models.Model):
    """One reason a participant's certification is at risk, for the at-risk list;
    written with `ParticipantStatus` for the same day."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="status_risks"
    )
    # As on ParticipantStatus: the day it was computed and who may see it; moving a
    # person deletes their rows (`status.move_rows()`).
    computed_on = models.DateField(null=True)
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, null=True, related_name="+"
    )
    advocate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    code = models.CharField(max_length=32)
    date = models.DateField(null=True)
    stage = models.CharField(max_length=32)
    attempts_remaining = models.PositiveSmallIntegerField(null=True)
    name_key = models.CharField(max_length=300)

    class Meta:
        indexes = [
            models.Index(fields=["organization", "date", "name_key"], name="srisk_date"),
            models.Index(fields=["organization", "name_key"], name="srisk_name"),
            models.Index(fields=["organization", "code", "date"], name="srisk_code"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} {self.code}"

    @property
    def name(self) -> str:
        from peerpath.certification.alerts import RISK_NAMES

        return str(RISK_NAMES.get(self.code, self.code))


class Message(models.Model):
    """One message in the thread between a participant and the staff who support them
    (their current advocate and the program's coordinators). One thread per participant."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = EncryptedTextField(_("message"))
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["participant", "-created_at"])]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.participant_id} {self.created_at:%Y-%m-%d}"

    @property
    def from_participant(self) -> bool:
        return self.author_id == self.participant_id
