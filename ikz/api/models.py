"""API keys: personal ones (the rights of their person) and those of technical accounts (a named
system of a region, not a person: read-only, with an expiry date). Only the SHA-256 hash of the
secret is stored; the secret is shown once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    FULL = "full", _("lesen und ändern (Rechte der Person)")
    READ = "read", _("nur lesen")


class TechnicalAccount(models.Model):
    """A system that synchronises with the platform (e.g. the Kreis's records system). It reads
    what the office of its region reads."""

    name = models.CharField(_("Bezeichnung"), max_length=100)
    region = models.ForeignKey(
        "municipalities.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Region"),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )

    class Meta:
        verbose_name = _("Technisches Konto")
        verbose_name_plural = _("Technische Konten")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="api_technical_account_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("Person"),
        null=True,
        blank=True,
    )
    account = models.ForeignKey(
        TechnicalAccount,
        on_delete=models.CASCADE,
        related_name="tokens",
        verbose_name=_("Technisches Konto"),
        null=True,
        blank=True,
    )
    scope = models.CharField(_("Umfang"), max_length=10, choices=Scope.choices, default=Scope.FULL)
    name = models.CharField(_("Bezeichnung"), max_length=100)
    prefix = models.CharField(_("Anfang des Schlüssels"), max_length=8, db_index=True)
    secret_hash = models.CharField(_("SHA-256 des Schlüssels"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    expires_at = models.DateTimeField(_("gültig bis"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("zuletzt benutzt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-Schlüssel")
        verbose_name_plural = _("API-Schlüssel")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A key belongs to a person or to a technical account, never both, never neither;
            # a technical account's key only reads and always expires.
            models.CheckConstraint(
                condition=(
                    models.Q(user__isnull=False, account__isnull=True)
                    | models.Q(
                        user__isnull=True, account__isnull=False, scope="read", expires_at__isnull=False
                    )
                ),
                name="api_token_person_or_technical",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    @property
    def technical(self) -> bool:
        return self.account_id is not None


class RateCount(models.Model):
    """Requests of one caller (``bucket``: a key, a person or an address) in one minute. Counted in
    the database, so every app server sees the same count (they share only PostgreSQL)."""

    bucket = models.CharField(max_length=80)
    minute = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bucket", "minute"], name="api_rate_bucket_minute")]
        indexes = [models.Index(fields=["minute"], name="api_rate_minute")]

    def __str__(self) -> str:
        return f"{self.bucket} {self.minute:%H:%M}: {self.hits}"
