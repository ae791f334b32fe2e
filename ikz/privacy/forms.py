from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikz.forms import DateInput, KernFormMixin


class FindForm(KernFormMixin, forms.Form):
    q = forms.CharField(label=_("Name oder E-Mail-Adresse"), max_length=200, min_length=2)


class ExportForm(KernFormMixin, forms.Form):
    requested_on = forms.DateField(
        label=_("Anfrage eingegangen am"),
        initial=timezone.localdate,
        widget=DateInput(),
    )


class AccessForm(ExportForm):
    """The Art. 15 answer: a readable PDF for the person, or the complete JSON file."""

    PDF = "pdf"
    JSON = "json"
    fmt = forms.ChoiceField(
        label=_("Form der Auskunft"),
        choices=[
            (PDF, _("Lesbare Zusammenfassung (PDF) – zum Versand an die Person")),
            (JSON, _("Maschinenlesbare Datei (JSON) – vollständig, für Art. 20 DSGVO")),
        ],
        initial=PDF,
        widget=forms.RadioSelect,
    )


class ErasureForm(ExportForm):
    confirm = forms.BooleanField(
        label=_("Ich habe die Identität der Person geprüft und möchte ihre Daten jetzt löschen."),
        help_text=_("Die Löschung kann nicht rückgängig gemacht werden."),
        error_messages={"required": _("Bitte bestätigen Sie die Löschung ausdrücklich.")},
    )
