from django.contrib import admin

from ikz.health.models import TimerRun


@admin.register(TimerRun)
class TimerRunAdmin(admin.ModelAdmin):
    list_display = ("name", "started_at", "succeeded_at", "failed_at", "host")
    readonly_fields = ("name", "started_at", "succeeded_at", "failed_at", "error", "host")
