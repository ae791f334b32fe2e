from __future__ import annotations

from django.contrib import admin

from ikz.audit.admin import AuditedAdmin
from ikz.network.models import Need, ReuseInterest, Solution


class _Indexed(AuditedAdmin):
    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        from ikz.search import index

        index.refresh(form.instance)


@admin.register(Solution)
class SolutionAdmin(_Indexed):
    list_display = ("title", "field", "owner", "last_confirmed")
    list_filter = ("field__task_area",)


@admin.register(Need)
class NeedAdmin(_Indexed):
    list_display = ("title", "field", "owner", "last_confirmed")


@admin.register(ReuseInterest)
class ReuseInterestAdmin(AuditedAdmin):
    list_display = ("solution", "municipality", "created_at")
