from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikz.api.models import ApiToken, TechnicalAccount
from ikz.forms import DateInput, KernFormMixin

MAX_VALIDITY_DAYS = 2 * 366  # a technical account's key is renewed at least every two years


class TokenForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
        help_texts = {"name": _("Wofür Sie den Schlüssel verwenden, z. B. „Fachverfahren Bauamt“.")}


class TechnicalTokenForm(KernFormMixin, forms.Form):
    """A read-only key of a technical account (created on first use of the name in the region)."""

    name = forms.CharField(
        label=_("Technisches Konto"),
        max_length=TechnicalAccount._meta.get_field("name").max_length,
        help_text=_("Das System, das den Schlüssel benutzt, z. B. „Fachverfahren Kreisverwaltung“."),
    )
    region: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Region"), queryset=None, empty_label=None
    )
    expires_on = forms.DateField(
        label=_("gültig bis einschließlich"),
        widget=DateInput(),
        help_text=_("Höchstens zwei Jahre; danach antwortet die Schnittstelle mit 401."),
    )

    def __init__(self, *args: Any, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region_field: Any = self.fields["region"]
        region_field.queryset = regions

    def clean_expires_on(self) -> dt.date:
        value: dt.date = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if value < today:
            raise forms.ValidationError(_("Das Ablaufdatum darf nicht in der Vergangenheit liegen."))
        if value > today + dt.timedelta(days=MAX_VALIDITY_DAYS):
            raise forms.ValidationError(_("Das Ablaufdatum darf höchstens zwei Jahre in der Zukunft liegen."))
        return value
