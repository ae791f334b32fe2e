"""The document library: documents with metadata and visibility, and their versions (files)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned


class DocType(models.TextChoices):
    CHARTER = "charter", _("Charta")
    REPORT = "report", _("Bericht")
    AGREEMENT = "agreement", _("Vereinbarung")
    MODEL_DRAFT = "model_draft", _("Musterentwurf")
    PRESENTATION = "presentation", _("Präsentation")
    PRESS = "press", _("Presseartikel")
    OTHER = "other", _("Sonstiges")


class Visibility(models.TextChoices):
    """Who sees a document (see ikz/documents/access.py)."""

    INTERNAL = "internal", _("intern (Geschäftsstelle und eigene Kommune)")
    REGION = "region", _("Region")
    MEMBERS = "members", _("Mitglieder")
    PUBLIC = "public", _("öffentlich")


class Document(Versioned):
    title = models.CharField(_("Titel"), max_length=300)
    doc_type = models.CharField(_("Art"), max_length=20, choices=DocType.choices)
    date = models.DateField(_("Datum"))
    description = models.TextField(_("Beschreibung"), blank=True)
    fields = models.ManyToManyField(
        "cooperation.CooperationField",
        blank=True,
        related_name="documents",
        verbose_name=_("Kooperationsfelder"),
    )
    region = models.ForeignKey(
        "municipalities.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("Region"),
    )
    cooperation = models.ForeignKey(
        "cooperation.Cooperation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("Kooperation"),
    )
    owner = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("Kommune (Eigentümerin)"),
    )
    visibility = models.CharField(
        _("Sichtbarkeit"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        ordering = ["-date", "title"]
        indexes = [
            # Covers the access filter (visibility, region, owner → id) on PostgreSQL: the search's
            # sub-query over 20,000 documents reads the index only, not the wide rows with text.
            models.Index(
                fields=["visibility", "region", "owner"], include=["id"], name="document_visibility_region"
            ),
            # The library lists newest first, 50 a page: with this index the database reads the
            # documents in list order and stops after the page instead of sorting all 20,000.
            models.Index(fields=["-date", "title", "id"], name="document_list_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:document_detail", args=[self.pk])


class DocumentVersion(models.Model):
    """One uploaded file of a document; a new upload adds a version, the old ones stay."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("Fassung"))
    file = models.FileField(_("Datei"), upload_to="documents/%Y/")
    filename = models.CharField(_("Dateiname"), max_length=255)
    size = models.PositiveBigIntegerField(_("Größe (Bytes)"))
    content_type = models.CharField(_("Dateityp"), max_length=100)
    text = models.TextField(_("extrahierter Text"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hochgeladen von"),
    )
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Fassung")
        verbose_name_plural = _("Fassungen")
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_number")]

    def __str__(self) -> str:
        return f"{self.document} – {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("documents:version_download", args=[self.document_id, self.pk])
