"""Money of an operating cooperation: the cost key, the yearly allocations, grants, savings, staffing.

Per-municipality data is keyed by (cooperation, municipality): the participants of a cooperation
are ``cooperation.participants`` (whose rows the inventory replaces on edit), so nothing here
points at a participant row.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned

NON_NEGATIVE = [MinValueValidator(Decimal(0))]


class KeyKind(models.TextChoices):
    EQUAL = "equal", _("zu gleichen Teilen")
    POPULATION = "population", _("nach Einwohnern")
    SIZE_CLASS = "size_class", _("nach EW-Größenklasse")
    CASES = "cases", _("nach Fallzahlen")
    COMBINED = "combined", _("gewichtete Kombination")


class AllocationKey(Versioned):
    """The Umlageschlüssel of a cooperation as its agreement states it (one per cooperation)."""

    cooperation = models.OneToOneField(
        "cooperation.Cooperation",
        on_delete=models.CASCADE,
        related_name="cost_key",
        verbose_name=_("Kooperation"),
    )
    kind = models.CharField(_("Verteilung nach"), max_length=12, choices=KeyKind.choices)
    base_percent = models.DecimalField(
        _("Sockelbetrag (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("Anteil der Kosten, der zu gleichen Teilen verteilt wird, bevor der Schlüssel greift"),
    )
    stichtag = models.DateField(
        _("Stichtag der Einwohnerzahl"),
        null=True,
        blank=True,
        help_text=_("welcher Stand der amtlichen Einwohnerzahl laut Vereinbarung zählt"),
    )
    size_classes = models.JSONField(
        _("Größenklassen"), default=list, blank=True
    )  # [{label, lower, upper, weight}]
    combination = models.JSONField(_("Gewichtung"), default=list, blank=True)  # [{kind, weight}]
    case_years = models.JSONField(_("Jahre der Fallzahlen"), default=list, blank=True)  # [2023, 2024]
    caps = models.JSONField(_("Höchstbeträge"), default=dict, blank=True)  # {AGS: "1000.00"}; "0" = befreit
    clause = models.TextField(_("Wortlaut bzw. Fundstelle"), blank=True)
    illustrative = models.BooleanField(
        _("illustrativ"),
        default=False,
        help_text=_("Werte nicht aus einer Quelle, sondern zur Veranschaulichung"),
    )

    class Meta:
        verbose_name = _("Umlageschlüssel")
        verbose_name_plural = _("Umlageschlüssel")

    def __str__(self) -> str:
        return f"{_('Umlageschlüssel')} – {self.cooperation}"


class CaseCount(models.Model):
    """Case numbers of one municipality in one year for a cooperation (Fallzahlen)."""

    cooperation = models.ForeignKey(
        "cooperation.Cooperation", on_delete=models.CASCADE, related_name="case_counts"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("Kommune")
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    cases = models.DecimalField(_("Fälle"), max_digits=12, decimal_places=2, validators=NON_NEGATIVE)

    class Meta:
        verbose_name = _("Fallzahl")
        verbose_name_plural = _("Fallzahlen")
        ordering = ["cooperation", "municipality__key", "year"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "municipality", "year"], name="case_count_once"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}: {self.cases}"


class AllocationStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    RELEASED = "released", _("freigegeben")
    SUPERSEDED = "superseded", _("ersetzt durch neuere Fassung")


class Allocation(Versioned):
    """The costs of one year split by the key, with every share stored (Fassung ``number``).

    A released allocation is never changed: recalculating it creates the next Fassung as a draft;
    releasing that one marks the earlier as superseded, which stays visible."""

    cooperation = models.ForeignKey(
        "cooperation.Cooperation",
        on_delete=models.CASCADE,
        related_name="allocations",
        verbose_name=_("Kooperation"),
    )
    year = models.PositiveSmallIntegerField(_("Haushaltsjahr"))
    number = models.PositiveSmallIntegerField(_("Fassung"), default=1)
    status = models.CharField(
        _("Status"), max_length=12, choices=AllocationStatus.choices, default=AllocationStatus.DRAFT
    )
    total = models.DecimalField(_("Gesamtkosten"), validators=NON_NEGATIVE, max_digits=14, decimal_places=2)
    fees = models.DecimalField(
        _("Gebühreneinnahmen"), default=Decimal(0), validators=NON_NEGATIVE, max_digits=14, decimal_places=2
    )
    fines = models.DecimalField(
        _("Verwarnungs- und Bußgelder"),
        default=Decimal(0),
        validators=NON_NEGATIVE,
        max_digits=14,
        decimal_places=2,
    )
    grants = models.DecimalField(
        _("Fördermittel"), default=Decimal(0), validators=NON_NEGATIVE, max_digits=14, decimal_places=2
    )
    other_income = models.DecimalField(
        _("sonstige Einnahmen"), default=Decimal(0), validators=NON_NEGATIVE, max_digits=14, decimal_places=2
    )
    net = models.DecimalField(_("zu verteilen"), max_digits=14, decimal_places=2)
    key_description = models.CharField(_("Schlüssel"), max_length=300)
    key_snapshot = models.JSONField(_("Schlüssel (Stand der Berechnung)"), default=dict)
    stichtag = models.DateField(_("Stichtag der Einwohnerzahl"), null=True, blank=True)
    note = models.TextField(_("Anmerkung"), blank=True)
    illustrative = models.BooleanField(_("illustrativ"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(_("freigegeben am"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Umlage")
        verbose_name_plural = _("Umlagen")
        ordering = ["cooperation", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "year", "number"], name="allocation_number_once"),
            models.UniqueConstraint(
                fields=["cooperation", "year"],
                condition=models.Q(status="draft"),
                name="allocation_one_draft_per_year",
            ),
        ]

    def __str__(self) -> str:
        return _("Umlage %(year)s (Fassung %(n)s) – %(coop)s") % {
            "year": self.year,
            "n": self.number,
            "coop": self.cooperation,
        }

    def get_absolute_url(self) -> str:
        return reverse("costs:allocation_detail", args=[self.pk])

    @property
    def income_total(self) -> Decimal:
        return self.fees + self.fines + self.grants + self.other_income

    @property
    def is_draft(self) -> bool:
        return self.status == AllocationStatus.DRAFT


class AllocationShare(models.Model):
    """One municipality's share of an allocation, with its explanation."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="shares")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("Kommune")
    )
    ags = models.CharField(_("AGS"), max_length=12)
    name = models.CharField(_("Kommune"), max_length=200)
    key_value = models.CharField(_("Schlüsselwert"), max_length=300)
    percent = models.DecimalField(_("Anteil (%)"), max_digits=9, decimal_places=4)
    exact = models.DecimalField(_("exakter Betrag"), max_digits=18, decimal_places=4)
    amount = models.DecimalField(_("Betrag"), max_digits=14, decimal_places=2)
    adjustment = models.DecimalField(_("Rundungsausgleich"), max_digits=10, decimal_places=4)
    formula = models.TextField(_("Rechenweg"))
    capped = models.BooleanField(_("gedeckelt oder befreit"), default=False)

    class Meta:
        verbose_name = _("Anteil")
        verbose_name_plural = _("Anteile")
        ordering = ["allocation", "ags"]
        constraints = [
            models.UniqueConstraint(fields=["allocation", "municipality"], name="share_once_per_allocation"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount}"


# --- grants (Fördermittel) --------------------------------------------------------------------------


class GrantProgramme(Versioned):
    """A funding programme as data (e.g. Hessen's IKZ programme), with its source and check date."""

    name = models.CharField(_("Programm"), max_length=300, unique=True)
    giver = models.CharField(_("Fördermittelgeber"), max_length=300)
    min_participants = models.PositiveSmallIntegerField(_("mindestens beteiligte Kommunen"), default=1)
    min_duration_years = models.PositiveSmallIntegerField(_("Mindestdauer (Jahre)"), default=0)
    min_savings_percent = models.DecimalField(
        _("Mindest-Einsparquote (%)"), max_digits=5, decimal_places=2, default=Decimal(0)
    )
    tiers = models.JSONField(
        _("Zuwendung nach Zahl der Kommunen"), default=list, blank=True
    )  # [{min_participants, amount}]; empty: no standard amount (decided case by case)
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    source = models.CharField(_("Quelle"), max_length=500)
    verified_on = models.DateField(_("geprüft am"), null=True, blank=True)
    notes = models.TextField(_("Hinweise"), blank=True)
    retired_on = models.DateField(
        _("eingestellt am"),
        null=True,
        blank=True,
        help_text=_("Ab diesem Tag werden keine neuen Anträge mehr für das Programm erfasst."),
    )

    class Meta:
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GrantStatus(models.TextChoices):
    PLANNED = "planned", _("geplant")
    APPLIED = "applied", _("beantragt")
    AWARDED = "awarded", _("bewilligt")
    REJECTED = "rejected", _("abgelehnt")


class GrantApplication(Versioned):
    cooperation = models.ForeignKey(
        "cooperation.Cooperation", on_delete=models.CASCADE, related_name="grant_applications"
    )
    programme = models.ForeignKey(
        GrantProgramme,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("Förderprogramm"),
    )
    status = models.CharField(
        _("Stand"), max_length=10, choices=GrantStatus.choices, default=GrantStatus.PLANNED
    )
    applied_on = models.DateField(_("beantragt am"), null=True, blank=True)
    amount_requested = models.DecimalField(
        _("beantragter Betrag"),
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
        max_digits=14,
        decimal_places=2,
    )
    amount_awarded = models.DecimalField(
        _("bewilligter Betrag"),
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
        max_digits=14,
        decimal_places=2,
    )
    awarded_on = models.DateField(_("bewilligt am"), null=True, blank=True)
    duration_years = models.PositiveSmallIntegerField(_("vereinbarte Dauer (Jahre)"), null=True, blank=True)
    expenditure_before = models.DecimalField(
        _("Personal- und Sachausgaben vorher je Jahr"),
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
        max_digits=14,
        decimal_places=2,
    )
    savings_per_year = models.DecimalField(
        _("erwartete Einsparung je Jahr"),
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
        max_digits=14,
        decimal_places=2,
    )
    source = models.CharField(_("Quelle"), max_length=500, blank=True)
    note = models.TextField(_("Anmerkung"), blank=True)

    class Meta:
        verbose_name = _("Förderantrag")
        verbose_name_plural = _("Förderanträge")
        ordering = ["cooperation", "programme__name"]

    def __str__(self) -> str:
        return f"{self.programme} – {self.cooperation}"


# --- savings ledger (Einsparungen) ----------------------------------------------------------------


class SavingsKind(models.TextChoices):
    PRICES = "prices", _("Einkaufspreise (Mengeneffekte)")
    STAFF = "staff", _("Personal- und Verwaltungsaufwand")
    EXTERNAL = "external", _("externe Dienstleister")
    SOFTWARE = "software", _("Software")
    TRAINING = "training", _("Fortbildung")
    OTHER = "other", _("sonstige")


class SavingsEntry(Versioned):
    cooperation = models.ForeignKey(
        "cooperation.Cooperation", on_delete=models.CASCADE, related_name="savings"
    )
    year_from = models.PositiveSmallIntegerField(_("von (Jahr)"))
    year_to = models.PositiveSmallIntegerField(_("bis (Jahr)"))
    amount = models.DecimalField(_("Einsparung"), validators=NON_NEGATIVE, max_digits=14, decimal_places=2)
    kind = models.CharField(_("Art"), max_length=10, choices=SavingsKind.choices)
    evidence = models.TextField(_("Nachweis"), blank=True, help_text=_("Beleg, Bericht oder Dokument"))
    document_ref = models.CharField(_("Dokument"), max_length=300, blank=True)
    non_monetary = models.TextField(_("nicht monetäre Effekte"), blank=True)
    source = models.CharField(_("Quelle"), max_length=500, blank=True)
    illustrative = models.BooleanField(_("illustrativ"), default=False)

    class Meta:
        verbose_name = _("Einsparung")
        verbose_name_plural = _("Einsparungen")
        ordering = ["cooperation", "year_from", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year_to__gte=models.F("year_from")), name="savings_years"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cooperation} {self.period}: {self.amount}"

    @property
    def period(self) -> str:
        return (
            str(self.year_from)
            if self.year_from == self.year_to
            else f"{self.year_from}/{self.year_to % 100:02d}"
        )


