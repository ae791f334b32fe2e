"""The history of every change: who did what, when, to which object, and which fields changed."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Versioned(models.Model):
    """Optimistic concurrency: every edit form carries ``version``; a stale write is refused."""

    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)

    class Meta:
        abstract = True


class Action(models.TextChoices):
    CREATE = "create", _("angelegt")
    UPDATE = "update", _("geändert")
    DELETE = "delete", _("gelöscht")
    IMPORT = "import", _("importiert")
    CONFLICT = "conflict", _("Änderung abgelehnt (veraltete Fassung)")
    CORRECTION = "correction", _("berichtigt (mit Begründung)")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("durch"), max_length=200)
    action = models.CharField(_("Aktion"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("Objekt"), max_length=300)
    changes = models.JSONField(_("Änderungen"), default=dict, blank=True)
    message = models.CharField(_("Anlass"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Verlaufseintrag")
        verbose_name_plural = _("Verlaufseinträge")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="audit_object_at")]

    def __str__(self) -> str:
        return f"{self.at:%d.%m.%Y %H:%M} {self.actor_label}: {self.object_repr} {self.get_action_display()}"
