"""The cooperative's organs and its general assembly (Generalversammlung, §§ 43–47 GenG).

``GovernanceSettings`` holds what the statutes fix for convening (notice period, the minority of
§ 45); ``OrganSeat`` a person on the Vorstand or the Aufsichtsrat for a term, usually the
representative of a member body; ``Assembly`` one general assembly with its agenda items,
invitations (kept as proof), attendance (from the register as of the assembly's day, with proxies)
and the votes (one member, one vote)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned


class GovernanceSettings(Versioned):
    cooperative = models.OneToOneField(
        "membership.Cooperative", on_delete=models.PROTECT, related_name="governance_settings"
    )
    notice_days = models.PositiveSmallIntegerField(
        _("Einladungsfrist (Tage)"),
        default=14,
        help_text=_(
            "§ 46 Abs. 1 GenG: mindestens zwei Wochen; die Satzung kann eine längere Frist bestimmen"
        ),
    )
    minority_percent = models.PositiveSmallIntegerField(
        _("Minderheit für das Einberufungsverlangen (%)"),
        default=10,
        help_text=_(
            "§ 45 Abs. 1 GenG: der zehnte Teil der Mitglieder, wenn die Satzung nichts anderes bestimmt"
        ),
    )

    class Meta:
        verbose_name = _("Einstellungen der Generalversammlung")
        verbose_name_plural = _("Einstellungen der Generalversammlung")

    def __str__(self) -> str:
        return str(_("Einstellungen der Generalversammlung"))


class Organ(models.TextChoices):
    BOARD = "board", _("Vorstand")
    SUPERVISORY = "supervisory", _("Aufsichtsrat")


class OrganSeat(Versioned):
    cooperative = models.ForeignKey("membership.Cooperative", on_delete=models.PROTECT, related_name="seats")
    organ = models.CharField(_("Organ"), max_length=20, choices=Organ.choices)
    person = models.CharField(_("Person"), max_length=200)
    function = models.CharField(_("Funktion"), max_length=200, blank=True)
    member = models.ForeignKey(
        "membership.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats",
        verbose_name=_("vertritt das Mitglied"),
    )
    started_on = models.DateField(_("Amtszeit von"))
    ended_on = models.DateField(_("Amtszeit bis"), null=True, blank=True)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Organmitglied")
        verbose_name_plural = _("Organmitglieder")
        ordering = ["organ", "started_on", "person"]

    def __str__(self) -> str:
        return f"{self.get_organ_display()}: {self.person}"


class AssemblyKind(models.TextChoices):
    ORDINARY = "ordinary", _("ordentliche Generalversammlung")
    EXTRAORDINARY = "extraordinary", _("außerordentliche Generalversammlung")


class AssemblyForm(models.TextChoices):
    IN_PERSON = "in_person", _("Präsenzversammlung")
    VIRTUAL = "virtual", _("virtuelle Versammlung (§ 43b GenG)")
    HYBRID = "hybrid", _("hybride Versammlung (§ 43b GenG)")


class ConvenedBy(models.TextChoices):
    BOARD = "board", _("Vorstand")
    SUPERVISORY = "supervisory", _("Aufsichtsrat")
    MINORITY = "minority", _("Minderheit der Mitglieder (§ 45 GenG)")


class AssemblyState(models.TextChoices):
    CONVENED = "convened", _("einberufen")
    HELD = "held", _("abgehalten")
    MINUTED = "minuted", _("Niederschrift unterzeichnet")


class Assembly(Versioned):
    cooperative = models.ForeignKey(
        "membership.Cooperative", on_delete=models.PROTECT, related_name="assemblies"
    )
    kind = models.CharField(_("Art"), max_length=20, choices=AssemblyKind.choices)
    form = models.CharField(_("Form"), max_length=20, choices=AssemblyForm.choices)
    date = models.DateField(_("Tag der Versammlung"))
    time = models.CharField(_("Beginn (Uhrzeit)"), max_length=5, blank=True)
    place = models.CharField(_("Ort oder Zugang"), max_length=300)
    convened_by = models.CharField(_("Einberufen durch"), max_length=20, choices=ConvenedBy.choices)
    demand_received_on = models.DateField(_("Verlangen der Minderheit eingegangen am"), null=True, blank=True)
    demanding_members = models.PositiveSmallIntegerField(
        _("Zahl der verlangenden Mitglieder"), null=True, blank=True
    )
    invited_on = models.DateField(_("Einladung versandt am"))
    business_year = models.PositiveSmallIntegerField(
        _("Geschäftsjahr des Jahresabschlusses"), null=True, blank=True
    )
    accounts_available_on = models.DateField(_("Jahresabschluss ausgelegt ab"), null=True, blank=True)
    universal = models.BooleanField(
        _("Universalversammlung"),
        default=False,
        help_text=_("Alle Mitglieder nehmen teil und verzichten auf Form und Frist der Einberufung."),
    )
    state = models.CharField(
        _("Stand"), max_length=20, choices=AssemblyState.choices, default=AssemblyState.CONVENED
    )
    chair = models.CharField(_("Versammlungsleitung"), max_length=200, blank=True)
    minute_taker = models.CharField(_("Protokollführung"), max_length=200, blank=True)
    board_signatory = models.ForeignKey(
        OrganSeat,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unterzeichnendes Vorstandsmitglied"),
    )
    minutes_signed_on = models.DateField(_("Niederschrift unterzeichnet am"), null=True, blank=True)
    note = models.TextField(_("Anmerkung"), blank=True)

    class Meta:
        verbose_name = _("Generalversammlung")
        verbose_name_plural = _("Generalversammlungen")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("governance:assembly_detail", args=[self.pk])


class ResolutionKind(models.TextChoices):
    NONE = "none", _("ohne Beschluss (Bericht, Aussprache)")
    SIMPLE = "simple", _("einfache Mehrheit (§ 43 Abs. 2 GenG)")
    STATUTE = "statute", _("Satzungsänderung, drei Viertel (§ 16 Abs. 2 GenG)")


class AgendaItem(models.Model):
    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("Nummer"))
    title = models.CharField(_("Gegenstand"), max_length=300)
    resolution_kind = models.CharField(
        _("Beschlussart"), max_length=20, choices=ResolutionKind.choices, default=ResolutionKind.SIMPLE
    )
    motion = models.TextField(_("Beschlussvorschlag"), blank=True)
    announced_on = models.DateField(_("angekündigt am"))

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["assembly", "number"], name="governance_item_number"),
        ]

    def __str__(self) -> str:
        return f"TOP {self.number}: {self.title}"


class Invitation(models.Model):
    """The invitation of one member, kept as proof: to whom, to which addresses, when it was queued
    (and, through the outbox mail, when it was sent)."""

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey("membership.Member", on_delete=models.PROTECT, related_name="+")
    recipient = models.CharField(_("Empfänger"), max_length=300, blank=True)
    addresses = models.CharField(_("Adressen"), max_length=1000, blank=True)
    mail = models.ForeignKey(
        "notifications.Mail", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    queued_on = models.DateField(_("vorgemerkt am"))

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["member__number"]
        constraints = [
            models.UniqueConstraint(fields=["assembly", "member"], name="governance_one_invitation"),
        ]

    def __str__(self) -> str:
        return f"{_('Einladung')}: {self.member_id} ({self.queued_on:%d.%m.%Y})"


class AttendanceMode(models.TextChoices):
    REPRESENTATIVE = "representative", _("durch die gesetzliche Vertretung")
    PROXY = "proxy", _("durch Bevollmächtigte (§ 43 Abs. 5 GenG)")


class Attendance(models.Model):
    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey("membership.Member", on_delete=models.PROTECT, related_name="+")
    mode = models.CharField(_("Teilnahme"), max_length=20, choices=AttendanceMode.choices)
    person = models.CharField(_("Person"), max_length=200)
    text_form = models.BooleanField(_("Vollmacht in Textform liegt vor"), default=False)
    revoked_proxy = models.CharField(_("widerrufene Vollmacht"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Teilnahme")
        verbose_name_plural = _("Teilnahmen")
        ordering = ["member__number"]
        constraints = [
            models.UniqueConstraint(fields=["assembly", "member"], name="governance_one_attendance"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_mode_display()})"


class Choice(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nein")
    ABSTAIN = "abstain", _("Enthaltung")


class Vote(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey("membership.Member", on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("Stimme"), max_length=10, choices=Choice.choices)
    cast_by = models.CharField(_("abgegeben durch"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Stimme")
        verbose_name_plural = _("Stimmen")
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="governance_one_vote_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.get_choice_display()}"
