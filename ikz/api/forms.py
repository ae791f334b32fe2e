from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.api.models import ApiToken
from ikz.forms import KernFormMixin


class TokenForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
        help_texts = {"name": _("Wofür Sie den Schlüssel verwenden, z. B. „Fachverfahren Bauamt“.")}
