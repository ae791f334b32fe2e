from __future__ import annotations

from django.contrib import admin

from ikz.audit.admin import AuditedAdmin
from ikz.interests.models import Declaration, InterestCall, Proposal, Topic


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 0
    fields = ("position", "label", "task_area", "field")


@admin.register(InterestCall)
class InterestCallAdmin(AuditedAdmin):
    list_display = ("title", "region", "status", "deadline")
    list_filter = ("status", "region")
    inlines = (TopicInline,)


@admin.register(Declaration)
class DeclarationAdmin(AuditedAdmin):
    list_display = ("municipality", "call", "status", "submitted_at")
    list_filter = ("status", "call")


@admin.register(Proposal)
class ProposalAdmin(AuditedAdmin):
    list_display = ("title", "call", "status", "created_at")
    list_filter = ("status",)
