from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from peerpath.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "subject", "emailed_at", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["user"]
    search_fields = ["user__email", "subject"]

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
