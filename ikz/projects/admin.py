from django.contrib import admin

from ikz.audit.admin import AuditedAdmin
from ikz.projects.models import Milestone, Participation, Project, SteeringDecision, TransitionLog


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("title", "planned", "forecast", "reached")


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    fields = ("municipality", "status", "role_pl", "role_pg", "role_ag", "role_lkg", "confirmed_at")


@admin.register(Project)
class ProjectAdmin(AuditedAdmin):
    list_display = ("title", "region", "status", "year", "lead_municipality")
    list_filter = ("region", "status")
    search_fields = ("title",)
    inlines = (MilestoneInline, ParticipationInline)


@admin.register(SteeringDecision)
class SteeringDecisionAdmin(AuditedAdmin):
    list_display = ("project", "date", "text")
    list_filter = ("project__region",)


@admin.register(TransitionLog)
class TransitionLogAdmin(admin.ModelAdmin):
    """The lifecycle log is written by the services only; the back office reads it."""

    list_display = ("project", "at", "actor_label", "from_status", "to_status")
    readonly_fields = ("project", "at", "actor", "actor_label", "from_status", "to_status", "reason")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
