from __future__ import annotations

from django import forms

from ikz.cooperation.models import CooperationField, TaskArea
from ikz.forms import KernFormMixin, VersionField


class TaskAreaForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = TaskArea
        fields = ["name", "position", "description"]


class CooperationFieldForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = CooperationField
        fields = ["name", "position", "description", "source"]
