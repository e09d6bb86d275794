from __future__ import annotations

from django.contrib import admin

from peerpath.training.models import TrainingSettings


@admin.register(TrainingSettings)
class TrainingSettingsAdmin(admin.ModelAdmin):
    list_display = ["program", "pay_period", "pay_period_anchor"]
    list_select_related = ["program"]
