from django.contrib import admin

from peerpath.privacy.models import Erasure, RetentionSettings


@admin.register(RetentionSettings)
class RetentionSettingsAdmin(admin.ModelAdmin):
    list_display = ["program", "applications_years", "records_years"]


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    """Read-only: the record that someone's data was removed, without personal details."""

    list_display = ["erased_at", "former_user_id", "program", "rule", "requested_by"]
    list_filter = ["rule"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
