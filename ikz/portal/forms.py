"""The office's forms for the portal: a news item, and the button that publishes it from a day."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.forms import DateInput, KernFormMixin, VersionField
from ikz.portal.models import News

CHOICE_INVALID = _("Die Auswahl „veröffentlichen“ ist ungültig. Bitte laden Sie die Seite neu.")


class NewsForm(KernFormMixin, forms.ModelForm):
    version = VersionField()

    class Meta:
        model = News
        fields = ["title", "date", "text"]
        widgets = {"date": DateInput(), "text": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "date": _("Unter diesem Datum erscheint die Neuigkeit; das Portal zeigt sie erst ab diesem Tag."),
            "text": _("Absätze durch Leerzeilen trennen."),
        }

    def __init__(self, *args: Any, create: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if create:
            del self.fields["version"]

    def validate_unique(self) -> None:
        """The address (slug) is made by the service; nothing else is unique."""


class PublishNewsForm(KernFormMixin, forms.Form):
    """Publish (``veroeffentlichen`` 1, from ``date``) or take back (0) a news item."""

    version = VersionField()
    veroeffentlichen = forms.ChoiceField(
        choices=[("0", "0"), ("1", "1")],
        widget=forms.HiddenInput,
        error_messages={"required": CHOICE_INVALID, "invalid_choice": CHOICE_INVALID},
    )
    date = forms.DateField(
        label=_("veröffentlichen ab"),
        required=False,
        widget=DateInput(),
        help_text=_("Leer: das Datum der Neuigkeit."),
    )


class PublishCooperationForm(KernFormMixin, forms.Form):
    """Show a cooperation on the portal (1) or take it off (0): the wanted state, no version."""

    veroeffentlichen = forms.ChoiceField(
        choices=[("0", "0"), ("1", "1")],
        widget=forms.HiddenInput,
        error_messages={"required": CHOICE_INVALID, "invalid_choice": CHOICE_INVALID},
    )
