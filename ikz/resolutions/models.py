"""Grundsatzbeschlüsse und andere Gremienbeschlüsse je Kommune, mit Karte."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned


class Subject(models.TextChoices):
    PRINCIPLE = "principle", _("IKZ-Grundsatzbeschluss")
    MEMBERSHIP = "membership", _("Mitgliedschaft")
    AGREEMENT = "agreement", _("Vereinbarung")
    OTHER = "other", _("anderer Gegenstand")


class Body(models.TextChoices):
    """Council (Vertretung) and executive (Verwaltungsorgan) by kind of member (Hessen's names)."""

    STADTVERORDNETENVERSAMMLUNG = "stvv", _("Stadtverordnetenversammlung")
    GEMEINDEVERTRETUNG = "gemeindevertretung", _("Gemeindevertretung")
    KREISTAG = "kreistag", _("Kreistag")
    MAGISTRAT = "magistrat", _("Magistrat")
    GEMEINDEVORSTAND = "gemeindevorstand", _("Gemeindevorstand")
    KREISAUSSCHUSS = "kreisausschuss", _("Kreisausschuss")
    GEMEINDERAT = "gemeinderat", _("Gemeinderat / Stadtrat")
    VERBANDSVERSAMMLUNG = "verbandsversammlung", _("Verbandsversammlung")
    OTHER = "other", _("anderes Gremium")


class Outcome(models.TextChoices):
    ADOPTED_COUNCIL = "adopted_council", _("Beschluss der Vertretung gefasst")
    ADOPTED_EXECUTIVE = "adopted_executive", _("Beschluss des Magistrats / Verwaltungsorgans gefasst")
    NOTED = "noted", _("vom Gemeindevorstand abschließend zur Kenntnis genommen")
    NOT_PLANNED = "not_planned", _("nicht vorgesehen: frühere Beschlüsse bzw. Projekte bereits in Arbeit")
    REJECTED = "rejected", _("abgelehnt")
    PENDING = "pending", _("noch offen")


class Resolution(Versioned):
    """A resolution of one municipality (or Kreis) on one subject: body, date, outcome, source."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="resolutions",
        verbose_name=_("Kommune"),
    )
    subject = models.CharField(
        _("Gegenstand"), max_length=20, choices=Subject.choices, default=Subject.PRINCIPLE
    )
    subject_text = models.CharField(
        _("Gegenstand (Text)"),
        max_length=300,
        blank=True,
        help_text=_("bei „anderer Gegenstand“: worüber beschlossen wurde"),
    )
    body = models.CharField(_("Gremium"), max_length=30, choices=Body.choices)
    date = models.DateField(_("Sitzungsdatum"), null=True, blank=True)
    outcome = models.CharField(_("Ergebnis"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    note = models.TextField(_("Anmerkung"), blank=True)
    source = models.CharField(
        _("Quelle"), max_length=500, blank=True, help_text=_("z. B. Drucksache, Niederschrift, Pressebericht")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    class Meta:
        verbose_name = _("Beschluss")
        verbose_name_plural = _("Beschlüsse")
        ordering = ["municipality__key", "subject", "subject_text"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "subject"],
                condition=~Q(subject="other"),
                name="resolution_once_per_subject",
            ),
            models.UniqueConstraint(
                fields=["municipality", "subject_text"],
                condition=Q(subject="other"),
                name="resolution_other_once_per_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_label} – {self.municipality}"

    @property
    def subject_label(self) -> str:
        if self.subject == Subject.OTHER and self.subject_text:
            return self.subject_text
        return str(self.get_subject_display())

    def get_absolute_url(self) -> str:
        return reverse("resolutions:resolution_detail", args=[self.pk])
