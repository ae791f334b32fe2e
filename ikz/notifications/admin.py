from __future__ import annotations

from django.contrib import admin

from ikz.notifications.models import Mail, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "text", "due_date", "created_at", "read_at", "emailed_at")
    list_filter = ("kind",)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Mail)
class MailAdmin(admin.ModelAdmin):
    list_display = ("subject", "created_at", "sent_at", "region")
    search_fields = ("key", "subject")
    exclude = ("body",)  # may hold a secret link until sent

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
