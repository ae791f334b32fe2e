"""The reuse network: solutions that a member or municipality offers, needs, reuse interest,
and the matches the platform found between needs and solutions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned


class Solution(Versioned):
    title = models.CharField(_("Was"), max_length=300)
    description = models.TextField(_("Beschreibung"))
    field = models.ForeignKey(
        "cooperation.CooperationField",
        on_delete=models.PROTECT,
        related_name="solutions",
        verbose_name=_("Kooperationsfeld"),
    )
    since = models.DateField(_("im Einsatz seit"), null=True, blank=True)
    owner = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="solutions",
        verbose_name=_("Anbieter (Kommune oder Mitglied)"),
    )
    users = models.ManyToManyField(
        "municipalities.Municipality",
        blank=True,
        related_name="used_solutions",
        verbose_name=_("genutzt von"),
    )
    contact = models.CharField(_("Ansprechperson"), max_length=300)
    material = models.ManyToManyField(
        "documents.Document", blank=True, related_name="solutions", verbose_name=_("Material zur Nachnutzung")
    )
    last_confirmed = models.DateField(_("zuletzt bestätigt"))
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Lösung")
        verbose_name_plural = _("Lösungen")
        ordering = ["field__task_area__position", "field__position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:solution_detail", args=[self.pk])


class Need(Versioned):
    title = models.CharField(_("Was soll umgesetzt werden"), max_length=300)
    description = models.TextField(_("Beschreibung"))
    field = models.ForeignKey(
        "cooperation.CooperationField",
        on_delete=models.PROTECT,
        related_name="needs",
        verbose_name=_("Kooperationsfeld"),
    )
    owner = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="needs",
        verbose_name=_("Kommune"),
    )
    last_confirmed = models.DateField(_("zuletzt bestätigt"))
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Bedarf")
        verbose_name_plural = _("Bedarfe")
        ordering = ["-created_at", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:need_detail", args=[self.pk])


class ReuseInterest(models.Model):
    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="interests")
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="reuse_interests",
        verbose_name=_("Kommune"),
    )
    note = models.TextField(_("Anmerkung"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("bekundet am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Interesse an Nachnutzung")
        verbose_name_plural = _("Interessen an Nachnutzung")
        ordering = ["solution", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["solution", "municipality"], name="reuse_interest_once")
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.solution}"


class Match(models.Model):
    """A need that fits a solution (same field, similar text), found by ikz.network.rules."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="matches")
    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="matches")
    score = models.FloatField(_("Ähnlichkeit"))
    found_at = models.DateTimeField(_("gefunden am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Treffer")
        verbose_name_plural = _("Treffer")
        ordering = ["need", "-score"]
        constraints = [models.UniqueConstraint(fields=["need", "solution"], name="network_match_once")]

    def __str__(self) -> str:
        return f"{self.need} ↔ {self.solution}"
