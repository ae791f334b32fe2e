"""The search form of the partner search (a GET form: filters, nothing is written)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.forms import KernFormMixin
from ikz.municipalities.models import Level, Municipality
from ikz.partners import access
from ikz.partners.queries import SIZE_CLASSES


class SearchForm(KernFormMixin, forms.Form):
    feld: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Kooperationsfeld"),
        queryset=Municipality.objects.none(),
        error_messages={
            "required": _("Bitte wählen Sie ein Kooperationsfeld."),
            "invalid_choice": _("Dieses Kooperationsfeld gibt es nicht."),
        },
    )
    kommune: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Aus Sicht von"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("Nachbarschaft, Größe und bestehende Verbindungen werden zu dieser Kommune bewertet."),
        error_messages={"invalid_choice": _("Aus Sicht dieser Kommune können Sie nicht suchen.")},
    )
    land = forms.ModelChoiceField(
        label=_("Land"),
        queryset=Municipality.objects.filter(level=Level.LAND).order_by("key"),
        required=False,
        error_messages={"invalid_choice": _("Dieses Land gibt es nicht.")},
    )
    kreis = forms.ModelChoiceField(
        label=_("Kreis"),
        queryset=Municipality.objects.filter(level=Level.KREIS).order_by("name"),
        required=False,
        error_messages={"invalid_choice": _("Diesen Kreis gibt es nicht.")},
    )
    groesse = forms.TypedChoiceField(
        label=_("Größenklasse (Einwohner)"),
        choices=[("", _("alle Größen")), *[(str(i), c.label) for i, c in enumerate(SIZE_CLASSES)]],
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Diese Größenklasse gibt es nicht.")},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        feld: Any = self.fields["feld"]
        feld.queryset = access.fields_for(user).order_by("task_area__position", "position")
        feld.label_from_instance = lambda f: f"{f.task_area.name}: {f.name}"
        kommune: Any = self.fields["kommune"]
        kommune.queryset = access.home_choices(user)
        kommune.empty_label = _("keine (nur nach Tätigkeit im Feld)")
        for name in ("land", "kreis"):
            choice: Any = self.fields[name]
            choice.empty_label = _("alle")
            choice.label_from_instance = lambda m: m.name
