"""People, organizations and programs.

Staff (advocates, coordinators, administrators) belong to one organization; a
participant belongs to one program. Administrators without an organization
manage the whole installation.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.accounts.roles import STAFF_ROLES, Role
from peerpath.lib.localized import localized

__all__ = ["STAFF_ROLES", "Cohort", "Organization", "Program", "Role", "StaffInvitation", "User"]


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name


class Program(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="programs"
    )
    name = models.CharField(_("name"), max_length=200)
    name_es = models.CharField(
        _("name in Spanish"),
        max_length=200,
        blank=True,
        help_text=_("Leave blank to use the name."),
    )
    slug = models.SlugField(_("short name"), unique=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="America/Los_Angeles")
    jurisdiction = models.CharField(_("certification jurisdiction"), max_length=8, default="CA")
    age_min = models.PositiveSmallIntegerField(_("youngest eligible age"), default=18)
    age_max = models.PositiveSmallIntegerField(_("oldest eligible age"), default=24)
    accepts_applications = models.BooleanField(
        _("taking applications"),
        default=True,
        help_text=_("When off, the program is not offered to new applicants."),
    )
    counties = models.CharField(
        _("counties served"),
        max_length=300,
        blank=True,
        help_text=_("For example: Riverside, San Bernardino"),
    )
    languages = models.CharField(
        _("languages of the training"),
        max_length=20,
        default="en,es",
        help_text=_("Language codes separated by commas: en, es"),
    )
    min_cell = models.PositiveSmallIntegerField(
        _("smallest group shown in reports"),
        default=11,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("Report counts below this number are hidden so nobody can be singled out."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(age_min__lte=models.F("age_max")),
                name="program_age_band_ordered",
            )
        ]

    def __str__(self) -> str:
        return localized(self, "name")

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The program's time zone; the installation's when the stored name is unknown."""
        try:
            return zoneinfo.ZoneInfo(self.time_zone or settings.TIME_ZONE)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    def today(self) -> dt.date:
        return timezone.localdate(timezone=self.zone)

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(code.strip() for code in self.languages.split(",") if code.strip())


class Cohort(models.Model):
    """A group of participants who start the program's core training together.

    `starts_on`/`ends_on` are the core training's dates: progress is measured
    against them ("hours behind the cohort's schedule").
    """

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(_("name"), max_length=100)
    name_es = models.CharField(
        _("name in Spanish"),
        max_length=100,
        blank=True,
        help_text=_("Leave blank to use the name."),
    )
    starts_on = models.DateField(_("training starts"))
    ends_on = models.DateField(_("training ends"))
    capacity = models.PositiveSmallIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_(
            "Leave empty for no limit. When it is full, applicants go on its waiting list."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="cohort_name_unique"),
            models.CheckConstraint(
                condition=models.Q(starts_on__lte=models.F("ends_on")),
                name="cohort_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return localized(self, "name")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def lock(self, user: User) -> None:
        """Serialise writes about one person inside a transaction: concurrent requests
        for the same person wait their turn (SQLite already locks the whole file)."""
        self.select_for_update(of=("self",)).filter(pk=user.pk).first()

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("role", Role.ADMINISTRATOR)
        fields["is_superuser"] = True
        fields.pop("is_staff", None)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("en", "English"), ("es", "Español")],
        default="en",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("organization"),
    )
    program = models.ForeignKey(
        Program,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("program"),
    )
    advocate = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="caseload",
        limit_choices_to={"role": Role.ADVOCATE},
        verbose_name=_("peer support advocate"),
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("cohort"),
    )
    work_programs = models.ManyToManyField(
        Program,
        blank=True,
        related_name="staff_members",
        verbose_name=_("programs they work in"),
    )
    paused_until = models.DateField(
        _("paused until"),
        null=True,
        blank=True,
        help_text=_("While paused: no nudges and no at-risk flags. History is kept."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # A participant is never attached to an organization's staff, and vice versa.
            models.CheckConstraint(
                condition=~models.Q(role="participant") | models.Q(organization__isnull=True),
                name="participant_has_no_staff_organization",
            ),
            models.CheckConstraint(
                condition=models.Q(role="participant") | models.Q(program__isnull=True),
                name="staff_have_no_program",
            ),
            models.CheckConstraint(
                condition=models.Q(role="participant") | models.Q(advocate__isnull=True),
                name="only_participants_have_an_advocate",
            ),
            models.CheckConstraint(
                condition=models.Q(role="participant") | models.Q(cohort__isnull=True),
                name="only_participants_have_a_cohort",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.preferred_name or self.full_name or self.email

    @property
    def greeting_name(self) -> str:
        """The name to greet the person by; empty when only the email is known."""
        return self.preferred_name or self.full_name

    @property
    def is_installation_admin(self) -> bool:
        """The administrator of the whole installation (no organization)."""
        return self.is_active and self.role == Role.ADMINISTRATOR and self.organization_id is None

    @property
    def is_staff(self) -> bool:  # type: ignore[override]
        """Only the installation's administrators reach the Django admin; an
        organization's administrators run it from PeerPath's own pages."""
        return self.is_installation_admin

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        """The installation's administrator may do everything the Django admin offers
        (each model admin still limits what it shows, e.g. the append-only audit log)."""
        return self.is_installation_admin or super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_installation_admin or super().has_module_perms(app_label)

    @property
    def has_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    def is_paused(self, today: dt.date) -> bool:
        """Paused participants get no nudges and raise no flags, up to and including the day."""
        return self.paused_until is not None and today <= self.paused_until

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.display_name


class StaffInvitation(models.Model):
    """An emailed link with which a new staff member sets a password, then a second factor.

    The account exists, inactive, from the moment of the invitation; the link is
    signed, expires and works once (`accepted_at`). Sending a new invitation
    withdraws the older ones (`withdrawn_at`).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("staff invitation")
        verbose_name_plural = _("staff invitations")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"
