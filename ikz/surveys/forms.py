from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import CooperationField, LegalForm, ParticipantStatus, TaskArea
from ikz.forms import DateInput, KernFormMixin, VersionField
from ikz.surveys.models import Campaign
from ikz.web import STALE_FORM


class CampaignForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)
    task_areas = forms.ModelMultipleChoiceField(
        label=_("Aufgabengebiete"),
        queryset=TaskArea.objects.order_by("position"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Campaign
        fields = ["title", "introduction", "period_start", "period_end", "deadline", "allow_late", "status"]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "deadline": DateInput(),
            "introduction": forms.Textarea(attrs={"rows": 3}),
        }


class AnswerForm(KernFormMixin, forms.Form):
    """One answer of the questionnaire; choices are set per municipality by the view."""

    cooperation_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    field = forms.TypedChoiceField(label=_("Kooperationsfeld"), coerce=int, required=False)
    kind = forms.ChoiceField(label=_("Stand"), choices=ParticipantStatus.choices)
    title = forms.CharField(label=_("Bezeichnung"), max_length=200, required=False)
    partners = forms.TypedMultipleChoiceField(
        label=_("Partner in der Region"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    external_partners = forms.CharField(
        label=_("andere oder externe Partner"), required=False, max_length=500,
        help_text=_("z. B. Kommunen außerhalb der Region, ein kommunales Rechenzentrum"),
    )  # fmt: skip
    since_year = forms.IntegerField(label=_("seit (Jahr)"), required=False, min_value=1900, max_value=2100)
    legal_form = forms.ChoiceField(
        label=_("Rechtsform"), choices=[("", "–"), *LegalForm.choices], required=False
    )
    lead = forms.TypedChoiceField(label=_("federführend"), coerce=int, required=False, empty_value=None)
    planned_by = forms.DateField(
        label=_("voraussichtlich bis (nur bei „geplant“)"),
        required=False,
        widget=DateInput(),
    )
    reason = forms.CharField(
        label=_("Grund, warum nicht zustande gekommen (nur bei „erwogen“)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    remove = forms.BooleanField(label=_("Antwort entfernen"), required=False)

    def __init__(
        self,
        *args: Any,
        field_choices: Any = (),
        partner_choices: Any = (),
        lead_choices: Any = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", "–"), *field_choices]  # type: ignore[attr-defined]
        self.fields["partners"].choices = list(partner_choices)  # type: ignore[attr-defined]
        self.fields["lead"].choices = [("", _("keine / extern")), *lead_choices]  # type: ignore[attr-defined]

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("field") and not (data.get("title") or "").strip()


class BaseAnswerFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, choices: dict[str, Any], **kwargs: Any) -> None:
        self.choices = choices
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), **self.choices}


AnswerFormSet = forms.formset_factory(AnswerForm, formset=BaseAnswerFormSet, extra=1)


class ReopenForm(KernFormMixin, forms.Form):
    reason = forms.CharField(label=_("Grund der Wiederöffnung"), max_length=300)


class VariantForm(KernFormMixin, forms.Form):
    name = forms.CharField(label=_("Bezeichnung"), max_length=200)
    level = forms.ChoiceField(
        label=_("für Mitglieder der Ebene"),
        required=False,
        choices=[
            ("", _("alle Mitglieder ohne eigene Variante")),
            ("gemeinde", _("Städte und Gemeinden")),
            ("kreis", _("Kreis")),
        ],
    )
    coop_fields = forms.ModelMultipleChoiceField(
        label=_("Kooperationsfelder"),
        queryset=CooperationField.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, campaign: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coop_fields"].queryset = (  # type: ignore[attr-defined]
            CooperationField.objects.filter(task_area__in=campaign.task_areas.all())
            .select_related("task_area")
            .order_by("task_area__position", "position", "name")
        )
        self.fields["coop_fields"].label_from_instance = lambda f: f"{f.task_area.name} – {f.name}"  # type: ignore[attr-defined]


class DraftVersionForm(forms.Form):
    """The version of a response the questionnaire was opened with (empty for a first draft); a
    tampered value is refused."""

    version = forms.CharField(required=False)

    def clean_version(self) -> int | None:
        value = self.data.get("version") or None
        if value is None:
            return None
        if not str(value).isdigit():
            raise forms.ValidationError(STALE_FORM)
        return int(value)


class SubmitForm(KernFormMixin, forms.Form):
    """Submitting a sheet: the day it was handed in (default today; the office enters the day a
    paper sheet arrived)."""

    submitted_on = forms.DateField(
        label=_("Abgegeben am"),
        required=False,
        widget=DateInput(),
        help_text=_("Der Tag der Abgabe. Leer: heute."),
    )


class SubmissionCorrectionForm(KernFormMixin, forms.Form):
    """Correcting the day a sheet was submitted: the right day and why (prefixed: the page also
    holds the form to reopen the sheet)."""

    prefix = "berichtigung"
    version = VersionField()
    submitted_on = forms.DateField(label=_("Richtiges Abgabedatum"), widget=DateInput())
    reason = forms.CharField(label=_("Begründung der Berichtigung"), max_length=300)
