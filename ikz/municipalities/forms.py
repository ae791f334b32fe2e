from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from ikz.forms import DateInput, KernFormMixin, LongSelect, VersionField
from ikz.municipalities.models import ORGANISATION_KINDS, ContactPerson, Kind, Level, Municipality, Region

SORTS = {
    "name": ("short_name", "key"),
    "-name": ("-short_name", "-key"),
    "key": ("key",),
    "-key": ("-key",),
    "population": ("current_population__total", "short_name"),
    "-population": ("-current_population__total", "short_name"),
    "area": ("area_ha", "short_name"),
    "-area": ("-area_ha", "short_name"),
}


class MunicipalityFilterForm(KernFormMixin, forms.Form):
    q = forms.CharField(label=_("Name oder Schlüssel"), required=False, max_length=100)
    land = forms.ChoiceField(label=_("Land"), required=False)
    kreis = forms.ChoiceField(label=_("Kreis"), required=False, widget=LongSelect)
    kind = forms.ChoiceField(label=_("Art"), required=False)
    sort = forms.ChoiceField(
        label=_("Sortierung"),
        required=False,
        choices=[
            ("name", _("Name (A–Z)")),
            ("-name", _("Name (Z–A)")),
            ("key", _("Schlüssel")),
            ("-population", _("Einwohner (absteigend)")),
            ("population", _("Einwohner (aufsteigend)")),
            ("-area", _("Fläche (absteigend)")),
            ("area", _("Fläche (aufsteigend)")),
        ],
    )
    historical = forms.BooleanField(label=_("auch nicht mehr bestehende Einheiten"), required=False)

    def __init__(
        self,
        *args: Any,
        laender: list[tuple[str | None, str]],
        kreise: list[tuple[str | None, str]],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["land"]).choices = [("", _("alle Länder")), *laender]
        cast(forms.ChoiceField, self.fields["kreis"]).choices = [("", _("alle Kreise")), *kreise]
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", _("alle Arten")), *Kind.choices]
        self.style_fields()


