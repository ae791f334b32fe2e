"""IKZ projects of a region (seed 003 parts A d–f, B, C): the charter (Projektauftrag), the
lifecycle with its log, milestones, the steering group's decisions and the participation matrix."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned
from ikz.projects import rules


class Status(models.TextChoices):
    PROPOSAL = rules.PROPOSAL, _("Vorschlag")
    PRIORITISED = rules.PRIORITISED, _("priorisiert")
    COMMISSIONED = rules.COMMISSIONED, _("beauftragt")
    FEASIBILITY = rules.FEASIBILITY, _("Prüfung läuft")
    VERDICT = rules.VERDICT, _("Prüfergebnis liegt vor")
    IMPLEMENTATION = rules.IMPLEMENTATION, _("in Umsetzung")
    PAUSED = rules.PAUSED, _("pausiert")
    OPERATING = rules.OPERATING, _("Kooperation in Betrieb")
    LOCAL = rules.LOCAL, _("in lokalen Kooperationen umgesetzt")
    TRANSFERRED = rules.TRANSFERRED, _("Aufgabe auf bestehenden Träger übertragen")
    FOLLOWED_UP = rules.FOLLOWED_UP, _("in Folgeprojekt überführt")
    CLOSED = rules.CLOSED, _("abgeschlossen ohne Umsetzung")


class Verdict(models.TextChoices):
    ADVANTAGEOUS = rules.ADVANTAGEOUS, _("IKZ vorteilhaft")
    NOT_ADVANTAGEOUS = rules.NOT_ADVANTAGEOUS, _("IKZ nicht vorteilhaft")
    PARTLY = rules.PARTLY, _("IKZ teilweise vorteilhaft")


class Project(Versioned):
    """One IKZ project (Prüfprojekt, Umsetzungsprojekt) of a region with its charter."""

    region = models.ForeignKey(
        "municipalities.Region", on_delete=models.CASCADE, related_name="projects", verbose_name=_("Region")
    )
    field = models.ForeignKey(
        "cooperation.CooperationField",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("Kooperationsfeld"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    status = models.CharField(_("Stand"), max_length=20, choices=Status.choices, default=Status.PROPOSAL)
    year = models.PositiveSmallIntegerField(
        _("Projektjahr"), null=True, blank=True, help_text=_("Jahr des Projektbeginns, z. B. 2014")
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_projects",
        verbose_name=_("Projektleitung (Person)"),
    )
    lead_municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_projects",
        verbose_name=_("Projektleitung (Kommune)"),
    )
    # the charter (Projektauftrag): introduction, the seven standard elements, the variants
    introduction = models.TextField(_("Einleitung"), blank=True)
    goals = models.TextField(_("Projektziele"), blank=True, help_text=_("ein Ziel je Zeile"))
    deliverables = models.TextField(
        _("Zu erarbeitende Ergebnisse"), blank=True, help_text=_("ein Ergebnis je Zeile")
    )
    start = models.DateField(_("Projektstart"), null=True, blank=True)
    end = models.DateField(_("Projektende"), null=True, blank=True)
    costs = models.TextField(_("Projektkosten"), blank=True)
    project_group = models.TextField(
        _("Projektgruppe"), blank=True, help_text=_("wer mitarbeitet: Kommunen, Fachbereiche, Personen")
    )
    information_management = models.TextField(_("Informationsmanagement"), blank=True)
    variants = models.TextField(
        _("Zu prüfende Varianten"), blank=True, help_text=_("eine Variante je Zeile, z. B. „Variante A) …“")
    )
    # the outcome
    verdict = models.CharField(_("Prüfergebnis"), max_length=20, choices=Verdict.choices, blank=True)
    verdict_reasons = models.TextField(_("Gründe für das Prüfergebnis"), blank=True)
    closing_reason = models.TextField(_("Grund für den Abschluss ohne Umsetzung"), blank=True)
    finished_on = models.DateField(
        _("beendet am"),
        null=True,
        blank=True,
        help_text=_("der Tag, an dem der letzte Schritt wirksam wurde (Ergebnis oder Abschluss)"),
    )
    cooperation = models.ForeignKey(
        "cooperation.Cooperation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("Kooperation im Bestand"),
    )
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    proposal = models.OneToOneField(
        "interests.Proposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="project",
        verbose_name=_("aus Projektvorschlag"),
    )
    # the public portal (decision 60): set by the office, the slug is the project's address there
    published_at = models.DateTimeField(_("im Portal veröffentlicht am"), null=True, blank=True)
    slug = models.SlugField(_("Kurzbezeichnung im Portal"), max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    class Meta:
        verbose_name = _("IKZ-Projekt")
        verbose_name_plural = _("IKZ-Projekte")
        ordering = ["region", "-year", "title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["region", "title"], name="project_title_per_region"),
            models.UniqueConstraint(
                fields=["region", "slug"], condition=~models.Q(slug=""), name="project_slug_per_region"
            ),
        ]
        indexes = [models.Index(fields=["region", "status"], name="project_region_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.pk])

    def charter(self) -> rules.Charter:
        return rules.Charter(
            goals=self.goals,
            deliverables=self.deliverables,
            start=self.start,
            end=self.end,
            costs=self.costs,
            has_lead=self.lead_id is not None or self.lead_municipality_id is not None,
            project_group=self.project_group,
            information_management=self.information_management,
        )

    @property
    def lead_municipality_label(self) -> str:
        unit = self.lead_municipality
        if unit is None:
            return ""
        return rules.unit_label(unit.level, str(unit.get_kind_display()), unit.short_name)

    @property
    def charter_missing(self) -> list[str]:
        return rules.charter_missing(self.charter())

    @property
    def published(self) -> bool:
        return self.published_at is not None

    def get_public_url(self) -> str:
        return reverse("portal:project_detail", args=[self.region.slug, self.slug])


class TransitionLog(models.Model):
    """One step of the lifecycle: who, when it was recorded (``at``), the day it took effect
    (``effective_on``), from, to, why, and the verdict a step records. Written once; only its
    effective date may be corrected, with a reason in the audit (``services.correct_step_date``)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transitions")
    at = models.DateTimeField(_("erfasst am"))
    effective_on = models.DateField(_("wirksam am"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("wer"), max_length=200)
    from_status = models.CharField(_("von"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("nach"), max_length=20, choices=Status.choices)
    reason = models.TextField(_("Begründung"), blank=True)
    verdict = models.CharField(_("Prüfergebnis"), max_length=20, choices=Verdict.choices, blank=True)

    class Meta:
        verbose_name = _("Statuswechsel")
        verbose_name_plural = _("Statuswechsel")
        ordering = ["project", "pk"]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_from_status_display()} → {self.get_to_status_display()}"

    @property
    def step(self) -> rules.Step:
        return rules.Step(self.effective_on, self.from_status, self.to_status, self.verdict)


class Milestone(Versioned):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("Meilenstein"), max_length=200)
    planned = models.DateField(_("geplant"))
    forecast = models.DateField(_("Prognose"), null=True, blank=True)
    reached = models.DateField(_("erreicht am"), null=True, blank=True)
    note = models.TextField(_("Anmerkung"), blank=True)

    class Meta:
        verbose_name = _("Meilenstein")
        verbose_name_plural = _("Meilensteine")
        ordering = ["project", "planned", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.project})"

    @property
    def due(self) -> dt.date:
        return rules.milestone_due(self.planned, self.forecast)

    def is_overdue(self, today: dt.date) -> bool:
        return rules.milestone_overdue(self.planned, self.forecast, self.reached, today)


