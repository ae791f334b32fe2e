"""What the office publishes on the public portal: news, and which cooperations of the
inventory appear (the inventory itself stays internal until published)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned


class News(Versioned):
    region = models.ForeignKey(
        "municipalities.Region", on_delete=models.CASCADE, related_name="news", verbose_name=_("Region")
    )
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzbezeichnung in Adressen"), max_length=80)
    date = models.DateField(_("Datum"))
    text = models.TextField(_("Text"))
    published = models.BooleanField(_("veröffentlicht"), default=False)

    class Meta:
        verbose_name = _("Neuigkeit")
        verbose_name_plural = _("Neuigkeiten")
        ordering = ["-date", "title"]
        constraints = [models.UniqueConstraint(fields=["region", "slug"], name="news_slug_per_region")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:news_detail", args=[self.region.slug, self.slug])


class PublishedCooperation(models.Model):
    """A cooperation of the inventory that the office shows on the portal."""

    cooperation = models.OneToOneField(
        "cooperation.Cooperation",
        on_delete=models.CASCADE,
        related_name="publication",
        verbose_name=_("Kooperation"),
    )
    published_at = models.DateTimeField(_("veröffentlicht am"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("veröffentlichte Kooperation")
        verbose_name_plural = _("veröffentlichte Kooperationen")

    def __str__(self) -> str:
        return str(self.cooperation)
