"""Task areas (Aufgabengebiete) and cooperation fields (Kooperationsfelder)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned
from ikz.cooperation import rules


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


# --- the inventory (Bestand) of cooperations ------------------------------------------------------


class LegalForm(models.TextChoices):
    """Legal forms of inter-municipal cooperation (Hessen: KGG, HSOG; see docs/glossary.md)."""

    INFORMAL = "informal", _("informell (Absprache, Arbeitsgruppe)")
    CONTRACT = "contract", _("privatrechtlicher Vertrag (z. B. Dienstleistungsvertrag)")
    PUBLIC_AGREEMENT = "public_agreement", _("öffentlich-rechtliche Vereinbarung")
    PUBLIC_CONTRACT = "public_contract", _("öffentlich-rechtlicher Vertrag")
    ZWECKVERBAND = "zweckverband", _("Zweckverband")
    VB_BEZIRK = "vb_bezirk", _("Verwaltungsbehördenbezirk (§ 82 HSOG)")
    PUBLIC_BODY = "public_body", _("Anstalt oder Körperschaft des öffentlichen Rechts")
    VERBAND = "verband", _("Verband (z. B. Landschaftspflegeverband als e. V.)")
    GMBH = "gmbh", _("GmbH (kommunale Gesellschaft)")
    EG = "eg", _("eingetragene Genossenschaft (eG)")
    COMPANY = "company", _("kommunales Unternehmen in anderer Rechtsform")
    # a task handed to a body that already exists (Zweckverband Riedwerke, Versorgungskasse, the
    # Kreisverwaltung): no new Zweckverband is founded (decision 96)
    TRANSFER = "transfer", _("Aufgabenübertragung auf einen bestehenden Träger")
    OTHER = "other", _("sonstige")


class ParticipantStatus(models.TextChoices):
    """The three states of seed 003's legend (black / blue / green)."""

    EXISTS = "exists", _("Kooperation existiert")
    PLANNED = "planned", _("Kooperation geplant")
    CONSIDERED = "considered", _("erwogen, nicht zustande gekommen")


