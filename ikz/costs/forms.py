"""Forms of the money app. Lists (size classes, case numbers, caps, workload rows) are entered as
lines of text separated by semicolons, as office staff paste them from a spreadsheet."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import Cooperation
from ikz.costs import queries, rules, services
from ikz.costs.models import GrantApplication, GrantProgramme, KeyKind, PositionCost, SavingsEntry
from ikz.forms import DateInput, EuroField, KernFormMixin, VersionField
from ikz.lib.money import format_number, parse_euro, to_decimal
from ikz.municipalities.models import Municipality


def _lines(text: str) -> list[tuple[int, list[str]]]:
    return [
        (number, [part.strip() for part in line.split(";")])
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


def _number(value: str, line: int) -> Decimal:
    try:
        return to_decimal(value)
    except ValueError as exc:
        raise ValidationError(_("Zeile %(n)s: „%(v)s“ ist keine Zahl.") % {"n": line, "v": value}) from exc


def _euro(value: str, line: int) -> Decimal:
    """An amount in a line of a list, read as the euro fields read it ("10.000" is ten thousand)."""
    try:
        return parse_euro(value)
    except ValueError as exc:
        raise ValidationError(
            _("Zeile %(n)s: „%(v)s“ ist kein Betrag in Euro (z. B. 10.000,00).") % {"n": line, "v": value}
        ) from exc


def _int(value: str, line: int) -> int:
    number = _number(value, line)
    if number != number.to_integral_value():
        raise ValidationError(_("Zeile %(n)s: „%(v)s“ ist keine ganze Zahl.") % {"n": line, "v": value})
    return int(number)


def classes_text(classes: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{c['label']}; {c['lower']}; {c.get('upper') or ''}; {format_number(Decimal(str(c['weight'])), 2)}"
        for c in classes
    )


def region_classes(cooperation: Cooperation) -> list[dict[str, Any]]:
    """The region's size classes made contiguous (each up to the next one's lower bound − 1),
    with weights 1, 2, …"""
    rows = cooperation.region.size_classes.order_by("lower")
    return [
        {
            "label": rules.range_label(c.lower, c.upper),
            "lower": c.lower,
            "upper": c.upper,
            "weight": str(c.weight),
        }
        for c in rules.contiguous_classes([(row.label, row.lower) for row in rows])
    ]


class KeyForm(KernFormMixin, forms.Form):
    version = VersionField(required=False)
    kind = forms.ChoiceField(label=_("Verteilung nach"), choices=KeyKind.choices)
    base_percent = forms.DecimalField(
        label=_("Sockelbetrag (%)"),
        min_value=Decimal(0),
        max_digits=5,
        decimal_places=2,
        initial=Decimal(0),
        help_text=_("Anteil, der vorab zu gleichen Teilen verteilt wird, z. B. 10"),
    )
    stichtag = forms.DateField(
        label=_("Stichtag der Einwohnerzahl"),
        required=False,
        widget=DateInput(),
        help_text=_("Welcher Stand der amtlichen Einwohnerzahl zählt (z. B. 31.12.2024)"),
    )
    size_classes = forms.CharField(
        label=_("Größenklassen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Je Zeile: Bezeichnung; von (Einwohner); bis (leer = offen); Gewicht"),
    )
    weight_equal = forms.DecimalField(label=_("Gewicht: gleiche Teile"), required=False, min_value=Decimal(0))
    weight_population = forms.DecimalField(
        label=_("Gewicht: Einwohner"), required=False, min_value=Decimal(0)
    )
    weight_size_class = forms.DecimalField(
        label=_("Gewicht: Größenklasse"), required=False, min_value=Decimal(0)
    )
    weight_cases = forms.DecimalField(label=_("Gewicht: Fallzahlen"), required=False, min_value=Decimal(0))
    case_years = forms.CharField(
        label=_("Jahre der Fallzahlen"),
        required=False,
        help_text=_("Ein Jahr oder mehrere, durch Komma getrennt (Durchschnitt), z. B. 2022, 2023, 2024"),
    )
    caps = forms.CharField(
        label=_("Höchstbeträge und Befreiungen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Je Zeile: AGS; Höchstbetrag in Euro (0 = befreit)"),
    )
    clause = forms.CharField(
        label=_("Wortlaut bzw. Fundstelle"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    illustrative = forms.BooleanField(label=_("illustrativ (nicht aus einer Quelle)"), required=False)

    COMBINATION = (
        ("weight_equal", rules.EQUAL),
        ("weight_population", rules.POPULATION),
        ("weight_size_class", rules.SIZE_CLASS),
        ("weight_cases", rules.CASES),
    )

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        self.cooperation = cooperation
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_for(cls, key: Any, cooperation: Cooperation) -> dict[str, Any]:
        if key is None:
            return {"size_classes": classes_text(region_classes(cooperation)), "base_percent": Decimal(0)}
        initial: dict[str, Any] = {
            "version": key.version,
            "kind": key.kind,
            "base_percent": key.base_percent,
            "stichtag": key.stichtag,
            "size_classes": classes_text(key.size_classes),
            "case_years": ", ".join(str(y) for y in key.case_years),
            "caps": "\n".join(f"{ags}; {format_number(to_decimal(v), 2)}" for ags, v in key.caps.items()),
            "clause": key.clause,
            "illustrative": key.illustrative,
        }
        for name, kind in cls.COMBINATION:
            initial[name] = next(
                (Decimal(str(c["weight"])) for c in key.combination if c["kind"] == kind), None
            )
        return initial

    def clean_size_classes(self) -> list[dict[str, Any]]:
        result = []
        for line, parts in _lines(self.cleaned_data.get("size_classes") or ""):
            if len(parts) != 4:
                raise ValidationError(
                    _("Zeile %(n)s: bitte vier Angaben, durch Semikolon getrennt.") % {"n": line}
                )
            label, lower, upper, weight = parts
            result.append(
                {
                    "label": label,
                    "lower": _int(lower, line),
                    "upper": _int(upper, line) if upper else None,
                    "weight": str(_number(weight, line)),
                }
            )
        return result

    def clean_case_years(self) -> list[int]:
        text = self.cleaned_data.get("case_years") or ""
        years = []
        for part in text.replace(";", ",").split(","):
            if part.strip():
                if not part.strip().isdigit() or not 1990 <= int(part) <= 2100:
                    raise ValidationError(_("„%(v)s“ ist kein Jahr.") % {"v": part.strip()})
                years.append(int(part))
        return sorted(set(years))

    def clean_caps(self) -> dict[str, str]:
        caps = {}
        for line, parts in _lines(self.cleaned_data.get("caps") or ""):
            if len(parts) != 2:
                raise ValidationError(_("Zeile %(n)s: bitte AGS; Höchstbetrag.") % {"n": line})
            if parts[0] in caps:
                raise ValidationError(_("Der AGS %(ags)s ist doppelt angegeben.") % {"ags": parts[0]})
            caps[parts[0]] = str(_euro(parts[1], line))
        return caps

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        combination = [
            {"kind": kind, "weight": str(data[name])} for name, kind in self.COMBINATION if data.get(name)
        ]
        if data.get("kind") == KeyKind.COMBINED and not combination:
            self.add_error("weight_population", _("Bitte geben Sie mindestens ein Gewicht an."))
            return data
        data["combination"] = combination if data.get("kind") == KeyKind.COMBINED else []
        try:
            services.check_key(self.cooperation, self.values(data))
        except ValidationError as exc:
            for field, messages in (
                exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
            ):
                for message in messages:
                    self.add_error(field if field in self.fields else None, message)
        return data

    def values(self, data: dict[str, Any] | None = None) -> dict[str, Any]:
        data = data if data is not None else self.cleaned_data
        return {
            "kind": data["kind"],
            "base_percent": data["base_percent"],
            "stichtag": data.get("stichtag"),
            "size_classes": data.get("size_classes") or [],
            "combination": data.get("combination") or [],
            "case_years": data.get("case_years") or [],
            "caps": data.get("caps") or {},
            "clause": data.get("clause") or "",
            "illustrative": bool(data.get("illustrative")),
        }


class AllocationForm(KernFormMixin, forms.Form):
    version = VersionField(required=False)
    year = forms.IntegerField(label=_("Haushaltsjahr"), min_value=1990, max_value=2100)
    total = EuroField(
        label=_("Gesamtkosten (Euro)"),
        min_value=Decimal(0),
        decimal_places=2,
        max_digits=14,
        help_text=_("Personal- und Sachkosten"),
    )
    fees = EuroField(
        label=_("Gebühreneinnahmen"), min_value=Decimal(0), decimal_places=2, max_digits=14, required=False
    )
    fines = EuroField(
        label=_("Verwarnungs- und Bußgelder"),
        min_value=Decimal(0),
        decimal_places=2,
        max_digits=14,
        required=False,
    )
    grants = EuroField(
        label=_("Fördermittel"), min_value=Decimal(0), decimal_places=2, max_digits=14, required=False
    )
    other_income = EuroField(
        label=_("sonstige Einnahmen"), min_value=Decimal(0), decimal_places=2, max_digits=14, required=False
    )
    note = forms.CharField(label=_("Anmerkung"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    illustrative = forms.BooleanField(label=_("illustrativ (Beträge nicht aus einer Quelle)"), required=False)

    def __init__(
        self, *args: Any, cooperation: Cooperation, fixed_year: int | None = None, **kwargs: Any
    ) -> None:
        self.cooperation = cooperation
        super().__init__(*args, **kwargs)
        if fixed_year is not None:
            self.fields["year"].disabled = True
            self.fields["year"].initial = fixed_year

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "total": data["total"],
            "fees": data.get("fees") or Decimal(0),
            "fines": data.get("fines") or Decimal(0),
            "grants": data.get("grants") or Decimal(0),
            "other_income": data.get("other_income") or Decimal(0),
            "note": data.get("note") or "",
            "illustrative": bool(data.get("illustrative")),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            try:
                services.calculate(self.cooperation, self.values())
            except ValidationError as exc:
                for message in exc.messages:
                    self.add_error("fees" if "Einnahmen" in message else None, message)
        return data


class ReleaseForm(KernFormMixin, forms.Form):
    version = VersionField()


class GrantApplicationForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = GrantApplication
        fields = services.GRANT_FIELDS
        field_classes = dict.fromkeys(
            ["amount_requested", "amount_awarded", "expenditure_before", "savings_per_year"], EuroField
        )
        widgets = {
            "applied_on": DateInput(),
            "awarded_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = GrantProgramme.objects.filter(retired_on__isnull=True)  # retired: no new applications
        self.fields["programme"].queryset = offered  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            try:
                services.check_grant(data)
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        self.add_error(field, message)
        return data


class SavingsForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = SavingsEntry
        fields = services.SAVINGS_FIELDS
        field_classes = {"amount": EuroField}
        widgets = {
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "non_monetary": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("year_from"), data.get("year_to")
        if start and end and end < start:
            self.add_error("year_to", _("Das Ende des Zeitraums liegt vor seinem Anfang."))
        return data


class StaffingForm(KernFormMixin, forms.Form):
    version = VersionField(required=False)
    task = forms.CharField(label=_("Aufgabe"), max_length=300)
    net_hours_per_fte = forms.DecimalField(
        label=_("Netto-Jahresarbeitszeit je Vollzeitstelle (Stunden)"),
        min_value=Decimal(1),
        max_digits=7,
        decimal_places=1,
        help_text=_("z. B. 1.600; kein aktueller KGSt-Wert geprüft – bitte die Quelle angeben"),
    )
    hours_source = forms.CharField(label=_("Quelle der Jahresarbeitszeit"), max_length=500)
    pooled_grade = forms.ModelChoiceField(
        label=_("Entgeltgruppe der gebündelten Stelle"), queryset=PositionCost.objects.none()
    )
    overhead = EuroField(
        label=_("Mehrkosten der Bündelung je Jahr (Euro)"),
        min_value=Decimal(0),
        initial=Decimal(0),
        decimal_places=2,
    )
    fte_step = forms.DecimalField(
        label=_("Stellenanteile in Schritten von"),
        min_value=Decimal("0.01"),
        initial=Decimal("0.25"),
        decimal_places=2,
    )
    rows = forms.CharField(
        label=_("Fallzahlen und Stellen heute"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Je Zeile: AGS; Fälle je Jahr; Minuten je Fall; Stellen heute; Entgeltgruppe heute"),
    )
    note = forms.CharField(label=_("Anmerkung"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    illustrative = forms.BooleanField(label=_("illustrativ (nicht aus einer Quelle)"), required=False)

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        grade: forms.ModelChoiceField = self.fields["pooled_grade"]  # type: ignore[assignment]
        grade.queryset = PositionCost.objects.all()
        self.by_ags = {m.key: m for m in queries.participants_of(cooperation)}

    def clean_rows(self) -> list[services.WorkloadInput]:
        grades = {g.pay_grade: g for g in PositionCost.objects.order_by("year")}
        result = []
        for line, parts in _lines(self.cleaned_data.get("rows") or ""):
            if len(parts) != 5:
                raise ValidationError(
                    _("Zeile %(n)s: bitte fünf Angaben, durch Semikolon getrennt.") % {"n": line}
                )
            ags, cases, minutes, fte, grade = parts
            municipality: Municipality | None = self.by_ags.get(ags)
            if municipality is None:
                raise ValidationError(
                    _("Zeile %(n)s: %(ags)s ist nicht an der Kooperation beteiligt.")
                    % {"n": line, "ags": ags}
                )
            if grade not in grades:
                raise ValidationError(
                    _("Zeile %(n)s: Entgeltgruppe „%(g)s“ ist nicht in der Kostentabelle.")
                    % {"n": line, "g": grade}
                )
            count, per_case, current = _number(cases, line), _number(minutes, line), _number(fte, line)
            if min(count, per_case, current) < 0:
                raise ValidationError(_("Zeile %(n)s: Werte dürfen nicht negativ sein.") % {"n": line})
            result.append(services.WorkloadInput(municipality, count, per_case, current, grades[grade]))
        if not result:
            raise ValidationError(_("Bitte mindestens eine Kommune angeben."))
        return result

    def values(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in services.STUDY_FIELDS}


# --- grant programmes (decision 119) ---------------------------------------------------------------


class ProgrammeForm(KernFormMixin, forms.ModelForm):
    version = VersionField()
    min_savings_percent = forms.DecimalField(
        label=_("Mindest-Einsparquote (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        initial=0,
    )

    class Meta:
        model = GrantProgramme
        fields = services.PROGRAMME_FIELDS
        widgets = {
            "valid_from": DateInput(),
            "verified_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "source": _("Richtlinie oder Seite des Fördermittelgebers, aus der die Angaben stammen."),
            "verified_on": _("Wann die Angaben zuletzt an der Quelle geprüft wurden."),
        }

    def __init__(self, *args: Any, create: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if create:
            del self.fields["version"]

    def validate_unique(self) -> None:
        """The service checks the name (with a German message naming it)."""


class TierForm(KernFormMixin, forms.Form):
    min_participants = forms.IntegerField(
        label=_("ab … beteiligten Kommunen"), min_value=1, max_value=1000, required=False
    )
    amount = EuroField(label=_("Regelzuwendung (€)"), max_digits=12, min_value=0, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [n for n in ("min_participants", "amount") if data.get(n) is not None]
        if len(filled) == 1:
            raise ValidationError(_("Bitte für jede Stufe die Zahl der Kommunen und den Betrag angeben."))
        return data

    def tier(self) -> rules.GrantTier | None:
        data = self.cleaned_data
        if data.get("min_participants") is None:
            return None
        return rules.GrantTier(data["min_participants"], data["amount"])


TierFormSet = forms.formset_factory(TierForm, extra=0, max_num=20, validate_max=True)


def tier_rows(programme: GrantProgramme | None) -> list[dict[str, Any]]:
    """The tiers of ``programme`` as the formset's initial rows, and two empty rows to add more."""
    rows = [
        {"min_participants": int(t["min_participants"]), "amount": Decimal(str(t["amount"]))}
        for t in (programme.tiers if programme else [])
    ]
    return [*rows, {}, {}]


RETIRE_INVALID = _("Die Auswahl „einstellen“ ist ungültig. Bitte laden Sie die Seite neu.")


class RetireForm(KernFormMixin, forms.Form):
    """The programme list's button: ``einstellen`` 1 retires the programme from today, 0 offers it again."""

    version = VersionField()
    einstellen = forms.ChoiceField(
        choices=[("0", "0"), ("1", "1")],
        error_messages={"required": RETIRE_INVALID, "invalid_choice": RETIRE_INVALID},
    )
