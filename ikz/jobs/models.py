"""Background jobs (Aufträge): what runs outside the request, who asked for it, how it went.

django-tasks (database backend, decision 156) carries each attempt to a worker; this table is the
record users and operators read: status, attempts, the reason of a failure, the result."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("wartet")
    RUNNING = "running", _("läuft")
    RETRY = "retry", _("neuer Versuch geplant")
    DONE = "done", _("erledigt")
    FAILED = "failed", _("fehlgeschlagen")


OPEN = (JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.RETRY)


class Job(models.Model):
    kind = models.CharField(_("Art"), max_length=80)
    label = models.CharField(_("Auftrag"), max_length=300)
    payload = models.JSONField(_("Daten"), default=dict)
    # The same key never queues a second job (a timer started twice, a double click).
    key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    status = models.CharField(_("Stand"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("höchstens Versuche"), default=5)
    run_after = models.DateTimeField(_("nicht vor"), null=True, blank=True)
    region = models.ForeignKey(
        "municipalities.Region", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("beauftragt am"), auto_now_add=True)
    started_at = models.DateTimeField(_("begonnen am"), null=True, blank=True)
    finished_at = models.DateTimeField(_("beendet am"), null=True, blank=True)
    worker = models.CharField(_("Arbeitsprozess"), max_length=100, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("Grund"), blank=True)
    result = models.CharField(_("Ergebnis"), max_length=500, blank=True)
    result_link = models.CharField(max_length=300, blank=True)
    task_id = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name = _("Auftrag")
        verbose_name_plural = _("Aufträge")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "kind"], name="job_status_kind"),
            models.Index(fields=["region", "status"], name="job_region_status"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


class Worker(models.Model):
    """A worker process as it last reported: a worker that stops reporting has died, and the job it
    held is taken over by another (decision 157)."""

    name = models.CharField(max_length=100, unique=True)
    host = models.CharField(max_length=200, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField()
    jobs_done = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Arbeitsprozess")
        verbose_name_plural = _("Arbeitsprozesse")

    def __str__(self) -> str:
        return self.name
