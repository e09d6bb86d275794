from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from peerpath.accounts.models import Cohort, Organization, Program, User


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "organization", "time_zone", "age_min", "age_max"]
    list_filter = ["organization"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "starts_on", "ends_on"]
    list_filter = ["program"]
    search_fields = ["name"]
    list_select_related = ["program"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "organization", "program", "is_active"]
    list_filter = ["role", "organization", "program", "is_active"]
    search_fields = ["email", "full_name", "preferred_name"]
    list_select_related = ["organization", "program"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "preferred_name", "language")}),
        (
            _("Role"),
            {
                "fields": (
                    "role",
                    "organization",
                    "program",
                    "cohort",
                    "advocate",
                    "paused_until",
                    "is_active",
                    "is_superuser",
                )
            },
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "role", "organization", "program", "password1", "password2"),
            },
        ),
    )
    filter_horizontal: tuple[str, ...] = ()
