"""The back office (Django admin) writes the same audit trail as the application."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest

from ikz.audit.models import Action, AuditEntry, Versioned
from ikz.audit.rules import changed_fields
from ikz.audit.services import ConflictError, record


def _version_checked(form_class: type[ModelForm]) -> type[ModelForm]:
    """The admin form of a versioned model, refusing a save over somebody else's newer change."""

    class VersionCheckedForm(form_class):  # type: ignore[valid-type,misc]
        expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if self.instance.pk:
                self.fields["expected_version"].initial = self.instance.version

        def clean(self) -> dict[str, Any]:
            cleaned: dict[str, Any] = super().clean()
            sent = cleaned.get("expected_version")
            if self.instance.pk and sent is not None:
                current = (
                    type(self.instance)
                    ._default_manager.filter(pk=self.instance.pk)
                    .values_list("version", flat=True)
                    .first()
                )
                if current != sent:
                    raise forms.ValidationError(ConflictError(self.instance, {}).args[0], code="conflict")
            return cleaned

    return VersionCheckedForm


class AuditedAdmin(admin.ModelAdmin):
    """Records every save and delete made in the admin, with the changed fields.

    Versioned models get a hidden ``expected_version``: a save over a newer change is refused
    with the same message as in the application, and nothing is written.
    """

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if kwargs.get("fields"):
            kwargs["fields"] = [name for name in kwargs["fields"] if name != "expected_version"]
        form = super().get_form(request, obj, change=change, **kwargs)  # UserAdmin takes no positional change
        return _version_checked(form) if issubclass(self.model, Versioned) else form

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
