from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ikz.forms import KernFormMixin
from ikz.municipalities.models import Region


class TransferForm(KernFormMixin, forms.Form):
    target = forms.ModelChoiceField(
        label=_("Übernehmen in die Region"),
        queryset=Region.objects.none(),
        help_text=_("Regionen, deren Geschäftsstelle Sie sind."),
    )
    source = forms.ModelChoiceField(
        label=_("Einrichtung übernehmen aus"), queryset=Region.objects.order_by("name")
    )

    def __init__(self, *args: Any, targets: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target: forms.ModelChoiceField = self.fields["target"]  # type: ignore[assignment]
        target.queryset = targets
        target.error_messages["invalid_choice"] = _(
            "In diese Region können Sie nichts übernehmen: Sie sind nicht ihre Geschäftsstelle."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") and data.get("source") == data.get("target"):
            self.add_error("source", _("Bitte wählen Sie eine andere Region als Vorlage."))
        return data
