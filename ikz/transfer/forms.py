from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.forms import KernFormMixin
from ikz.municipalities.models import Region


class TransferForm(KernFormMixin, forms.Form):
    source = forms.ModelChoiceField(
        label=_("Einrichtung übernehmen aus"), queryset=Region.objects.order_by("name")
    )
    name = forms.CharField(
        label=_("Name der neuen Region"), max_length=200, help_text=_("z. B. IKZ Wetteraukreis")
    )
    slug = forms.SlugField(
        label=_("Kurzbezeichnung in Adressen"), max_length=80, help_text=_("z. B. wetteraukreis")
    )