# --- staffing and viability (Personalbemessung, Wirtschaftlichkeit) ------------------------------


class PositionCost(Versioned):
    """The full annual cost of a position by pay grade (KGSt "Kosten eines Arbeitsplatzes" style)."""

    pay_grade = models.CharField(_("Entgelt-/Besoldungsgruppe"), max_length=40)
    year = models.PositiveSmallIntegerField(_("Jahr"))
    personnel_cost = models.DecimalField(
        _("Personalkosten je Jahr"), validators=NON_NEGATIVE, max_digits=14, decimal_places=2
    )
    material_cost = models.DecimalField(
        _("Sachkosten je Arbeitsplatz"), validators=NON_NEGATIVE, max_digits=14, decimal_places=2
    )
    overhead_percent = models.DecimalField(
        _("Gemeinkosten (% der Personalkosten)"), max_digits=5, decimal_places=2, default=Decimal(20)
    )
    source = models.CharField(_("Quelle"), max_length=500)
    mark = models.CharField(
        _("Prüfvermerk"), max_length=2, default="✖", help_text=_("✔ geprüft, ◐ teilweise, ✖ ungeprüft")
    )

    class Meta:
        verbose_name = _("Kosten eines Arbeitsplatzes")
        verbose_name_plural = _("Kosten eines Arbeitsplatzes")
        ordering = ["-year", "pay_grade"]
        constraints = [models.UniqueConstraint(fields=["pay_grade", "year"], name="position_cost_once")]

    def __str__(self) -> str:
        return f"{self.pay_grade} ({self.year})"

    @property
    def full_cost(self) -> Decimal:
        overhead = self.personnel_cost * self.overhead_percent / 100
        return (self.personnel_cost + overhead + self.material_cost).quantize(Decimal("0.01"))


