from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from peerpath.intake.models import EthicsDocument, EthicsSignature


@admin.register(EthicsDocument)
class EthicsDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "published_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: EthicsDocument | None = None):  # type: ignore[no-untyped-def]
        # A published version is what people signed: it can no longer change.
        if obj is not None and obj.published_at is not None:
            return ["version", "title", "title_es", "body", "body_es", "published_at"]
        return []


@admin.register(EthicsSignature)
class EthicsSignatureAdmin(admin.ModelAdmin):
    list_display = ["signed_at", "user", "typed_name", "document"]
    list_select_related = ["user", "document"]
    search_fields = ["user__email", "typed_name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
