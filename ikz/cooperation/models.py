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
