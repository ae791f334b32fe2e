from django.contrib import admin

from ikz.audit.admin import AuditedAdmin
from ikz.cooperation.models import (
    CooperationField,
    Notice,
    NoticeReminder,
    Operation,
    OperationPeriod,
    ParticipationSpan,
    TaskArea,
)


class FieldInline(admin.TabularInline):
    model = CooperationField
    extra = 0
    fields = ("name", "position", "source")


@admin.register(TaskArea)
class TaskAreaAdmin(AuditedAdmin):
    list_display = ("position", "name")
    inlines = (FieldInline,)


@admin.register(CooperationField)
class CooperationFieldAdmin(AuditedAdmin):
    list_display = ("name", "task_area", "position")
    list_filter = ("task_area",)
    search_fields = ("name",)


class PeriodInline(admin.TabularInline):
    model = OperationPeriod
    extra = 0


@admin.register(Operation)
class OperationAdmin(AuditedAdmin):
    list_display = (
        "cooperation",
        "start",
        "initial_months",
        "auto_renewal",
        "notice_months",
        "staff_positions",
    )
    search_fields = ("cooperation__title",)
    inlines = (PeriodInline,)


@admin.register(ParticipationSpan)
class ParticipationSpanAdmin(AuditedAdmin):
    list_display = ("cooperation", "municipality", "joined_on", "left_on")
    list_filter = ("cooperation",)


@admin.register(Notice)
class NoticeAdmin(AuditedAdmin):
    list_display = ("cooperation", "municipality", "given_on", "effective_on")


@admin.register(NoticeReminder)
class NoticeReminderAdmin(AuditedAdmin):
    list_display = ("cooperation", "deadline", "days_before", "sent_at")
