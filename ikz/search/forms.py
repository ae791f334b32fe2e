from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.forms import KernFormMixin, LongSelect
from ikz.municipalities.models import Region
from ikz.search.queries import Filters
from ikz.search.registry import FILTERS, SOURCES


class SearchForm(KernFormMixin, forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), max_length=200, required=False)
    # LongSelect everywhere: the 60 fields of cooperation, the kinds and the sources rendered
    # through a template per option cost about a fifth of the search page (make bench, national).
    quelle = forms.ChoiceField(label=_("Was"), required=False, widget=LongSelect)
    art = forms.ChoiceField(label=_("Art des Dokuments"), required=False, widget=LongSelect)
    feld: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Kooperationsfeld"),
        queryset=None,
        required=False,  # the cooperation app registers them
        widget=LongSelect,
    )
    region = forms.ModelChoiceField(  # one option per region: 400 with the national set
        label=_("Region"), queryset=Region.objects.none(), required=False, widget=LongSelect
    )
    jahr = forms.IntegerField(label=_("Jahr"), min_value=1900, max_value=2100, required=False)

    def __init__(self, *args: Any, public: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
        sources = [(k, s.label) for k, s in SOURCES.items() if not public or s.public is not None]
        self.fields["quelle"].choices = [("", _("alles")), *sources]  # type: ignore[attr-defined]
        self.fields["art"].choices = [("", _("alle")), *FILTERS.kinds]  # type: ignore[attr-defined]
        feld: forms.ModelChoiceField = self.fields["feld"]  # type: ignore[assignment]
        assert FILTERS.fields is not None, "the cooperation app registers the fields (sources.py)"
        feld.queryset = FILTERS.fields()
        region: forms.ModelChoiceField = self.fields["region"]  # type: ignore[assignment]
        region.queryset = Region.objects.only("pk", "name").order_by("name")  # 400 options: no other columns
        if public:
            del self.fields["feld"]

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            source=data.get("quelle") or "",
            kind=data.get("art") or "",
            field_id=data["feld"].pk if data.get("feld") else None,
            region_id=data["region"].pk if data.get("region") else None,
            year=data.get("jahr"),
        )
