from __future__ import annotations

from django.contrib import admin

from ikz.audit.admin import AuditedAdmin
from ikz.documents.models import Document, DocumentVersion


class VersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    fields = ("number", "filename", "size", "content_type", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # files go through the upload checks of the application


@admin.register(Document)
class DocumentAdmin(AuditedAdmin):
    list_display = ("title", "doc_type", "date", "visibility", "region", "owner")
    list_filter = ("doc_type", "visibility", "region")
    search_fields = ("title",)
    inlines = (VersionInline,)

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        from ikz.search import index

        index.refresh(form.instance)
