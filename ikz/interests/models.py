"""Interessenbekundungsverfahren: Aufrufe, Bekundungen, Rangfolge."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    OPEN = "open", _("offen")
    CLOSED = "closed", _("abgeschlossen")


class InterestCall(Versioned):
    """A call (Aufruf) of a region's office: which topics the municipalities want to cooperate in."""

    region = models.ForeignKey(
        "municipalities.Region",
        on_delete=models.CASCADE,
        related_name="interest_calls",
        verbose_name=_("Region"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    opened_on = models.DateField(_("geöffnet am"), null=True, blank=True)
    deadline = models.DateField(_("Frist"))
    allow_late = models.BooleanField(
        _("Antworten nach Fristende zulassen"),
        default=False,
        help_text=_("Kommunen können auch nach Ablauf der Frist noch antworten."),
    )
    status = models.CharField(_("Stand"), max_length=10, choices=CallStatus.choices, default=CallStatus.DRAFT)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Interessenbekundungsverfahren")
        verbose_name_plural = _("Interessenbekundungsverfahren")
        ordering = ["region", "-deadline", "title"]
        constraints = [models.UniqueConstraint(fields=["region", "title"], name="interest_call_title")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("interests:call_detail", args=[self.pk])


class Topic(Versioned):
    """A topic (Thema) of a call, in the order the office sets."""

    call = models.ForeignKey(InterestCall, on_delete=models.CASCADE, related_name="topics")
    label = models.CharField(_("Bezeichnung"), max_length=300)
    task_area = models.ForeignKey(
        "cooperation.TaskArea",
        on_delete=models.PROTECT,
        related_name="interest_topics",
        verbose_name=_("Aufgabengebiet"),
    )
    field = models.ForeignKey(
        "cooperation.CooperationField",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interest_topics",
        verbose_name=_("Kooperationsfeld"),
    )
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        ordering = ["call", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["call", "label"], name="interest_topic_label")]

    def __str__(self) -> str:
        return self.label


class DeclarationStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("abgesendet")


class Declaration(Versioned):
    """The answer of one municipality to one call (Interessenbekundung)."""

    call = models.ForeignKey(InterestCall, on_delete=models.CASCADE, related_name="declarations")
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="interest_declarations",
        verbose_name=_("Kommune"),
    )
    status = models.CharField(
        _("Stand"), max_length=10, choices=DeclarationStatus.choices, default=DeclarationStatus.DRAFT
    )
    note = models.TextField(_("Anmerkung"), blank=True)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    submitted_at = models.DateTimeField(_("Absendung erfasst am"), null=True, blank=True)
    submitted_on = models.DateField(
        _("abgesendet am"),
        null=True,
        blank=True,
        help_text=_("der Tag, an dem die Bekundung abgesendet wurde; erfasst kann sie später sein"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    class Meta:
        verbose_name = _("Interessenbekundung")
        verbose_name_plural = _("Interessenbekundungen")
        ordering = ["call", "municipality__key"]
        constraints = [
            models.UniqueConstraint(fields=["call", "municipality"], name="interest_declaration_once")
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.call}"

    def get_absolute_url(self) -> str:
        return reverse("interests:declaration_detail", args=[self.call_id, self.municipality_id])


class Answer(models.Model):
    """Per topic: does the municipality want to cooperate, and does it join the working group."""

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="answers")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="answers")
    interested = models.BooleanField(_("Kooperation gewünscht"), default=False)
    joins_working_group = models.BooleanField(_("Mitarbeit in der Arbeitsgruppe IKZ"), default=False)

    class Meta:
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        ordering = ["declaration", "topic__position"]
        constraints = [
            models.UniqueConstraint(fields=["declaration", "topic"], name="interest_answer_once"),
            models.CheckConstraint(
                condition=models.Q(interested=True) | models.Q(joins_working_group=False),
                name="interest_group_needs_interest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.declaration} – {self.topic}"


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("offen")
    TAKEN_OVER = "taken_over", _("als Projekt übernommen")


class Proposal(models.Model):
    """A project proposal made from a topic of the ranking; the projects app picks it up later."""

    call = models.ForeignKey(InterestCall, on_delete=models.CASCADE, related_name="proposals")
    topic = models.OneToOneField(
        Topic, on_delete=models.PROTECT, related_name="proposal", verbose_name=_("Thema")
    )
    title = models.CharField(_("Titel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    status = models.CharField(
        _("Stand"), max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Projektvorschlag")
        verbose_name_plural = _("Projektvorschläge")
        ordering = ["call", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.title
