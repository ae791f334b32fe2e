from __future__ import annotations

from django.contrib import admin

from ikz.audit.admin import AuditedAdmin
from ikz.costs.models import (
    Allocation,
    AllocationKey,
    GrantApplication,
    GrantProgramme,
    PositionCost,
    SavingsEntry,
    StaffingStudy,
)


@admin.register(GrantProgramme)
class GrantProgrammeAdmin(AuditedAdmin):
    list_display = (
        "name",
        "giver",
        "min_participants",
        "min_duration_years",
        "min_savings_percent",
        "verified_on",
    )


@admin.register(GrantApplication)
class GrantApplicationAdmin(AuditedAdmin):
    list_display = ("cooperation", "programme", "status", "amount_awarded")
    list_filter = ("status", "programme")


@admin.register(PositionCost)
class PositionCostAdmin(AuditedAdmin):
    list_display = ("pay_grade", "year", "personnel_cost", "material_cost", "overhead_percent", "mark")


@admin.register(AllocationKey)
class AllocationKeyAdmin(AuditedAdmin):
    list_display = ("cooperation", "kind", "base_percent", "stichtag")


@admin.register(Allocation)
class AllocationAdmin(AuditedAdmin):
    """Read-only in the back office: allocations change only through the application's services."""

    list_display = ("cooperation", "year", "number", "status", "total", "net")
    list_filter = ("status", "year")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(SavingsEntry)
class SavingsEntryAdmin(AuditedAdmin):
    list_display = ("cooperation", "year_from", "year_to", "kind", "amount")


@admin.register(StaffingStudy)
class StaffingStudyAdmin(AuditedAdmin):
    list_display = ("cooperation", "task", "net_hours_per_fte")