class Cooperation(Versioned):
    """One cooperation of a region's inventory: a row entry of the matrix with its own symbol."""

    region = models.ForeignKey(
        "municipalities.Region",
        on_delete=models.CASCADE,
        related_name="cooperations",
        verbose_name=_("Region"),
    )
    field = models.ForeignKey(
        CooperationField,
        on_delete=models.PROTECT,
        related_name="cooperations",
        verbose_name=_("Kooperationsfeld"),
    )
    title = models.CharField(_("Bezeichnung"), max_length=200)
    description = models.TextField(
        _("Beschreibung"), blank=True, help_text=_("Erscheint als Fußnote unter der Matrix.")
    )
    symbol = models.CharField(
        _("Symbol"), max_length=4, help_text=_("Zeichen in der Matrix, z. B. ■ □ ◇ ● +")
    )
    legal_form = models.CharField(_("Rechtsform"), max_length=20, choices=LegalForm.choices, blank=True)
    since_year = models.PositiveSmallIntegerField(
        _("seit (Jahr)"),
        null=True,
        blank=True,
        help_text=_("für Kooperationen, deren Beginn nur als Jahr bekannt ist"),
    )
    started_on = models.DateField(
        _("Beginn"),
        null=True,
        blank=True,
        help_text=_("Tag, an dem die Kooperation zu bestehen begann (geplant: voraussichtlich)"),
    )
    ended_on = models.DateField(
        _("Ende"),
        null=True,
        blank=True,
        help_text=_("letzter Tag, z. B. aufgelöst oder nicht weiterverfolgt"),
    )
    end_reason = models.TextField(_("Grund des Endes"), blank=True)
    recorded_on = models.DateField(
        _("erfasst am / bekannt seit"),
        null=True,
        blank=True,
        help_text=_(
            "seit wann die geplante oder erwogene Kooperation im Bestand steht, z. B. Umfrage Juni 2013"
        ),
    )
    external_partners = models.TextField(
        _("externe Partner"), blank=True, help_text=_("z. B. ein kommunales Rechenzentrum; einer je Zeile")
    )
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Kooperation")
        verbose_name_plural = _("Kooperationen")
        ordering = ["field__task_area__position", "field__position", "position", "title"]
        indexes = [
            models.Index(fields=["region", "field"], name="cooperation_region_field"),
            # The API lists cooperations by title, 50 a page: with 50,000 of them the database
            # walks this index instead of sorting the table for every page.
            models.Index(fields=["title", "id"], name="cooperation_title_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:cooperation_detail", args=[self.pk])


class Participant(models.Model):
    """A municipality in a cooperation, with its own status (seed 003: colour) and the lead mark."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="participants")
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="participations_in_cooperations",
        verbose_name=_("Kommune"),
    )
    status = models.CharField(_("Stand"), max_length=12, choices=ParticipantStatus.choices)
    planned_by = models.DateField(_("voraussichtlich bis"), null=True, blank=True)
    reason = models.TextField(_("Grund, warum nicht zustande gekommen"), blank=True)
    is_lead = models.BooleanField(
        _("federführend"),
        default=False,
        help_text=_("Federführende Kommune oder Kommune, die die Leistung für andere erbringt"),
    )
    joined_on = models.DateField(
        _("beteiligt seit"), null=True, blank=True, help_text=_("leer: seit Beginn der Kooperation")
    )
    left_on = models.DateField(_("beteiligt bis"), null=True, blank=True, help_text=_("letzter Tag"))

    class Meta:
        verbose_name = _("Beteiligte Kommune")
        verbose_name_plural = _("Beteiligte Kommunen")
        ordering = ["cooperation", "municipality__key"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "municipality"], name="participant_once"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.cooperation}"


# --- operating cooperations (laufende Kooperationen) ------------------------------------------------


class NoticeTo(models.TextChoices):
    """ "zum …" of a notice rule of an agreement without a fixed term."""

    DAY = "day", _("zu einem beliebigen Tag")
    MONTH_END = "month_end", _("zum Monatsende")
    QUARTER_END = "quarter_end", _("zum Quartalsende")
    HALF_YEAR_END = "half_year_end", _("zum Halbjahresende")
    YEAR_END = "year_end", _("zum Jahresende")


class Operation(Versioned):
    """The operating details of an inventory cooperation that has been implemented: seat, term,
    renewal and notice, staff, advisory board and reporting (seed 003 part B). One per cooperation;
    a cooperation without this row is an inventory entry only."""

    cooperation = models.OneToOneField(
        Cooperation, on_delete=models.CASCADE, related_name="operation", verbose_name=_("Kooperation")
    )
    host = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_operations",
        verbose_name=_("Sitzkommune"),
        help_text=_("Kommune, bei der die Aufgabe angesiedelt ist (übernehmende oder beauftragte Kommune)"),
    )
    external_host = models.CharField(
        _("Sitz außerhalb der Region"),
        max_length=200,
        blank=True,
        help_text=_(
            "z. B. Zweckverband Riedwerke, wenn die Aufgabe auf eine Stelle außerhalb übertragen ist"
        ),
    )
    start = models.DateField(_("Arbeitsstart"))
    initial_months = models.PositiveIntegerField(
        _("Laufzeit (Monate)"),
        null=True,
        blank=True,
        help_text=_("Erste Laufzeit der Vereinbarung, z. B. 60 für fünf Jahre; leer = unbefristet"),
    )
    auto_renewal = models.BooleanField(
        _("verlängert sich automatisch"), default=False, help_text=_("wenn nicht rechtzeitig gekündigt wird")
    )
    renewal_months = models.PositiveIntegerField(
        _("Verlängerung um (Monate)"),
        null=True,
        blank=True,
        help_text=_("leer = jeweils um die erste Laufzeit"),
    )
    notice_months = models.PositiveIntegerField(
        _("Kündigungsfrist (Monate)"),
        null=True,
        blank=True,
        help_text=_("Monate vor dem Ende der laufenden Laufzeit"),
    )
    notice_to = models.CharField(
        _("Kündigung zum"),
        max_length=16,
        choices=NoticeTo.choices,
        blank=True,
        help_text=_("bei unbefristeter Vereinbarung, z. B. zwölf Monate zum Jahresende"),
    )
    ended_on = models.DateField(
        _("beendet zum"), null=True, blank=True, help_text=_("letzter Tag, wenn gekündigt oder aufgelöst")
    )
    staff_positions = models.DecimalField(
        _("Planstellen"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("z. B. 1,5 oder 2,75"),
    )
    advisory_board = models.BooleanField(_("Beirat"), default=False)
    advisory_board_note = models.CharField(_("Beirat: Hinweis"), max_length=300, blank=True)
    reporting_duty = models.BooleanField(_("Berichtspflicht"), default=False)
    reporting_note = models.CharField(
        _("Berichtswesen: Turnus oder Hinweis"), max_length=300, blank=True, help_text=_("z. B. jährlich")
    )
    report_due_day = models.PositiveSmallIntegerField(
        _("Jahresbericht fällig am (Tag)"), null=True, blank=True, help_text=_("z. B. 31")
    )
    report_due_month = models.PositiveSmallIntegerField(
        _("Jahresbericht fällig am (Monat)"), null=True, blank=True, help_text=_("z. B. 3 für März")
    )
    note = models.TextField(
        _("Hinweise"), blank=True, help_text=_("z. B. welche Angaben illustrativ sind und woher sie stammen")
    )

    class Meta:
        verbose_name = _("Betrieb einer Kooperation")
        verbose_name_plural = _("Betrieb von Kooperationen")

    def __str__(self) -> str:
        return str(self.cooperation)

    def get_absolute_url(self) -> str:
        return self.cooperation.get_absolute_url()

    @property
    def positions_text(self) -> str:
        return rules.positions_text(self.staff_positions)

    @property
    def initial_text(self) -> str:
        return rules.term_text(self.initial_months)

    @property
    def renewal_text(self) -> str:
        return rules.term_text(self.renewal_months or self.initial_months)

    @property
    def notice_text(self) -> str:
        return rules.term_text(self.notice_months)

    def term(self) -> rules.Term:
        """The agreement's duration as the pure rules see it."""
        return rules.Term(
            self.start,
            self.initial_months,
            self.auto_renewal,
            self.renewal_months,
            self.notice_months,
            self.ended_on,
            self.notice_to,
        )


class OperationPeriod(models.Model):
    """A period of an operating cooperation, e.g. a tender period "1.1.16 – 31.12.17"."""

    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="periods")
    label = models.CharField(_("Bezeichnung"), max_length=200, help_text=_("z. B. Ausschreibung"))
    starts_on = models.DateField(_("von"))
    ends_on = models.DateField(_("bis"))
    lead_months = models.PositiveSmallIntegerField(
        _("Vorlauf (Monate)"),
        null=True,
        blank=True,
        help_text=_("so viele Monate vor dem Ende die nächste Ausschreibung vorbereiten"),
    )

    class Meta:
        verbose_name = _("Zeitraum")
        verbose_name_plural = _("Zeiträume")
        ordering = ["operation", "starts_on", "ends_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="period_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.starts_on:%d.%m.%Y} – {self.ends_on:%d.%m.%Y}"


