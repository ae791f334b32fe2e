"""The district's meetings, modelled after OParl 1.1 (decisions 230–239): the bodies of a region
(Organization: steering group, Bürgermeister-Dienstversammlung, working groups), the people in
them (Person, Membership with role and voting right), their meetings with the agenda
(Meeting, AgendaItem), attendance, and draft resolutions (Paper) followed through the steering
group and each member council (Consultation, tied to the municipality's ``Resolution``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned
from ikz.meetings import rules


class OrganizationKind(models.TextChoices):
    STEERING = rules.STEERING, _("Lenkungsgruppe")
    MAYORS = "mayors", _("Bürgermeister-Dienstversammlung")
    WORKING_GROUP = "working_group", _("Arbeitsgruppe")
    OTHER = "other", _("anderes Gremium")


class Organization(Versioned):
    """A body of the region that meets (OParl Organization)."""

    region = models.ForeignKey(
        "municipalities.Region",
        on_delete=models.PROTECT,
        related_name="meeting_bodies",
        verbose_name=_("Region"),
    )
    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=50, blank=True)
    kind = models.CharField(_("Art"), max_length=20, choices=OrganizationKind.choices)
    start_date = models.DateField(_("besteht seit"), null=True, blank=True)
    end_date = models.DateField(_("besteht bis"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    class Meta:
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        ordering = ["region", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="meetings_body_name_once")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("meetings:organization_detail", args=[self.pk])


class Person(Versioned):
    """Someone who sits in a body (OParl Person); with an account, invitations reach the inbox."""

    region = models.ForeignKey(
        "municipalities.Region", on_delete=models.PROTECT, related_name="meeting_people"
    )
    name = models.CharField(_("Name"), max_length=200)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vertritt"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_people",
        verbose_name=_("Zugang"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="meetings_person_name_once")]

    def __str__(self) -> str:
        return self.name


class Membership(Versioned):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("Rolle"), max_length=100, blank=True)
    voting_right = models.BooleanField(_("stimmberechtigt"), default=True)
    start_date = models.DateField(_("Mitglied seit"), null=True, blank=True)
    end_date = models.DateField(_("Mitglied bis"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["organization", "person__name", "pk"]

    def __str__(self) -> str:
        return f"{self.person} – {self.organization}"


class MeetingState(models.TextChoices):
    PLANNED = rules.PLANNED, _("in Vorbereitung")
    INVITED = rules.INVITED, _("eingeladen")
    HELD = rules.HELD, _("durchgeführt")
    APPROVED = rules.APPROVED, _("Niederschrift genehmigt")


class Meeting(Versioned):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("Gremium")
    )
    name = models.CharField(_("Bezeichnung"), max_length=200, blank=True)
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"), null=True, blank=True)
    location = models.CharField(_("Ort"), max_length=300, blank=True)
    state = models.CharField(
        _("Stand"), max_length=20, choices=MeetingState.choices, default=MeetingState.PLANNED
    )
    invited_on = models.DateField(_("eingeladen am"), null=True, blank=True)
    minutes = models.TextField(_("Niederschrift"), blank=True)
    approved_on = models.DateField(_("Niederschrift genehmigt am"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    class Meta:
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["-start", "-pk"]

    def __str__(self) -> str:
        return self.name or f"{self.organization.name}, {self.start:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", args=[self.pk])

    @property
    def published(self) -> bool:
        return self.state == MeetingState.APPROVED


class Result(models.TextChoices):
    ADOPTED = rules.ADOPTED, _("beschlossen")
    ADOPTED_CHANGED = rules.ADOPTED_CHANGED, _("geändert beschlossen")
    REJECTED = "rejected", _("abgelehnt")
    NOTED = "noted", _("zur Kenntnis genommen")
    DEFERRED = "deferred", _("vertagt")


class AgendaItem(Versioned):
    """One item of a meeting's agenda (OParl AgendaItem); a decision on a project is recorded once,
    as the project's ``SteeringDecision`` (``decision``), and shown in the project's decision log."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveIntegerField(_("Reihenfolge"))
    number = models.CharField(_("TOP"), max_length=20)
    name = models.CharField(_("Gegenstand"), max_length=300)
    public = models.BooleanField(_("öffentlich"), default=True)
    topic = models.CharField(_("Anlass"), max_length=60, blank=True)
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Projekt"),
    )
    milestone = models.ForeignKey(
        "projects.Milestone", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    result = models.CharField(_("Ergebnis"), max_length=20, choices=Result.choices, blank=True)
    resolution_text = models.TextField(_("Beschlusstext"), blank=True)
    responsible = models.CharField(_("wer handelt"), max_length=200, blank=True)
    due_on = models.DateField(_("zu erledigen bis"), null=True, blank=True)
    done_on = models.DateField(_("erledigt am"), null=True, blank=True)
    decision = models.OneToOneField(
        "projects.SteeringDecision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="meetings_item_number_once")
        ]

    def __str__(self) -> str:
        return f"TOP {self.number}: {self.name}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("anwesend")
    EXCUSED = "excused", _("entschuldigt")
    ABSENT = "absent", _("nicht anwesend")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("Anwesenheit"), max_length=20, choices=AttendanceStatus.choices)

    class Meta:
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheit")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="meetings_attendance_once")]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"


class Paper(Versioned):
    """A draft resolution (OParl Paper), e.g. the IKZ principle resolution or a project agreement."""

    region = models.ForeignKey(
        "municipalities.Region", on_delete=models.PROTECT, related_name="meeting_papers"
    )
    reference = models.CharField(_("Drucksachen-Nr."), max_length=50)
    name = models.CharField(_("Titel"), max_length=300)
    paper_type = models.CharField(_("Art"), max_length=100, default="Beschlussvorlage")
    date = models.DateField(_("Datum"))
    subject = models.CharField(_("Gegenstand in den Gremien"), max_length=20)
    text = models.TextField(_("Beschlussvorschlag"))
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Projekt"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Vorlage")
        verbose_name_plural = _("Vorlagen")
        ordering = ["region", "-date", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["region", "reference"], name="meetings_paper_reference_once")
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:paper_detail", args=[self.pk])


class Consultation(Versioned):
    """One consultation of a paper (OParl Consultation): in a meeting of the region (``agenda_item``)
    or in the council of one member municipality (``municipality``, with its ``Resolution``)."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="consultations")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="consultations"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution = models.ForeignKey(
        "resolutions.Resolution", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("Rolle"), max_length=100)
    authoritative = models.BooleanField(_("beschließend"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Beratung")
        verbose_name_plural = _("Beratungen")
        ordering = ["paper", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["paper", "municipality"],
                condition=Q(municipality__isnull=False),
                name="meetings_council_once",
            ),
            models.UniqueConstraint(
                fields=["paper", "agenda_item"],
                condition=Q(agenda_item__isnull=False),
                name="meetings_item_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.paper.reference}: {self.role}"
