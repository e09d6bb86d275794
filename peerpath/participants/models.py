"""The advocate's contact log and participants' pauses."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
    summary = models.TextField(_("summary"))
    staff_only = models.BooleanField(_("staff only"), default=False)
    staff_only_reason = models.CharField(_("why staff only"), max_length=300, blank=True)
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
    reason = models.CharField(_("reason"), max_length=300)
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


class Message(models.Model):
    """One message in the thread between a participant and the staff who support them
    (their current advocate and the program's coordinators). One thread per participant."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("message"))
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
