"""Reference data: specializations, training providers, competency frameworks, careers.

Loaded from the versioned files in `catalog/data/` by `peerpath load-reference`
and editable in the admin afterwards.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.lib.localized import localized


class Bilingual(models.Model):
    class Meta:
        abstract = True

    def tr(self, field: str) -> str:
        return localized(self, field)


class CodedName(Bilingual):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (English)"), max_length=200)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class ReferenceDataset(models.Model):
    """Which version of each data file is loaded, so admin edits are not overwritten."""

    name = models.CharField(max_length=64, unique=True)
    version = models.PositiveIntegerField()
    loaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reference data set")
        verbose_name_plural = _("reference data sets")

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class Specialization(Bilingual):
    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name (English)"), max_length=200)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True)
    summary = models.TextField(_("summary (English)"), blank=True)
    summary_es = models.TextField(_("summary (Spanish)"), blank=True)
    hours = models.PositiveSmallIntegerField(_("course hours"), default=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("specialization")
        verbose_name_plural = _("specializations")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class SpecializationCompetency(Bilingual):
    specialization = models.ForeignKey(
        Specialization, on_delete=models.CASCADE, related_name="competencies"
    )
    group = models.CharField(_("group (English)"), max_length=200, blank=True)
    group_es = models.CharField(_("group (Spanish)"), max_length=200, blank=True)
    name = models.CharField(_("name (English)"), max_length=200)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["specialization", "order"]
        verbose_name = _("specialization competency")
        verbose_name_plural = _("specialization competencies")

    def __str__(self) -> str:
        return self.name


class TrainingMethod(CodedName):
    class Meta(CodedName.Meta):
        verbose_name = _("training method")
        verbose_name_plural = _("training methods")


class Modality(CodedName):
    class Meta(CodedName.Meta):
        verbose_name = _("training modality")
        verbose_name_plural = _("training modalities")


# Methods that let someone take part from anywhere with an internet connection.
ONLINE_METHOD_CODES = ("online_live", "asynchronous")


def parse_start_dates(text: str) -> list[dt.date]:
    """ "2027-01-11, 2027-03-01" → the dates, in order; ValueError on anything else."""
    return sorted(dt.date.fromisoformat(part.strip()) for part in text.split(",") if part.strip())


def validate_start_dates(value: str) -> None:
    try:
        parse_start_dates(value)
    except ValueError as error:
        raise ValidationError(
            _("Write dates as YYYY-MM-DD separated by commas, e.g. 2027-01-11, 2027-03-01")
        ) from error


class Provider(Bilingual):
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("abbreviation"), max_length=80, blank=True)
    website = models.URLField(_("website"), blank=True)
    location_text = models.CharField(_("locations as published"), max_length=200, blank=True)
    statewide = models.BooleanField(_("serves the whole state"), default=False)
    specializations = models.ManyToManyField(
        Specialization, blank=True, related_name="providers", verbose_name=_("specializations")
    )
    methods = models.ManyToManyField(
        TrainingMethod, blank=True, related_name="providers", verbose_name=_("training methods")
    )
    modalities = models.ManyToManyField(
        Modality, blank=True, related_name="providers", verbose_name=_("modalities")
    )
    offers_core_training = models.BooleanField(_("offers the 80-hour core training"), default=False)
    approved_for_core = models.BooleanField(
        _("approved to deliver core training for certification"), default=False
    )
    schedule = models.CharField(_("schedule (English)"), max_length=300, blank=True)
    schedule_es = models.CharField(_("schedule (Spanish)"), max_length=300, blank=True)
    hours = models.PositiveSmallIntegerField(_("hours"), null=True, blank=True)
    hours_note = models.CharField(_("hours note (English)"), max_length=200, blank=True)
    hours_note_es = models.CharField(_("hours note (Spanish)"), max_length=200, blank=True)
    notes = models.TextField(_("notes (English)"), blank=True)
    notes_es = models.TextField(_("notes (Spanish)"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    languages = models.CharField(
        _("languages taught in"),
        max_length=40,
        blank=True,
        help_text=_("Language codes separated by commas: en, es"),
    )
    cost = models.CharField(
        _("cost"), max_length=200, blank=True, help_text=_("For example: Free, or $1,300")
    )
    next_starts = models.CharField(
        _("next start dates"),
        max_length=200,
        blank=True,
        validators=[validate_start_dates],
        help_text=_("Dates as YYYY-MM-DD separated by commas"),
    )
    is_active = models.BooleanField(_("listed"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("training provider")
        verbose_name_plural = _("training providers")

    def __str__(self) -> str:
        return self.name

    @property
    def upcoming_starts(self) -> list[dt.date]:
        """Start dates from today on (unreadable text gives none)."""
        try:
            dates = parse_start_dates(self.next_starts)
        except ValueError:
            return []
        today = timezone.localdate()
        return [day for day in dates if day >= today]

    @property
    def language_names(self) -> list[str]:
        names = {"en": "English", "es": "Español"}
        return [
            names.get(code.strip(), code.strip())
            for code in self.languages.split(",")
            if code.strip()
        ]


class ProviderLocation(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="locations")
    label = models.CharField(_("place"), max_length=200)
    zip_code = models.CharField(_("ZIP code"), max_length=5)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        ordering = ["provider", "label"]
        verbose_name = _("in-person location")
        verbose_name_plural = _("in-person locations")
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self) -> str:
        return f"{self.label} ({self.zip_code})"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        from peerpath.catalog.geo import zip_centroid

        if self.latitude is None or self.longitude is None:
            centroid = zip_centroid(self.zip_code)
            if centroid is not None:
                self.latitude, self.longitude = centroid
        super().save(*args, **kwargs)


class Framework(models.TextChoices):
    SAMHSA = "samhsa", _("SAMHSA core competencies for peer workers")
    SB803 = "sb803", _("SB 803 core competencies (80-hour training)")
    OSHPD = "oshpd", _("OSHPD sample core competencies")
    NAPS = "naps", _("N.A.P.S. core values")


class Competency(CodedName):
    framework = models.CharField(_("framework"), max_length=16, choices=Framework.choices)
    numeral = models.CharField(_("numeral"), max_length=8, blank=True)

    class Meta(CodedName.Meta):
        ordering = ["framework", "order"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")


class CompetencyItem(Bilingual):
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("text (English)"), max_length=400)
    text_es = models.CharField(_("text (Spanish)"), max_length=400, blank=True)

    class Meta:
        ordering = ["competency", "number"]
        unique_together = [("competency", "number")]
        verbose_name = _("competency item")
        verbose_name_plural = _("competency items")

    def __str__(self) -> str:
        return f"{self.competency.numeral}.{self.number} {self.text}"


class Described(CodedName):
    description = models.TextField(_("description (English)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)

    class Meta(CodedName.Meta):
        abstract = True


class EmployerType(Described):
    class Meta(Described.Meta):
        verbose_name = _("employer type")
        verbose_name_plural = _("employer types")


class JobTitle(Described):
    """A job title; `description` says what the role involves."""

    class Level(models.TextChoices):
        ENTRY = "entry", _("Peer role")
        MANAGEMENT = "management", _("Supervision and management")

    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.ENTRY)

    class Meta(CodedName.Meta):
        verbose_name = _("job title")
        verbose_name_plural = _("job titles")


class FurtherTraining(Described):
    website = models.URLField(_("website"), blank=True)

    class Meta(Described.Meta):
        verbose_name = _("further training")
        verbose_name_plural = _("further trainings")
