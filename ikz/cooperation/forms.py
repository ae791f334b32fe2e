from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import Cooperation, CooperationField, ParticipantStatus, TaskArea
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


class CooperationForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Cooperation
        fields = [
            "field",
            "title",
            "description",
            "symbol",
            "legal_form",
            "since_year",
            "external_partners",
            "source",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "external_partners": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["symbol"].required = False
        self.fields["symbol"].help_text = _(
            "Leer lassen: das nächste freie Zeichen des Feldes wird vergeben."
        )
        self.fields["field"].queryset = CooperationField.objects.select_related("task_area").order_by(  # type: ignore[attr-defined]
            "task_area__position", "position", "name"
        )
        self.fields["field"].label_from_instance = lambda f: f"{f.task_area.name} – {f.name}"  # type: ignore[attr-defined]


class ParticipantForm(KernFormMixin, forms.Form):
    """One member of the region: takes part or not, and how."""

    municipality_id = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Stand"), required=False, choices=[("", _("nicht beteiligt")), *ParticipantStatus.choices]
    )
    planned_by = forms.DateField(
        label=_("voraussichtlich bis"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Grund, falls nicht zustande gekommen"), required=False)
    is_lead = forms.BooleanField(label=_("federführend"), required=False)


ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=0)