class BoardMeeting(models.Model):
    """A meeting of the advisory board (Beirat) of an operating cooperation."""

    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="board_meetings")
    date = models.DateField(_("Sitzung am"))
    note = models.CharField(_("Hinweis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Beiratssitzung")
        verbose_name_plural = _("Beiratssitzungen")
        ordering = ["operation", "date"]

    def __str__(self) -> str:
        return f"{self.operation} – {self.date:%d.%m.%Y}"


class ParticipationSpan(models.Model):
    """When a municipality joined an operating cooperation and (if) when it left (its last day).

    Kept apart from ``Participant`` (the inventory's current state, replaced wholesale when the
    inventory form is saved), so that the history survives every inventory edit."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="spans")
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="participation_spans",
        verbose_name=_("Kommune"),
    )
    joined_on = models.DateField(_("beigetreten am"))
    left_on = models.DateField(_("ausgeschieden zum"), null=True, blank=True)
    note = models.CharField(_("Hinweis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Beteiligungszeitraum")
        verbose_name_plural = _("Beteiligungszeiträume")
        ordering = ["cooperation", "joined_on", "municipality__key"]
        indexes = [models.Index(fields=["cooperation", "municipality"], name="span_coop_municipality")]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.cooperation}"


class Notice(models.Model):
    """A participant's notice (Kündigung), received on a date, leaving at the end of a term."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="notices")
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="cooperation_notices",
        verbose_name=_("Kommune"),
    )
    given_on = models.DateField(_("Kündigung eingegangen am"))
    effective_on = models.DateField(_("wirksam zum"))
    note = models.CharField(_("Hinweis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Kündigung")
        verbose_name_plural = _("Kündigungen")
        ordering = ["cooperation", "given_on"]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.cooperation} ({self.effective_on:%d.%m.%Y})"


class NoticeReminder(models.Model):
    """One reminder e-mail about a notice deadline, so each is sent once."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="notice_reminders")
    deadline = models.DateField(_("Kündigungsfrist endet am"))
    days_before = models.PositiveIntegerField(_("Tage vorher"))
    sent_at = models.DateTimeField(_("gesendet am"), auto_now_add=True)
    recipients = models.TextField(_("Empfänger"))

    class Meta:
        verbose_name = _("Erinnerung an eine Kündigungsfrist")
        verbose_name_plural = _("Erinnerungen an Kündigungsfristen")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "deadline", "days_before"], name="notice_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cooperation} – {self.deadline:%d.%m.%Y} ({self.days_before})"
