"""Forms of the Fördermitteldatenbank: programme, call (deadlines one per line), application,
partner, submission, notice, an obligation "erledigt" with its evidence file, the list's filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import Cooperation, CooperationField
from ikz.documents.services import max_bytes
from ikz.forms import DateInput, EuroField, KernFormMixin, VersionField
from ikz.funding import rules
from ikz.funding.models import Call, IntakeMode, Programme
from ikz.municipalities.models import Kind, Municipality, Region
from ikz.projects.models import Project
from ikz.resolutions.models import Resolution

MULTI = forms.SelectMultiple(attrs={"size": 6})


def _choices(values: dict[str, str]) -> list[tuple[str, str]]:
    return list(values.items())


class ProgrammeForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)
    giver = forms.ChoiceField(label=_("Fördergeber"), choices=[("", "—"), *_choices(rules.GIVERS)])
    kinds = forms.MultipleChoiceField(
        label=_("Förderart"), choices=_choices(rules.KINDS), required=False, widget=MULTI
    )
    areas = forms.MultipleChoiceField(
        label=_("Förderbereich"), choices=_choices(rules.AREAS), required=False, widget=MULTI
    )
    eligible = forms.MultipleChoiceField(
        label=_("Förderberechtigte"), choices=_choices(rules.ELIGIBLE), required=False, widget=MULTI
    )
    territories = forms.MultipleChoiceField(
        label=_("Fördergebiet"), choices=_choices(rules.TERRITORIES), required=False, widget=MULTI
    )
    bodies = forms.MultipleChoiceField(
        label=_("antragsberechtigte Körperschaften"),
        help_text=_("leer: jede kommunale Körperschaft"),
        choices=Kind.choices,
        required=False,
        widget=MULTI,
    )
    cooperation_fields = forms.ModelMultipleChoiceField(
        label=_("Kooperationsfelder"),
        queryset=CooperationField.objects.order_by("name"),
        required=False,
        widget=MULTI,
    )
    max_amount = EuroField(label=_("Höchstbetrag"), required=False)
    region = forms.ModelChoiceField(
        label=_("gepflegt von (Region)"), queryset=Region.objects.none(), required=False
    )

    class Meta:
        model = Programme
        fields = [
            "name",
            "short",
            "giver",
            "giver_name",
            "kinds",
            "areas",
            "eligible",
            "territories",
            "cooperation_fields",
            "all_fields",
            "bodies",
            "min_population",
            "max_population",
            "min_partners",
            "exclusions",
            "resolution_required",
            "rate_percent",
            "max_amount",
            "url",
            "region",
        ]
        widgets = {
            "short": forms.Textarea(attrs={"rows": 3}),
            "exclusions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, regions: Any = None, region_required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions if regions is not None else Region.objects.none()  # type: ignore[attr-defined]
        self.fields["region"].required = region_required
        if not region_required:
            self.fields["region"].help_text = _("leer: die Geschäftsstelle der Plattform pflegt das Programm")
        if self.instance.pk is not None:
            self.initial.setdefault("version", self.instance.version)

    def validate_unique(self) -> None:
        """The service names a taken name."""


def parse_deadlines(text: str) -> list[tuple[dt.date, str]]:
    """One deadline a line: "31.03.2027 Projektskizze" (the label may be left out)."""
    result = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        day, _sep, label = line.partition(" ")
        try:
            date = dt.datetime.strptime(day, "%d.%m.%Y").date()
        except ValueError as exc:
            raise ValidationError(
                _("Zeile %(n)s: „%(d)s“ ist kein Datum (TT.MM.JJJJ).") % {"n": number, "d": day[:20]}
            ) from exc
        result.append((date, label.strip() or str(_("Einreichungsfrist"))))
    return result


class CallForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)
    deadlines = forms.CharField(
        label=_("Fristen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("eine Frist je Zeile: Datum und wofür, z. B. „31.03.2027 Projektskizze“"),
    )

    class Meta:
        model = Call
        fields = ["title", "mode", "opens_on", "closes_on", "url", "note"]
        widgets = {
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mode"].initial = IntakeMode.SINGLE
        if self.instance.pk is not None:
            self.initial.setdefault("version", self.instance.version)
            self.initial.setdefault(
                "deadlines", "\n".join(f"{d.date:%d.%m.%Y} {d.label}" for d in self.instance.deadlines.all())
            )

    def clean_deadlines(self) -> list[tuple[dt.date, str]]:
        return parse_deadlines(self.cleaned_data.get("deadlines") or "")


class ApplicationForm(KernFormMixin, forms.Form):
    title = forms.CharField(label=_("Vorhaben"), max_length=300)
    call = forms.ModelChoiceField(label=_("Aufruf"), queryset=Call.objects.none(), required=False)
    region = forms.ModelChoiceField(
        label=_("Region (Geschäftsstelle des Antrags)"), queryset=Region.objects.none()
    )
    lead = forms.ModelChoiceField(
        label=_("antragstellende Kommune (federführend)"), queryset=Municipality.objects.none()
    )
    group = forms.BooleanField(label=_("Gruppenantrag"), required=False)
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner (bei Gruppenantrag)"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=MULTI,
    )
    project = forms.ModelChoiceField(label=_("Projekt"), queryset=Project.objects.none(), required=False)
    cooperation = forms.ModelChoiceField(
        label=_("Kooperation (für den Kostenschlüssel)"), queryset=Cooperation.objects.none(), required=False
    )
    total_cost = EuroField(label=_("zuwendungsfähige Ausgaben"), required=False)
    amount_requested = EuroField(label=_("beantragter Betrag"), required=False)
    note = forms.CharField(label=_("Anmerkung"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, programme: Programme, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = (
            Municipality.objects.filter(region_memberships__region__in=regions).distinct().order_by("name")
        )
        self.fields["call"].queryset = programme.calls.all()  # type: ignore[attr-defined]
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]
        self.fields["lead"].queryset = members  # type: ignore[attr-defined]
        self.fields["partners"].queryset = members  # type: ignore[attr-defined]
        self.fields["project"].queryset = Project.objects.filter(region__in=regions).order_by("title")  # type: ignore[attr-defined]
        self.fields["cooperation"].queryset = Cooperation.objects.filter(region__in=regions).order_by("title")  # type: ignore[attr-defined]
        self.style_fields()


class PartnerForm(KernFormMixin, forms.Form):
    version = VersionField()
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none())
    share_percent = forms.DecimalField(
        label=_("Anteil (%)"), required=False, max_digits=7, decimal_places=4, min_value=0, max_value=100
    )
    resolution = forms.ModelChoiceField(
        label=_("Beschluss der Kommune"), queryset=Resolution.objects.none(), required=False
    )

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
        self.fields["resolution"].queryset = Resolution.objects.filter(  # type: ignore[attr-defined]
            municipality__in=municipalities
        ).select_related("municipality")
        self.fields["resolution"].label_from_instance = lambda r: f"{r.municipality.name}: {r}"  # type: ignore[attr-defined]
        self.style_fields()


class SubmitForm(KernFormMixin, forms.Form):
    version = VersionField()
    submitted_on = forms.DateField(label=_("eingereicht am"), widget=DateInput())


class NoticeForm(KernFormMixin, forms.Form):
    version = VersionField()
    awarded_on = forms.DateField(label=_("Bescheid vom"), widget=DateInput())
    amount_awarded = EuroField(label=_("bewilligter Betrag"))
    notice_ref = forms.CharField(label=_("Aktenzeichen des Bescheids"), max_length=100, required=False)
    funded_until = forms.DateField(label=_("Bewilligungszeitraum bis"), widget=DateInput())
    binding_years = forms.IntegerField(
        label=_("Zweckbindung (Jahre)"), min_value=0, max_value=30, required=False, initial=5
    )


class DoneForm(KernFormMixin, forms.Form):
    version = VersionField()
    done_on = forms.DateField(label=_("erledigt am"), widget=DateInput())
    evidence = forms.FileField(
        label=_("Nachweis (Datei)"),
        required=False,
        help_text=_("PDF, DOCX, XLSX oder Bild; beim Verwendungsnachweis Pflicht"),
    )
    note = forms.CharField(label=_("Anmerkung"), required=False, max_length=2000)

    def evidence_file(self) -> tuple[str, bytes] | None:
        upload = self.cleaned_data.get("evidence")
        if not upload:
            return None
        return upload.name, upload.read(max_bytes() + 1)


class FilterForm(KernFormMixin, forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=100)
    giver = forms.ChoiceField(
        label=_("Fördergeber"), choices=[("", _("alle")), *_choices(rules.GIVERS)], required=False
    )
    kinds = forms.ChoiceField(
        label=_("Förderart"), choices=[("", _("alle")), *_choices(rules.KINDS)], required=False
    )
    areas = forms.ChoiceField(
        label=_("Förderbereich"), choices=[("", _("alle")), *_choices(rules.AREAS)], required=False
    )
    eligible = forms.ChoiceField(
        label=_("Förderberechtigte"), choices=[("", _("alle")), *_choices(rules.ELIGIBLE)], required=False
    )
    territories = forms.ChoiceField(
        label=_("Fördergebiet"), choices=[("", _("alle")), *_choices(rules.TERRITORIES)], required=False
    )
    offen = forms.BooleanField(label=_("nur mit offenem Aufruf"), required=False)
