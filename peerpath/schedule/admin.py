from __future__ import annotations

from django.contrib import admin

from peerpath.schedule.models import (
    AdvocateMessage,
    Attendance,
    Booking,
    OccurrenceChange,
    ProgramContact,
    ScheduleSettings,
    SessionSeries,
)


@admin.register(ScheduleSettings)
class ScheduleSettingsAdmin(admin.ModelAdmin):
    list_display = ["program", "absence_threshold", "reminder_hours", "check_in_opens_minutes"]
    list_select_related = ["program"]


class OccurrenceChangeInline(admin.TabularInline):
    model = OccurrenceChange
    extra = 0
    raw_id_fields = ["changed_by"]


@admin.register(SessionSeries)
class SessionSeriesAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "program",
        "kind",
        "recurrence",
        "start_time",
        "end_time",
        "is_public",
        "bookable",
        "is_active",
    ]
    list_filter = ["program", "kind", "is_active"]
    list_select_related = ["program"]
    inlines = [OccurrenceChangeInline]


@admin.register(ProgramContact)
class ProgramContactAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "program", "email", "phone", "order"]
    list_filter = ["program", "role"]
    list_select_related = ["program"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["occurrence_date", "series", "user", "created_at", "cancelled_at"]
    list_select_related = ["series", "user"]
    raw_id_fields = ["user"]
    search_fields = ["user__email"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "series", "participant", "status", "source"]
    list_select_related = ["series", "participant"]
    raw_id_fields = ["participant", "recorded_by"]
    search_fields = ["participant__email"]


@admin.register(AdvocateMessage)
class AdvocateMessageAdmin(admin.ModelAdmin):
    # The text stays with the people it was written for; the admin sees only that it exists.
    list_display = ["created_at", "participant", "advocate", "read_at"]
    list_select_related = ["participant", "advocate"]
    fields = ["participant", "advocate", "created_at", "read_at"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False