class SteeringDecision(Versioned):
    """A decision of the steering group (Lenkungsgruppe) on a project, optionally on a milestone."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="decisions")
    date = models.DateField(_("Datum"))
    text = models.TextField(_("Beschluss"))
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("Meilenstein"),
    )
    # Beschlusskontrolle: who must act by when, and when it was done
    responsible = models.CharField(_("wer handelt"), max_length=200, blank=True)
    due_on = models.DateField(_("zu erledigen bis"), null=True, blank=True)
    done_on = models.DateField(_("erledigt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Beschluss der Lenkungsgruppe")
        verbose_name_plural = _("Beschlüsse der Lenkungsgruppe")
        ordering = ["project", "-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}: {self.text[:60]}"


class LessonLearned(Versioned):
    """What a project taught (seed 003: "gelungene und misslungene Beispiele", "Erfolgsfaktoren")."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(_("Kurztitel"), max_length=200)
    worked = models.TextField(_("Was ist gelungen?"), blank=True)
    failed = models.TextField(_("Was ist nicht gelungen?"), blank=True)
    success_factors = models.TextField(
        _("Erfolgsfaktoren"), blank=True, help_text=_("was anderen Kommunen hilft, ein Faktor je Zeile")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("festgehalten von"),
    )
    author_label = models.CharField(_("festgehalten von"), max_length=200, blank=True)
    date = models.DateField(_("Datum"))

    class Meta:
        verbose_name = _("Erfahrung (Lessons Learned)")
        verbose_name_plural = _("Erfahrungen (Lessons Learned)")
        ordering = ["project", "-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.project})"

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.project_id]) + f"#erfahrung-{self.pk}"


