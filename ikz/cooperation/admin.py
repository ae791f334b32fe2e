from django.contrib import admin

from ikz.audit.admin import AuditedAdmin
from ikz.cooperation.models import CooperationField, TaskArea


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
