"""The data-protection request (Art. 15 / 17 DSGVO): who asked for what, who handled it, the outcome."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ACCESS = "access", _("Auskunft (Art. 15 DSGVO)")
    ERASURE = "erasure", _("Löschung (Art. 17 DSGVO)")


class DataRequest(models.Model):
    """One request of a data subject. After an erasure ``subject_label`` holds the anonymised name."""

    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Konto"),
    )
    contacts = models.ManyToManyField(
        "municipalities.ContactPerson", blank=True, related_name="+", verbose_name=_("Ansprechpersonen")
    )
    subject_label = models.CharField(_("Betroffene Person"), max_length=200)
    requested_on = models.DateField(_("Anfrage eingegangen am"), default=timezone.localdate)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bearbeitet von"),
    )
    handled_at = models.DateTimeField(_("bearbeitet am"), null=True, blank=True)
    outcome = models.TextField(_("Ergebnis"), blank=True)
    kept_data = models.JSONField(_("Aufbewahrte Daten und Gründe"), default=list, blank=True)

    class Meta:
        verbose_name = _("Datenschutzanfrage")
        verbose_name_plural = _("Datenschutzanfragen")
        ordering = ["-requested_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject_label} ({self.requested_on:%d.%m.%Y})"
