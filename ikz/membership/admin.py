from __future__ import annotations

from typing import Any

from django.contrib import admin

from ikz.audit.admin import AuditedAdmin
from ikz.membership.models import (
    Cooperative,
    DocumentTemplate,
    Member,
    Onboarding,
    OtherTurnover,
    Service,
    ServiceRequest,
)


@admin.register(Cooperative)
class CooperativeAdmin(AuditedAdmin):
    list_display = ("name", "city", "share_amount", "notice_months")


@admin.register(Onboarding)
class OnboardingAdmin(AuditedAdmin):
    list_display = ("municipality", "step", "status", "notice_sent_on")
    list_filter = ("step", "status")


@admin.register(Member)
class MemberAdmin(AuditedAdmin):
    list_display = ("number", "legal_name", "admitted_on", "exit_on")

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # exit is recorded, never deleted (§ 30 GenG)


@admin.register(Service)
class ServiceAdmin(AuditedAdmin):
    list_display = ("name", "category", "position", "is_active")
    list_filter = ("category", "is_active")


@admin.register(ServiceRequest)
class ServiceRequestAdmin(AuditedAdmin):
    list_display = ("service", "member", "requested_on", "status")


@admin.register(OtherTurnover)
class OtherTurnoverAdmin(AuditedAdmin):
    list_display = ("year", "amount", "description")


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(AuditedAdmin):
    list_display = ("kind", "title", "version")