class MasterDataForm(KernFormMixin, forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Municipality
        fields = ["street", "postal_code", "city", "website", "email", "phone"]

    def clean_postal_code(self) -> str:
        value: str = self.cleaned_data["postal_code"].strip()
        if value and (not value.isdigit() or len(value) != 5):
            raise forms.ValidationError(_("Eine Postleitzahl hat genau fünf Ziffern."))
        return value


class OfficeMasterDataForm(MasterDataForm):
    class Meta(MasterDataForm.Meta):
        fields = ["short_name", *MasterDataForm.Meta.fields, "municipal_share"]


class PopulationForm(KernFormMixin, forms.Form):
    stichtag = forms.DateField(label=_("Stichtag"), widget=DateInput())
    total = forms.IntegerField(label=_("Einwohner insgesamt"), min_value=0)
    male = forms.IntegerField(label=_("davon männlich"), min_value=0, required=False)
    source = forms.CharField(
        label=_("Quelle"),
        max_length=300,
        help_text=_("z. B. Hessisches Statistisches Landesamt, Fortschreibung"),
    )


class OrganisationForm(KernFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Art"), choices=[(k.value, k.label) for k in ORGANISATION_KINDS])
    parent_key = forms.CharField(
        label=_("Träger (amtlicher Schlüssel)"),
        max_length=9,
        help_text=_("Schlüssel der Trägerkommune, z. B. 06433 für den Kreis Groß-Gerau"),
    )
    municipal_share = forms.DecimalField(
        label=_("kommunaler Anteil (%)"), min_value=0, max_value=100, decimal_places=2
    )

    def clean_parent_key(self) -> Municipality:
        key = self.cleaned_data["parent_key"].strip()
        parent = Municipality.objects.filter(key=key).exclude(level=Level.ORGANISATION).first()
        if parent is None:
            raise forms.ValidationError(_("Zu diesem Schlüssel gibt es keine Kommune."))
        return parent


class ContactPersonForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = ContactPerson
        fields = ["name", "function", "email", "phone"]


class RegionForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)
    office_host_key = forms.CharField(
        label=_("Sitz der Geschäftsstelle (amtlicher Schlüssel)"), max_length=9, required=False
    )

    class Meta:
        model = Region
        fields = [
            "name",
            "slug",
            "description",
            "office_name",
            "office_email",
            "office_phone",
            "class_source",
            "stated_population",
            "stated_area_km2",
            "established_on",
        ]
        widgets = {"established_on": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area: forms.DecimalField = self.fields["stated_area_km2"]  # type: ignore[assignment]
        area.validators.append(MinValueValidator(Decimal(0)))  # an area is never negative
        area.widget.attrs["min"] = "0"
        if self.instance.pk and self.instance.office_host_id and not self.is_bound:
            self.initial["office_host_key"] = (
                self.instance.office_host.key if self.instance.office_host else ""
            )

    def clean_office_host_key(self) -> Municipality | None:
        key = self.cleaned_data["office_host_key"].strip()
        if not key:
            return None
        host = Municipality.objects.filter(key=key).first()
        if host is None:
            raise forms.ValidationError(_("Zu diesem Schlüssel gibt es keine Kommune."))
        return host


def _unit_of(raw: str) -> Municipality:
    key = raw.strip()
    municipality = Municipality.objects.filter(key=key).first()
    if municipality is None:
        raise forms.ValidationError(
            _("Zu „%(key)s“ gibt es im Gemeindeverzeichnis keine Kommune.") % {"key": key[:12]}
        )
    return municipality


class MemberRowForm(KernFormMixin, forms.Form):
    key = forms.CharField(label=_("Amtlicher Schlüssel"), max_length=9)
    short_label = forms.CharField(label=_("Kürzel"), max_length=12)
    joined_on = forms.DateField(label=_("Mitglied seit"), required=False, widget=DateInput())
    left_on = forms.DateField(label=_("Mitglied bis"), required=False, widget=DateInput())

    def clean_key(self) -> Municipality:
        return _unit_of(self.cleaned_data["key"])


class NamedRows(forms.BaseFormSet):
    """A formset of units by key; each row knows the name of its unit for the page."""

    def keys(self) -> list[str]:
        return [str(form["key"].value() or "").strip() for form in self.forms]

    def name_rows(self, names: dict[str, str]) -> None:
        for form, key in zip(self.forms, self.keys(), strict=True):
            form.unit_name = names.get(key, "")


class RegisterChoiceForm(KernFormMixin, forms.Form):
    """Step 1 of a new region: a Kreis of the register, or a pasted list of keys (a GET form)."""

    kreis = forms.ChoiceField(label=_("Kreis oder kreisfreie Stadt"), required=False, widget=LongSelect)
    keys = forms.CharField(
        label=_("oder: Liste amtlicher Schlüssel"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Eine Kommune je Zeile: Gemeindeschlüssel (AGS, 8 Ziffern), Kreis (5), Gemeindeverband (9) "
            "oder Regionalschlüssel (ARS, 12). Nach dem Schlüssel darf der Name folgen."
        ),
    )

    def __init__(self, *args: Any, kreise: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kreis"]).choices = [("", _("– Kreis wählen –")), *kreise]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kreis") and (data.get("keys") or "").strip():
            raise forms.ValidationError(
                _("Bitte wählen Sie entweder einen Kreis oder eine Liste, nicht beides.")
            )
        if not data.get("kreis") and not (data.get("keys") or "").strip():
            raise forms.ValidationError(_("Bitte wählen Sie einen Kreis oder fügen Sie eine Liste ein."))
        return data


class NewRegionForm(KernFormMixin, forms.Form):
    name = forms.CharField(label=_("Name der Region"), max_length=200, help_text=_("z. B. IKZ Wetteraukreis"))
    slug = forms.SlugField(
        label=_("Kurzbezeichnung in Adressen"), max_length=80, help_text=_("z. B. wetteraukreis")
    )
    established_on = forms.DateField(
        label=_("IKZ-Prozess seit"), required=False, widget=DateInput(), help_text=_("Leer: keine Grenze.")
    )


class FoundingMemberForm(KernFormMixin, forms.Form):
    """One proposed member: the unit (hidden key), its abbreviation, and whether it is taken in."""

    key = forms.CharField(max_length=9, widget=forms.HiddenInput)
    include = forms.BooleanField(label=_("aufnehmen"), required=False)
    short_label = forms.CharField(label=_("Kürzel"), max_length=12, required=False)

    def clean_key(self) -> Municipality:
        return _unit_of(self.cleaned_data["key"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("include") and not (data.get("short_label") or "").strip():
            self.add_error("short_label", _("Bitte geben Sie ein Kürzel an."))
        return data


class SteeringRowForm(KernFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    function = forms.CharField(label=_("Funktion"), max_length=300)
    is_demo = forms.BooleanField(label=_("Demo-Person"), required=False)


class SizeClassRowForm(KernFormMixin, forms.Form):
    label = forms.CharField(label=_("Bezeichnung"), max_length=100)
    lower = forms.IntegerField(label=_("von (Einwohner)"), min_value=0)
    upper = forms.IntegerField(label=_("bis (Einwohner)"), min_value=0, required=False)
    stated_count = forms.IntegerField(label=_("Anzahl laut Quelle"), min_value=0, required=False)


MemberFormSet = forms.formset_factory(
    MemberRowForm, formset=NamedRows, extra=1, can_delete=True, can_order=True
)
FoundingFormSet = forms.formset_factory(FoundingMemberForm, formset=NamedRows, extra=0, max_num=2000)
SteeringFormSet = forms.formset_factory(SteeringRowForm, extra=2, can_delete=True)
SizeClassFormSet = forms.formset_factory(SizeClassRowForm, extra=2, can_delete=True)


class RegionVersionForm(forms.Form):
    version = VersionField()
