from __future__ import annotations

from django.contrib import admin

from ikz.audit.admin import AuditedAdmin
from ikz.portal.models import News, PublishedCooperation


@admin.register(News)
class NewsAdmin(AuditedAdmin):
    list_display = ("title", "region", "date", "published")
    list_filter = ("published", "region")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(PublishedCooperation)
class PublishedCooperationAdmin(AuditedAdmin):
    list_display = ("cooperation", "published_at")
    autocomplete_fields = ()
