from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.forms import KernFormMixin, LongSelect
from ikz.municipalities.models import Region
from ikz.pagecache.queries import remember
from ikz.search.queries import Filters
from ikz.search.registry import FILTERS, SOURCES

EMPTY = "---------"  # Django's empty choice of a model's select, as before


def _choices() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(fields of cooperation, regions): the pairs of the two long selects."""
    assert FILTERS.fields is not None, "the cooperation app registers the fields (sources.py)"
    fields = [(f.pk, str(f)) for f in FILTERS.fields()]
    return fields, list(Region.objects.order_by("name").values_list("pk", "name"))


class SearchForm(KernFormMixin, forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), max_length=200, required=False)
    # LongSelect everywhere: the 60 fields of cooperation, the kinds and the sources rendered
    # through a template per option cost about a fifth of the search page (make bench, national).
    quelle = forms.ChoiceField(label=_("Was"), required=False, widget=LongSelect)
    art = forms.ChoiceField(label=_("Art des Dokuments"), required=False, widget=LongSelect)
    # the cooperation app registers the fields; one option per region: 400 with the national set.
    # Their choices are read once per data generation (decision 205), not on every search.
    feld = forms.TypedChoiceField(
        label=_("Kooperationsfeld"), coerce=int, empty_value=None, required=False, widget=LongSelect
    )
    region = forms.TypedChoiceField(
        label=_("Region"), coerce=int, empty_value=None, required=False, widget=LongSelect
    )
    jahr = forms.IntegerField(label=_("Jahr"), min_value=1900, max_value=2100, required=False)

    def __init__(self, *args: Any, public: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
        sources = [(k, s.label) for k, s in SOURCES.items() if not public or s.public is not None]
        self.fields["quelle"].choices = [("", _("alles")), *sources]  # type: ignore[attr-defined]
        self.fields["art"].choices = [("", _("alle")), *FILTERS.kinds]  # type: ignore[attr-defined]
        fields, regions = remember("search-form-choices", _choices)
        self.fields["feld"].choices = [("", EMPTY), *fields]  # type: ignore[attr-defined]
        self.fields["region"].choices = [("", EMPTY), *regions]  # type: ignore[attr-defined]
        if public:
            del self.fields["feld"]

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            source=data.get("quelle") or "",
            kind=data.get("art") or "",
            field_id=data.get("feld"),
            region_id=data.get("region"),
            year=data.get("jahr"),
        )
