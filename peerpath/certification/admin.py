from __future__ import annotations

from django.contrib import admin

from peerpath.certification.models import (
    CertificationCase,
    CertificationSettings,
    ContinuingEducation,
    ExamAttemptRecord,
)


@admin.register(CertificationSettings)
class CertificationSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "program",
        "application_fee",
        "exam_fee",
        "retake_fee",
        "renewal_fee",
        "renewal_window_days",
        "reminder_offsets",
    ]
    list_select_related = ["program"]


class ExamAttemptInline(admin.TabularInline):
    model = ExamAttemptRecord
    extra = 0


class ContinuingEducationInline(admin.TabularInline):
    model = ContinuingEducation
    extra = 0


@admin.register(CertificationCase)
class CertificationCaseAdmin(admin.ModelAdmin):
    list_display = [
        "participant",
        "application_submitted",
        "application_approved",
        "certified_on",
        "paused_until",
    ]
    list_select_related = ["participant"]
    search_fields = ["participant__email", "participant__full_name", "certification_number"]
    raw_id_fields = ["participant"]
    inlines = [ExamAttemptInline, ContinuingEducationInline]
