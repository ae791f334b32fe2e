from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ikz.forms import DateInput, EuroField, KernFormMixin, LongSelect, VersionField
from ikz.membership.models import (
    CheckIn,
    CommitteeSession,
    Member,
    Onboarding,
    OpenQuestion,
    Service,
    VatTreatment,
)
from ikz.membership.services import STEP_FIELDS
from ikz.municipalities.models import Municipality


def _date_widgets(model: Any, names: list[str]) -> dict[str, Any]:
    return {n: DateInput() for n in names if model._meta.get_field(n).get_internal_type() == "DateField"}


class OnboardingCreateForm(KernFormMixin, forms.Form):
    """A new candidate: ``candidates`` are those who may start (``queries.onboarding_candidates``:
    no current member, no onboarding under way), each named with kind and key."""

    municipality = forms.ModelChoiceField(
        label=_("Interessent (Kommune oder kommunale Organisation)"),
        queryset=Municipality.objects.none(),
        widget=LongSelect,
        help_text=_(
            "Eine Organisation, die noch fehlt, legt die Geschäftsstelle unter „Kommunen“ mit Träger und "
            "kommunalem Anteil an; die Mitgliedsfähigkeit wird daraus geprüft."
        ),
    )
    contact_name = forms.CharField(label=_("Ansprechperson beim Interessenten"), required=False)
    kickoff_on = forms.DateField(label=_("Auftaktmeeting am"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Anmerkung"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, candidates: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: forms.ModelChoiceField = self.fields["municipality"]  # type: ignore[assignment]
        field.queryset = candidates


def step_form(step: int) -> type[forms.ModelForm]:
    step_fields = STEP_FIELDS[step]

    class StepForm(KernFormMixin, forms.ModelForm):
        version = VersionField()

        class Meta:
            model = Onboarding
            fields = step_fields
            help_texts = {
                "authority": _("Vorschlag der Plattform nach Art und Land des Interessenten; bitte prüfen."),
                "planned_execution_on": _("Daraus ergibt sich in Hessen der späteste Tag der Anzeige."),
                "notice_sent_on": _(
                    "Ab dem Eingang (ohne Angabe: ab dem Versand) läuft die Frist des Landes bis zum "
                    "frühesten Vollzug."
                ),
                "reply_on": _(
                    "Eine vorzeitige Antwort („keine Bedenken“) erlaubt den Vollzug ab diesem Tag."
                ),
            }
            widgets = _date_widgets(Onboarding, step_fields) | {
                "note": forms.Textarea(attrs={"rows": 3}),
                "kickoff_participants": forms.Textarea(attrs={"rows": 2}),
            }

    StepForm.__name__ = f"Step{step}Form"
    return StepForm


class _ItemForm(KernFormMixin, forms.ModelForm):
    version = VersionField()


class SessionForm(_ItemForm):
    class Meta:
        model = CommitteeSession
        fields = ["body", "date", "outcome", "note"]
        widgets = {"date": DateInput()}
        help_texts = {"body": _("z. B. Verwaltungsrat, Kreisausschuss, Kreistag, Magistrat")}


class CheckInForm(_ItemForm):
    class Meta:
        model = CheckIn
        fields = ["date", "note"]
        widgets = {"date": DateInput()}


class QuestionForm(_ItemForm):
    class Meta:
        model = OpenQuestion
        fields = ["question", "asked_on", "answered_on", "answer"]
        widgets = {"asked_on": DateInput(), "answered_on": DateInput()}


ITEM_FORMS: dict[str, type[_ItemForm]] = {
    "sitzung": SessionForm,
    "check-in": CheckInForm,
    "frage": QuestionForm,
}


class GenerateForm(KernFormMixin, forms.Form):
    """The button that generates a document: it carries no version (a new document is added)."""

    version = VersionField(required=False)


class StepCorrectionForm(KernFormMixin, forms.Form):
    """Correcting the day a completed step was completed: the right day and why (decision 92)."""

    version = VersionField()
    completed_on = forms.DateField(label=_("Richtiges Datum des Abschlusses"), widget=DateInput())
    reason = forms.CharField(
        label=_("Begründung der Berichtigung"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Erscheint im Verlauf, z. B. „Beschluss war am 14.03., nicht am 14.04.“"),
    )


class AdvanceForm(KernFormMixin, forms.Form):
    """Completing the current step: the day it was completed (default today)."""

    version = VersionField()
    completed_on = forms.DateField(
        label=_("Schritt abgeschlossen am"),
        required=False,
        widget=DateInput(),
        help_text=_("Leer: heute."),
    )


class CompleteForm(KernFormMixin, forms.Form):
    version = VersionField()
    executed_on = forms.DateField(label=_("Vollzug der Mitgliedschaft am"), widget=DateInput())
    number = forms.CharField(label=_("Mitgliedsnummer"), max_length=20)


class PaymentForm(KernFormMixin, forms.Form):
    amount = EuroField(label=_("Betrag (€)"), max_digits=10)
    paid_on = forms.DateField(label=_("eingegangen am"), widget=DateInput())
    reference = forms.CharField(label=_("Verwendungszweck / Beleg"), required=False, max_length=200)


class ExitForm(KernFormMixin, forms.Form):
    version = VersionField()
    notice_on = forms.DateField(label=_("Kündigung eingegangen am"), widget=DateInput())
    reason = forms.CharField(label=_("Grund des Ausscheidens"), required=False, max_length=300)


class RequestForm(KernFormMixin, forms.Form):
    member = forms.ModelChoiceField(label=_("Mitglied"), queryset=Member.objects.none())
    service = forms.ModelChoiceField(label=_("Leistung"), queryset=Service.objects.none())
    description = forms.CharField(
        label=_("Ihr Bedarf"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Worum geht es, bis wann, wer ist Ansprechperson?"),
    )

    def __init__(self, *args: Any, services: Any, members: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services  # type: ignore[attr-defined]
        if members is None:
            del self.fields["member"]
        else:
            self.fields["member"].queryset = members  # type: ignore[attr-defined]


class OfferForm(KernFormMixin, forms.Form):
    version = VersionField()
    title = forms.CharField(label=_("Titel"), max_length=300)
    vat_treatment = forms.ChoiceField(label=_("Umsatzsteuer"), choices=VatTreatment.choices)
    valid_until = forms.DateField(label=_("gültig bis"), widget=DateInput())
    note = forms.CharField(label=_("Hinweise"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class LineForm(KernFormMixin, forms.Form):
    text = forms.CharField(label=_("Leistung"), max_length=300, required=False)
    quantity = forms.DecimalField(label=_("Menge"), max_digits=10, decimal_places=2, required=False)
    unit = forms.CharField(label=_("Einheit"), max_length=30, required=False)
    unit_price = EuroField(label=_("Einzelpreis netto (€)"), max_digits=12, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [n for n in ("text", "quantity", "unit", "unit_price") if data.get(n) not in (None, "")]
        if filled and len(filled) < 4:
            raise forms.ValidationError(_("Bitte jede begonnene Position vollständig ausfüllen."))
        return data


LineFormSet = forms.formset_factory(LineForm, extra=0)


class TemplateForm(KernFormMixin, forms.Form):
    version = VersionField(required=False)
    title = forms.CharField(label=_("Überschrift"), max_length=300)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Absätze durch Leerzeilen trennen; „# “ am Zeilenanfang: Zwischenüberschrift, „- “: Aufzählung, "
            "„! “: hervorgehobene Aufzählung (Pflichten nach § 15a GenG). "
            "Platzhalter in geschweiften Klammern, z. B. {Mitglied}."
        ),
    )


class WordTemplateForm(KernFormMixin, forms.Form):
    """The office's own Word template (decision 242): checked when uploaded, refused at "Datei"."""

    version = VersionField(required=False)
    file = forms.FileField(
        label=_("Datei"),
        help_text=_(
            "Word-Dokument (.docx) mit Platzhaltern in doppelten geschweiften Klammern, z. B. "
            "{{ Mitglied_Satzanfang }}. Die Datei wird beim Hochladen mit Beispielwerten gefüllt; "
            "unbekannte Platzhalter und Schreibfehler werden mit Namen gemeldet."
        ),
    )

    def clean_file(self) -> tuple[str, bytes]:
        from ikz.documents.rules import check_upload

        upload: Any = self.cleaned_data["file"]
        limit = settings.IKZ_UPLOAD_MAX_MB * 1024 * 1024
        name, data = str(upload.name or "")[:200], upload.read(limit + 1)
        _kind, refusal = check_upload(name, data, max_bytes=limit, allowed=frozenset({"docx"}))
        if refusal is not None:
            raise ValidationError(refusal.message)
        return name, data


# --- the catalogue and members that joined before the platform (decisions 118, 121) -------------


class ServiceForm(KernFormMixin, forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Service
        fields = ["category", "name", "description", "position", "source"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "position": _("Kleinere Zahlen stehen innerhalb der Art weiter oben."),
            "source": _("Woher die Beschreibung stammt, z. B. Leistungsverzeichnis 2025."),
        }

    def __init__(self, *args: Any, create: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False  # empty: 0, ordered by name
        if create:
            del self.fields["version"]

    def validate_unique(self) -> None:
        """The service checks the name (with a German message naming it)."""


class ExistingMemberForm(KernFormMixin, forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Mitglied (Kommune oder kommunale Organisation)"),
        queryset=Municipality.objects.none(),
        widget=LongSelect,
    )
    number = forms.CharField(
        label=_("Mitgliedsnummer"),
        max_length=20,
        required=False,
        help_text=_("Leer: die nächste freie Nummer."),
    )
    admitted_on = forms.DateField(label=_("Eintritt wirksam am"), widget=DateInput())
    shares = forms.IntegerField(label=_("Geschäftsanteile"), min_value=1, max_value=1000, initial=1)
    source = forms.CharField(
        label=_("Quelle"),
        max_length=300,
        required=False,
        help_text=_("z. B. „Mitgliederliste vom 31.12.2024“"),
    )
    amount = EuroField(label=_("Einzahlung (€)"), max_digits=10, min_value=0, required=False)
    paid_on = forms.DateField(label=_("Einzahlung eingegangen am"), widget=DateInput(), required=False)
    reference = forms.CharField(label=_("Verwendungszweck / Beleg"), required=False, max_length=200)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = units  # type: ignore[attr-defined]


class SharesForm(KernFormMixin, forms.Form):
    version = VersionField()
    count = forms.IntegerField(label=_("Weitere Geschäftsanteile"), min_value=1, max_value=1000)
    effective_on = forms.DateField(label=_("wirksam am"), widget=DateInput())
    note = forms.CharField(label=_("Anmerkung"), required=False, max_length=300)


ORDERABLE_INVALID = _("Die Auswahl „bestellbar“ ist ungültig. Bitte laden Sie die Seite neu.")


class OrderableForm(KernFormMixin, forms.Form):
    """The catalogue's button: ``bestellbar`` 0 retires a service, 1 makes it orderable again."""

    version = VersionField()
    bestellbar = forms.ChoiceField(
        choices=[("0", "0"), ("1", "1")],
        error_messages={"required": ORDERABLE_INVALID, "invalid_choice": ORDERABLE_INVALID},
    )


class LetterOfIntentForm(KernFormMixin, forms.Form):
    """A letter of intent: ``candidates`` are the bodies that may start an onboarding."""

    municipality = forms.ModelChoiceField(
        label=_("Kommune oder kommunale Organisation"),
        queryset=Municipality.objects.none(),
        widget=LongSelect,
    )
    signed_on = forms.DateField(label=_("unterzeichnet am"), widget=DateInput())
    signatory = forms.CharField(label=_("unterzeichnet durch"), required=False, max_length=200)
    note = forms.CharField(label=_("Anmerkung"), required=False, max_length=500)

    def __init__(self, *args: Any, candidates: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: forms.ModelChoiceField = self.fields["municipality"]  # type: ignore[assignment]
        field.queryset = candidates


class GrowthGoalForm(KernFormMixin, forms.Form):
    version = VersionField()
    growth_goal = forms.IntegerField(
        label=_("Wachstumsziel (Mitglieder)"), required=False, min_value=1, max_value=30000
    )
    growth_goal_by = forms.DateField(label=_("Wachstumsziel bis"), required=False, widget=DateInput())
