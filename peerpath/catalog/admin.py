from __future__ import annotations

from django.contrib import admin

from peerpath.catalog.models import (
    Competency,
    CompetencyItem,
    EmployerType,
    FurtherTraining,
    JobTitle,
    Modality,
    Provider,
    ProviderLocation,
    ReferenceDataset,
    Specialization,
    SpecializationCompetency,
    TrainingMethod,
)


class SpecializationCompetencyInline(admin.TabularInline):
    model = SpecializationCompetency
    extra = 0


@admin.register(Specialization)
class SpecializationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_es", "hours"]
    inlines = [SpecializationCompetencyInline]


class ProviderLocationInline(admin.TabularInline):
    model = ProviderLocation
    extra = 0
    fields = ["label", "zip_code", "latitude", "longitude"]
    readonly_fields = ["latitude", "longitude"]


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "short_name",
        "location_text",
        "hours",
        "approved_for_core",
        "is_active",
    ]
    list_filter = ["specializations", "methods", "modalities", "approved_for_core", "is_active"]
    search_fields = ["name", "short_name", "location_text"]
    filter_horizontal = ["specializations", "methods", "modalities"]
    inlines = [ProviderLocationInline]


class CompetencyItemInline(admin.TabularInline):
    model = CompetencyItem
    extra = 0


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ["code", "framework", "numeral", "name", "name_es"]
    list_filter = ["framework"]
    inlines = [CompetencyItemInline]


@admin.register(TrainingMethod, Modality, FurtherTraining, EmployerType)
class CodedNameAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_es", "order"]


@admin.register(JobTitle)
class JobTitleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_es", "level", "order"]
    list_filter = ["level"]


@admin.register(ReferenceDataset)
class ReferenceDatasetAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "loaded_at"]
    readonly_fields = ["name", "version", "loaded_at"]
