"""Task areas (Aufgabengebiete) and cooperation fields (Kooperationsfelder)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned


class TaskArea(Versioned):
    name = models.CharField(_("Name"), max_length=200, unique=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Aufgabengebiet")
        verbose_name_plural = _("Aufgabengebiete")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cooperation:taskarea_detail", args=[self.pk])


class CooperationField(Versioned):
    task_area = models.ForeignKey(TaskArea, on_delete=models.PROTECT, related_name="fields")
    name = models.CharField(_("Name"), max_length=200)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    description = models.TextField(_("Beschreibung"), blank=True)
    source = models.CharField(
        _("Herkunft"), max_length=300, blank=True, help_text=_("z. B. die Übersicht, aus der das Feld stammt")
    )

    class Meta:
        verbose_name = _("Kooperationsfeld")
        verbose_name_plural = _("Kooperationsfelder")
        ordering = ["task_area__position", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["task_area", "name"], name="field_name_per_area")]

    def __str__(self) -> str:
        return self.name


# --- the inventory (Bestand) of cooperations ------------------------------------------------------


class LegalForm(models.TextChoices):
    """Legal forms of inter-municipal cooperation (Hessen: KGG, HSOG; see docs/glossary.md)."""

    INFORMAL = "informal", _("informell (Absprache, Arbeitsgruppe)")
    CONTRACT = "contract", _("privatrechtlicher Vertrag (z. B. Dienstleistungsvertrag)")
    PUBLIC_AGREEMENT = "public_agreement", _("öffentlich-rechtliche Vereinbarung")
    PUBLIC_CONTRACT = "public_contract", _("öffentlich-rechtlicher Vertrag")
    ZWECKVERBAND = "zweckverband", _("Zweckverband")
    VB_BEZIRK = "vb_bezirk", _("Verwaltungsbehördenbezirk (§ 82 HSOG)")
    PUBLIC_BODY = "public_body", _("Anstalt oder Körperschaft des öffentlichen Rechts")
    COMPANY = "company", _("kommunales Unternehmen (GmbH, eG …)")
    OTHER = "other", _("sonstige")


class ParticipantStatus(models.TextChoices):
    """The three states of seed 003's legend (black / blue / green)."""

    EXISTS = "exists", _("Kooperation existiert")
    PLANNED = "planned", _("Kooperation geplant")
    CONSIDERED = "considered", _("erwogen, nicht zustande gekommen")


class Cooperation(Versioned):
    """One cooperation of a region's inventory: a row entry of the matrix with its own symbol."""

    region = models.ForeignKey(
        "municipalities.Region",
        on_delete=models.CASCADE,
        related_name="cooperations",
        verbose_name=_("Region"),
    )
    field = models.ForeignKey(
        CooperationField,
        on_delete=models.PROTECT,
        related_name="cooperations",
        verbose_name=_("Kooperationsfeld"),
    )
    title = models.CharField(_("Bezeichnung"), max_length=200)
    description = models.TextField(
        _("Beschreibung"), blank=True, help_text=_("Erscheint als Fußnote unter der Matrix.")
    )
    symbol = models.CharField(
        _("Symbol"), max_length=4, help_text=_("Zeichen in der Matrix, z. B. ■ □ ◇ ● +")
    )
    legal_form = models.CharField(_("Rechtsform"), max_length=20, choices=LegalForm.choices, blank=True)
    since_year = models.PositiveSmallIntegerField(_("seit (Jahr)"), null=True, blank=True)
    external_partners = models.TextField(
        _("externe Partner"), blank=True, help_text=_("z. B. ein kommunales Rechenzentrum; einer je Zeile")
    )
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Kooperation")
        verbose_name_plural = _("Kooperationen")
        ordering = ["field__task_area__position", "field__position", "position", "title"]
        indexes = [models.Index(fields=["region", "field"], name="cooperation_region_field")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:cooperation_detail", args=[self.pk])


class Participant(models.Model):
    """A municipality in a cooperation, with its own status (seed 003: colour) and the lead mark."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="participants")
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="participations_in_cooperations",
        verbose_name=_("Kommune"),
    )
    status = models.CharField(_("Stand"), max_length=12, choices=ParticipantStatus.choices)
    planned_by = models.DateField(_("voraussichtlich bis"), null=True, blank=True)
    reason = models.TextField(_("Grund, warum nicht zustande gekommen"), blank=True)
    is_lead = models.BooleanField(
        _("federführend"),
        default=False,
        help_text=_("Federführende Kommune oder Kommune, die die Leistung für andere erbringt"),
    )

    class Meta:
        verbose_name = _("Beteiligte Kommune")
        verbose_name_plural = _("Beteiligte Kommunen")
        ordering = ["cooperation", "municipality__key"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "municipality"], name="participant_once"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.cooperation}"
