"""The cooperative's e-invoices (decisions 250–255): the seller data of the cooperative, each
member's billing data (Leitweg-ID, invoice address), the gapless number counter per cooperative
and year, and the issued invoices and credit notes with their lines. An issued invoice is never
changed or deleted: it keeps the XRechnung XML and the PDF as issued; a credit note cancels it."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned
from ikz.invoicing.rules import money
from ikz.membership.models import Cooperative, Member, Order


class SellerProfile(Versioned):
    """What every invoice of the cooperative says about the seller besides name and address (those
    stay in the cooperative's master data)."""

    cooperative = models.OneToOneField(Cooperative, on_delete=models.PROTECT, related_name="seller_profile")
    vat_id = models.CharField(_("Umsatzsteuer-Identifikationsnummer"), max_length=20, blank=True)
    tax_number = models.CharField(_("Steuernummer"), max_length=30, blank=True)
    register = models.CharField(
        _("Registereintrag"),
        max_length=120,
        blank=True,
        help_text=_("z. B. „Genossenschaftsregister GnR 123, Amtsgericht Wetzlar“"),
    )
    iban = models.CharField(_("IBAN"), max_length=34)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    bank_name = models.CharField(_("Bank"), max_length=120, blank=True)
    contact_name = models.CharField(_("Ansprechperson"), max_length=120)
    phone = models.CharField(_("Telefon"), max_length=40)
    email = models.EmailField(_("E-Mail"))
    payment_days = models.PositiveSmallIntegerField(_("Zahlungsziel in Tagen"), default=30)
    changed_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Rechnungsangaben der Genossenschaft")
        verbose_name_plural = _("Rechnungsangaben der Genossenschaft")

    def __str__(self) -> str:
        return str(_("Rechnungsangaben der Genossenschaft"))


class BillingAddress(Versioned):
    """Where and how a member receives invoices: its Leitweg-ID (BT-10/BT-49) and invoice address."""

    member = models.OneToOneField(Member, on_delete=models.PROTECT, related_name="billing")
    needs_leitweg = models.BooleanField(
        _("öffentliche Stelle (braucht eine Leitweg-ID)"),
        default=True,
        help_text=_("Kommunen, Kreise und Zweckverbände empfangen E-Rechnungen über ihre Leitweg-ID."),
    )
    leitweg_id = models.CharField(
        _("Leitweg-ID"),
        max_length=46,
        blank=True,
        help_text=_("Grobadressierung-Feinadressierung-Prüfziffer, z. B. 06433003-0001-27"),
    )
    recipient = models.CharField(_("Rechnungsempfänger"), max_length=300, blank=True)
    department = models.CharField(_("Abteilung / zu Händen"), max_length=200, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("PLZ"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail für Rechnungen"), blank=True)
    is_illustrative = models.BooleanField(_("Demodaten (illustrativ)"), default=False)
    changed_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Rechnungsdaten eines Mitglieds")
        verbose_name_plural = _("Rechnungsdaten der Mitglieder")

    def __str__(self) -> str:
        return str(_("Rechnungsdaten: %(m)s") % {"m": self.member.legal_name})


class InvoiceCounter(models.Model):
    """The last number given per cooperative and year; locked while an invoice is issued, so that
    numbers are gapless and never given twice (decision 251)."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "year"], name="invoicing_one_counter_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class InvoiceKind(models.TextChoices):
    INVOICE = "380", _("Rechnung")
    CREDIT_NOTE = "381", _("Gutschrift (Storno)")


class Subject(models.TextChoices):
    SHARE = "share", _("Geschäftsanteil")
    ORDER = "order", _("Auftrag")


class Invoice(models.Model):
    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="invoices")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="invoices")
    kind = models.CharField(_("Art"), max_length=3, choices=InvoiceKind.choices, default=InvoiceKind.INVOICE)
    subject = models.CharField(_("Gegenstand"), max_length=10, choices=Subject.choices)
    order = models.ForeignKey(
        Order,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
        verbose_name=_("Auftrag"),
    )
    cancels = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_note",
        verbose_name=_("storniert Rechnung"),
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    sequence = models.PositiveIntegerField(_("laufende Nummer"))
    number = models.CharField(_("Rechnungsnummer"), max_length=30)
    issued_on = models.DateField(_("Rechnungsdatum"))
    delivered_on = models.DateField(_("Leistungsdatum"))
    due_on = models.DateField(_("fällig am"))
    buyer_reference = models.CharField(_("Leitweg-ID"), max_length=46)
    buyer_name = models.CharField(_("Rechnungsempfänger"), max_length=300)
    note = models.TextField(_("Hinweis"), blank=True)
    net = models.DecimalField(_("Netto (€)"), max_digits=12, decimal_places=2)
    tax = models.DecimalField(_("Umsatzsteuer (€)"), max_digits=12, decimal_places=2)
    gross = models.DecimalField(_("Brutto (€)"), max_digits=12, decimal_places=2)
    xml = models.BinaryField(_("XRechnung (XML)"))
    pdf = models.BinaryField(_("PDF"))
    is_illustrative = models.BooleanField(_("Demodaten (illustrativ)"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("erstellt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Rechnung")
        verbose_name_plural = _("Rechnungen")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "year", "sequence"], name="invoicing_number_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("invoicing:invoice_detail", args=[self.pk])


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")
    position = models.PositiveSmallIntegerField(_("Pos."))
    text = models.CharField(_("Leistung"), max_length=300)
    quantity = models.DecimalField(_("Menge"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("Einheit (UN/ECE Rec. 20)"), max_length=3)
    unit_price = models.DecimalField(_("Einzelpreis netto (€)"), max_digits=12, decimal_places=2)
    category = models.CharField(_("Steuerkategorie"), max_length=2)
    rate = models.DecimalField(_("Steuersatz (%)"), max_digits=5, decimal_places=2)
    reason = models.CharField(_("Befreiungsgrund"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Rechnungsposition")
        verbose_name_plural = _("Rechnungspositionen")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.text}"

    @property
    def net(self) -> Decimal:
        return money(self.quantity * self.unit_price)
