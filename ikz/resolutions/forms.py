from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikz.forms import DateInput as DateInput  # the one date widget; membership.forms imports it from here
from ikz.forms import KernFormMixin, VersionField
from ikz.municipalities.models import Municipality
from ikz.resolutions import services
from ikz.resolutions.models import Body, Resolution


class ResolutionForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Resolution
        fields = ["subject", "subject_text", "body", "date", "outcome", "note", "source"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        self.municipality = municipality
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        """The service's rules, so that each message appears at its field."""
        data = super().clean() or {}
        if not self.errors:
            try:
                services.check_resolution(
                    self.municipality,
                    {name: data.get(name) for name in self.Meta.fields},
                    today=timezone.localdate(),
                    exclude_pk=self.instance.pk,
                )
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        self.add_error(field if field in self.fields else None, message)
        return data


class CouncilDraftForm(KernFormMixin, forms.Form):
    """Body and session date of the model council draft (Muster-Gremienvorlage)."""

    body = forms.ChoiceField(label=_("Gremium"), choices=Body.choices)
    session_date = forms.DateField(label=_("Sitzungsdatum"), widget=DateInput())


class DateCorrectionForm(KernFormMixin, forms.Form):
    """The right date of a resolution and why the recorded one was wrong."""

    prefix = "berichtigung"
    version = VersionField()
    date = forms.DateField(label=_("Richtiges Sitzungsdatum"), widget=DateInput())
    reason = forms.CharField(label=_("Begründung der Berichtigung"), max_length=300)


class AllDraftsForm(KernFormMixin, forms.Form):
    """The session date of the council drafts for every member (the body: each member's own)."""

    prefix = "alle"
    session_date = forms.DateField(
        label=_("Sitzungsdatum"),
        widget=DateInput(),
        help_text=_(
            "Gremium je Kommune: das des erfassten Grundsatzbeschlusses, sonst die Vertretung der Kommune."
        ),
    )
