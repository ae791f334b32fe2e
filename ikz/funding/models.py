"""The Fördermitteldatenbank: programmes and their calls (with dated deadlines), applications by one
municipality or a group, and the obligations a grant notice brings (decisions 210–219).

The classification uses the value lists of the federal Förderdatenbank (foerderdatenbank.de):
Förderart, Förderbereich, Förderberechtigte, Fördergebiet and Fördergeber; the lists are kept as
codes in JSON lists (a programme has several of each) with their federal labels in ``rules.py``."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned

NON_NEGATIVE = [MinValueValidator(Decimal(0))]
PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class Programme(Versioned):
    """A funding programme (Förderprogramm) as the giver publishes it, with its eligibility."""

    name = models.CharField(_("Programm"), max_length=300, unique=True)
    short = models.CharField(_("Kurzbeschreibung"), max_length=1000, blank=True)
    giver = models.CharField(_("Fördergeber"), max_length=20)  # rules.GIVERS: bund, eu, land
    giver_name = models.CharField(_("Zuwendungsgeber (Stelle)"), max_length=300, blank=True)
    kinds = models.JSONField(_("Förderart"), default=list, blank=True)  # rules.KINDS
    areas = models.JSONField(_("Förderbereich"), default=list, blank=True)  # rules.AREAS
    eligible = models.JSONField(_("Förderberechtigte"), default=list, blank=True)  # rules.ELIGIBLE
    territories = models.JSONField(_("Fördergebiet"), default=list, blank=True)  # rules.TERRITORIES
    cooperation_fields = models.ManyToManyField(
        "cooperation.CooperationField",
        blank=True,
        related_name="funding_programmes",
        verbose_name=_("Kooperationsfelder"),
    )
    all_fields = models.BooleanField(
        _("alle Kooperationsfelder"),
        default=False,
        help_text=_("Das Programm fördert Zusammenarbeit in jedem Aufgabenfeld (z. B. IKZ-Förderung)."),
    )
    bodies = models.JSONField(_("antragsberechtigte Körperschaften"), default=list, blank=True)
    min_population = models.PositiveIntegerField(_("Einwohnerzahl mindestens"), null=True, blank=True)
    max_population = models.PositiveIntegerField(_("Einwohnerzahl höchstens"), null=True, blank=True)
    min_partners = models.PositiveSmallIntegerField(
        _("Kooperation verlangt: mindestens beteiligte Kommunen"),
        default=0,
        help_text=_("0: auch Einzelanträge"),
    )
    exclusions = models.TextField(_("Ausschlüsse"), blank=True)
    resolution_required = models.BooleanField(
        _("Beschluss jeder beteiligten Kommune verlangt"), default=False
    )
    rate_percent = models.DecimalField(
        _("Förderquote (%)"), max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT
    )
    max_amount = models.DecimalField(
        _("Höchstbetrag"), max_digits=14, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE
    )
    url = models.URLField(_("Fundstelle (Adresse)"), max_length=500, blank=True)
    region = models.ForeignKey(
        "municipalities.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_programmes",
        verbose_name=_("gepflegt von (Region)"),
    )
    checked_on = models.DateField(_("zuletzt geprüft am"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geprüft von"),
    )
    checked_by_label = models.CharField(_("geprüft von"), max_length=200, blank=True)
    legacy = models.OneToOneField(
        "costs.GrantProgramme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_programme",
        verbose_name=_("Förderprogramm der Kostenseite"),
    )

    class Meta:
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("funding:programme_detail", args=[self.pk])


class IntakeMode(models.TextChoices):
    SINGLE = "einstufig", _("einstufig (ein Einreichungstermin)")
    CUTOFF = "stichtage", _("Stichtage")
    TWO_STAGE = "zweistufig", _("zweistufig (Projektskizze, dann Vollantrag)")
    ROLLING = "laufend", _("laufend (jederzeit)")


class Call(Versioned):
    """A call (Förderaufruf) of a programme: when it opens, how applications come in, its deadlines."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="calls")
    title = models.CharField(_("Aufruf"), max_length=300)
    mode = models.CharField(_("Verfahren"), max_length=12, choices=IntakeMode.choices)
    opens_on = models.DateField(_("Einreichung ab"), null=True, blank=True)
    closes_on = models.DateField(
        _("Aufruf endet am"), null=True, blank=True, help_text=_("bei laufenden Aufrufen, sonst leer")
    )
    url = models.URLField(_("Fundstelle (Adresse)"), max_length=500, blank=True)
    note = models.TextField(_("Hinweise"), blank=True)
    changed_on = models.DateField(_("zuletzt geändert am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Förderaufruf")
        verbose_name_plural = _("Förderaufrufe")
        ordering = ["programme__name", "opens_on", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.programme})"

    def get_absolute_url(self) -> str:
        return reverse("funding:programme_detail", args=[self.programme_id]) + f"#aufruf-{self.pk}"


