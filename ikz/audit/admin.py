"""The back office (Django admin) writes the same audit trail as the application."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest

from ikz.audit.models import Action, AuditEntry
from ikz.audit.rules import changed_fields
from ikz.audit.services import record


class AuditedAdmin(admin.ModelAdmin):
    """Records every save and delete made in the admin, with the changed fields."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        before = {name: form.initial.get(name) for name in form.changed_data} if change else {}
        if change and hasattr(obj, "version"):
            obj.version += 1
        super().save_model(request, obj, form, change)
        after = {name: form.cleaned_data.get(name) for name in form.changed_data}
        record(
            obj,
            Action.UPDATE if change else Action.CREATE,
            actor=request.user,  # type: ignore[arg-type]
            changes=changed_fields(before, after),
            message="Verwaltung (Admin)",
        )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Inline rows (members, roles, figures …) are recorded on the parent object."""
        super().save_formset(request, form, formset, change)
        changes: dict[str, list[Any]] = {}
        label = str(formset.model._meta.verbose_name)
        for obj in formset.new_objects:
            changes[f"{label} {obj}"] = [None, str(obj)]
        for obj, fields in formset.changed_objects:
            changes[f"{label} {obj}"] = [", ".join(fields), str(obj)]
        for obj in formset.deleted_objects:
            changes[f"{label} {obj}"] = [str(obj), None]
        if changes:
            record(
                form.instance,
                Action.UPDATE,
                actor=request.user,  # type: ignore[arg-type]
                changes=changes,
                message="Verwaltung (Admin)",
            )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        record(obj, Action.DELETE, actor=request.user, message="Verwaltung (Admin)")  # type: ignore[arg-type]
        super().delete_model(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_label", "action", "object_repr", "message")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "actor_label", "message")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