class ParticipationStatus(models.TextChoices):
    WITH_STAFF = rules.WITH_STAFF, _("Projektbeteiligung mit personeller Vertretung")
    WITHOUT_STAFF = rules.WITHOUT_STAFF, _("Projektbeteiligung ohne personelle Vertretung")
    NONE = rules.NOT_PARTICIPATING, _("keine Projektbeteiligung")
    NOT_RESPONSIBLE = rules.NOT_RESPONSIBLE, _("keine Aufgabenzuständigkeit")


class Participation(Versioned):
    """One cell of the participation matrix: a municipality in a project, with its roles.

    Declared by the municipality's contact (a draft until confirmed), confirmed by the project
    lead or the office."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations")
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="project_participations",
        verbose_name=_("Kommune"),
    )
    status = models.CharField(_("Beteiligung"), max_length=20, choices=ParticipationStatus.choices)
    role_pl = models.BooleanField(_("PL – Projektleitung"), default=False)
    role_pg = models.BooleanField(_("PG – Projektgruppe"), default=False)
    role_ag = models.BooleanField(_("AG – Arbeitsgruppe"), default=False)
    role_lkg = models.BooleanField(_("LKG – Lenkungsgruppe"), default=False)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    declared_at = models.DateTimeField(_("erklärt am"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    joined_on = models.DateField(
        _("beteiligt seit"), null=True, blank=True, help_text=_("leer: seit Beginn des Projekts")
    )
    left_on = models.DateField(_("beteiligt bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Projektbeteiligung")
        verbose_name_plural = _("Projektbeteiligungen")
        ordering = ["project", "municipality__key"]
        constraints = [
            models.UniqueConstraint(fields=["project", "municipality"], name="participation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.project}: {self.cell}"

    @property
    def roles(self) -> list[str]:
        flags = {"PL": self.role_pl, "PG": self.role_pg, "AG": self.role_ag, "LKG": self.role_lkg}
        return [role for role in rules.ROLES if flags[role]]

    @property
    def cell(self) -> str:
        return rules.cell_text(self.status, self.roles)

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    def valid_on(self, day: dt.date) -> bool:
        """The cell held on ``day`` (joined by then, not yet left; no date: since the start)."""
        return (self.joined_on is None or self.joined_on <= day) and (
            self.left_on is None or day < self.left_on
        )


ROLE_FIELDS = {"PL": "role_pl", "PG": "role_pg", "AG": "role_ag", "LKG": "role_lkg"}


class ProjectOutcome(models.Model):
    """What a finished project led to (decision 93): the cooperations it produced (one region-wide,
    or several local ones), the existing body the task went to (by name or as a unit of the
    register) and by which participants, or the follow-up project that continues it."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="outcome")
    kind = models.CharField(_("Ergebnis"), max_length=20, choices=Status.choices)
    cooperations = models.ManyToManyField(
        "cooperation.Cooperation",
        blank=True,
        related_name="project_outcomes",
        verbose_name=_("Kooperationen"),
    )
    body = models.CharField(_("Träger"), max_length=200, blank=True)
    body_unit = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Träger im Register"),
    )
    participants = models.ManyToManyField(
        "municipalities.Municipality", blank=True, related_name="+", verbose_name=_("durch die Beteiligten")
    )
    follow_up = models.OneToOneField(
        Project,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessor_outcome",
        verbose_name=_("Folgeprojekt"),
    )
    note = models.TextField(_("Anmerkung"), blank=True)

    class Meta:
        verbose_name = _("Ergebnis eines Projekts")
        verbose_name_plural = _("Ergebnisse von Projekten")

    def __str__(self) -> str:
        return f"{self.project}: {self.get_kind_display()}"

    @property
    def body_label(self) -> str:
        unit = self.body_unit
        return unit.name if unit is not None else self.body
