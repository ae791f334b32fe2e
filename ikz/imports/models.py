from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned


class Status(models.TextChoices):
    CHECKING = "checking", _("geprüft wird")
    READY = "ready", _("bereit")
    APPLYING = "applying", _("wird übernommen")
    FAILED = "failed", _("mit Fehlern")
    APPLIED = "applied", _("übernommen")
    REJECTED = "rejected", _("abgelehnt")


class ImportRun(Versioned):
    """One uploaded file of one import kind for one scope: its rows, the check's plan and problems,
    who uploaded and who applied it (the history of a scope's imports)."""

    kind = models.CharField(_("Art"), max_length=40)
    scope_id = models.PositiveIntegerField(_("Bezug"))
    scope_label = models.CharField(_("für"), max_length=300)
    filename = models.CharField(_("Datei"), max_length=255)
    header_row = models.PositiveIntegerField(default=0)
    rows = models.JSONField(default=list, blank=True)  # [[row number, {column: text}], …]
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.CHECKING)
    total = models.PositiveIntegerField(_("Zeilen"), default=0)
    checked = models.PositiveIntegerField(_("geprüft"), default=0)
    problems = models.JSONField(default=list, blank=True)  # [[row, column, message], …]
    plan = models.JSONField(default=list, blank=True)  # [Entry.as_json(), …]
    counts = models.JSONField(default=dict, blank=True)  # action → rows
    links = models.JSONField(default=list, blank=True)  # [[label, url], …] after apply
    note = models.CharField(_("Vermerk"), max_length=1000, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("hochgeladen"), default=timezone.now)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    applied_at = models.DateTimeField(_("übernommen"), null=True, blank=True)
    # The background job that carries out "Import übernehmen" (decision 167).
    apply_job = models.ForeignKey(
        "jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Import")
        verbose_name_plural = _("Importe")
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["kind", "scope_id", "-uploaded_at"], name="import_run_scope")]

    def __str__(self) -> str:
        return f"{self.filename} ({self.scope_label})"

    def get_absolute_url(self) -> str:
        return reverse("imports:run_detail", args=[self.pk])


class ImportChunk(models.Model):
    """The rows of one check step of a run (``ImportKind.chunk`` or 500) and, once checked, their
    plan, problems and keys; merged into the run and deleted when the last step is done, so that
    each step reads and writes only its own rows (decision 146)."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField()
    rows = models.JSONField(default=list, blank=True)
    plan = models.JSONField(default=list, blank=True)
    problems = models.JSONField(default=list, blank=True)
    keys = models.JSONField(default=dict, blank=True)  # key → row of its first occurrence
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["run", "index"]
        constraints = [models.UniqueConstraint(fields=["run", "index"], name="import_chunk_once")]

    def __str__(self) -> str:
        return f"{self.run_id}/{self.index}"
