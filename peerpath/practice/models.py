from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PracticeProfile(models.Model):
    """A participant's choice about keeping practice history (off until they turn it on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_profile"
    )
    keep_history = models.BooleanField(_("keep my practice history"), default=False)

    class Meta:
        verbose_name = _("practice preference")
        verbose_name_plural = _("practice preferences")

    def __str__(self) -> str:
        return f"{self.user}: keep history={self.keep_history}"


class PracticeAttempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_attempts"
    )
    exercise = models.CharField(_("exercise"), max_length=40, db_index=True)
    prompt_code = models.CharField(_("prompt"), max_length=20)
    response = models.TextField(_("response"), blank=True)
    choice = models.CharField(_("choice"), max_length=40, blank=True)
    label = models.CharField(_("kind of response"), max_length=40, blank=True)
    subtype = models.CharField(_("subtype"), max_length=40, blank=True)
    confidence = models.FloatField(_("confidence"), null=True, blank=True)
    meets_goal = models.BooleanField(_("met the goal"))
    shared_with_staff = models.BooleanField(_("shared with my advocate"), default=False)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("practice attempt")
        verbose_name_plural = _("practice attempts")
        indexes = [models.Index(fields=["user", "exercise"])]

    def __str__(self) -> str:
        return f"{self.exercise} {self.prompt_code} ({self.created_at:%Y-%m-%d})"