class Deadline(models.Model):
    """One dated deadline of a call (a Stichtag, the sketch or the full application)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="deadlines")
    date = models.DateField(_("Frist"))
    label = models.CharField(_("wofür"), max_length=200)

    class Meta:
        verbose_name = _("Frist")
        verbose_name_plural = _("Fristen")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.label}"


class ApplicationStatus(models.TextChoices):
    PLANNED = "planned", _("in Vorbereitung")
    SUBMITTED = "submitted", _("eingereicht")
    AWARDED = "awarded", _("bewilligt")
    REJECTED = "rejected", _("abgelehnt")
    PROVEN = "proven", _("Verwendung nachgewiesen")


class Application(Versioned):
    """An application (Förderantrag) of one municipality or a group (Gruppenantrag) with its lead."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="applications", verbose_name=_("Förderprogramm")
    )
    call = models.ForeignKey(
        Call,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("Aufruf"),
    )
    region = models.ForeignKey(
        "municipalities.Region", on_delete=models.PROTECT, related_name="funding_applications"
    )
    title = models.CharField(_("Vorhaben"), max_length=300)
    group = models.BooleanField(_("Gruppenantrag"), default=False)
    lead = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("antragstellende Kommune (federführend)"),
    )
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_applications",
        verbose_name=_("Projekt"),
    )
    cooperation = models.ForeignKey(
        "cooperation.Cooperation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_applications",
        verbose_name=_("Kooperation (für den Kostenschlüssel)"),
    )
    status = models.CharField(
        _("Stand"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.PLANNED
    )
    total_cost = models.DecimalField(
        _("zuwendungsfähige Ausgaben"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
    )
    amount_requested = models.DecimalField(
        _("beantragter Betrag"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
    )
    submitted_on = models.DateField(_("eingereicht am"), null=True, blank=True)
    awarded_on = models.DateField(_("Bescheid vom"), null=True, blank=True)
    amount_awarded = models.DecimalField(
        _("bewilligter Betrag"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
    )
    notice_ref = models.CharField(_("Aktenzeichen des Bescheids"), max_length=100, blank=True)
    funded_until = models.DateField(_("Bewilligungszeitraum bis"), null=True, blank=True)
    binding_years = models.PositiveSmallIntegerField(_("Zweckbindung (Jahre)"), null=True, blank=True)
    note = models.TextField(_("Anmerkung"), blank=True)

    class Meta:
        verbose_name = _("Förderantrag")
        verbose_name_plural = _("Förderanträge")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:application_detail", args=[self.pk])


class Partner(models.Model):
    """A municipality of an application (the lead, too) with its share and its council resolution."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partners")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("Kommune")
    )
    share_percent = models.DecimalField(
        _("Anteil (%)"), max_digits=7, decimal_places=4, null=True, blank=True, validators=PERCENT
    )
    share_note = models.CharField(_("Anteil nach"), max_length=300, blank=True)
    resolution = models.ForeignKey(
        "resolutions.Resolution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Beschluss"),
    )

    class Meta:
        verbose_name = _("beteiligte Kommune")
        verbose_name_plural = _("beteiligte Kommunen")
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(fields=["application", "municipality"], name="funding_partner_once")
        ]

    def __str__(self) -> str:
        return str(self.municipality)


class ObligationKind(models.TextChoices):
    DRAW = "draw", _("Mittelabruf")
    PASS_ON = "pass_on", _("Weiterleitung an Partner")
    PROOF = "proof", _("Verwendungsnachweis")
    BINDING = "binding", _("Zweckbindung")


class Obligation(Versioned):
    """What the grant notice demands, with its due date, who settled it and the evidence file."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="obligations")
    kind = models.CharField(_("Pflicht"), max_length=10, choices=ObligationKind.choices)
    title = models.CharField(_("Bezeichnung"), max_length=300)
    due_on = models.DateField(_("fällig am"))
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    amount = models.DecimalField(_("Betrag"), max_digits=14, decimal_places=2, null=True, blank=True)
    done_on = models.DateField(_("erledigt am"), null=True, blank=True)
    done_by_label = models.CharField(_("erledigt von"), max_length=200, blank=True)
    evidence = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Nachweis"),
    )
    note = models.TextField(_("Anmerkung"), blank=True)

    class Meta:
        verbose_name = _("Pflicht aus dem Bescheid")
        verbose_name_plural = _("Pflichten aus dem Bescheid")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on:%d.%m.%Y})"

    def get_absolute_url(self) -> str:
        return reverse("funding:application_detail", args=[self.application_id]) + f"#pflicht-{self.pk}"