class StaffingStudy(Versioned):
    """The staffing and viability calculation of a feasibility study (one per cooperation)."""

    cooperation = models.OneToOneField(
        "cooperation.Cooperation", on_delete=models.CASCADE, related_name="staffing_study"
    )
    task = models.CharField(_("Aufgabe"), max_length=300)
    net_hours_per_fte = models.DecimalField(
        _("Netto-Jahresarbeitszeit je Vollzeitstelle (Stunden)"), max_digits=7, decimal_places=1
    )
    hours_source = models.CharField(_("Quelle der Jahresarbeitszeit"), max_length=500)
    pooled_grade = models.ForeignKey(
        PositionCost,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Entgeltgruppe der gebündelten Stelle"),
    )
    overhead = models.DecimalField(
        _("Mehrkosten der Bündelung je Jahr"),
        default=Decimal(0),
        validators=NON_NEGATIVE,
        help_text=_("Koordination, Fahrten, Räume"),
        max_digits=14,
        decimal_places=2,
    )
    fte_step = models.DecimalField(
        _("Stellenanteile in Schritten von"), max_digits=4, decimal_places=2, default=Decimal("0.25")
    )
    note = models.TextField(_("Anmerkung"), blank=True)
    illustrative = models.BooleanField(_("illustrativ"), default=False)

    class Meta:
        verbose_name = _("Personalbemessung")
        verbose_name_plural = _("Personalbemessungen")

    def __str__(self) -> str:
        return f"{_('Personalbemessung')} – {self.cooperation}"


class StaffingRow(models.Model):
    study = models.ForeignKey(StaffingStudy, on_delete=models.CASCADE, related_name="rows")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("Kommune")
    )
    cases = models.DecimalField(_("Fälle je Jahr"), max_digits=12, decimal_places=2, validators=NON_NEGATIVE)
    minutes_per_case = models.DecimalField(
        _("Minuten je Fall"), max_digits=8, decimal_places=2, validators=NON_NEGATIVE
    )
    current_fte = models.DecimalField(
        _("Stellen heute"), max_digits=6, decimal_places=2, validators=NON_NEGATIVE
    )
    current_grade = models.ForeignKey(
        PositionCost, on_delete=models.PROTECT, related_name="+", verbose_name=_("Entgeltgruppe heute")
    )

    class Meta:
        ordering = ["study", "municipality__key"]
        constraints = [models.UniqueConstraint(fields=["study", "municipality"], name="staffing_row_once")]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.cases} × {self.minutes_per_case}"
