"""The last runs of the timers (systemd timers starting management commands): a timer that died
means missed deadline reminders, so the health check must see it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimerRun(models.Model):
    name = models.CharField(_("Zeitgeber"), max_length=60, unique=True)
    started_at = models.DateTimeField(_("zuletzt begonnen"), null=True, blank=True)
    succeeded_at = models.DateTimeField(_("zuletzt erfolgreich"), null=True, blank=True)
    failed_at = models.DateTimeField(_("zuletzt fehlgeschlagen"), null=True, blank=True)
    error = models.TextField(_("letzter Fehler"), blank=True)
    host = models.CharField(_("Rechner"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Lauf eines Zeitgebers")
        verbose_name_plural = _("Läufe der Zeitgeber")

    def __str__(self) -> str:
        return self.name
