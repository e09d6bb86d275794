from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An in-app message, usually also sent by email, written in the person's language.

    `dedupe_key` makes a notification happen at most once: a reminder for the
    same deadline and offset can be created again by a second sweep, and the
    unique key refuses it. `emailed_at` is set only after the mail server
    accepted the email; until then the worker retries passing failures, and one
    that fails for good gets `email_failed_at` and is shown to staff.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=40)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=300, blank=True)
    dedupe_key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    send_email = models.BooleanField(default=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    # Delivery: tries so far, the last failure's reason, when the next try is due,
    # and when it was given up (a permanent refusal or retries exhausted).
    email_attempts = models.PositiveSmallIntegerField(_("email attempts"), default=0)
    email_error = models.CharField(_("email error"), max_length=300, blank=True)
    email_retry_at = models.DateTimeField(_("next email try"), null=True, blank=True)
    email_failed_at = models.DateTimeField(_("email failed"), null=True, blank=True)
    email_queued_at = models.DateTimeField(_("email retried by staff"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(
                fields=["-email_failed_at"],
                name="notification_email_failed",
                condition=models.Q(email_failed_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.subject
