from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from peerpath.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_label", "action", "object_type", "object_id", "subject"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_id", "request_id"]
    list_select_related = ["subject"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
