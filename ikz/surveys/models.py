"""Bestandsaufnahmen: a region's survey of the cooperations of its members, with questionnaires,
answers per municipality, response tracking (Rücklauf) and reminders."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned
from ikz.cooperation.models import LegalForm, ParticipantStatus


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("in Vorbereitung")
    OPEN = "open", _("offen")
    CLOSED = "closed", _("abgeschlossen")


class Campaign(Versioned):
    region = models.ForeignKey(
        "municipalities.Region", on_delete=models.CASCADE, related_name="campaigns", verbose_name=_("Region")
    )
    title = models.CharField(_("Titel"), max_length=200)
    introduction = models.TextField(_("Einleitung für die Kommunen"), blank=True)
    period_start = models.DateField(_("Zeitraum von"))
    period_end = models.DateField(_("Zeitraum bis"))
    deadline = models.DateField(_("Rücklauffrist"))
    allow_late = models.BooleanField(_("Antworten nach der Frist zulassen"), default=False)
    status = models.CharField(
        _("Stand"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    task_areas = models.ManyToManyField("cooperation.TaskArea", verbose_name=_("Aufgabengebiete"), blank=True)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Bestandsaufnahme")
        verbose_name_plural = _("Bestandsaufnahmen")
        ordering = ["-period_start", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:campaign_detail", args=[self.pk])


class Variant(models.Model):
    """A questionnaire of the campaign for one level of member (seed 003: Anlage 1 Städte und
    Gemeinden, Anlage 2 Kreis)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="variants")
    name = models.CharField(_("Bezeichnung"), max_length=200)
    level = models.CharField(
        _("für Mitglieder der Ebene"),
        max_length=20,
        blank=True,
        help_text=_("leer: für alle Mitglieder, die keine eigene Variante haben"),
    )
    fields = models.ManyToManyField(
        "cooperation.CooperationField", verbose_name=_("Kooperationsfelder"), blank=True
    )

    class Meta:
        verbose_name = _("Fragebogen-Variante")
        verbose_name_plural = _("Fragebogen-Varianten")
        ordering = ["campaign", "name"]

    def __str__(self) -> str:
        return self.name


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("abgegeben")


class Response(Versioned):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="survey_responses",
        verbose_name=_("Kommune"),
    )
    status = models.CharField(
        _("Stand"), max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    started_at = models.DateTimeField(_("begonnen am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("zuletzt gespeichert"), auto_now=True)
    submitted_at = models.DateTimeField(_("Abgabe erfasst am"), null=True, blank=True)
    submitted_on = models.DateField(
        _("abgegeben am"),
        null=True,
        blank=True,
        help_text=_("der Tag, an dem der Antwortbogen abgegeben wurde; erfasst kann er später sein"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reopened_reason = models.CharField(_("Grund der Wiederöffnung"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Antwortbogen")
        verbose_name_plural = _("Antwortbögen")
        constraints = [models.UniqueConstraint(fields=["campaign", "municipality"], name="response_once")]

    def __str__(self) -> str:
        return f"{self.campaign} – {self.municipality}"

    def get_absolute_url(self) -> str:
        return reverse("surveys:response_detail", args=[self.campaign_id, self.municipality_id])

    @property
    def submitted_day(self) -> dt.date | None:
        """The day the sheet took effect as submitted: ``submitted_on``; for a sheet written
        without it (e.g. loaded directly), the day its submission was recorded. None for a draft."""
        if self.status != ResponseStatus.SUBMITTED:
            return None
        if self.submitted_on is not None:
            return self.submitted_on
        return timezone.localdate(self.submitted_at) if self.submitted_at is not None else None


class Answer(models.Model):
    """One cooperation as a town hall reports it: existing, planned, or considered but not realised."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    field = models.ForeignKey(
        "cooperation.CooperationField", on_delete=models.PROTECT, verbose_name=_("Kooperationsfeld")
    )
    kind = models.CharField(_("Stand"), max_length=12, choices=ParticipantStatus.choices)
    title = models.CharField(_("Bezeichnung"), max_length=200)
    partners = models.ManyToManyField(
        "municipalities.Municipality", blank=True, related_name="+", verbose_name=_("Partner in der Region")
    )
    external_partners = models.CharField(_("andere oder externe Partner"), max_length=500, blank=True)
    since_year = models.PositiveSmallIntegerField(_("seit (Jahr)"), null=True, blank=True)
    legal_form = models.CharField(_("Rechtsform"), max_length=20, choices=LegalForm.choices, blank=True)
    lead = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("federführend"),
    )
    planned_by = models.DateField(_("voraussichtlich bis"), null=True, blank=True)
    reason = models.TextField(_("Grund, warum nicht zustande gekommen"), blank=True)
    cooperation = models.ForeignKey(
        "cooperation.Cooperation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_answers",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        ordering = ["response", "position", "id"]

    def __str__(self) -> str:
        return self.title


class Reminder(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reminders")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("erinnert am"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recipients = models.TextField(_("Empfänger"), blank=True)
    # One reminder per run and municipality ("job:<id>:<municipality>"): a job that runs again after
    # a worker restart finds it and queues no second mail.
    key = models.CharField(max_length=200, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("Erinnerung")
        verbose_name_plural = _("Erinnerungen")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.sent_at:%d.%m.%Y}"
