"""The operator's legal pages: Impressum and Datenschutzerklärung (one text each) and the
Erklärung zur Barrierefreiheit (structured, as § 7 BITV 2.0 and the EU model statement ask). A page
that has no row yet is not written: the public page shows a placeholder, the platform-wide office a
task on its start page. Texts are plain text, shown escaped with their paragraphs (decision 180)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned
from ikz.legal.rules import CONFORMITY_CHOICES, LAND_CHOICES


class PageKind(models.TextChoices):
    IMPRINT = "impressum", _("Impressum")
    PRIVACY = "datenschutzerklaerung", _("Datenschutzerklärung")


class LegalPage(Versioned):
    kind = models.CharField(_("Seite"), max_length=30, choices=PageKind.choices, unique=True)
    body = models.TextField(_("Text"))
    changed_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("rechtliche Seite")
        verbose_name_plural = _("rechtliche Seiten")

    def __str__(self) -> str:
        return str(self.get_kind_display())


class AccessibilityStatement(Versioned):
    """The one accessibility statement of the platform (``key`` keeps it to one row)."""

    KEY = "erklaerung"

    key = models.CharField(max_length=20, default=KEY, unique=True, editable=False)
    conformity = models.CharField(_("Stand der Vereinbarkeit"), max_length=20, choices=CONFORMITY_CHOICES)
    limitations = models.TextField(_("Nicht barrierefreie Inhalte"), blank=True)
    statement_date = models.DateField(_("Datum der Erklärung"))
    reviewed_on = models.DateField(_("zuletzt überprüft am"), null=True, blank=True)
    contact_email = models.EmailField(_("E-Mail-Adresse für Rückmeldungen"), blank=True)
    contact_phone = models.CharField(_("Telefonnummer für Rückmeldungen"), max_length=40, blank=True)
    enforcement_land = models.CharField(
        _("Schlichtungs- oder Durchsetzungsstelle des Landes"),
        max_length=2,
        choices=LAND_CHOICES,
        blank=True,
    )
    enforcement_other = models.TextField(_("andere Schlichtungs- oder Durchsetzungsstelle"), blank=True)
    body = models.TextField(_("Weitere Angaben"), blank=True)
    changed_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Erklärung zur Barrierefreiheit")
        verbose_name_plural = _("Erklärungen zur Barrierefreiheit")

    def __str__(self) -> str:
        return str(_("Erklärung zur Barrierefreiheit"))
