"""The cooperative (eG): its statutes' values, candidates on their way in, the member register
(§ 30 GenG), share payments, the service catalogue and commissions (requests, offers, orders),
document templates and the documents generated from them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned
from ikz.lib.money import format_eur


class Cooperative(Versioned):
    """The eG that runs the platform's membership part, with the values its statutes fix."""

    name = models.CharField(_("Firma"), max_length=300)
    short_name = models.CharField(_("Kurzname"), max_length=100)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("PLZ"), max_length=5, blank=True)
    city = models.CharField(_("Sitz"), max_length=200)
    share_amount = models.DecimalField(
        _("Geschäftsanteil (€)"), max_digits=10, decimal_places=2, default=Decimal("500.00")
    )
    min_shares = models.PositiveSmallIntegerField(_("Pflichtanteile je Mitglied"), default=1)
    notice_months = models.PositiveSmallIntegerField(
        _("Kündigungsfrist (Monate)"),
        default=3,
        validators=[MinValueValidator(3), MaxValueValidator(60)],
        help_text=_("nach § 65 GenG mindestens 3 Monate, höchstens 5 Jahre"),
    )
    year_end_month = models.PositiveSmallIntegerField(
        _("Ende des Geschäftsjahres: Monat"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    year_end_day = models.PositiveSmallIntegerField(
        _("Ende des Geschäftsjahres: Tag"),
        default=31,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    additional_contributions_excluded = models.BooleanField(
        _("Nachschusspflicht ausgeschlossen"), default=True
    )
    audit_association = models.CharField(_("Prüfungsverband"), max_length=300, blank=True)
    board = models.CharField(_("Vorstand"), max_length=300, blank=True)
    statutes_version = models.CharField(_("Fassung der Satzung"), max_length=200, blank=True)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    growth_goal = models.PositiveSmallIntegerField(
        _("Wachstumsziel (Mitglieder)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    growth_goal_by = models.DateField(_("Wachstumsziel bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Genossenschaft")
        verbose_name_plural = _("Genossenschaften")

    def __str__(self) -> str:
        return self.short_name or self.name


class LetterOfIntent(Versioned):
    """A Letter of Intent (Absichtserklärung): a body declares it means to join; the stage before
    step 1 of the onboarding, counted for the growth goal (seed 000: "über 15 Kommunen mit Letter of
    Intent")."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="letters_of_intent")
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="letters_of_intent",
        verbose_name=_("Kommune oder kommunale Organisation"),
    )
    signed_on = models.DateField(_("unterzeichnet am"))
    signatory = models.CharField(_("unterzeichnet durch"), max_length=200, blank=True)
    withdrawn_on = models.DateField(_("zurückgezogen am"), null=True, blank=True)
    onboarding = models.OneToOneField(
        "Onboarding", on_delete=models.SET_NULL, null=True, blank=True, related_name="letter_of_intent"
    )
    note = models.CharField(_("Anmerkung"), max_length=500, blank=True)
    is_illustrative = models.BooleanField(_("Demodaten (illustrativ)"), default=False)

    class Meta:
        verbose_name = _("Absichtserklärung")
        verbose_name_plural = _("Absichtserklärungen")
        ordering = ["-signed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "municipality"],
                condition=Q(withdrawn_on__isnull=True),
                name="membership_one_open_letter_of_intent",
            )
        ]

    def __str__(self) -> str:
        return f"{_('Absichtserklärung')}: {self.municipality}"


class Step(models.IntegerChoices):
    INTENT = 1, _("Schritt 1: Beitrittsabsicht")
    COMMITTEES = 2, _("Schritt 2: Gremienlauf")
    RESOLUTION = 3, _("Schritt 3: Positiver Beschluss")
    MEMBERSHIP = 4, _("Schritt 4: Mitgliedschaft")


class OnboardingStatus(models.TextChoices):
    ACTIVE = "active", _("im Beitritt")
    MEMBER = "member", _("Mitglied")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


class Onboarding(Versioned):
    """One candidate's way into the cooperative, in the four steps of the join guide (seed 000)."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="onboardings")
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="onboardings",
        verbose_name=_("Interessent"),
    )
    step = models.PositiveSmallIntegerField(_("Schritt"), choices=Step.choices, default=Step.INTENT)
    status = models.CharField(
        _("Stand"), max_length=20, choices=OnboardingStatus.choices, default=OnboardingStatus.ACTIVE
    )
    eligibility_reason = models.TextField(_("Prüfung der Mitgliedsfähigkeit"), blank=True)
    contact_name = models.CharField(_("Ansprechperson beim Interessenten"), max_length=200, blank=True)
    # step 1
    kickoff_on = models.DateField(_("Auftaktmeeting am"), null=True, blank=True)
    kickoff_participants = models.TextField(_("Teilnehmende am Auftaktmeeting"), blank=True)
    presentation_on = models.DateField(_("Interne Präsentation am"), null=True, blank=True)
    draft_resolution_on = models.DateField(_("Beschlussvorlage erstellt am"), null=True, blank=True)
    # the day each step was completed (entered when advancing; step 4: executed_on)
    intent_completed_on = models.DateField(_("Schritt 1 abgeschlossen am"), null=True, blank=True)
    committees_completed_on = models.DateField(_("Schritt 2 abgeschlossen am"), null=True, blank=True)
    resolution_completed_on = models.DateField(_("Schritt 3 abgeschlossen am"), null=True, blank=True)
    # step 3
    resolution_on = models.DateField(_("Positiver Beschluss am"), null=True, blank=True)
    resolution_body = models.CharField(_("Beschließendes Gremium"), max_length=200, blank=True)
    authority = models.CharField(_("Aufsichtsbehörde"), max_length=300, blank=True)
    planned_execution_on = models.DateField(_("Geplanter Vollzug am"), null=True, blank=True)
    notice_drafted_on = models.DateField(
        _("Anschreiben an die Aufsichtsbehörde erstellt am"), null=True, blank=True
    )
    notice_sent_on = models.DateField(_("Anzeige versandt am"), null=True, blank=True)
    notice_received_on = models.DateField(_("Anzeige eingegangen am"), null=True, blank=True)
    reply_on = models.DateField(_("Antwort der Aufsichtsbehörde am"), null=True, blank=True)
    reply_note = models.CharField(_("Inhalt der Antwort"), max_length=300, blank=True)
    declaration_sent_on = models.DateField(_("Beitrittserklärung versandt am"), null=True, blank=True)
    declaration_signed_on = models.DateField(_("Beitrittserklärung unterzeichnet am"), null=True, blank=True)
    declaration_received_on = models.DateField(_("Beitrittserklärung eingegangen am"), null=True, blank=True)
    agreement_sent_on = models.DateField(_("Kooperationsvereinbarung versandt am"), null=True, blank=True)
    agreement_signed_on = models.DateField(
        _("Kooperationsvereinbarung unterzeichnet am"), null=True, blank=True
    )
    agreement_received_on = models.DateField(
        _("Kooperationsvereinbarung eingegangen am"), null=True, blank=True
    )
    # step 4
    executed_on = models.DateField(_("Vollzug der Mitgliedschaft am"), null=True, blank=True)
    invoice_on = models.DateField(_("Rechnung Geschäftsanteil am"), null=True, blank=True)
    receipt_on = models.DateField(_("Zahlungsbeleg versandt am"), null=True, blank=True)
    note = models.TextField(_("Anmerkung"), blank=True)
    is_illustrative = models.BooleanField(_("Demodaten (illustrativ)"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    class Meta:
        verbose_name = _("Beitritt")
        verbose_name_plural = _("Beitritte")
        ordering = ["-step", "municipality__short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "municipality"],
                condition=Q(status="active"),
                name="membership_one_active_onboarding",
            )
        ]

    def __str__(self) -> str:
        return f"{_('Beitritt')}: {self.municipality}"

    def get_absolute_url(self) -> str:
        return reverse("membership:onboarding_detail", args=[self.pk])


class SessionOutcome(models.TextChoices):
    PLANNED = "planned", _("geplant")
    APPROVED = "approved", _("zugestimmt")
    POSTPONED = "postponed", _("vertagt")
    REJECTED = "rejected", _("abgelehnt")


class CommitteeSession(models.Model):
    """A planned or held session of one body (Verwaltungsrat, Kreisausschuss, Kreistag …)."""

    onboarding = models.ForeignKey(Onboarding, on_delete=models.CASCADE, related_name="sessions")
    body = models.CharField(_("Gremium"), max_length=200)
    date = models.DateField(_("Sitzung am"))
    outcome = models.CharField(
        _("Ergebnis"), max_length=20, choices=SessionOutcome.choices, default=SessionOutcome.PLANNED
    )
    note = models.CharField(_("Anmerkung"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Gremiensitzung")
        verbose_name_plural = _("Gremiensitzungen")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.body} ({self.date:%d.%m.%Y})"


class CheckIn(models.Model):
    onboarding = models.ForeignKey(Onboarding, on_delete=models.CASCADE, related_name="checkins")
    date = models.DateField(_("Check-in am"))
    note = models.CharField(_("Ergebnis / Notiz"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Check-in-Meeting")
        verbose_name_plural = _("Check-in-Meetings")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"Check-in {self.date:%d.%m.%Y}"


class OpenQuestion(models.Model):
    onboarding = models.ForeignKey(Onboarding, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField(_("Frage"), max_length=500)
    asked_on = models.DateField(_("gestellt am"))
    answered_on = models.DateField(_("beantwortet am"), null=True, blank=True)
    answer = models.CharField(_("Antwort"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("Offene Frage")
        verbose_name_plural = _("Offene Fragen")
        ordering = ["asked_on", "pk"]

    def __str__(self) -> str:
        return self.question[:80]


class MemberQuerySet(models.QuerySet["Member"]):
    def not_left_by(self, day: dt.date) -> MemberQuerySet:
        """Entries whose exit (if any) is on ``day`` or later: still members on that day."""
        return self.exclude(exit_on__lt=day)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValidationError(_("Mitglieder werden nicht gelöscht; ein Austritt wird eingetragen."))


class Member(Versioned):
    """An entry of the member register (Mitgliederliste, § 30 GenG). Never deleted: an exit is
    recorded, and the entry is kept at least until ``retention_until``."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="members")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="cooperative_memberships"
    )
    onboarding = models.OneToOneField(
        Onboarding, on_delete=models.PROTECT, null=True, blank=True, related_name="member"
    )
    number = models.CharField(_("Mitgliedsnummer"), max_length=20)
    legal_name = models.CharField(_("Name / Firma"), max_length=300)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("PLZ"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=200, blank=True)
    official_key = models.CharField(_("Amtlicher Schlüssel"), max_length=12, blank=True)
    shares = models.PositiveSmallIntegerField(
        _("Geschäftsanteile"), default=1, validators=[MinValueValidator(1)]
    )
    admitted_on = models.DateField(_("Eintritt wirksam am"))
    exit_notice_on = models.DateField(_("Kündigung eingegangen am"), null=True, blank=True)
    exit_on = models.DateField(_("Austritt wirksam am"), null=True, blank=True)
    exit_reason = models.CharField(_("Grund des Ausscheidens"), max_length=300, blank=True)
    retention_until = models.DateField(_("Aufbewahrung bis"), null=True, blank=True)
    representative = models.CharField(_("Vertretung in den Organen"), max_length=300, blank=True)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("Mitglied")
        verbose_name_plural = _("Mitglieder")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "number"], name="membership_member_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.legal_name}"

    def get_absolute_url(self) -> str:
        return reverse("membership:member_detail", args=[self.pk])

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValidationError(_("Mitglieder werden nicht gelöscht; ein Austritt wird eingetragen."))

    @property
    def address(self) -> str:
        return ", ".join(p for p in [self.street, f"{self.postal_code} {self.city}".strip()] if p)

    @property
    def additional_shares(self) -> int:
        return max(self.shares - 1, 0)


class ShareEvent(models.Model):
    """A change in the number of shares with the date it takes effect (§ 30 Abs. 2 Nr. 2, 5 GenG)."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="share_events")
    delta = models.SmallIntegerField(_("Änderung der Anteile"))
    effective_on = models.DateField(_("wirksam am"))
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Änderung der Geschäftsanteile")
        verbose_name_plural = _("Änderungen der Geschäftsanteile")
        ordering = ["effective_on", "pk"]

    def __str__(self) -> str:
        return f"{self.delta:+d} ({self.effective_on:%d.%m.%Y})"


class Payment(models.Model):
    """A payment on the member's shares (Einzahlung auf den Geschäftsanteil)."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(_("Betrag (€)"), max_digits=10, decimal_places=2)
    paid_on = models.DateField(_("eingegangen am"))
    reference = models.CharField(_("Verwendungszweck / Beleg"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Einzahlung")
        verbose_name_plural = _("Einzahlungen")
        ordering = ["paid_on", "pk"]

    def __str__(self) -> str:
        return f"{self.amount} € ({self.paid_on:%d.%m.%Y})"


class ServiceCategory(models.TextChoices):
    ADVISORY = "advisory", _("Beratungsleistung")
    IMPLEMENTATION = "implementation", _("Umsetzungsleistung")
    PRODUCT = "product", _("Produkt")


class Service(Versioned):
    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="services")
    category = models.CharField(_("Art"), max_length=20, choices=ServiceCategory.choices)
    name = models.CharField(_("Leistung"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    is_active = models.BooleanField(_("bestellbar"), default=True)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Leistung")
        verbose_name_plural = _("Leistungen")
        ordering = ["category", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "name"], name="membership_service_name")
        ]

    def __str__(self) -> str:
        return self.name


class RequestStatus(models.TextChoices):
    OPEN = "open", _("angefragt")
    OFFERED = "offered", _("Angebot liegt vor")
    ORDERED = "ordered", _("beauftragt")
    DECLINED = "declined", _("Angebot abgelehnt")


class ServiceRequest(Versioned):
    """A member asks for a service; the office answers with an individual offer."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="requests")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="requests")
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="requests", verbose_name=_("Leistung")
    )
    description = models.TextField(_("Bedarf"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_on = models.DateField(_("angefragt am"))
    status = models.CharField(
        _("Stand"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    is_illustrative = models.BooleanField(_("Demodaten (illustrativ)"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Anfrage")
        verbose_name_plural = _("Anfragen")
        ordering = ["-requested_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.service} – {self.member.legal_name}"

    def get_absolute_url(self) -> str:
        return reverse("membership:request_detail", args=[self.pk])


class VatTreatment(models.TextChoices):
    STANDARD = "standard", _("umsatzsteuerpflichtig, 19 %")
    REDUCED = "reduced", _("umsatzsteuerpflichtig, 7 %")
    EXEMPT = "exempt", _("umsatzsteuerfrei")
    NOT_TAXABLE = "not_taxable", _("nicht steuerbar")


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SENT = "sent", _("versandt")
    ACCEPTED = "accepted", _("angenommen")
    DECLINED = "declined", _("abgelehnt")


class Offer(Versioned):
    request = models.OneToOneField(ServiceRequest, on_delete=models.PROTECT, related_name="offer")
    number = models.CharField(_("Angebotsnummer"), max_length=30)
    title = models.CharField(_("Titel"), max_length=300)
    vat_treatment = models.CharField(
        _("Umsatzsteuer"), max_length=20, choices=VatTreatment.choices, default=VatTreatment.STANDARD
    )
    valid_until = models.DateField(_("gültig bis"))
    status = models.CharField(
        _("Stand"), max_length=20, choices=OfferStatus.choices, default=OfferStatus.DRAFT
    )
    sent_on = models.DateField(_("versandt am"), null=True, blank=True)
    decided_on = models.DateField(_("entschieden am"), null=True, blank=True)
    note = models.TextField(_("Hinweise"), blank=True)

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class OfferLine(models.Model):
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("Pos."))
    text = models.CharField(_("Leistung"), max_length=300)
    quantity = models.DecimalField(_("Menge"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("Einheit"), max_length=30)
    unit_price = models.DecimalField(_("Einzelpreis netto (€)"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("Angebotsposition")
        verbose_name_plural = _("Angebotspositionen")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.text}"


class Order(models.Model):
    """An accepted offer: the commission (Auftrag) with the amounts at acceptance."""

    offer = models.OneToOneField(Offer, on_delete=models.PROTECT, related_name="order")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="orders")
    number = models.CharField(_("Auftragsnummer"), max_length=30, unique=True)
    ordered_on = models.DateField(_("beauftragt am"))
    net = models.DecimalField(_("Netto (€)"), max_digits=12, decimal_places=2)
    gross = models.DecimalField(_("Brutto (€)"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("Auftrag")
        verbose_name_plural = _("Aufträge")
        ordering = ["-ordered_on", "-pk"]

    def __str__(self) -> str:
        return self.number


class OtherTurnover(models.Model):
    """Turnover with others than members in a year (for the 80 % criterion of § 108 GWB)."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="other_turnover")
    year = models.PositiveSmallIntegerField(_("Jahr"))
    amount = models.DecimalField(_("Umsatz netto (€)"), max_digits=12, decimal_places=2)
    description = models.CharField(_("Beschreibung"), max_length=300)

    class Meta:
        verbose_name = _("Umsatz mit Dritten")
        verbose_name_plural = _("Umsätze mit Dritten")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}: {format_eur(self.amount)}"


class DocumentKind(models.TextChoices):
    DRAFT_RESOLUTION = "beschlussvorlage", _("Beschlussvorlage")
    AUTHORITY_LETTER = "anzeige", _("Anschreiben an die Aufsichtsbehörde")
    DECLARATION = "beitrittserklaerung", _("Beitrittserklärung")
    AGREEMENT = "kooperationsvereinbarung", _("Kooperationsvereinbarung")
    RECEIPT = "zahlungsbeleg", _("Zahlungsbeleg")


class DocumentTemplate(Versioned):
    """The office's wording of one document; ``{Platzhalter}`` are filled from the onboarding.

    With a Word template (``docx``, docxtpl with ``{{ Platzhalter }}``) the DOCX is filled from that
    file and the PDF carries its text; title and body then stay as the fallback."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="templates")
    kind = models.CharField(_("Dokument"), max_length=30, choices=DocumentKind.choices)
    title = models.CharField(_("Überschrift"), max_length=300)
    body = models.TextField(
        _("Text"),
        help_text=_("Absätze durch Leerzeilen trennen; „# “ am Zeilenanfang macht eine Zwischenüberschrift."),
    )
    docx = models.BinaryField(_("Word-Vorlage (DOCX)"), null=True, blank=True)
    docx_name = models.CharField(_("Dateiname der Word-Vorlage"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    class Meta:
        verbose_name = _("Dokumentvorlage")
        verbose_name_plural = _("Dokumentvorlagen")
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "kind"], name="membership_template_kind")
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class GeneratedDocument(models.Model):
    """A document as generated (DOCX and PDF), stored with its onboarding."""

    onboarding = models.ForeignKey(Onboarding, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("Dokument"), max_length=30, choices=DocumentKind.choices)
    title = models.CharField(_("Titel"), max_length=300)
    docx = models.BinaryField(_("DOCX"))
    pdf = models.BinaryField(_("PDF"))
    template_version = models.PositiveIntegerField(_("Vorlagenfassung"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("erstellt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Erstelltes Dokument")
        verbose_name_plural = _("Erstellte Dokumente")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%d.%m.%Y})"
