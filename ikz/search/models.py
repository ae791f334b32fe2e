"""The search index: one entry per searchable object (a document, a cooperation, a solution …)."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """What the search knows of one object. ``source`` names the registered source
    (ikz/search/registry.py), which also decides who may see the object."""

    source = models.CharField(_("Quelle"), max_length=30)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(_("Titel"), max_length=300)
    body = models.TextField(_("Text"), blank=True)
    url = models.CharField(max_length=300)
    kind = models.CharField(_("Art"), max_length=30, blank=True)
    region = models.ForeignKey(
        "municipalities.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("Jahr"), null=True, blank=True)
    fields = models.ManyToManyField("cooperation.CooperationField", blank=True, related_name="+")
    # SQLite: space-framed German stems (ikz.search.rules.token_text), matched with LIKE.
    tokens = models.TextField(blank=True)
    # PostgreSQL: to_tsvector('german', folded text); stays empty on SQLite.
    vector = SearchVectorField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Sucheintrag")
        verbose_name_plural = _("Sucheinträge")
        constraints = [models.UniqueConstraint(fields=["source", "object_id"], name="search_entry_once")]
        indexes = [models.Index(fields=["source", "object_id"], name="search_entry_source")]

    def __str__(self) -> str:
        return self.title
